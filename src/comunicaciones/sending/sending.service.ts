// Sending a communication (docs/COMUNICACIONES.md §1): when its time comes the audience is materialised, in
// one transaction, into one queue row per recipient (people who left meanwhile get nothing; addresses that
// are not institutional are kept as dropped, with the reason); a sender per request works the queue
// (sending.deliver.ts); rows abandoned by a dead process go back to the queue flagged «posible duplicado»;
// when no row is left the request is «enviada» with its summary, and the requester and reviewer are told.
import { queueEmail } from "../../core/mail/mail.service.ts";
import type { Db } from "../../db/client.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { resolveAudience } from "../requests/requests.audience.ts";
import { requestCode } from "../requests/requests.rules.ts";
import { noticeToRequester, recordStep } from "../requests/requests.service.ts";
import type { CommRequest } from "../requests/requests.table.ts";
import * as repo from "./sending.repository.ts";
import { summarise, summaryText } from "./sending.rules.ts";
import type { commDeliveries } from "./sending.table.ts";

/** The queue rows of a request's audience as it is now (the same resolution as the request's pages). */
export async function deliveryRowsOf(db: Db, now: Date, request: CommRequest, domains: readonly string[]) {
  const { recipients, dropped } = await resolveAudience(db, request, domains);
  const rows: (typeof commDeliveries.$inferInsert)[] = recipients.map((r) => ({
    requestId: request.id,
    personId: r.personId,
    name: r.name,
    dependenciaName: r.dependenciaName,
    createdAt: now,
    email: r.email,
    state: "pendiente",
    nextAttemptAt: now,
  }));
  // A repeated line of a list is not a delivery (the unique index would refuse it): it stays in the list.
  for (const d of dropped)
    if (d.reason !== "duplicado")
      rows.push({
        requestId: request.id,
        personId: d.personId,
        name: d.name,
        dependenciaName: "",
        createdAt: now,
        email: d.email?.trim().toLowerCase() || null,
        state: "descartado",
        dropReason: d.reason,
      });
  return rows;
}

/** Scheduled requests whose time came: audience materialised and state «enviándose», each in one transaction. */
export async function startDueRequests(db: Db, now: Date, domains: readonly string[]) {
  let started = 0;
  for (const id of await repo.dueScheduled(db, now)) {
    await db.transaction(async (tx) => {
      await repo.lockSending(tx);
      const current = await repo.findRequest(tx, id, true);
      if (current?.state !== "programado" || !current.scheduledAt || current.scheduledAt > now) return;
      const rows = current.recipientsResolvedAt ? [] : await deliveryRowsOf(tx, now, current, domains);
      await repo.insertDeliveries(tx, rows);
      const request = await repo.updateRequestIf(tx, id, "programado", {
        state: "enviando",
        recipientsResolvedAt: current.recipientsResolvedAt ?? now,
        sendStartedAt: now,
        updatedAt: now,
      });
      if (!request) return;
      await recordStep(tx, now, systemAuditContext, {
        request,
        kind: "envio_iniciado",
        from: "programado",
        action: "comm_request.send_started",
        details: {
          recipients: rows.filter((r) => r.state === "pendiente").length,
          dropped: rows.filter((r) => r.state === "descartado").length,
        },
      });
      started++;
    });
  }
  return started;
}

/** A request with nothing left to send becomes «enviada», with its summary and the notices. */
export async function finishIfDone(db: Db, now: Date, id: string) {
  const summary = summarise(await repo.countDeliveries(db, id));
  if (!summary.finished) return false;
  return db.transaction(async (tx) => {
    const request = await repo.updateRequestIf(tx, id, "enviando", {
      state: "enviado",
      sendFinishedAt: now,
      recipientsCount: summary.recipients,
      sentCount: summary.sent,
      failedCount: summary.failed,
      droppedCount: summary.dropped,
      duplicateRiskCount: summary.duplicateRisk,
      pausedUntil: null,
      pauseReason: null,
      updatedAt: now,
    });
    if (!request) return false;
    const details = {
      sent: summary.sent,
      failed: summary.failed,
      dropped: summary.dropped,
      duplicates: summary.duplicateRisk,
    };
    await recordStep(tx, now, systemAuditContext, {
      request,
      kind: "enviado",
      from: "enviando",
      action: "comm_request.sent",
      details,
    });
    const text = `Su comunicación terminó de enviarse: ${summaryText(summary)}. El detalle por destinatario está en SIPAP.`;
    await noticeToRequester(tx, now, request, "enviada", text);
    const reviewer = await repo.findPersonContact(tx, request.reviewerId);
    if (reviewer?.email && request.reviewerId && request.reviewerId !== request.requestedBy)
      await queueEmail(tx, now, {
        to: reviewer.email,
        personId: request.reviewerId,
        kind: "comunicaciones.aviso",
        subject: `Solicitud de comunicación ${requestCode(request.number, request.createdAt)}: enviada`,
        text: `${reviewer.firstNames}:\n\n${text}`,
      });
    return true;
  });
}

export interface DispatchOptions {
  /** This process's boot id: on PGlite rows claimed by any other boot belong to a dead process. */
  bootId: string;
  singleProcess: boolean;
  domains: readonly string[];
  queueSender: (requestId: string) => Promise<unknown>;
}

/** The minute's sweep: start what is due, take back abandoned rows, finish what is done, queue senders. */
export async function dispatch(db: Db, now: Date, options: DispatchOptions) {
  const started = await startDueRequests(db, now, options.domains);
  const recovered = await repo.recoverAbandoned(db, now, options.singleProcess ? options.bootId : undefined);
  for (const id of await repo.sendingRequests(db)) await finishIfDone(db, now, id);
  const due = await repo.requestsWithDueRows(db, now);
  for (const id of due) await options.queueSender(id);
  return { started, recovered, queued: due.length };
}
