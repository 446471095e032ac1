// Communication requests (Circular 004 de 2021, format COM_F_004): a dependencia's liaison or head files what
// it wants sent to the servants; OCS reviews it (requests.review.ts) and, once approved, it is scheduled and
// sent one recipient at a time. Here: filing, editing (after approval it goes back to review), the
// requester's and the reviewers' lists, and the detail page's data — a sensitive notice's content redacted
// for everyone but its requester, reviewer, approver and recipient, in the service, not only the view.
import { queueEmail } from "../../core/mail/mail.service.ts";
import { findPersonByDocument } from "../../core/people/people.service.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import type { CurrentUser, Role } from "../../shared/auth/roles.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import type { FormErrors } from "../../shared/forms.ts";
import { startOfBogotaDay } from "../../shared/time.ts";
import { audienceProblem, summariseAudience } from "./requests.audience.ts";
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
  stateAfterEdit,
  targetOf,
} from "./requests.rules.ts";
import type { RequestForm } from "./requests.schemas.ts";
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
  await repo.insertEvent(db, {
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

const desiredAtOf = (form: RequestForm) => {
  const day = startOfBogotaDay(form.desiredDate);
  if (!day) return undefined;
  const [hours, minutes] = form.desiredTime.split(":").map(Number);
  return new Date(day.getTime() + ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000);
};

type Outcome = { ok: true; request: CommRequest } | { ok: false; errors: FormErrors };

/** The columns a form sets, or the field errors (unknown person, empty audience, past date). */
async function contentOf(db: Db, now: Date, domains: readonly string[], form: RequestForm) {
  const errors: FormErrors = {};
  const desiredAt = desiredAtOf(form);
  if (!desiredAt) errors.desiredDate = "Escriba una fecha que exista, como aaaa-mm-dd.";
  else if (desiredAt.getTime() < now.getTime()) errors.desiredDate = "La fecha y hora deseadas ya pasaron.";
  let personId: string | null = null;
  if (form.audienceKind === "persona") {
    const person = await findPersonByDocument(db, form.personDocument);
    if (person?.status === "activo") personId = person.id;
    else errors.personDocument = "No hay un servidor activo con ese número de documento.";
  }
  const values = {
    purpose: form.purpose,
    classification: form.classification,
    audienceKind: form.audienceKind,
    audienceDependenciaIds: form.audienceKind === "filtro" ? form.dependencias : [],
    audienceIncludeChildren: form.includeChildren,
    audienceVinculacion: form.audienceKind === "filtro" && form.vinculacion ? form.vinculacion : null,
    audiencePersonId: personId,
    desiredAt: desiredAt ?? now,
    subject: form.subject,
    body: form.body,
  };
  if (Object.keys(errors).length === 0) {
    const problem = audienceProblem(
      await summariseAudience(db, values, domains),
      values.classification === "sensible",
    );
    if (problem) errors[form.audienceKind === "persona" ? "personDocument" : "audienceKind"] = problem;
  }
  return { values, errors };
}

export async function fileRequest(
  db: Db,
  now: Date,
  audit: AuditContext,
  domains: readonly string[],
  user: CurrentUser,
  form: RequestForm,
): Promise<Outcome> {
  if (!user.dependenciaId)
    return {
      ok: false,
      errors: { _form: "Su cuenta no tiene dependencia: pida a la Oficina de Sistemas que se la asigne." },
    };
  const { values, errors } = await contentOf(db, now, domains, form);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return db.transaction(async (tx) => {
    const request = await repo.insertRequest(tx, {
      ...values,
      dependenciaId: user.dependenciaId as string,
      requestedBy: user.id,
      createdAt: now,
      updatedAt: now,
    });
    await recordStep(tx, now, audit, { request, kind: "creado", from: null, action: "comm_request.created" });
    return { ok: true as const, request };
  });
}

/** May the user see that the request exists? Its dependencia's requesters, the approvers; else 404. */
function canSee(request: CommRequest, user: CurrentUser) {
  if (request.requestedBy === user.id || has(user, APPROVER_ROLES)) return true;
  return has(user, REQUESTER_ROLES) && request.dependenciaId === user.dependenciaId;
}

export async function requestOr404(db: Db, id: string, user: CurrentUser) {
  const request = await repo.findRequest(db, id);
  if (!request || !canSee(request, user)) throw notFound("La solicitud");
  return request;
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

function mayEdit(request: CommRequest, user: CurrentUser) {
  if (request.requestedBy === user.id && REQUESTER_EDITABLE.includes(request.state)) return true;
  return (
    request.state === "en_revision" && request.reviewerId === user.id && user.roles.includes("comunicaciones")
  );
}

function editableOr409(request: CommRequest, user: CurrentUser) {
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
  const [header, events, consulted, recipient] = await Promise.all([
    repo.findHeader(db, request),
    repo.listEvents(db, request.id),
    repo.hasAnsweredConsultation(db, request.id, request.contentVersion),
    readable ? repo.findPersonName(db, request.audiencePersonId) : undefined,
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
  };
}
export type RequestView = Awaited<ReturnType<typeof viewRequest>>;

/** The form's values of a request being edited (its content must be readable: mayEdit implies it). */
export async function editableRequest(db: Db, user: CurrentUser, id: string) {
  const request = editableOr409(await requestOr404(db, id, user), user);
  const person = await repo.findPersonName(db, request.audiencePersonId);
  return {
    request,
    code: requestCode(request.number, request.createdAt),
    personEmail: person?.email ?? null,
  };
}

export async function updateRequest(
  db: Db,
  now: Date,
  audit: AuditContext,
  domains: readonly string[],
  user: CurrentUser,
  id: string,
  form: RequestForm,
): Promise<Outcome> {
  const current = editableOr409(await requestOr404(db, id, user), user);
  const { values, errors } = await contentOf(db, now, domains, form);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const backToReview = stateAfterEdit(current.state) !== current.state;
  return db.transaction(async (tx) => {
    const request = await repo.updateRequestIf(
      tx,
      current.id,
      [current.state],
      form.rowVersion ?? current.rowVersion,
      {
        ...values,
        state: stateAfterEdit(current.state),
        contentVersion: current.contentVersion + 1,
        updatedAt: now,
        ...(backToReview
          ? {
              approvedBy: null,
              approvedAt: null,
              approvedContentVersion: null,
              scheduledAt: null,
              scheduledBy: null,
            }
          : {}),
      },
    );
    if (!request) throw stale();
    await recordStep(tx, now, audit, {
      request,
      kind: backToReview ? "vuelto_a_revision" : "editado",
      from: current.state,
      action: backToReview ? "comm_request.back_to_review" : "comm_request.updated",
    });
    return { ok: true as const, request };
  });
}

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
export async function listQueue(db: Db, user: CurrentUser) {
  return redactRows(await repo.listInStates(db, ["nuevo", "en_revision", "aprobado"]), user);
}
