// OPGI's monitoring's words in the audit log (registered by planes.area.ts).
import type { AuditVocabulary } from "../../core/audit/audit.service.ts";

export const MONITORING_VOCABULARY: AuditVocabulary = {
  actions: {
    "plan_monitoring.exported": "Tablero de monitoreo de un plan exportado",
    "plan_reminders.sent": "Recordatorios de reportes de avance enviados",
  },
  fields: {
    month: "Mes",
    before: "Antes del vencimiento",
    after: "Después del vencimiento",
    recipients: "Destinatarios",
  },
  values: {},
};
