// OCI's follow-up's words in the audit log (registered by planes.area.ts).
import type { AuditVocabulary } from "../../core/audit/audit.service.ts";

export const FOLLOWUPS_VOCABULARY: AuditVocabulary = {
  actions: {
    "plan_followup.opened": "Seguimiento de control interno abierto",
    "plan_followup.verified": "Actividad verificada por control interno",
    "plan_followup.closed": "Seguimiento de control interno cerrado",
    "plan_followup.published": "Informe de seguimiento publicado",
    "plan_followup.exported": "Informe de seguimiento exportado",
    "plan_followup.deadline_warned": "Aviso de plazo de publicación de un seguimiento",
  },
  fields: {
    cutOn: "Fecha de corte",
    dueOn: "Plazo de publicación",
    verifiedPercent: "Porcentaje verificado",
    observations: "Observaciones",
    realized: "Actividades realizadas",
    score: "Calificación",
    zone: "Zona",
    format: "Formato",
    late: "Publicado después del plazo",
    planId: "Plan",
    code: "Código de la actividad",
    draft: "Borrador (seguimiento en curso)",
  },
  values: { bajo: "Bajo", medio: "Medio", alto: "Alto", abierto: "En curso", cerrado: "Cerrado" },
};
