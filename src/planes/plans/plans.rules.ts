// Pure rules of plans: the state machine (borrador → aprobado → publicado → cerrado, and back to borrador
// as a new version), the public address, how periods read and when an activity falls due.
import { MONTH_NAMES } from "../../shared/time.ts";
import { PLAN_STATUS_LABELS, type PlanStatus } from "./plans.types.ts";

export type PlanAction = "approve" | "publish" | "newVersion" | "close";

/** Which status each action leaves from, and where it goes. */
export const PLAN_TRANSITIONS: Record<PlanAction, { from: readonly PlanStatus[]; to: PlanStatus }> = {
  approve: { from: ["borrador"], to: "aprobado" },
  publish: { from: ["aprobado"], to: "publicado" },
  newVersion: { from: ["aprobado", "publicado"], to: "borrador" },
  close: { from: ["publicado"], to: "cerrado" },
};

export const DEFAULT_COMMITTEE = "Comité Institucional de Gestión y Desempeño";
export const INITIAL_VERSION_REASON = "Versión inicial";
export const MIN_REASON_LENGTH = 10;

export const canDo = (action: PlanAction, status: PlanStatus) =>
  PLAN_TRANSITIONS[action].from.includes(status);

/** The actions planeación may take on a plan in this status, in the order the page offers them. */
export const availableActions = (status: PlanStatus): PlanAction[] =>
  (["approve", "publish", "newVersion", "close"] as const).filter((action) => canDo(action, status));

/** Why the action is refused in this status, in plain Spanish; undefined when it is allowed. */
export function refusal(action: PlanAction, status: PlanStatus): string | undefined {
  if (canDo(action, status)) return undefined;
  const label = PLAN_STATUS_LABELS[status].toLowerCase();
  if (status === "cerrado") return "Este plan está cerrado: ya no admite cambios.";
  switch (action) {
    case "approve":
      return `Este plan ya está ${label}: para cambiarlo cree una nueva versión.`;
    case "publish":
      return status === "borrador"
        ? "Un plan en borrador no se puede publicar: primero debe aprobarlo el comité."
        : "Este plan ya está publicado.";
    case "newVersion":
      return "Este plan ya está en borrador: puede cambiarlo sin crear otra versión.";
    case "close":
      return `Solo se cierra un plan publicado; este está ${status === "borrador" ? "en borrador" : label}.`;
  }
}

/** The approval date: a real day, not after today (both "YYYY-MM-DD", today in Bogotá). */
export function approvalDateProblem(date: string, today: string): string | undefined {
  if (!isRealDay(date)) return "Escriba la fecha del acta (día, mes y año).";
  if (date > today) return "La fecha del acta no puede ser posterior a hoy.";
  return undefined;
}

export function isRealDay(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T12:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** `${typeKey}-${year}`, then `-2`, `-3`… while taken: the public address never changes once given. */
export function slugFor(typeKey: string, year: number, taken: ReadonlySet<string>): string {
  const base = `${typeKey}-${year}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export interface PeriodLike {
  startsOn: string | null;
  endsOn: string | null;
  written: string | null;
}

const day = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
};

/** «13/01/2022 – 31/01/2022»; the text as written when a date could not be read. */
export function formatPeriod(period: PeriodLike): string {
  if (period.written && (!period.startsOn || !period.endsOn)) return period.written;
  if (period.startsOn && period.endsOn)
    return period.startsOn === period.endsOn
      ? day(period.startsOn)
      : `${day(period.startsOn)} – ${day(period.endsOn)}`;
  if (period.endsOn) return `Hasta ${day(period.endsOn)}`;
  if (period.startsOn) return `Desde ${day(period.startsOn)}`;
  return "Sin fecha";
}

/** A period with an impossible date in the source (kept as written, shown with a warning). */
export const isImpossible = (period: PeriodLike) =>
  Boolean(period.written) && (!period.startsOn || !period.endsOn);

/** Whether the period touches the month "YYYY-MM" (a period with one date known counts on that date). */
export function periodInMonth(period: PeriodLike, month: string): boolean {
  const start = period.startsOn ?? period.endsOn;
  const end = period.endsOn ?? period.startsOn;
  if (!start || !end) return false;
  return start.slice(0, 7) <= month && end.slice(0, 7) >= month;
}

export interface DueFlags {
  /** A period ends in the current month, today or later. */
  dueThisMonth: boolean;
  /** Every period with a known end ended before today. */
  overdue: boolean;
  /** The date the activity is sorted by: the next end from today, else the last one; null without dates. */
  dueOn: string | null;
}

/** How an activity stands against today ("YYYY-MM-DD" in Bogotá). Impossible dates are left out. */
export function dueFlags(periods: readonly PeriodLike[], today: string): DueFlags {
  const ends = periods
    .map((p) => p.endsOn)
    .filter((e): e is string => Boolean(e))
    .sort();
  if (ends.length === 0) return { dueThisMonth: false, overdue: false, dueOn: null };
  const next = ends.find((e) => e >= today);
  return {
    dueThisMonth: ends.some((e) => e >= today && e.slice(0, 7) === today.slice(0, 7)),
    overdue: next === undefined,
    dueOn: next ?? ends.at(-1) ?? null,
  };
}

export const MONTH_ABBREVIATIONS = [
  "ene",
  "feb",
  "mar",
  "abr",
  "may",
  "jun",
  "jul",
  "ago",
  "sep",
  "oct",
  "nov",
  "dic",
] as const;

/** «marzo de 2026» for "2026-03". */
export function monthLabel(month: string): string {
  const [year, m] = month.split("-");
  return `${MONTH_NAMES[Number(m) - 1] ?? m} de ${year}`;
}

/**
 * Where a period falls on a one-year timeline, in months from 1 January (0 … 12), clipped to the year;
 * undefined when it has no usable date or lies outside the year.
 */
export function periodSpan(period: PeriodLike, year: number): { from: number; to: number } | undefined {
  const start = period.startsOn ?? period.endsOn;
  const end = period.endsOn ?? period.startsOn;
  if (!start || !end || end < start) return undefined;
  const position = (iso: string, endOfDay: boolean) => {
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    if (y < year) return 0;
    if (y > year) return 12;
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return m - 1 + (d - (endOfDay ? 0 : 1)) / days;
  };
  const from = position(start, false);
  const to = position(end, true);
  if (to <= 0 || from >= 12) return undefined;
  return { from, to };
}
