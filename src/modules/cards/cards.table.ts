import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "../people/people.table.ts";
import type { CardState } from "./cards.rules.ts";

export const cards = pgTable(
  "cards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    state: text("state").$type<CardState>().notNull(),
    misprints: integer("misprints").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("cards_person_idx").on(t.personId)],
);

export type Card = typeof cards.$inferSelect;
