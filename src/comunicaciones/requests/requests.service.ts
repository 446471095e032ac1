// Communication requests (Circular 004 de 2021, format COM_F_004): a dependencia's liaison or head files what
// it wants sent to the servants; OCS reviews it (requests.review.ts) and, once approved, it is scheduled and
// sent one recipient at a time. Here: filing, editing (after approval it goes back to review), the
// requester's and the reviewers' lists, and the detail page's data — a sensitive notice's content redacted
// for everyone but its requester, reviewer, approver and recipient, in the service, not only the view.
import { queueEmail } from "../../core/mail/mail.service.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import type { CurrentUser, Role } from "../../shared/auth/roles.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { resolveAudience, summariseAudience } from "./requests.audience.ts";
import * as repo from "./requests.repository.ts";
import {
  approvalProblem,
  canReadContent,
  type EventKind,
  type Move,
  REQUESTER_EDITABLE,
  type RequestState,
  requestCode,
  STATE_LABELS,
  targetOf,
} from "./requests.rules.ts";
import type { CommRequest } from "./requests.table.ts";

export type { CommRequest } from "./requests.table.ts";

const REQUESTER_ROLES: readonly Role[] = ["enlace", "jefe_dependencia"];
const APPROVER_ROLES: readonly Role[] = ["comunicaciones", "despacho"];
const has = (user: CurrentUser, roles: readonly Role[]) => roles.some((r) => user.roles.includes(r));

export const stale = () =>
  new AppError(
    "comm.stale",
    409,
    "La solicitud cambió mientras usted la tenía abierta. Vuelva a abrirla para ver su estado actual.",
  );

export interface Step {
  request: CommRequest;
  kind: EventKind;
  from: RequestState | null;
  comment?: string | null;
  details?: Record<string, unknown>;
  action: string;
}

/** The event in the request's history and the audit row of one step, in the caller's transaction. */
export async function recordStep(db: Db, now: Date, audit: AuditContext, step: Step) {
  const { request } = step;
  const eventId = await repo.insertEvent(db, {
    requestId: request.id,
    kind: step.kind,
    fromState: step.from,
    toState: request.state,
    actorId: audit.actorId,
    comment: step.comment ?? null,
    contentVersion: request.contentVersion,
    details: step.details ?? {},
    at: now,
  });
  await recordAudit(db, now, audit, {
    action: step.action,
    targetType: "comm_request",
    targetId: request.id,
    details: {
      code: requestCode(request.number, request.createdAt),
      ...(step.from && step.from !== request.state ? { from: step.from, to: request.state } : {}),
      ...(step.comment ? { comment: step.comment } : {}),
      ...step.details,
    },
  });
  return eventId ?? null;
}

/** A notice to the requester through the outbox (when they have an address). */
export async function noticeToRequester(db: Db, now: Date, request: CommRequest, what: string, text: string) {
  const person = await repo.findPersonName(db, request.requestedBy);
  if (!person?.email) return;
  const code = requestCode(request.number, request.createdAt);
  await queueEmail(db, now, {
    to: person.email,
    personId: request.requestedBy,
    kind: "comunicaciones.aviso",
    subject: `Solicitud de comunicación ${code}: ${what}`,
    text: `${person.firstNames}:\n\n${text}\n\nPuede seguirla en SIPAP, «Mis solicitudes».`,
  });
}

/** May the user see that the request exists? Its dependencia's requesters, the approvers; else 404. */
function canSee(request: CommRequest, user: CurrentUser) {
  if (request.requestedBy === user.id || has(user, APPROVER_ROLES)) return true;
  return has(user, REQUESTER_ROLES) && request.dependenciaId === user.dependenciaId;
}

/** The consultation offices a user answers for (Talento Humano; SSI by its operators). */
export const officesOf = (user: Pick<CurrentUser, "roles">) => [
  ...(user.roles.includes("talento_humano") ? (["talento_humano"] as const) : []),
  ...(user.roles.includes("operador_ssi") ? (["ssi"] as const) : []),
];

export async function requestOr404(db: Db, id: string, user: CurrentUser) {
  const request = await repo.findRequest(db, id);
  if (!request) throw notFound("La solicitud");
  if (canSee(request, user)) return request;
  // An office consulted on the request reads it, never a sensitive notice (nobody outside its approvers).
  const offices = officesOf(user);
  if (offices.length > 0 && request.classification !== "sensible") {
    const consulted = await repo.consultedOffices(db, request.id);
    if (consulted.some((office) => (offices as string[]).includes(office))) return request;
  }
  throw notFound("La solicitud");
}

/** The moves the user may make now (the service checks each again when made). */
export function allowedMoves(request: CommRequest, user: CurrentUser, consulted: boolean): Move[] {
  const moves: Move[] = [];
  const isRequester = request.requestedBy === user.id;
  if (mayEdit(request, user)) moves.push("edit");
  if (isRequester && targetOf("resubmit", request.state)) moves.push("resubmit");
  if (user.roles.includes("comunicaciones") && targetOf("take", request.state)) moves.push("take");
  if (user.roles.includes("comunicaciones") && targetOf("return", request.state)) moves.push("return");
  for (const move of ["approve", "reject"] as const)
    if (!approvalProblem({ ...request, consulted }, user, move)) moves.push(move);
  return moves;
}

export function mayEdit(request: CommRequest, user: CurrentUser) {
  if (request.requestedBy === user.id && REQUESTER_EDITABLE.includes(request.state)) return true;
  return (
    request.state === "en_revision" && request.reviewerId === user.id && user.roles.includes("comunicaciones")
  );
}

export function editableOr409(request: CommRequest, user: CurrentUser) {
  if (!mayEdit(request, user))
    throw new AppError(
      "comm.not_editable",
      409,
      `Una solicitud ${STATE_LABELS[request.state].toLowerCase()} no puede modificarse ahora.`,
    );
  return request;
}

export async function viewRequest(
  db: Db,
  now: Date,
  audit: AuditContext,
  domains: readonly string[],
  user: CurrentUser,
  id: string,
) {
  const request = await requestOr404(db, id, user);
  const readable = canReadContent(request, user.id);
  const [header, events, consulted, recipient, attachments, consultations] = await Promise.all([
    repo.findHeader(db, request),
    repo.listEvents(db, request.id),
    repo.hasAnsweredConsultation(db, request.id, request.contentVersion),
    readable ? repo.findPersonName(db, request.audiencePersonId) : undefined,
    readable ? repo.listAttachments(db, request.id) : [],
    repo.listConsultations(db, request.id),
  ]);
  if (readable && request.classification === "sensible" && request.requestedBy !== user.id)
    await recordAudit(db, now, audit, {
      action: "comm_request.viewed",
      targetType: "comm_request",
      targetId: request.id,
      details: { code: requestCode(request.number, request.createdAt) },
    });
  const audience = readable ? await summariseAudience(db, request, domains) : undefined;
  return {
    request: readable ? request : { ...request, subject: "", body: "", purpose: "", audiencePersonId: null },
    readable,
    code: requestCode(request.number, request.createdAt),
    dependenciaName: header?.dependenciaName ?? "",
    requesterName: header?.requesterName ?? "",
    recipientName: recipient ? `${recipient.firstNames} ${recipient.lastNames}` : undefined,
    audience,
    // The comments of a sensitive notice's steps may quote it: hidden with the rest.
    events: events.map((e) => ({ ...e, event: readable ? e.event : { ...e.event, comment: null } })),
    moves: allowedMoves(request, user, consulted),
    isRequester: request.requestedBy === user.id,
    attachments,
    consultations: consultations.map((c) => ({
      ...c,
      current: c.consultation.contentVersion === request.contentVersion,
    })),
    /** The answered opinions on the current text that were unfavourable: the approver is warned. */
    unfavourable: consultations.filter(
      (c) =>
        c.consultation.contentVersion === request.contentVersion && c.consultation.opinion === "desfavorable",
    ),
    mayConsult:
      user.roles.includes("comunicaciones") &&
      request.state === "en_revision" &&
      request.classification !== "sensible",
    /** Whether the user may attach files that travel with the message (a content edit). */
    mayEdit: mayEdit(request, user),
  };
}
export type RequestView = Awaited<ReturnType<typeof viewRequest>>;

/**
 * The preview of the message for its first recipient, with the audience's counts and everyone dropped (by
 * reason): what the requester sees after filing and OCS in review. Only for who may read the content.
 */
export async function previewRequest(
  db: Db,
  now: Date,
  audit: AuditContext,
  domains: readonly string[],
  user: CurrentUser,
  id: string,
) {
  const request = await requestOr404(db, id, user);
  if (!canReadContent(request, user.id)) throw notFound("La solicitud");
  if (request.classification === "sensible" && request.requestedBy !== user.id)
    await recordAudit(db, now, audit, {
      action: "comm_request.viewed",
      targetType: "comm_request",
      targetId: request.id,
      details: { code: requestCode(request.number, request.createdAt) },
    });
  const { recipients, dropped } = await resolveAudience(db, request, domains);
  const first = recipients[0];
  const values: Record<string, string> = first
    ? {
        nombre: first.firstNames || "servidor(a)",
        nombre_completo: first.name,
        dependencia: first.dependenciaName,
        cargo: first.cargo ?? "",
      }
    : {};
  // A plain substitution for the sample (the message's markup is rendered when sent); values stay text.
  const fill = (text: string) =>
    text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
  const byReason: Record<string, number> = {};
  for (const d of dropped) byReason[d.reason] = (byReason[d.reason] ?? 0) + 1;
  return {
    request,
    code: requestCode(request.number, request.createdAt),
    first,
    subject: fill(request.subject),
    body: fill(request.body),
    fields: values,
    recipients: recipients.length,
    byReason,
    dropped: dropped.slice(0, 1000),
    droppedCount: dropped.length,
  };
}
export type RequestPreview = Awaited<ReturnType<typeof previewRequest>>;

export type RequestListRow = Awaited<ReturnType<typeof repo.listOfRequesters>>[number];

/** Subject hidden where the user may not read a sensitive notice. */
const redactRows = (rows: RequestListRow[], user: CurrentUser) =>
  rows.map((row) => ({
    ...row,
    code: requestCode(row.request.number, row.request.createdAt),
    subject: canReadContent(row.request, user.id) ? row.request.subject : undefined,
  }));
export type RequestListItem = ReturnType<typeof redactRows>[number];

export async function listMine(db: Db, user: CurrentUser) {
  return redactRows(
    await repo.listOfRequesters(db, user.id, has(user, REQUESTER_ROLES) ? user.dependenciaId : null),
    user,
  );
}

/** OCS's queue: new requests to take, those in review (with their reviewer), approved ones. */
/** Days a sent or rejected request stays on the queue page, for OCS to find what went out recently. */
const QUEUE_RECENT_DAYS = 30;

export async function listQueue(db: Db, now: Date, user: CurrentUser) {
  const since = new Date(now.getTime() - QUEUE_RECENT_DAYS * 86_400_000);
  const rows = await repo.listInStates(
    db,
    ["nuevo", "en_revision", "aprobado", "programado", "enviando", "devuelto"],
    { states: ["enviado", "rechazado"], since },
  );
  return redactRows(rows, user);
}
