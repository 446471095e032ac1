// Progress reporting's words in the audit log (registered by planes.area.ts).
import type { AuditVocabulary } from "../../core/audit/audit.service.ts";

export const PROGRESS_VOCABULARY: AuditVocabulary = {
  actions: {
    "plan_report.saved": "Reporte de avance guardado",
    "plan_report.submitted": "Reporte de avance enviado a planeación",
    "plan_report.returned": "Reporte de avance devuelto",
    "plan_report.validated": "Reporte de avance validado",
    "plan_evidence.added": "Evidencia agregada a un reporte",
    "plan_evidence.removed": "Evidencia eliminada de un reporte",
    "plan_evidence.refused": "Archivo de evidencia rechazado",
    "plan_evidence.downloaded": "Evidencia descargada",
    "plan_evidence.made_public": "Evidencia marcada como pública",
    "plan_evidence.made_private": "Evidencia marcada como no pública",
  },
  fields: {
    percent: "Porcentaje",
    quantity: "Cantidad lograda",
    periodKey: "Periodo",
    itemId: "Actividad",
    reportId: "Reporte",
    dependenciaId: "Dependencia",
    comment: "Comentario",
    sha256: "SHA-256",
    size: "Tamaño (bytes)",
    contentType: "Tipo de archivo",
    overMeta: "Supera la meta",
    reason: "Motivo",
  },
  values: {
    borrador: "Borrador",
    enviado: "Enviado",
    devuelto: "Devuelto",
    validado: "Validado",
  },
};
