import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { type CardDesign, cardDesigns } from "./designs.table.ts";

export async function findActiveDesign(db: Db): Promise<CardDesign | undefined> {
  const [row] = await db.select().from(cardDesigns).where(eq(cardDesigns.active, true));
  return row;
}

export async function findDesign(db: Db, id: string): Promise<CardDesign | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(cardDesigns).where(eq(cardDesigns.id, id));
  return row;
}

export function listDesigns(db: Db) {
  return db
    .select({
      id: cardDesigns.id,
      name: cardDesigns.name,
      active: cardDesigns.active,
      createdAt: cardDesigns.createdAt,
    })
    .from(cardDesigns)
    .orderBy(desc(cardDesigns.createdAt))
    .limit(20);
}

export async function insertDesign(db: Db, values: typeof cardDesigns.$inferInsert): Promise<CardDesign> {
  const [row] = await db.insert(cardDesigns).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Only one design is active: the others are switched off first, in the same transaction. */
export async function activate(db: Db, id: string | null) {
  await db.update(cardDesigns).set({ active: false }).where(eq(cardDesigns.active, true));
  if (id) await db.update(cardDesigns).set({ active: true }).where(eq(cardDesigns.id, id));
}
