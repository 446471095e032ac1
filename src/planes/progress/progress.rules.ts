// Pure rules of progress reporting: who may change a report and when, the percentage from a quantity
// against the meta, what a report needs before it goes to planeación, the lock of the periods a follow-up
// covers, and where a period stands in a responsable's inbox.
import type { PeriodLike } from "../plans/plans.rules.ts";
import type { ReportStatus } from "./progress.types.ts";

/** A report is written in these states (a returned one is corrected and sent again). */
export const EDITABLE: readonly ReportStatus[] = ["borrador", "devuelto"];
export const isEditable = (status: ReportStatus) => EDITABLE.includes(status);

/**
 * Plans whose activities are reported: approved or published, and an approved plan being revised as a new
 * version (borrador, version > 1). A first borrador is not settled; a cerrado is over.
 */
export const isUnderWay = (plan: { status: string; version: number }) =>
  plan.status === "aprobado" ||
  plan.status === "publicado" ||
  (plan.status === "borrador" && plan.version > 1);

/** Days before a period ends from which the inbox says «vence pronto». */
export const SOON_DAYS = 15;

/** The meta is counted (3 of 4 informes) unless it is a bare percentage («100 %»). */
export const countsQuantity = (item: { metaQuantity: number | null; metaUnit: string | null }) =>
  item.metaQuantity !== null && item.metaQuantity > 0 && item.metaUnit?.trim() !== "%";

/** 0–100 from a quantity, capped at 100; overMeta when the quantity exceeds the meta (OPGI decides). */
export function percentFromQuantity(quantity: number, metaQuantity: number) {
  const raw = (quantity / metaQuantity) * 100;
  return { percent: Math.min(100, Math.round(raw * 100) / 100), overMeta: quantity > metaQuantity };
}

/**
 * The report is locked when OCI's latest follow-up cut of the plan is on or after the period's end: what
 * the follow-up verified cannot change under it. A period without a readable end is never locked by a cut.
 */
export function lockingCut(periodEndsOn: string | null, latestCut: string | null): string | undefined {
  if (!periodEndsOn || !latestCut) return undefined;
  return periodEndsOn <= latestCut ? latestCut : undefined;
}

export interface SubmitState {
  percent: number | null;
  narrative: string | null;
  evidenceCount: number;
}

/** What is missing before a report can go to planeación, by form field; empty when nothing is. */
export function submitProblems(state: SubmitState, quantityField: boolean): Record<string, string> {
  const problems: Record<string, string> = {};
  if (state.percent === null)
    problems[quantityField ? "quantity" : "percent"] = quantityField
      ? "Escriba la cantidad lograda en el periodo."
      : "Escriba el porcentaje de avance del periodo.";
  if (!state.narrative?.trim()) problems.narrative = "Describa lo que se hizo en el periodo.";
  if (state.evidenceCount === 0 && (state.percent ?? 0) > 0)
    problems.evidencias =
      "Adjunte al menos un archivo de evidencia. Solo un reporte de 0 % se envía sin evidencia.";
  return problems;
}

/** Where a period of an activity stands for the dependencia that reports it. */
export type InboxSection = "por_reportar" | "vencida" | "devuelta" | "proxima" | "al_dia" | "cerrada";

export const INBOX_SECTIONS: { key: InboxSection; title: string; empty: string }[] = [
  {
    key: "devuelta",
    title: "Devueltas por planeación",
    empty: "Planeación no le ha devuelto reportes.",
  },
  {
    key: "vencida",
    title: "Vencidas sin reporte",
    empty: "No tiene periodos vencidos sin reportar.",
  },
  {
    key: "por_reportar",
    title: "Por reportar",
    empty: "No tiene periodos en curso por reportar.",
  },
  { key: "proxima", title: "Próximas", empty: "No hay periodos próximos." },
  {
    key: "al_dia",
    title: "Enviadas y validadas",
    empty: "Todavía no ha enviado reportes.",
  },
  {
    key: "cerrada",
    title: "Cerradas sin reporte",
    empty: "Ningún seguimiento ha cerrado periodos sin su reporte.",
  },
];

/**
 * A returned report comes first whatever its dates; a sent or validated one is up to date; otherwise the
 * dates decide: ended (vencida, or cerrada once a follow-up closed it and nothing can be done), not started
 * (próxima), or under way (por reportar). A period without readable dates is under way.
 */
export function inboxSectionOf(
  period: PeriodLike,
  status: ReportStatus | undefined,
  today: string,
  lockedBy?: string,
): InboxSection {
  if (status === "devuelto") return "devuelta";
  if (status === "enviado" || status === "validado") return "al_dia";
  if (lockedBy) return "cerrada";
  if (period.endsOn && period.endsOn < today) return "vencida";
  if (period.startsOn && period.startsOn > today) return "proxima";
  return "por_reportar";
}

/** Whole days from today to the period's end (0 on the last day); undefined without an end. */
export function daysLeft(period: PeriodLike, today: string): number | undefined {
  if (!period.endsOn) return undefined;
  return Math.round(
    (Date.parse(`${period.endsOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}

/** A report's period as the pages print it (formatPeriod), from the dates it was opened with. */
export function reportPeriod(report: {
  periodStartsOn: string | null;
  periodEndsOn: string | null;
  periodKey: string;
}): PeriodLike {
  return {
    startsOn: report.periodStartsOn,
    endsOn: report.periodEndsOn,
    written: report.periodKey.startsWith("texto:") ? report.periodKey.slice("texto:".length) : null,
  };
}
