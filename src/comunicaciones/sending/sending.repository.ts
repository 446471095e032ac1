// Queries of sending: the per-recipient queue (claim, lease, mark, release, recover), the requests it moves
// (scheduled → sending → sent), the audience as it is when the send starts, and the schedule's calendar.
import { and, asc, count, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import type { Db } from "../../db/client.ts";
import {
  type CommRequest,
  commAttachments,
  commRequestEvents,
  commRequests,
  type NewCommRequest,
} from "../requests/requests.table.ts";
import type { DeliveryCounts, DeliveryState } from "./sending.rules.ts";
import { commDeliveries } from "./sending.table.ts";

/** One sending decision at a time across instances: starting a send and checking the schedule's gap. */
export const SENDING_LOCK = 7_302_001;

export async function lockSending(tx: Db) {
  await tx.execute(sql`select pg_advisory_xact_lock(${SENDING_LOCK})`);
}

export async function findRequest(db: Db, id: string, forUpdate = false): Promise<CommRequest | undefined> {
  const query = db.select().from(commRequests).where(eq(commRequests.id, id));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row;
}

export async function updateRequestIf(
  db: Db,
  id: string,
  state: CommRequest["state"],
  set: Partial<NewCommRequest>,
): Promise<CommRequest | undefined> {
  const [row] = await db
    .update(commRequests)
    .set({ ...set, rowVersion: sql`${commRequests.rowVersion} + 1` })
    .where(and(eq(commRequests.id, id), eq(commRequests.state, state)))
    .returning();
  return row;
}

const notPaused = (now: Date) => or(isNull(commRequests.pausedUntil), lte(commRequests.pausedUntil, now));

export async function dueScheduled(db: Db, now: Date) {
  const rows = await db
    .select({ id: commRequests.id })
    .from(commRequests)
    .where(and(eq(commRequests.state, "programado"), lte(commRequests.scheduledAt, now), notPaused(now)))
    .orderBy(asc(commRequests.scheduledAt));
  return rows.map((r) => r.id);
}

/** Requests being sent, not paused, with a recipient due now. */
export async function requestsWithDueRows(db: Db, now: Date) {
  const rows = await db
    .selectDistinct({ id: commRequests.id })
    .from(commRequests)
    .innerJoin(commDeliveries, eq(commDeliveries.requestId, commRequests.id))
    .where(
      and(
        eq(commRequests.state, "enviando"),
        notPaused(now),
        eq(commDeliveries.state, "pendiente"),
        lte(commDeliveries.nextAttemptAt, now),
      ),
    );
  return rows.map((r) => r.id);
}

export async function sendingRequests(db: Db) {
  const rows = await db
    .select({ id: commRequests.id })
    .from(commRequests)
    .where(eq(commRequests.state, "enviando"));
  return rows.map((r) => r.id);
}

export async function insertDeliveries(db: Db, rows: (typeof commDeliveries.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insert(commDeliveries)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing();
}

/** Rows whose sender died: on PostgreSQL once the lease ran out; on PGlite (one process) any other boot's. */
export async function recoverAbandoned(db: Db, now: Date, otherBootsToo: string | undefined) {
  const rows = await db
    .update(commDeliveries)
    .set({
      state: "pendiente",
      claimToken: null,
      claimedBy: null,
      leaseUntil: null,
      recovered: true,
      nextAttemptAt: now,
    })
    .where(
      and(
        eq(commDeliveries.state, "enviando"),
        otherBootsToo
          ? or(lt(commDeliveries.leaseUntil, now), ne(commDeliveries.claimedBy, otherBootsToo))
          : lt(commDeliveries.leaseUntil, now),
      ),
    )
    .returning({ id: commDeliveries.id });
  return rows.length;
}

/** Claims up to `limit` due rows for this sender, just before sending them. */
export function claimDue(
  db: Db,
  requestId: string,
  claim: { token: string; bootId: string; now: Date; leaseUntil: Date },
  limit: number,
) {
  const due = db
    .select({ id: commDeliveries.id })
    .from(commDeliveries)
    .where(
      and(
        eq(commDeliveries.requestId, requestId),
        eq(commDeliveries.state, "pendiente"),
        lte(commDeliveries.nextAttemptAt, claim.now),
      ),
    )
    // The partial index (request_id, next_attempt_at) WHERE state = 'pendiente' gives these in order and the
    // scan stops at the limit: a tie-break on id would sort every due row (all 5,000 at the start) per claim.
    .orderBy(asc(commDeliveries.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(commDeliveries)
    .set({
      state: "enviando",
      claimToken: claim.token,
      claimedBy: claim.bootId,
      leaseUntil: claim.leaseUntil,
    })
    .where(inArray(commDeliveries.id, due))
    .returning();
}

export async function extendLease(db: Db, token: string, leaseUntil: Date) {
  await db
    .update(commDeliveries)
    .set({ leaseUntil })
    .where(and(eq(commDeliveries.claimToken, token), eq(commDeliveries.state, "enviando")));
}

const mine = (id: string, token: string) =>
  and(eq(commDeliveries.id, id), eq(commDeliveries.claimToken, token), eq(commDeliveries.state, "enviando"));

/** The 250 is recorded at once, one autocommit statement per message: the duplicate window stays tiny. */
export async function markSent(
  db: Db,
  id: string,
  token: string,
  at: Date,
  messageId: string,
  response: string,
) {
  await db
    .update(commDeliveries)
    .set({
      state: "enviado",
      sentAt: at,
      messageId,
      smtpResponse: response.slice(0, 300),
      attempts: sql`${commDeliveries.attempts} + 1`,
      claimToken: null,
      leaseUntil: null,
    })
    .where(mine(id, token));
}

export async function markUnsent(
  db: Db,
  id: string,
  token: string,
  set: {
    state: "pendiente" | "fallido";
    attempts: number;
    nextAttemptAt: Date | null;
    lastError: string;
    recovered?: boolean;
  },
) {
  await db
    .update(commDeliveries)
    .set({ ...set, claimToken: null, leaseUntil: null })
    .where(mine(id, token));
}

/** Back to the queue without counting an attempt (a pause or a shutdown, not the recipient's fault). */
export async function releaseClaims(db: Db, token: string) {
  await db
    .update(commDeliveries)
    .set({ state: "pendiente", claimToken: null, claimedBy: null, leaseUntil: null })
    .where(and(eq(commDeliveries.claimToken, token), eq(commDeliveries.state, "enviando")));
}

export async function countDeliveries(db: Db, requestId: string): Promise<DeliveryCounts> {
  const rows = await db
    .select({ state: commDeliveries.state, recovered: commDeliveries.recovered, n: count() })
    .from(commDeliveries)
    .where(eq(commDeliveries.requestId, requestId))
    .groupBy(commDeliveries.state, commDeliveries.recovered);
  const counts: DeliveryCounts = {
    pendiente: 0,
    enviando: 0,
    enviado: 0,
    fallido: 0,
    descartado: 0,
    recovered: 0,
  };
  for (const row of rows) {
    counts[row.state] += Number(row.n);
    if (row.recovered && row.state === "enviado") counts.recovered += Number(row.n);
  }
  return counts;
}

/** First and last names and cargo of the request's recipients who are people, for the template. */
export function recipientPeople(db: Db, requestId: string) {
  return db
    .select({
      id: people.id,
      firstNames: people.firstNames,
      lastNames: people.lastNames,
      position: people.position,
    })
    .from(commDeliveries)
    .innerJoin(people, eq(people.id, commDeliveries.personId))
    .where(eq(commDeliveries.requestId, requestId));
}

export function mailedAttachments(db: Db, requestId: string) {
  return db
    .select()
    .from(commAttachments)
    .where(
      and(
        eq(commAttachments.requestId, requestId),
        eq(commAttachments.purpose, "mensaje"),
        isNull(commAttachments.removedAt),
      ),
    )
    .orderBy(asc(commAttachments.createdAt));
}

/** Pauses since the last message that went out: each one waits longer. */
export async function pausesSinceLastSent(db: Db, requestId: string) {
  const [last] = await db
    .select({ at: sql<Date | null>`max(${commDeliveries.sentAt})` })
    .from(commDeliveries)
    .where(eq(commDeliveries.requestId, requestId));
  const since = last?.at ? new Date(last.at) : new Date(0);
  const [row] = await db
    .select({ n: count() })
    .from(commRequestEvents)
    .where(
      and(
        eq(commRequestEvents.requestId, requestId),
        eq(commRequestEvents.kind, "envio_pausado"),
        gt(commRequestEvents.at, since),
      ),
    );
  return Number(row?.n ?? 0);
}

export function listDeliveries(
  db: Db,
  requestId: string,
  state: DeliveryState | undefined,
  page: { offset: number; limit: number },
) {
  return db
    .select()
    .from(commDeliveries)
    .where(and(eq(commDeliveries.requestId, requestId), state ? eq(commDeliveries.state, state) : undefined))
    .orderBy(asc(commDeliveries.name), asc(commDeliveries.id))
    .offset(page.offset)
    .limit(page.limit);
}

/** Mass sends (not single-person notices) scheduled or sending within [from, to]. */
export function massSendsBetween(db: Db, from: Date, to: Date, exceptId?: string) {
  return db
    .select()
    .from(commRequests)
    .where(
      and(
        inArray(commRequests.state, ["programado", "enviando"]),
        ne(commRequests.audienceKind, "persona"),
        gte(commRequests.scheduledAt, from),
        lte(commRequests.scheduledAt, to),
        exceptId ? ne(commRequests.id, exceptId) : undefined,
      ),
    )
    .orderBy(asc(commRequests.scheduledAt));
}

/** The calendar: scheduled and sending requests from `from` on, with their dependencia. */
export function calendarRows(db: Db, from: Date) {
  return db
    .select({ request: commRequests, dependenciaName: dependencias.name })
    .from(commRequests)
    .innerJoin(dependencias, eq(dependencias.id, commRequests.dependenciaId))
    .where(
      or(
        eq(commRequests.state, "enviando"),
        and(eq(commRequests.state, "programado"), gte(commRequests.scheduledAt, from)),
      ),
    )
    .orderBy(asc(commRequests.scheduledAt))
    .limit(500);
}

export async function findPersonContact(db: Db, id: string | null) {
  if (!id) return undefined;
  const [row] = await db
    .select({ email: people.email, firstNames: people.firstNames })
    .from(people)
    .where(eq(people.id, id));
  return row;
}
