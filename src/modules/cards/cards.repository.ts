import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type Card, cards } from "./cards.table.ts";

export async function findLatestCard(db: Db, personId: string): Promise<Card | undefined> {
  const [row] = await db
    .select()
    .from(cards)
    .where(eq(cards.personId, personId))
    .orderBy(desc(cards.createdAt))
    .limit(1);
  return row;
}

export async function insertCard(db: Db, values: typeof cards.$inferInsert): Promise<Card> {
  const [row] = await db.insert(cards).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}
