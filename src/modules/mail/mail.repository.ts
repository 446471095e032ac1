import { and, desc, eq, lte } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type OutboxMessage, outbox } from "./mail.table.ts";

export async function insertMessage(db: Db, values: typeof outbox.$inferInsert) {
  await db.insert(outbox).values(values);
}

export function findDue(db: Db, now: Date, limit: number): Promise<OutboxMessage[]> {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, "pendiente"), lte(outbox.nextAttemptAt, now)))
    .orderBy(outbox.nextAttemptAt)
    .limit(limit);
}

export async function updateMessage(db: Db, id: string, set: Partial<typeof outbox.$inferInsert>) {
  await db.update(outbox).set(set).where(eq(outbox.id, id));
}

export function listMessages(db: Db, limit: number): Promise<OutboxMessage[]> {
  return db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(limit);
}
