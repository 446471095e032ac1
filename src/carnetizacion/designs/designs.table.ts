import { sql } from "drizzle-orm";
import { boolean, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

// Card designs uploaded by administrators (SVG text, already validated). None active means the default.
export const cardDesigns = pgTable(
  "card_designs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    front: text("front").notNull(),
    back: text("back"),
    active: boolean("active").notNull().default(false),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("card_designs_one_active_idx").on(t.active).where(sql`active`)],
);

export type CardDesign = typeof cardDesigns.$inferSelect;
