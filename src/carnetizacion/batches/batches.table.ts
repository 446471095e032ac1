import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { cards } from "../cards/cards.table.ts";

export type BatchState = "generando" | "lista" | "fallida";

export const printBatches = pgTable(
  "print_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    state: text("state").$type<BatchState>().notNull(),
    total: integer("total").notNull(),
    done: integer("done").notNull().default(0),
    fileKey: text("file_key"),
    fileBytes: integer("file_bytes"),
    error: text("error"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("print_batches_created_idx").on(t.createdAt)],
);

// Which cards were printed in which batch: a misprinted card appears again in a later batch.
export const printBatchCards = pgTable(
  "print_batch_cards",
  {
    batchId: uuid("batch_id")
      .notNull()
      .references(() => printBatches.id),
    cardId: uuid("card_id")
      .notNull()
      .references(() => cards.id),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.cardId] }), index("print_batch_cards_card_idx").on(t.cardId)],
);

export type PrintBatch = typeof printBatches.$inferSelect;
