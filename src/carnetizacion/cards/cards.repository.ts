import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { printBatchCards, printBatches } from "../batches/batches.table.ts";
import { photos } from "../photos/photos.table.ts";
import type { CardState, LanyardState, PhotoSituation, PrintBatchState } from "./cards.rules.ts";
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

/** The person's latest photo and whether one is approved (the one a card is printed with). */
export async function findPhotoSituation(db: Db, personId: string): Promise<PhotoSituation> {
  const [latest] = await db
    .select({ id: photos.id, state: photos.state, rejectionReason: photos.rejectionReason })
    .from(photos)
    .where(eq(photos.personId, personId))
    .orderBy(desc(photos.createdAt))
    .limit(1);
  const [approved] = await db
    .select({ id: photos.id })
    .from(photos)
    .where(and(eq(photos.personId, personId), eq(photos.state, "aprobada")))
    .limit(1);
  return { approved: Boolean(approved), latest };
}

/** The batch a card was last put in, with its state; undefined for a card never batched. */
export async function findLatestBatchOf(
  db: Db,
  cardId: string,
): Promise<{ id: string; state: PrintBatchState } | undefined> {
  const [row] = await db
    .select({ id: printBatches.id, state: printBatches.state })
    .from(printBatchCards)
    .innerJoin(printBatches, eq(printBatches.id, printBatchCards.batchId))
    .where(eq(printBatchCards.cardId, cardId))
    .orderBy(desc(printBatches.createdAt))
    .limit(1);
  return row;
}
