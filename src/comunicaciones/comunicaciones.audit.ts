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
  },
  fields: {
    code: "Solicitud",
    from: "Estado anterior",
    to: "Estado nuevo",
    comment: "Observación",
  },
  values: { ...STATE_LABELS },
};
