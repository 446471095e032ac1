// The history of an indicator as bars per period, drawn on the server as SVG: each bar in its zone's colour,
// the target as a dashed line. The figure's caption says the same in words and the measurements table
// below carries every number, so the chart is never the only way to read it.
import { MONTH_NAMES } from "../../shared/time.ts";
import { ZONE_COLOUR_NAMES, type ZoneKey } from "../progress/zones.rules.ts";
import { formatCompliance, formatDecimal, formatWithUnit, type IndicatorPeriod } from "./indicators.rules.ts";
import type { MeasurementView, PlanIndicator } from "./indicators.service.ts";
import type { IndicatorDirection } from "./indicators.types.ts";
import { ZONE_COLOURS } from "./indicators.views.tsx";

const WIDTH = 640;
const HEIGHT = 260;
const LEFT = 16;
const RIGHT = 120;
const TOP = 24;
const BOTTOM = 36;
const NO_ZONE = "#5f6368";
const BETTER: Record<IndicatorDirection, string> = {
  ascendente: "más es mejor",
  descendente: "menos es mejor",
};
/** «zona alta»: the zone's name agreeing with «zona». */
const ZONE_ADJECTIVES: Record<ZoneKey, string> = { bajo: "baja", medio: "media", alto: "alta" };
/** Coordinates with one decimal: enough for a 640-wide drawing, and a lighter page. */
const px = (n: number) => Math.round(n * 10) / 10;

/** «mar», «T1», «S2», «2026»: what fits under a bar. */
function shortLabel(key: string): string {
  const month = /^\d{4}-(\d{2})$/.exec(key);
  if (month) return (MONTH_NAMES[Number(month[1]) - 1] ?? "").slice(0, 3);
  return key.includes("-") ? (key.split("-")[1] ?? key) : key;
}

/** The words under the chart: target, how many periods are measured, the last result and its zone. */
export function historySummary(
  indicator: PlanIndicator,
  periods: IndicatorPeriod[],
  measured: MeasurementView[],
) {
  const target = `Meta: ${formatWithUnit(indicator.target, indicator.unit)} (${BETTER[indicator.direction]}).`;
  const count = `${measured.length} de ${periods.length} ${periods.length === 1 ? "periodo medido" : "periodos medidos"}.`;
  const last = measured.at(-1);
  if (!last) return `${target} ${count}`;
  const zone = last.zone ? `, zona ${ZONE_ADJECTIVES[last.zone]} (${ZONE_COLOUR_NAMES[last.zone]})` : "";
  return `${target} ${count} Última medición, ${last.periodLabel}: ${formatWithUnit(last.measurement.value, indicator.unit)}, cumplimiento ${formatCompliance(last.compliance)}${zone}.`;
}

export function HistoryChart(props: {
  indicator: PlanIndicator;
  periods: IndicatorPeriod[];
  measurements: MeasurementView[];
}) {
  const { indicator, periods, measurements } = props;
  const byKey = new Map(measurements.map((m) => [m.measurement.periodKey, m]));
  const values = measurements.map((m) => m.measurement.value);
  const top = Math.max(indicator.target, ...values, 0) * 1.15 || 1;
  const bottom = Math.min(0, ...values);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (v: number) => px(TOP + ((top - v) / (top - bottom)) * plotHeight);
  const slot = (WIDTH - LEFT - RIGHT) / periods.length;
  const barWidth = px(Math.min(60, slot * 0.6));
  const zero = y(0);
  const targetY = y(indicator.target);
  const summary = historySummary(indicator, periods, measurements);
  return (
    <figure class="section">
      <svg
        class="chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="history-title history-desc"
      >
        <title id="history-title">Historia de las mediciones de «{indicator.name}»</title>
        <desc id="history-desc">{summary} Los datos están en la tabla de mediciones.</desc>
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={zero} y2={zero} stroke="#1f1f1f" stroke-width="1" />
        {periods.map((period, i) => {
          const m = byKey.get(period.key);
          const cx = px(LEFT + slot * i + slot / 2);
          const value = m?.measurement.value;
          const barTop = value === undefined ? zero : Math.min(y(value), zero);
          const barHeight = value === undefined ? 0 : px(Math.max(Math.abs(zero - y(value)), 1));
          return (
            <g>
              {value !== undefined && (
                <>
                  <rect
                    x={px(cx - barWidth / 2)}
                    y={barTop}
                    width={barWidth}
                    height={barHeight}
                    fill={m?.zone ? ZONE_COLOURS[m.zone] : NO_ZONE}
                  />
                  <text x={cx} y={barTop - 6} text-anchor="middle" font-size="12" fill="#1f1f1f">
                    {formatDecimal(value)}
                  </text>
                </>
              )}
              <text x={cx} y={HEIGHT - BOTTOM + 18} text-anchor="middle" font-size="12" fill="#1f1f1f">
                {shortLabel(period.key)}
              </text>
            </g>
          );
        })}
        <line
          x1={LEFT}
          x2={WIDTH - RIGHT}
          y1={targetY}
          y2={targetY}
          stroke="#004884"
          stroke-width="2"
          stroke-dasharray="6 4"
        />
        <text x={WIDTH - RIGHT + 6} y={targetY + 4} font-size="12" fill="#004884">
          Meta: {formatWithUnit(indicator.target, indicator.unit)}
        </text>
      </svg>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}
