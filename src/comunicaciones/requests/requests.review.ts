// OCS's and the Despacho's side of a request: take it for review, return it with a comment, reject it, approve
// it by the circular's rules (never the requester; agreement, advertising and other-entity messages only once
// Talento Humano or SSI answered a consultation on the current text), and the requester's resubmission.
// Each step is a conditional UPDATE (two reviewers cannot both win), an event, an audit row, a notice.
import type { Db } from "../../db/client.ts";
import type { AuditContext } from "../../shared/audit.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import { AppError } from "../../shared/errors.ts";
import { audienceProblem, summariseAudience } from "./requests.audience.ts";
import * as repo from "./requests.repository.ts";
import { approvalProblem, type Move, STATE_LABELS, targetOf } from "./requests.rules.ts";
import { noticeToRequester, recordStep, requestOr404, stale } from "./requests.service.ts";
import type { CommRequest } from "./requests.table.ts";

const refused = (message: string) => new AppError("comm.refused", 422, message);

function targetOr409(request: CommRequest, move: Move) {
  const to = targetOf(move, request.state);
  if (!to)
    throw new AppError(
      "comm.invalid_transition",
      409,
      `La solicitud está ${STATE_LABELS[request.state].toLowerCase()}: ese paso ya no es posible.`,
    );
  return to;
}

export async function takeRequest(db: Db, now: Date, audit: AuditContext, user: CurrentUser, id: string) {
  const current = await requestOr404(db, id, user);
  const to = targetOr409(current, "take");
  await db.transaction(async (tx) => {
    const request = await repo.updateRequestIf(tx, current.id, [current.state], undefined, {
      state: to,
      reviewerId: user.id,
      updatedAt: now,
    });
    if (!request) throw stale();
    await recordStep(tx, now, audit, {
      request,
      kind: "tomado",
      from: current.state,
      action: "comm_request.taken",
    });
  });
}

export async function returnRequest(
  db: Db,
  now: Date,
  audit: AuditContext,
  user: CurrentUser,
  id: string,
  form: { comment: string; rowVersion?: number | undefined },
) {
  const current = await requestOr404(db, id, user);
  const to = targetOr409(current, "return");
  await db.transaction(async (tx) => {
    const request = await repo.updateRequestIf(tx, current.id, [current.state], form.rowVersion, {
      state: to,
      reviewerId: current.reviewerId ?? user.id,
      updatedAt: now,
    });
    if (!request) throw stale();
    await recordStep(tx, now, audit, {
      request,
      kind: "devuelto",
      from: current.state,
      comment: form.comment,
      action: "comm_request.returned",
    });
    await noticeToRequester(
      tx,
      now,
      request,
      "devuelta",
      `La Oficina de Comunicaciones devolvió su solicitud con esta observación:\n\n${form.comment}`,
    );
  });
}

export async function rejectRequest(
  db: Db,
  now: Date,
  audit: AuditContext,
  user: CurrentUser,
  id: string,
  form: { comment: string; rowVersion?: number | undefined },
) {
  const current = await requestOr404(db, id, user);
  const to = targetOr409(current, "reject");
  const consulted = await repo.hasAnsweredConsultation(db, current.id, current.contentVersion);
  const problem = approvalProblem({ ...current, consulted }, user, "reject");
  if (problem) throw refused(problem);
  await db.transaction(async (tx) => {
    const request = await repo.updateRequestIf(tx, current.id, [current.state], form.rowVersion, {
      state: to,
      updatedAt: now,
    });
    if (!request) throw stale();
    await recordStep(tx, now, audit, {
      request,
      kind: "rechazado",
      from: current.state,
      comment: form.comment,
      action: "comm_request.rejected",
    });
    await noticeToRequester(
      tx,
      now,
      request,
      "rechazada",
      `Su solicitud fue rechazada por este motivo:\n\n${form.comment}`,
    );
  });
}

export async function approveRequest(
  db: Db,
  now: Date,
  audit: AuditContext,
  domains: readonly string[],
  user: CurrentUser,
  id: string,
  form: { rowVersion?: number | undefined },
) {
  const current = await requestOr404(db, id, user);
  const consulted = await repo.hasAnsweredConsultation(db, current.id, current.contentVersion);
  const problem = approvalProblem({ ...current, consulted }, user, "approve");
  if (problem) throw refused(problem);
  const to = targetOr409(current, "approve");
  const audienceRefusal = audienceProblem(
    await summariseAudience(db, current, domains),
    current.classification === "sensible",
  );
  if (audienceRefusal) throw refused(audienceRefusal);
  await db.transaction(async (tx) => {
    const request = await repo.updateRequestIf(tx, current.id, [current.state], form.rowVersion, {
      state: to,
      approvedBy: user.id,
      approvedAt: now,
      approvedContentVersion: current.contentVersion,
      updatedAt: now,
    });
    if (!request) throw stale();
    await recordStep(tx, now, audit, {
      request,
      kind: "aprobado",
      from: current.state,
      action: "comm_request.approved",
    });
    await noticeToRequester(
      tx,
      now,
      request,
      "aprobada",
      "Su solicitud fue aprobada. La Oficina de Comunicaciones la programará para su envío.",
    );
  });
}

/** The requester sends a returned request back to review (to the same reviewer). */
export async function resubmitRequest(
  db: Db,
  now: Date,
  audit: AuditContext,
  user: CurrentUser,
  id: string,
  form: { rowVersion?: number | undefined },
) {
  const current = await requestOr404(db, id, user);
  if (current.requestedBy !== user.id)
    throw new AppError(
      "comm.not_requester",
      403,
      "Solo quien pidió la comunicación puede enviarla de nuevo a revisión.",
    );
  const to = targetOr409(current, "resubmit");
  await db.transaction(async (tx) => {
    const request = await repo.updateRequestIf(tx, current.id, [current.state], form.rowVersion, {
      state: to,
      updatedAt: now,
    });
    if (!request) throw stale();
    await recordStep(tx, now, audit, {
      request,
      kind: "reenviado",
      from: current.state,
      action: "comm_request.resubmitted",
    });
  });
}
