import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import type { CardState, LanyardState } from "./cards.rules.ts";
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

export async function findCard(db: Db, id: string): Promise<Card | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(cards).where(eq(cards.id, id));
  return row;
}

/** Moves a card only if it is still in the expected state; false when someone else moved it first. */
export async function updateCardState(
  db: Db,
  id: string,
  from: CardState,
  set: Partial<typeof cards.$inferInsert>,
) {
  const rows = await db
    .update(cards)
    .set(set)
    .where(and(eq(cards.id, id), eq(cards.state, from)))
    .returning({ id: cards.id });
  return rows.length === 1;
}

export async function insertCard(db: Db, values: typeof cards.$inferInsert): Promise<Card> {
  const [row] = await db.insert(cards).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateCardLanyard(db: Db, id: string, lanyard: LanyardState) {
  const rows = await db
    .update(cards)
    .set({ lanyard })
    .where(and(eq(cards.id, id), eq(cards.state, "entregada"), eq(cards.lanyard, "pendiente")))
    .returning({ id: cards.id });
  return rows.length === 1;
}

export function findExpiredInCirculation(db: Db, today: string) {
  return db
    .select({ id: cards.id })
    .from(cards)
    .where(
      and(inArray(cards.state, ["impresa", "lista_para_entrega", "entregada"]), lt(cards.validUntil, today)),
    );
}

export function findCardsOf(db: Db, personId: string) {
  return db.select().from(cards).where(eq(cards.personId, personId)).orderBy(desc(cards.createdAt));
}

export async function setLanyard(db: Db, id: string, lanyard: LanyardState) {
  await db.update(cards).set({ lanyard }).where(eq(cards.id, id));
}

export function insertCards(db: Db, values: (typeof cards.$inferInsert)[]) {
  return db.insert(cards).values(values).returning();
}
