import { date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "../../core/people/people.table.ts";
import type { CardState, DisableReason, LanyardState } from "./cards.rules.ts";

export const cards = pgTable(
  "cards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    state: text("state").$type<CardState>().notNull(),
    misprints: integer("misprints").notNull().default(0),
    // The unguessable code printed on the card and in its QR (80 random bits), given when first printed.
    code: text("code").unique(),
    // Set when the card is printed: the approved photo and validity it was printed with.
    photoId: uuid("photo_id"),
    validUntil: date("valid_until"),
    printedAt: timestamp("printed_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    lanyard: text("lanyard").$type<LanyardState>(),
    disabledReason: text("disabled_reason").$type<DisableReason>(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    returnedAt: timestamp("returned_at", { withTimezone: true }),
    replacesCardId: uuid("replaces_card_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("cards_person_idx").on(t.personId), index("cards_state_idx").on(t.state, t.updatedAt)],
);

export type Card = typeof cards.$inferSelect;
