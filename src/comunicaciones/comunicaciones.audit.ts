// Comunicaciones' part of the audit log: the Spanish names of its action codes and of the words its details
// use. Registered by comunicaciones.area.ts.
import type { AuditVocabulary } from "../core/audit/audit.service.ts";
import { STATE_LABELS } from "./requests/requests.rules.ts";

export const COMUNICACIONES_VOCABULARY: AuditVocabulary = {
  actions: {
    "comm_request.created": "Solicitud de comunicación radicada",
    "comm_request.updated": "Solicitud de comunicación modificada",
    "comm_request.back_to_review":
      "Solicitud de comunicación modificada después de aprobada (vuelve a revisión)",
    "comm_request.resubmitted": "Solicitud de comunicación enviada de nuevo a revisión",
    "comm_request.taken": "Solicitud de comunicación tomada para revisión",
    "comm_request.returned": "Solicitud de comunicación devuelta",
    "comm_request.rejected": "Solicitud de comunicación rechazada",
    "comm_request.approved": "Solicitud de comunicación aprobada",
    "comm_request.viewed": "Contenido de un aviso de interés particular consultado",
    "comm_request.commented": "Comentario en una solicitud de comunicación",
    "comm_attachment.added": "Archivo agregado a una solicitud de comunicación",
    "comm_attachment.downloaded": "Archivo de una solicitud de comunicación descargado",
    "comm_consultation.asked": "Consulta pedida sobre una solicitud de comunicación",
    "comm_consultation.answered": "Consulta sobre una solicitud de comunicación respondida",
  },
  fields: {
    code: "Solicitud",
    from: "Estado anterior",
    to: "Estado nuevo",
    comment: "Observación",
    attachmentId: "Archivo",
    fileName: "Nombre del archivo",
    purpose: "Uso del archivo",
    size: "Tamaño (bytes)",
    sha256: "Huella SHA-256",
    files: "Archivos",
    addedFiles: "Archivos agregados",
    removedFiles: "Archivos quitados",
    listEntries: "Direcciones de la lista",
    listDropped: "Direcciones descartadas",
    consultationId: "Consulta",
    office: "Oficina consultada",
    opinion: "Concepto",
    consultations: "Conceptos de las consultas",
  },
  values: {
    ...STATE_LABELS,
    mensaje: "Viaja con el mensaje",
    soporte: "Soporte (no se envía)",
    talento_humano: "Talento Humano",
    ssi: "Oficina de Sistemas",
    favorable: "Favorable",
    con_observaciones: "Favorable con observaciones",
    desfavorable: "Desfavorable",
  },
};
