// The rules of Circular 004 de 2021 for communication requests, pure: states and who moves them, which roles
// approve each class, whether a consultation must come first, and who may read a sensitive notice's content.
import type { Role } from "../../shared/auth/roles.ts";
import { bogotaDay } from "../../shared/time.ts";

export const REQUEST_STATES = [
  "nuevo",
  "en_revision",
  "devuelto",
  "rechazado",
  "aprobado",
  "programado",
  "enviando",
  "enviado",
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const CLASSIFICATIONS = ["general", "convenio", "publicitario", "otra_entidad", "sensible"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const AUDIENCE_KINDS = ["todos", "filtro", "lista", "persona"] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

export const VINCULACIONES = ["planta", "ops"] as const;

export const EVENT_KINDS = [
  "creado",
  "editado",
  "reenviado",
  "tomado",
  "devuelto",
  "rechazado",
  "aprobado",
  "vuelto_a_revision",
  "programado",
  "desprogramado",
  "consulta_pedida",
  "consulta_respondida",
  "comentario",
  "envio_iniciado",
  "envio_pausado",
  "enviado",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const STATE_LABELS: Record<RequestState, string> = {
  nuevo: "Nueva",
  en_revision: "En revisión",
  devuelto: "Devuelta",
  rechazado: "Rechazada",
  aprobado: "Aprobada",
  programado: "Programada",
  enviando: "Enviándose",
  enviado: "Enviada",
};

export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  general: "General (información institucional)",
  convenio: "De un convenio con otra entidad",
  publicitario: "Publicitaria o comercial",
  otra_entidad: "Información de otra entidad pública",
  sensible: "Aviso de interés particular (sensible)",
};

export const EVENT_LABELS: Record<EventKind, string> = {
  creado: "Solicitud radicada",
  editado: "Solicitud modificada",
  reenviado: "Enviada de nuevo a revisión",
  tomado: "Tomada para revisión",
  devuelto: "Devuelta con observaciones",
  rechazado: "Rechazada",
  aprobado: "Aprobada",
  vuelto_a_revision: "Modificada después de aprobada: vuelve a revisión",
  programado: "Programada",
  desprogramado: "Programación retirada",
  consulta_pedida: "Consulta enviada",
  consulta_respondida: "Consulta respondida",
  comentario: "Comentario",
  envio_iniciado: "Envío iniciado",
  envio_pausado: "Envío en pausa",
  enviado: "Enviada",
};

/** What a person does to a request; the routes and the service ask `allowedMove`. */
export type Move = "edit" | "resubmit" | "take" | "return" | "reject" | "approve" | "schedule" | "unschedule";

export const TRANSITIONS: { move: Move; from: readonly RequestState[]; to: RequestState }[] = [
  { move: "take", from: ["nuevo"], to: "en_revision" },
  { move: "return", from: ["en_revision"], to: "devuelto" },
  { move: "reject", from: ["en_revision"], to: "rechazado" },
  { move: "approve", from: ["en_revision"], to: "aprobado" },
  { move: "resubmit", from: ["devuelto"], to: "en_revision" },
  { move: "schedule", from: ["aprobado"], to: "programado" },
  { move: "unschedule", from: ["programado"], to: "aprobado" },
];

/** States in which the requester may change the content; after approval a change sends it back to review. */
export const REQUESTER_EDITABLE: readonly RequestState[] = ["nuevo", "devuelto", "aprobado", "programado"];

/** The state after a content edit from `state`. */
export const stateAfterEdit = (state: RequestState): RequestState =>
  state === "aprobado" || state === "programado" ? "en_revision" : state;

export const targetOf = (move: Move, from: RequestState): RequestState | undefined =>
  TRANSITIONS.find((t) => t.move === move && t.from.includes(from))?.to;

/** Classes whose approval may also come from the Despacho, after Talento Humano or SSI was consulted. */
export const needsConsultation = (classification: Classification) =>
  classification === "convenio" || classification === "publicitario" || classification === "otra_entidad";

/** The roles that approve (or reject) a request of this class. */
export function approverRoles(classification: Classification): readonly Role[] {
  return needsConsultation(classification) ? ["comunicaciones", "despacho"] : ["comunicaciones"];
}

export interface ApprovalFacts {
  state: RequestState;
  classification: Classification;
  requestedBy: string;
  reviewerId: string | null;
  /** An answered consultation exists for the current content version. */
  consulted: boolean;
}

/** Why `user` may not approve (or reject) the request, or undefined when they may. */
export function approvalProblem(
  facts: ApprovalFacts,
  user: { id: string; roles: readonly Role[] },
  move: "approve" | "reject" = "approve",
): string | undefined {
  if (facts.state !== "en_revision") return "Solo una solicitud en revisión puede aprobarse o rechazarse.";
  if (move === "approve" && user.id === facts.requestedBy)
    return "Quien pidió la comunicación no puede aprobarla: debe hacerlo otra persona.";
  if (!approverRoles(facts.classification).some((role) => user.roles.includes(role)))
    return "Esta clase de comunicación la aprueba la Oficina de Comunicaciones.";
  if (facts.classification === "sensible" && facts.reviewerId !== user.id)
    return "Un aviso de interés particular lo aprueba solo quien lo tomó para revisión.";
  if (move === "approve" && needsConsultation(facts.classification) && !facts.consulted)
    return "Antes de aprobar esta comunicación debe consultarse a Talento Humano o a la Oficina de Sistemas, y la consulta debe estar respondida para la versión actual del texto.";
  return undefined;
}

/** Only the requester, the reviewer, the approver and the recipient read a sensitive notice's content. */
export function canReadContent(
  request: {
    classification: Classification;
    requestedBy: string;
    reviewerId: string | null;
    approvedBy: string | null;
    audiencePersonId: string | null;
  },
  userId: string,
): boolean {
  if (request.classification !== "sensible") return true;
  return [request.requestedBy, request.reviewerId, request.approvedBy, request.audiencePersonId].includes(
    userId,
  );
}

/** COM-2026-0007: the year of the day it was filed in Bogotá (31 December at 8 p.m. is still that year). */
export const requestCode = (number: number, createdAt: Date) =>
  `COM-${bogotaDay(createdAt).slice(0, 4)}-${String(number).padStart(4, "0")}`;
