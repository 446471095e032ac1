// The sender of one request (docs/COMUNICACIONES.md §1, steps 2–4): it claims queue rows only as places free
// up in an in-flight window of 2×C messages over C pooled SMTP connections, so the rows «enviándose» at a
// crash are exactly those in flight; each 250 is committed at once, one statement per message. A failure of
// the server itself (unreachable, 421) pauses the whole send without charging anyone an attempt.
import { randomUUID } from "node:crypto";
import type { OutgoingMail, SmtpFailure } from "../../core/mail/mail.pool.ts";
import { retryAt } from "../../core/mail/mail.rules.ts";
import { getBuffer, type Storage } from "../../core/storage/storage.types.ts";
import type { Db } from "../../db/client.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import type { Clock } from "../../shared/time.ts";
import { parseMarkup, renderMessage } from "../messages/messages.rules.ts";
import { recordStep } from "../requests/requests.service.ts";
import * as repo from "./sending.repository.ts";
import { classifySmtpFailure, failureReason, messageIdFor, pauseUntil } from "./sending.rules.ts";
import { finishIfDone } from "./sending.service.ts";
import type { CommDelivery } from "./sending.table.ts";

/** What the sender needs of an SMTP client (core's pooled sender, or a test's stand-in). */
export interface MailSender {
  send(mail: OutgoingMail): Promise<{ messageId: string; response: string }>;
}

export interface DeliverOptions {
  bootId: string;
  from: string;
  /** The Message-ID's domain. */
  domain: string;
  /** In-flight messages at most: 2 × the SMTP connections. */
  window: number;
  signal?: AbortSignal;
  leaseMs?: number;
  heartbeatMs?: number;
}

export interface DeliverResult {
  sent: number;
  failed: number;
  retried: number;
  paused: boolean;
  finished: boolean;
}

async function attachmentsOf(db: Db, storage: Storage, requestId: string) {
  const files = [];
  for (const row of await repo.mailedAttachments(db, requestId)) {
    const content = await getBuffer(storage, row.storageKey);
    if (!content) throw new Error(`mailed attachment ${row.id} is missing from storage`);
    files.push({ filename: row.fileName, content, contentType: row.contentType });
  }
  return files;
}

export async function deliverRequest(
  db: Db,
  clock: Clock,
  sender: MailSender,
  storage: Storage,
  requestId: string,
  options: DeliverOptions,
): Promise<DeliverResult> {
  const result: DeliverResult = { sent: 0, failed: 0, retried: 0, paused: false, finished: false };
  const request = await repo.findRequest(db, requestId);
  const now0 = clock.now();
  if (request?.state !== "enviando" || (request.pausedUntil && request.pausedUntil > now0)) return result;
  // A pause that ended: the page stops saying «en pausa» once sending goes on.
  if (request.pausedUntil)
    await repo.updateRequestIf(db, requestId, "enviando", {
      pausedUntil: null,
      pauseReason: null,
      updatedAt: now0,
    });
  // Read once per run: the template's tokens, the recipients' names and cargo, the mailed files.
  const template = { subject: request.subject, blocks: parseMarkup(request.body) };
  const names = new Map((await repo.recipientPeople(db, requestId)).map((p) => [p.id, p]));
  const attachments = await attachmentsOf(db, storage, requestId);
  const token = randomUUID();
  const leaseMs = options.leaseMs ?? 60_000;
  let serverError: string | undefined;
  let fatal: unknown;

  const mailFor = (row: CommDelivery): OutgoingMail => {
    const person = row.personId ? names.get(row.personId) : undefined;
    const message = renderMessage(template, {
      firstNames: person?.firstNames ?? row.name,
      lastNames: person?.lastNames ?? "",
      dependencia: row.dependenciaName,
      cargo: person?.position ?? "",
    });
    return {
      from: options.from,
      to: row.email ?? "",
      ...message,
      messageId: messageIdFor(row.id, options.domain),
      ...(attachments.length > 0 ? { attachments } : {}),
    };
  };

  const sendOne = async (row: CommDelivery) => {
    const mail = mailFor(row);
    try {
      const info = await sender.send(mail);
      await repo.markSent(db, row.id, token, clock.now(), mail.messageId ?? "", info.response);
      result.sent++;
    } catch (error) {
      const failure = error as SmtpFailure & { response?: string };
      const kind = classifySmtpFailure(failure);
      if (kind === "server") {
        serverError = failureReason(failure);
        return; // released with the others below, no attempt counted
      }
      const attempts = row.attempts + 1;
      const next = kind === "permanent" ? undefined : retryAt(attempts, clock.now());
      await repo.markUnsent(db, row.id, token, {
        state: next ? "pendiente" : "fallido",
        attempts,
        nextAttemptAt: next ?? null,
        lastError: failureReason(failure),
        ...(kind === "ambiguous" ? { recovered: true } : {}),
      });
      if (next) result.retried++;
      else result.failed++;
    }
  };

  const heartbeat = setInterval(
    () => void repo.extendLease(db, token, new Date(clock.now().getTime() + leaseMs)).catch(() => {}),
    options.heartbeatMs ?? 15_000,
  );
  // The lease is a safety net: it never keeps a stopping process alive.
  heartbeat.unref();
  const inFlight = new Set<Promise<void>>();
  try {
    while (!options.signal?.aborted && serverError === undefined && fatal === undefined) {
      const room = options.window - inFlight.size;
      // Claim in small groups as places free up: rows are claimed only when about to be sent.
      if (room >= Math.max(1, Math.floor(options.window / 2)) || inFlight.size === 0) {
        const now = clock.now();
        const rows = await repo.claimDue(
          db,
          requestId,
          { token, bootId: options.bootId, now, leaseUntil: new Date(now.getTime() + leaseMs) },
          room,
        );
        if (rows.length === 0 && inFlight.size === 0) break;
        for (const row of rows) {
          const sending: Promise<void> = sendOne(row)
            .catch((error: unknown) => {
              fatal ??= error;
            })
            .finally(() => inFlight.delete(sending));
          inFlight.add(sending);
        }
      }
      if (inFlight.size > 0) await Promise.race(inFlight);
    }
    // Shutdown, pause or error: what is in flight finishes (its rows are committed), nothing new starts.
    await Promise.all(inFlight);
  } finally {
    clearInterval(heartbeat);
  }
  // Rows claimed but not sent (a pause, or the server failing under several in-flight messages).
  await repo.releaseClaims(db, token);
  if (fatal !== undefined) throw fatal;
  if (serverError !== undefined) {
    await pause(db, clock.now(), requestId, serverError);
    result.paused = true;
    return result;
  }
  if (!options.signal?.aborted) result.finished = await finishIfDone(db, clock.now(), requestId);
  return result;
}

/** The server is away: the send waits longer after each consecutive pause; recorded once per pause. */
async function pause(db: Db, now: Date, requestId: string, reason: string) {
  const n = (await repo.pausesSinceLastSent(db, requestId)) + 1;
  await db.transaction(async (tx) => {
    const request = await repo.updateRequestIf(tx, requestId, "enviando", {
      pausedUntil: pauseUntil(n, now),
      pauseReason: reason,
      updatedAt: now,
    });
    if (!request) return;
    await recordStep(tx, now, systemAuditContext, {
      request,
      kind: "envio_pausado",
      from: "enviando",
      action: "comm_request.send_paused",
      details: { until: request.pausedUntil?.toISOString(), reason },
    });
  });
}
