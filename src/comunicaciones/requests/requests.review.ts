// OCS's and the Despacho's side of a request: take it for review, return it with a comment, reject it, approve
// it by the circular's rules (never the requester; agreement, advertising and other-entity messages only once
// Talento Humano or SSI answered a consultation on the current text), and the requester's resubmission.
// Each step is a conditional UPDATE (two reviewers cannot both win), an event, an audit row, a notice.
import type { Db } from "../../db/client.ts";
import type { AuditContext } from "../../shared/audit.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import { AppError } from "../../shared/errors.ts";
import { endSentence, formatDateTime } from "../../shared/time.ts";
import { checkGap, lockSchedule, requireOcs } from "../sending/sending.calendar.ts";
import { audienceProblem, summariseAudience } from "./requests.audience.ts";
import * as repo from "./requests.repository.ts";
import { approvalProblem, type EventKind, type Move, STATE_LABELS, targetOf } from "./requests.rules.ts";
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

interface Step {
  move: Move;
  kind: EventKind;
  action: string;
  /** Columns set beside the state. */
  set?: Partial<CommRequest>;
  comment?: string;
  rowVersion?: number | undefined;
  /** Quoted in the event and the audit row (the consultations' opinions on approval). */
  details?: Record<string, unknown>;
  /** What the requester is told by e-mail: «devuelta» and its text. */
  notice?: { what: string; text: string };
  /** Checks made inside the step's transaction, before the update (the schedule's gap, under its lock). */
  before?: (tx: Db) => Promise<void>;
}

/** One step: the state moves only from the state read (else 409), with its event, audit row and notice. */
async function move(db: Db, now: Date, audit: AuditContext, current: CommRequest, step: Step) {
  const to = targetOr409(current, step.move);
  await db.transaction(async (tx) => {
    await step.before?.(tx);
    const request = await repo.updateRequestIf(tx, current.id, [current.state], step.rowVersion, {
      ...step.set,
      state: to,
      updatedAt: now,
    });
    if (!request) throw stale();
    await recordStep(tx, now, audit, {
      request,
      kind: step.kind,
      from: current.state,
      comment: step.comment,
      action: step.action,
      details: step.details,
    });
    if (step.notice) await noticeToRequester(tx, now, request, step.notice.what, step.notice.text);
  });
}

/** Refused unless the user's role may approve (or reject) this class, and it is not their own request. */
async function checkApprover(db: Db, user: CurrentUser, current: CommRequest, action: "approve" | "reject") {
  const consulted = await repo.hasAnsweredConsultation(db, current.id, current.contentVersion);
  const problem = approvalProblem({ ...current, consulted }, user, action);
  if (problem) throw refused(problem);
}

export async function takeRequest(db: Db, now: Date, audit: AuditContext, user: CurrentUser, id: string) {
  const current = await requestOr404(db, id, user);
  await move(db, now, audit, current, {
    move: "take",
    kind: "tomado",
    action: "comm_request.taken",
    set: { reviewerId: user.id },
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
  await move(db, now, audit, current, {
    move: "return",
    kind: "devuelto",
    action: "comm_request.returned",
    set: { reviewerId: current.reviewerId ?? user.id },
    comment: form.comment,
    rowVersion: form.rowVersion,
    notice: {
      what: "devuelta",
      text: `La Oficina de Comunicaciones devolvió su solicitud con esta observación:\n\n${form.comment}`,
    },
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
  targetOr409(current, "reject");
  await checkApprover(db, user, current, "reject");
  await move(db, now, audit, current, {
    move: "reject",
    kind: "rechazado",
    action: "comm_request.rejected",
    comment: form.comment,
    rowVersion: form.rowVersion,
    notice: { what: "rechazada", text: `Su solicitud fue rechazada por este motivo:\n\n${form.comment}` },
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
  await checkApprover(db, user, current, "approve");
  targetOr409(current, "approve");
  const audienceRefusal = audienceProblem(
    await summariseAudience(db, current, domains),
    current.classification === "sensible",
  );
  if (audienceRefusal) throw refused(audienceRefusal);
  // The opinions on this text are advisory; an unfavourable one is quoted in the approval.
  const opinions = (await repo.listConsultations(db, current.id))
    .map((c) => c.consultation)
    .filter((c) => c.contentVersion === current.contentVersion && c.opinion);
  await move(db, now, audit, current, {
    move: "approve",
    kind: "aprobado",
    action: "comm_request.approved",
    set: { approvedBy: user.id, approvedAt: now, approvedContentVersion: current.contentVersion },
    rowVersion: form.rowVersion,
    ...(opinions.length > 0
      ? {
          details: { consultations: opinions.map((c) => ({ office: c.office, opinion: c.opinion })) },
          comment:
            opinions
              .filter((c) => c.opinion === "desfavorable")
              .map(
                (c) =>
                  `Aprobada con concepto desfavorable de ${c.office === "ssi" ? "la Oficina de Sistemas" : "Talento Humano"}: ${c.answer}`,
              )
              .join("\n") || undefined,
        }
      : {}),
    notice: {
      what: "aprobada",
      text: "Su solicitud fue aprobada. La Oficina de Comunicaciones la programará para su envío.",
    },
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
  await move(db, now, audit, current, {
    move: "resubmit",
    kind: "reenviado",
    action: "comm_request.resubmitted",
    rowVersion: form.rowVersion,
  });
}

/**
 * OCS schedules an approved request (minute precision, not in the past). Under the sending lock, a mass send
 * within COMM_SEND_GAP_MINUTES of another is refused (409) naming it and the next free slot.
 */
export async function scheduleRequest(
  db: Db,
  now: Date,
  audit: AuditContext,
  gapMinutes: number,
  user: CurrentUser,
  id: string,
  form: { at: Date; rowVersion?: number | undefined },
) {
  requireOcs(user);
  const current = await requestOr404(db, id, user);
  targetOr409(current, "schedule");
  const at = new Date(Math.floor(form.at.getTime() / 60_000) * 60_000);
  if (at.getTime() < Math.floor(now.getTime() / 60_000) * 60_000)
    throw refused("Esa fecha y hora ya pasaron: elija una hora futura.");
  await move(db, now, audit, current, {
    move: "schedule",
    kind: "programado",
    action: "comm_request.scheduled",
    set: { scheduledAt: at, scheduledBy: user.id },
    rowVersion: form.rowVersion,
    before: async (tx) => {
      await lockSchedule(tx);
      await checkGap(tx, current, at, gapMinutes);
    },
    notice: {
      what: "programada",
      text: endSentence(`Su comunicación se enviará el ${formatDateTime(at)}`),
    },
  });
}

/** OCS takes a scheduled request off the calendar: it stays approved. */
export async function unscheduleRequest(
  db: Db,
  now: Date,
  audit: AuditContext,
  user: CurrentUser,
  id: string,
  form: { rowVersion?: number | undefined },
) {
  requireOcs(user);
  const current = await requestOr404(db, id, user);
  await move(db, now, audit, current, {
    move: "unschedule",
    kind: "desprogramado",
    action: "comm_request.unscheduled",
    set: { scheduledAt: null, scheduledBy: null },
    rowVersion: form.rowVersion,
  });
}
