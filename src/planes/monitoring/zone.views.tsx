// How a progress figure reads on every page: the percentage, the expected by today, the zone as a word
// with its colour (never the colour alone) and «Atrasada» when behind schedule. Shared by the plan page,
// the monitoring dashboard and the follow-ups.
import { formatNumber } from "../../shared/words.ts";
import { ZONE_COLOUR_NAMES, ZONE_LABELS, type ZoneKey, type Zones } from "../progress/zones.rules.ts";

export interface FigureLike {
  progress: number;
  expected: number | null;
  behind: boolean;
  zone: ZoneKey;
}

/** «45 %», whole numbers as OCI's matrix shows them. */
export const percentText = (value: number | null) =>
  value === null ? "Sin fechas" : `${formatNumber(Math.round(value))} %`;

/** The zone as a word on its colour. */
export function ZoneTag({ zone }: { zone: ZoneKey }) {
  return <span class={`zone zone--${zone}`}>{ZONE_LABELS[zone]}</span>;
}

/** «Atrasada» (an activity) or «Con atraso» (a level, whatever the gender of its name). */
export function BehindTag({ figures, label = "Atrasada" }: { figures: FigureLike; label?: string }) {
  return figures.behind ? <strong class="behind">{label}</strong> : null;
}

/** One line: «Avance validado 45 % · esperado a hoy 60 % · zona Bajo · Con atraso». */
export function ProgressLine({ figures, behindLabel }: { figures: FigureLike; behindLabel?: string }) {
  return (
    <p class="progress-line">
      Avance validado: <strong>{percentText(figures.progress)}</strong> · Esperado a hoy:{" "}
      {percentText(figures.expected)} · Zona: <ZoneTag zone={figures.zone} />
      {figures.behind && (
        <>
          {" "}
          · <BehindTag figures={figures} label={behindLabel} />
        </>
      )}
    </p>
  );
}

/** What each zone means for this plan type: «Bajo de 0 % a 59 % (rojo)». */
export function ZoneLegend({ zones }: { zones: Zones }) {
  const ranges: Record<ZoneKey, [number, number]> = {
    bajo: [0, zones.lowMax],
    medio: [zones.lowMax + 1, zones.midMax],
    alto: [zones.midMax + 1, 100],
  };
  return (
    <ul class="zone-legend">
      {(["bajo", "medio", "alto"] as const).map((zone) => (
        <li>
          <ZoneTag zone={zone} /> de {ranges[zone][0]} % a {ranges[zone][1]} % ({ZONE_COLOUR_NAMES[zone]})
        </li>
      ))}
    </ul>
  );
}
