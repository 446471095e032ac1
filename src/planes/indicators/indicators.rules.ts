// Pure rules of the MIPG «medición de indicadores»: the periods a frequency divides a year into, whether a
// period can be measured yet, how a measurement compares with the target, and numbers typed the Colombian way.
import type { Role } from "../../shared/auth/roles.ts";
import { MONTH_NAMES } from "../../shared/time.ts";
import { type ZoneKey, type Zones, zoneOf } from "../progress/zones.rules.ts";
import type { IndicatorDirection, IndicatorFrequency } from "./indicators.types.ts";

export { zonesProblem } from "../progress/zones.rules.ts";

/** One period of an indicator: "2026-03" (mensual), "2026-T1", "2026-S2" or "2026" (anual). */
export interface IndicatorPeriod {
  key: string;
  /** «Marzo de 2026», «Primer trimestre de 2026», «Segundo semestre de 2026», «Año 2026». */
  label: string;
  startsOn: string;
  endsOn: string;
}

const ORDINALS = ["Primer", "Segundo", "Tercer", "Cuarto"] as const;
const pad = (n: number) => String(n).padStart(2, "0");
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** The last day of a month (1–12), as "YYYY-MM-DD": day 0 of the next month. */
const lastDay = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** A span of whole months [first, last] (1–12) of the year. */
const span = (key: string, label: string, year: number, first: number, last: number): IndicatorPeriod => ({
  key,
  label,
  startsOn: `${year}-${pad(first)}-01`,
  endsOn: lastDay(year, last),
});

const monthLabel = (year: number, month: number) => `${capitalised(MONTH_NAMES[month - 1] ?? "")} de ${year}`;

/** The periods of the year in order, as the indicator's frequency divides it. */
export function periodsOf(frequency: IndicatorFrequency, year: number): IndicatorPeriod[] {
  switch (frequency) {
    case "mensual":
      return Array.from({ length: 12 }, (_, i) =>
        span(`${year}-${pad(i + 1)}`, monthLabel(year, i + 1), year, i + 1, i + 1),
      );
    case "trimestral":
      return Array.from({ length: 4 }, (_, i) =>
        span(`${year}-T${i + 1}`, `${ORDINALS[i]} trimestre de ${year}`, year, i * 3 + 1, i * 3 + 3),
      );
    case "semestral":
      return Array.from({ length: 2 }, (_, i) =>
        span(`${year}-S${i + 1}`, `${ORDINALS[i]} semestre de ${year}`, year, i * 6 + 1, i * 6 + 6),
      );
    case "anual":
      return [span(String(year), `Año ${year}`, year, 1, 12)];
  }
}

/** The period of that key among the indicator's; undefined for a key of another frequency or year. */
export function findPeriod(frequency: IndicatorFrequency, year: number, key: string) {
  return periodsOf(frequency, year).find((p) => p.key === key);
}

/** «Primer trimestre de 2026» for "2026-T1", whatever the frequency; the key itself when unreadable. */
export function periodLabel(key: string): string {
  const match = /^(\d{4})(?:-(\d{2})|-([TS])([1-4]))?$/.exec(key);
  if (!match) return key;
  const year = Number(match[1]);
  if (match[2]) return monthLabel(year, Number(match[2]));
  if (match[3])
    return `${ORDINALS[Number(match[4]) - 1]} ${match[3] === "T" ? "trimestre" : "semestre"} de ${year}`;
  return `Año ${year}`;
}

/**
 * A period can be measured from its last day on ("YYYY-MM-DD" in Bogotá): offices often close a month's
 * figures on its last business day, and nothing is measured before the period is over.
 */
export const hasEnded = (period: IndicatorPeriod, today: string) => today >= period.endsOn;

/** The periods that can be measured today, in order. */
export function measurablePeriods(frequency: IndicatorFrequency, year: number, today: string) {
  return periodsOf(frequency, year).filter((p) => hasEnded(p, today));
}

/** How compliance is computed, in the words the indicator's page shows. */
export const COMPLIANCE_FORMULA: Record<IndicatorDirection, string> = {
  ascendente: "Cumplimiento = valor medido ÷ meta × 100. Un valor por encima de la meta da más de 100 %.",
  descendente:
    "Cumplimiento = meta ÷ valor medido × 100 (menos es mejor). Un valor de 0 cumple al 100 %; un valor por debajo de la meta da más de 100 %.",
};

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/**
 * A measurement's compliance with the target, in percent (one decimal), or undefined when it cannot be
 * computed:
 * - ascendente (more is better): value ÷ target × 100; a target of 0 or less divides by nothing useful, so
 *   there is no compliance (the form asks for a target above 0); a negative value complies at 0 %.
 * - descendente (less is better): target ÷ value × 100, the inverse ratio, so halving the errors doubles
 *   compliance; a value of 0 is the best possible result and complies at 100 % (even with a target of 0);
 *   with a target of 0 any value above 0 complies at 0 %. Negative values or targets have no meaning here.
 */
export function compliance(direction: IndicatorDirection, value: number, target: number): number | undefined {
  if (!Number.isFinite(value) || !Number.isFinite(target)) return undefined;
  if (direction === "ascendente") {
    if (target <= 0) return undefined;
    return oneDecimal(Math.max(0, (value / target) * 100));
  }
  if (value < 0 || target < 0) return undefined;
  if (value === 0) return 100;
  return oneDecimal((target / value) * 100);
}

/** The indicator's zones (its own limits, like a plan type's). */
export const indicatorZones = (indicator: { zoneLowMax: number; zoneMidMax: number }): Zones => ({
  lowMax: indicator.zoneLowMax,
  midMax: indicator.zoneMidMax,
});

/** The zone of a compliance; undefined when there is none to place. */
export const complianceZone = (percent: number | undefined, zones: Zones): ZoneKey | undefined =>
  percent === undefined ? undefined : zoneOf(percent, zones);

/** A target the form cannot accept for that direction, in Spanish; undefined when usable. */
export function targetProblem(direction: IndicatorDirection, target: number): string | undefined {
  if (direction === "ascendente" && target <= 0)
    return "Para un indicador ascendente, la meta debe ser mayor que cero.";
  if (target < 0) return "La meta no puede ser negativa.";
  return undefined;
}

/** Larger numbers are typing mistakes, not measurements (and would lose precision). */
const MAX_MAGNITUDE = 1e12;

/**
 * A number typed with a decimal comma or point («85,5», «85.5», «-3», «1200»); undefined for anything else.
 * Thousands separators are refused: «1.234» would be ambiguous between 1,234 and 1234.
 */
export function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?\d+(?:[.,]\d+)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(",", "."));
  return Number.isFinite(value) && Math.abs(value) < MAX_MAGNITUDE ? value : undefined;
}

const decimals = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 2 });

/** «1.234,5» — a value or target the Colombian way (es-CO), up to two decimals. */
export const formatDecimal = (value: number) => decimals.format(value);

/** «85,5 %», «12 días»: a value with the indicator's unit. */
export const formatWithUnit = (value: number, unit: string) => `${formatDecimal(value)} ${unit}`.trim();

/** «94,4 %», or «Sin cálculo» when there is no compliance. */
export const formatCompliance = (percent: number | undefined) =>
  percent === undefined ? "Sin cálculo" : `${decimals.format(percent)} %`;

/** Planeación, control interno and administrators read every indicator; a responsable de plan its own. */
export const readsAllIndicators = (roles: readonly Role[]) =>
  roles.some((role) => role === "planeacion" || role === "control_interno" || role === "administrador");

/** Who may read one indicator: every reader of all, or the people of the indicator's dependencia. */
export const mayReadIndicator = (user: IndicatorActor, indicator: { dependenciaId: string }) =>
  readsAllIndicators(user.roles) ||
  (user.roles.includes("responsable_plan") && user.dependenciaId === indicator.dependenciaId);

/**
 * Who may record a measurement: planeación for any indicator, a responsable de plan only for those of own
 * dependencia (the process leads it). Control interno and administrators only read.
 */
export const mayMeasure = (user: IndicatorActor, indicator: { dependenciaId: string }) =>
  user.roles.includes("planeacion") ||
  (user.roles.includes("responsable_plan") && user.dependenciaId === indicator.dependenciaId);

export interface IndicatorActor {
  roles: readonly Role[];
  dependenciaId: string | null;
}
