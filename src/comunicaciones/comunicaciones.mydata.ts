// Comunicaciones' part of «Mis datos» (core's mydata.sections.ts): the requests the person filed with their
// steps, every message addressed to them with its delivery, the individual notices about them, and their
// publication requests. A notice about the person shows its subject only once sent: until then its text is
// the requester's and the approver's working draft.
import type { MyDataSection } from "../core/mydata/mydata.sections.ts";
import { bogotaDay } from "../shared/time.ts";
import * as repo from "./comunicaciones.mydata.repository.ts";
import { ComunicacionesSummary } from "./comunicaciones.mydata.views.tsx";
import { CLASSIFICATION_LABELS, EVENT_LABELS, requestCode, STATE_LABELS } from "./requests/requests.rules.ts";

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

const DELIVERY_LABELS: Record<string, string> = {
  pendiente: "En cola",
  enviando: "Enviándose",
  enviado: "Enviado",
  fallido: "Falló",
  descartado: "No enviado",
};
const DROP_LABELS: Record<string, string> = {
  sin_correo: "usted no tenía correo institucional registrado",
  dominio_externo: "su correo no es del dominio de la entidad",
  correo_invalido: "su correo no es válido",
};
const PUBLICATION_LABELS: Record<string, string> = {
  nuevo: "Radicada",
  publicado: "Publicada",
  devuelto: "Devuelta",
};

type Loaded = Awaited<ReturnType<typeof loadRecords>>;

async function loadRecords(db: Parameters<MyDataSection["load"]>[0], personId: string) {
  const requests = await repo.findOwnRequests(db, personId);
  const events = await repo.findEvents(
    db,
    requests.map((r) => r.id),
  );
  const messages = await repo.findMessagesTo(db, personId);
  const notices = await repo.findNoticesAbout(db, personId);
  const publications = await repo.findOwnPublicationRequests(db, personId);
  return { requests, events, messages, notices, publications };
}

function toArchiveData(
  { requests, events, messages, notices, publications }: Loaded,
  who: (actorId: string | null) => string,
) {
  return {
    solicitudesDeComunicacion: requests.map((r) => ({
      codigo: requestCode(r.number, r.createdAt),
      asunto: r.subject,
      clase: CLASSIFICATION_LABELS[r.classification],
      estado: STATE_LABELS[r.state],
      radicadaEl: iso(r.createdAt),
      pasos: events
        .filter((e) => e.requestId === r.id)
        .map((e) => ({ fecha: iso(e.at), paso: EVENT_LABELS[e.kind] ?? e.kind, porQuien: who(e.actorId) })),
    })),
    mensajesRecibidos: messages.map((m) => ({
      solicitud: requestCode(m.number, m.requestCreatedAt),
      asunto: m.subject,
      correo: m.email,
      estado: DELIVERY_LABELS[m.state] ?? m.state,
      motivo: m.dropReason ? DROP_LABELS[m.dropReason] : null,
      enviadoEl: iso(m.sentAt),
    })),
    avisosSobreUsted: notices
      .filter((n) => !messages.some((m) => m.requestId === n.id))
      .map((n) => ({
        solicitud: requestCode(n.number, n.createdAt),
        clase: CLASSIFICATION_LABELS[n.classification],
        estado: STATE_LABELS[n.state],
        radicadaEl: iso(n.createdAt),
      })),
    solicitudesDePublicacion: publications.map((p) => ({
      numero: `PUB-${bogotaDay(p.createdAt).slice(0, 4)}-${String(p.number).padStart(4, "0")}`,
      titulo: p.title,
      estado: PUBLICATION_LABELS[p.state] ?? p.state,
      radicadaEl: iso(p.createdAt),
      observacion: p.comment,
    })),
  };
}

/** The area's keys of datos.json, as resumen.html shows them. */
export type ComunicacionesMyData = ReturnType<typeof toArchiveData>;

export const comunicacionesMyData: MyDataSection = {
  about: { comm_request: "Una solicitud de comunicación suya o dirigida a usted" },
  stateLabels: { comm_request: STATE_LABELS },
  async load(db, person) {
    const loaded = await loadRecords(db, person.id);
    const requestIds = new Set([...loaded.requests, ...loaded.notices].map((r) => r.id));
    for (const m of loaded.messages) requestIds.add(m.requestId);
    return {
      subjects: [{ type: "comm_request", ids: [...requestIds] }],
      describe(tools) {
        const data = toArchiveData(loaded, tools.who);
        return { data, files: [], summary: ComunicacionesSummary({ data }) };
      },
    };
  },
};
