// OPGI's monitoring's words in the audit log (registered by planes.area.ts), and the plan type's settings
// this module reads (cuts, zones, reminder days: plan_type.updated).
import type { AuditVocabulary } from "../../core/audit/audit.service.ts";

export const MONITORING_VOCABULARY: AuditVocabulary = {
  actions: {
    "plan_monitoring.exported": "Tablero de monitoreo de un plan exportado",
    "plan_reminders.sent": "Recordatorios de reportes de avance enviados",
  },
  fields: {
    // Not «before»/«after»: at the top of the details those mean a whole record before and after a change.
    month: "Mes",
    remindersBefore: "Recordatorios antes del vencimiento",
    remindersAfter: "Recordatorios después del vencimiento",
    recipients: "Correos enviados",
    plans: "Planes",
    cuts: "Fechas de corte",
    zones: "Zonas",
    reminderDaysBefore: "Días de aviso antes del vencimiento",
    reminderDaysAfter: "Días de aviso después del vencimiento",
  },
  values: {},
};
