import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { cards } from "../cards/cards.table.ts";
import { photos } from "../photos/photos.table.ts";
import { type PrintBatch, printBatchCards, printBatches } from "./batches.table.ts";

const printColumns = {
  cardId: cards.id,
  state: cards.state,
  code: cards.code,
  validUntil: cards.validUntil,
  personId: people.id,
  documentType: people.documentType,
  documentNumber: people.documentNumber,
  firstNames: people.firstNames,
  lastNames: people.lastNames,
  status: people.status,
  position: people.position,
  bloodType: people.bloodType,
  vinculacion: people.vinculacion,
  contractEnd: people.contractEnd,
  dependenciaId: people.dependenciaId,
  dependencia: dependencias.name,
};

// The person's approved photo (at most one is approved at a time).
const approvedPhoto = sql<
  string | null
>`(select ${photos.id} from ${photos} where ${photos.personId} = ${people.id} and ${photos.state} = 'aprobada' limit 1)`;
const approvedPortrait = sql<
  string | null
>`(select ${photos.portraitKey} from ${photos} where ${photos.personId} = ${people.id} and ${photos.state} = 'aprobada' limit 1)`;

/** Cards chosen for a new batch, with what printing needs to check. */
export function findCardsToPrint(db: Db, cardIds: string[]) {
  return db
    .select({ ...printColumns, photoId: approvedPhoto, portraitKey: approvedPortrait })
    .from(cards)
    .innerJoin(people, eq(people.id, cards.personId))
    .leftJoin(dependencias, eq(dependencias.id, people.dependenciaId))
    .where(inArray(cards.id, cardIds));
}

/** The print queue, oldest first, optionally for one dependencia or the cards queued in a time range. */
export function findPrintQueue(
  db: Db,
  filter: { dependenciaId?: string; from?: Date; to?: Date },
  limit: number,
) {
  const { dependenciaId, from, to } = filter;
  return db
    .select({ ...printColumns, updatedAt: cards.updatedAt, misprints: cards.misprints })
    .from(cards)
    .innerJoin(people, eq(people.id, cards.personId))
    .leftJoin(dependencias, eq(dependencias.id, people.dependenciaId))
    .where(
      and(
        eq(cards.state, "lista_para_imprimir"),
        dependenciaId ? eq(people.dependenciaId, dependenciaId) : undefined,
        from ? gte(cards.updatedAt, from) : undefined,
        to ? lt(cards.updatedAt, to) : undefined,
      ),
    )
    .orderBy(asc(cards.updatedAt))
    .limit(limit);
}

// The card went back to the queue from this batch and is in a later one (its state is the later batch's).
const reprintedLater = sql<boolean>`exists (select 1 from print_batch_cards later_card join print_batches later_batch on later_batch.id = later_card.batch_id where later_card.card_id = ${printBatchCards.cardId} and later_batch.created_at > ${printBatches.createdAt})`;

/** The cards of a batch in print order, with the photo they were printed with. */
export function findBatchCards(db: Db, batchId: string) {
  return db
    .select({
      ...printColumns,
      portraitKey: photos.portraitKey,
      misprints: cards.misprints,
      reprintedLater,
    })
    .from(printBatchCards)
    .innerJoin(printBatches, eq(printBatches.id, printBatchCards.batchId))
    .innerJoin(cards, eq(cards.id, printBatchCards.cardId))
    .innerJoin(people, eq(people.id, cards.personId))
    .leftJoin(dependencias, eq(dependencias.id, people.dependenciaId))
    .leftJoin(photos, eq(photos.id, cards.photoId))
    .where(eq(printBatchCards.batchId, batchId))
    .orderBy(asc(printBatchCards.position));
}

export async function insertBatch(db: Db, values: typeof printBatches.$inferInsert): Promise<PrintBatch> {
  const [row] = await db.insert(printBatches).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function insertBatchCards(db: Db, rows: (typeof printBatchCards.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(printBatchCards).values(rows);
}

export async function findBatch(db: Db, id: string): Promise<PrintBatch | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(printBatches).where(eq(printBatches.id, id));
  return row;
}

export function listBatches(db: Db, limit: number) {
  return db.select().from(printBatches).orderBy(desc(printBatches.createdAt)).limit(limit);
}

/** Batches whose PDF is still being made: after a restart, their rendering is queued again. */
export async function findRenderingBatchIds(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: printBatches.id })
    .from(printBatches)
    .where(eq(printBatches.state, "generando"));
  return rows.map((row) => row.id);
}

export async function updateBatch(db: Db, id: string, set: Partial<typeof printBatches.$inferInsert>) {
  await db.update(printBatches).set(set).where(eq(printBatches.id, id));
}

/** How many cards of each batch are in each state (and whether they were reprinted in a later batch). */
export async function findBatchCardStates(db: Db, batchIds: string[]) {
  if (batchIds.length === 0) return [];
  return db
    .select({
      batchId: printBatchCards.batchId,
      state: cards.state,
      reprintedLater,
      count: sql<number>`count(*)::int`,
    })
    .from(printBatchCards)
    .innerJoin(printBatches, eq(printBatches.id, printBatchCards.batchId))
    .innerJoin(cards, eq(cards.id, printBatchCards.cardId))
    .where(inArray(printBatchCards.batchId, batchIds))
    .groupBy(printBatchCards.batchId, cards.state, reprintedLater);
}
