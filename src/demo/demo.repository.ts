// Bulk writes for the demo's background crowd: the same rows the services write one at a time (photos,
// card moves, their transitions and audit rows; control interno's verifications), hundreds per statement so
// the demo loads in seconds.
import { and, eq, inArray, like } from "drizzle-orm";
import type { CardState } from "../carnetizacion/cards/cards.rules.ts";
import { cards } from "../carnetizacion/cards/cards.table.ts";
import { photos } from "../carnetizacion/photos/photos.table.ts";
import { passwords } from "../core/auth/auth.table.ts";
import { outbox } from "../core/mail/mail.table.ts";
import { people } from "../core/people/people.table.ts";
import type { Db } from "../db/client.ts";
import { planFollowupItems } from "../planes/followups/followups.table.ts";
import { planActivityEvents } from "../planes/progress/progress.table.ts";
import { auditLog } from "../shared/audit.table.ts";
import { stateTransitions } from "../shared/transitions.table.ts";

const CHUNK = 500;

async function inChunks<T>(items: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += CHUNK) await write(items.slice(i, i + CHUNK));
}

export async function countDemoPeople(db: Db, prefix: string): Promise<number> {
  return (
    await db
      .select({ id: people.id })
      .from(people)
      .where(like(people.documentNumber, `${prefix}%`))
  ).length;
}

/** The roster's active people, by document number: the demo picks its responsables de plan among them. */
export function findActiveDemoPeople(db: Db, prefix: string) {
  return db
    .select({
      id: people.id,
      firstNames: people.firstNames,
      lastNames: people.lastNames,
      dependenciaId: people.dependenciaId,
      vinculacion: people.vinculacion,
    })
    .from(people)
    .where(and(like(people.documentNumber, `${prefix}%`), eq(people.status, "activo")))
    .orderBy(people.documentNumber);
}

/** A password nobody knows (its plain text was thrown away): these people already activated their account. */
export async function insertPasswords(db: Db, personIds: string[], hash: string, at: Date) {
  await inChunks(personIds, (chunk) =>
    db.insert(passwords).values(chunk.map((personId) => ({ personId, hash, changedAt: at }))),
  );
}

export async function setPrivacyAccepted(db: Db, personIds: string[], at: Date) {
  await inChunks(personIds, (chunk) =>
    db.update(people).set({ privacyAcceptedAt: at }).where(inArray(people.id, chunk)),
  );
}

export async function insertPhotos(db: Db, rows: (typeof photos.$inferInsert)[]) {
  await inChunks(rows, (chunk) => db.insert(photos).values(chunk));
}

export async function approvePhotos(db: Db, ids: string[], reviewedBy: string, at: Date) {
  await inChunks(ids, (chunk) =>
    db
      .update(photos)
      .set({ state: "aprobada", reviewedBy, reviewedAt: at })
      .where(and(inArray(photos.id, chunk), eq(photos.state, "en_revision"))),
  );
}

export function findCardsOfPeople(db: Db, personIds: string[]) {
  return db.select().from(cards).where(inArray(cards.personId, personIds));
}

/** Moves cards still in `from` to `to`, as cards.service's moveCard does for one. Returns how many moved. */
export async function moveCards(
  db: Db,
  ids: string[],
  from: CardState,
  to: CardState,
  at: Date,
  set: Partial<typeof cards.$inferInsert> = {},
) {
  let moved = 0;
  await inChunks(ids, async (chunk) => {
    const rows = await db
      .update(cards)
      .set({ ...set, state: to, updatedAt: at })
      .where(and(inArray(cards.id, chunk), eq(cards.state, from)))
      .returning({ id: cards.id });
    moved += rows.length;
  });
  return moved;
}

export interface HistoryRow {
  subjectType: "card" | "photo";
  subjectId: string;
  from: string | null;
  to: string;
  actorId: string | null;
  reason?: string;
  at: Date;
  details?: Record<string, unknown>;
}

/** Transitions with their audit rows, exactly as shared/transitions.ts records one, each with its own actor and time. */
export async function insertHistory(db: Db, rows: HistoryRow[]) {
  await inChunks(rows, async (chunk) => {
    await db.insert(stateTransitions).values(
      chunk.map((t) => ({
        subjectType: t.subjectType,
        subjectId: t.subjectId,
        fromState: t.from,
        toState: t.to,
        actorId: t.actorId,
        reason: t.reason ?? null,
        at: t.at,
      })),
    );
    await db.insert(auditLog).values(
      chunk.map((t) => ({
        at: t.at,
        actorId: t.actorId,
        action: `${t.subjectType}.${t.to}`,
        targetType: t.subjectType,
        targetId: t.subjectId,
        details: { from: t.from, to: t.to, ...(t.reason ? { reason: t.reason } : {}), ...t.details },
        ip: null,
        requestId: null,
      })),
    );
  });
}

/** Messages as the outbox keeps them once delivered: who, what, when, and no body. */
export async function insertSentMessages(
  db: Db,
  rows: {
    recipient: string;
    personId: string;
    subject: string;
    kind: string;
    createdAt: Date;
    sentAt: Date;
  }[],
) {
  await inChunks(rows, (chunk) =>
    db.insert(outbox).values(
      chunk.map((m) => ({
        ...m,
        body: "",
        status: "enviado" as const,
        attempts: 1,
        nextAttemptAt: m.createdAt,
      })),
    ),
  );
}

export interface VerificationRow {
  planId: string;
  followupId: string;
  cutOn: string;
  itemId: string;
  code: string | null;
  verifiedPercent: number;
  realized: string | null;
  observations: string | null;
  verifiedBy: string | null;
  at: Date;
}

/**
 * Control interno's verification of every activity of a cut, as followups.service's verifyActivity writes
 * one (the verification, the activity's history event and the audit row), in three statements: the service
 * reads the whole plan's progress for each activity, which made the demo's three follow-ups the slowest
 * part of its first start.
 */
export async function insertVerifications(db: Db, rows: VerificationRow[]) {
  await inChunks(rows, async (chunk) => {
    await db.insert(planFollowupItems).values(
      chunk.map((r) => ({
        followupId: r.followupId,
        itemId: r.itemId,
        verifiedPercent: r.verifiedPercent,
        realized: r.realized,
        observations: r.observations,
        verifiedBy: r.verifiedBy,
        verifiedAt: r.at,
      })),
    );
    await db.insert(planActivityEvents).values(
      chunk.map((r) => ({
        planId: r.planId,
        itemId: r.itemId,
        followupId: r.followupId,
        kind: "verificacion_oci" as const,
        actorId: r.verifiedBy,
        percent: r.verifiedPercent,
        comment: r.observations,
        details: { cutOn: r.cutOn, realized: r.realized },
        at: r.at,
      })),
    );
    await db.insert(auditLog).values(
      chunk.map((r) => ({
        at: r.at,
        actorId: r.verifiedBy,
        action: "plan_followup.verified",
        targetType: "plan_followup",
        targetId: r.followupId,
        details: {
          itemId: r.itemId,
          code: r.code,
          verifiedPercent: { before: null, after: r.verifiedPercent },
        },
        ip: null,
        requestId: null,
      })),
    );
  });
}
