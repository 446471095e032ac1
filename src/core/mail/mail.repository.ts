import { and, desc, eq, inArray, lte } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type OutboxMessage, outbox } from "./mail.table.ts";

export async function insertMessage(db: Db, values: typeof outbox.$inferInsert) {
  await db.insert(outbox).values(values);
}

export async function insertMessages(db: Db, values: (typeof outbox.$inferInsert)[]) {
  if (values.length > 0) await db.insert(outbox).values(values);
}

/**
 * Claims the messages due now by pushing their next attempt past a lease, so that several SIPAP
 * instances sending at once never pick the same message (SKIP LOCKED).
 */
export async function claimDue(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, "pendiente"), lte(outbox.nextAttemptAt, now)))
    .orderBy(outbox.nextAttemptAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db.update(outbox).set({ nextAttemptAt: leaseUntil }).where(inArray(outbox.id, due)).returning();
}

export async function updateMessage(db: Db, id: string, set: Partial<typeof outbox.$inferInsert>) {
  await db.update(outbox).set(set).where(eq(outbox.id, id));
}

export function listMessages(db: Db, limit: number): Promise<OutboxMessage[]> {
  return db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(limit);
}
