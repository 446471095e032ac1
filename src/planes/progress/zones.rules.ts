// Score zones (docs/DOMAIN.md, «Planes»): configurable per plan type (and per indicator), by default
// 0–59 % bajo (rojo), 60–79 % medio (amarillo), 80–100 % alto (verde).

export type ZoneKey = "bajo" | "medio" | "alto";

/** The highest whole percentage of the low and of the medium zone; the high zone is what is above. */
export interface Zones {
  lowMax: number;
  midMax: number;
}

export const DEFAULT_ZONES: Zones = { lowMax: 59, midMax: 79 };

export const ZONE_LABELS: Record<ZoneKey, string> = { bajo: "Bajo", medio: "Medio", alto: "Alto" };
export const ZONE_COLOUR_NAMES: Record<ZoneKey, string> = { bajo: "rojo", medio: "amarillo", alto: "verde" };
/** Fill colours for spreadsheets and PDFs: light enough for black text at WCAG AA contrast. */
export const ZONE_FILLS: Record<ZoneKey, string> = { bajo: "F8D7DA", medio: "FFF3CD", alto: "D1E7DD" };

/** Scores are compared as whole percentages (59.6 % is 60 %, medio), as OCI's matrix shows them. */
export function zoneOf(percent: number, zones: Zones = DEFAULT_ZONES): ZoneKey {
  const whole = Math.round(percent);
  if (whole <= zones.lowMax) return "bajo";
  if (whole <= zones.midMax) return "medio";
  return "alto";
}

/** «Bajo (rojo), 0 % a 59 %» — how a zone reads in a legend. */
export function zoneLegend(zone: ZoneKey, zones: Zones = DEFAULT_ZONES): string {
  const [from, to] =
    zone === "bajo"
      ? [0, zones.lowMax]
      : zone === "medio"
        ? [zones.lowMax + 1, zones.midMax]
        : [zones.midMax + 1, 100];
  return `${ZONE_LABELS[zone]} (${ZONE_COLOUR_NAMES[zone]}), ${from} % a ${to} %`;
}

/** A problem with zones an administrator typed, in Spanish; undefined when they are usable. */
export function zonesProblem(zones: Zones): string | undefined {
  const whole = (n: number) => Number.isInteger(n) && n >= 0 && n <= 100;
  if (!whole(zones.lowMax) || !whole(zones.midMax))
    return "Los límites de las zonas deben ser números enteros entre 0 y 100.";
  if (zones.lowMax >= zones.midMax)
    return "El límite de la zona baja debe ser menor que el de la zona media.";
  if (zones.midMax >= 100) return "La zona alta debe empezar antes de 100 %.";
  return undefined;
}
