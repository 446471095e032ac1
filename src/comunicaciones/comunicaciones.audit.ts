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
    "comm_request.scheduled": "Envío de una comunicación programado",
    "comm_request.unscheduled": "Programación de un envío retirada",
    "comm_request.send_started": "Envío de una comunicación iniciado",
    "comm_request.send_paused": "Envío de una comunicación en pausa (el servidor de correo no responde)",
    "comm_request.resumed": "Envío de una comunicación reanudado",
    "comm_request.sent": "Comunicación enviada",
  },
  fields: {
    code: "Solicitud",
    from: "Estado anterior",
    to: "Estado nuevo",
    comment: "Observación",
    recipients: "Destinatarios",
    dropped: "No enviados",
    sent: "Enviados",
    failed: "Fallidos",
    duplicates: "Posibles duplicados",
    until: "En pausa hasta",
    reason: "Motivo",
  },
  values: { ...STATE_LABELS },
};
