// Comunicaciones' part of the audit log: the Spanish names of its action codes and of the words its details
// use. Registered by comunicaciones.area.ts.
import type { AuditSubjectResolver, AuditVocabulary } from "../core/audit/audit.service.ts";
import { documentNames } from "./library/library.service.ts";
import { PUB_STATE_LABELS } from "./publications/publications.rules.ts";
import { pubRequestNames } from "./publications/publications.service.ts";
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
    "pub_request.created": "Solicitud de publicación radicada (GTI-F-020)",
    "pub_request.refused": "Archivo de una solicitud de publicación rechazado",
    "pub_request.published": "Solicitud de publicación atendida: documento publicado",
    "pub_request.returned": "Solicitud de publicación devuelta",
    "document.published": "Documento publicado en la biblioteca",
    "document.refused": "Archivo de un documento rechazado",
    "document.withdrawn": "Documento retirado de la biblioteca",
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
    document: "Documento",
    slug: "Dirección",
    visibility: "Acceso",
    distribution: "Solicitud de difusión interna",
    origin: "Origen",
    publication: "Solicitud de publicación",
    reason: "Motivo",
    fileName: "Archivo",
    size: "Tamaño (bytes)",
    attachmentId: "Archivo",
    purpose: "Uso del archivo",
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
    recipients: "Destinatarios",
    dropped: "No enviados",
    sent: "Enviados",
    failed: "Fallidos",
    duplicates: "Posibles duplicados",
    until: "En pausa hasta",
  },
  values: {
    ...STATE_LABELS,
    publicado: PUB_STATE_LABELS.publicado,
    publico: "Público",
    interno: "Interno",
    distribucion: "Difusión de un documento publicado",
    mensaje: "Viaja con el mensaje",
    soporte: "Soporte (no se envía)",
    talento_humano: "Talento Humano",
    ssi: "Oficina de Sistemas",
    favorable: "Favorable",
    con_observaciones: "Favorable con observaciones",
    desfavorable: "Desfavorable",
  },
};

/** Names of publication requests (PUB-2026-0003) and library documents on the audit page. */
export const publicationsAuditSubjects: AuditSubjectResolver = {
  async resolve(db, { targets }) {
    const [pubRows, documentRows] = await Promise.all([
      pubRequestNames(db, targets("pub_request")),
      documentNames(db, targets("document")),
    ]);
    const pubs = new Map(pubRows);
    const docs = new Map(documentRows);
    return {
      owners: [],
      names: [...pubRows, ...documentRows],
      subject(type, id) {
        if (type === "pub_request")
          return pubs.has(id) ? `Solicitud de publicación ${pubs.get(id)}` : "Solicitud de publicación";
        if (type === "document") return docs.get(id) ?? "Documento de la biblioteca";
        return undefined;
      },
    };
  },
};
