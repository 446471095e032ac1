// Shared shapes of progress reporting: a report's states and the activity history's kinds.
import type { PeriodLike } from "../plans/plans.rules.ts";

/** borrador → enviado → devuelto (back to the responsable, who edits and sends again) | validado. */
export type ReportStatus = "borrador" | "enviado" | "devuelto" | "validado";

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  borrador: "Borrador",
  enviado: "Enviado a planeación",
  devuelto: "Devuelto",
  validado: "Validado",
};

/** What an activity's history records (its page lists them, oldest first). */
export type ActivityEventKind =
  | "reporte_guardado"
  | "reporte_enviado"
  | "reporte_devuelto"
  | "reporte_validado"
  | "evidencia_agregada"
  | "evidencia_eliminada"
  | "verificacion_oci";

export const ACTIVITY_EVENT_LABELS: Record<ActivityEventKind, string> = {
  reporte_guardado: "Reporte guardado",
  reporte_enviado: "Reporte enviado",
  reporte_devuelto: "Reporte devuelto por planeación",
  reporte_validado: "Reporte validado por planeación",
  evidencia_agregada: "Evidencia agregada",
  evidencia_eliminada: "Evidencia eliminada",
  verificacion_oci: "Verificación de control interno",
};

/** The identity of a period across re-imports: its dates as imported, or its written text. */
export const periodKeyOf = (period: PeriodLike) =>
  period.startsOn || period.endsOn
    ? `${period.startsOn ?? ""}/${period.endsOn ?? ""}`
    : `texto:${period.written ?? ""}`;
