import { boolean, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";

// The standard reasons an operator picks from when rejecting a photo; administrators edit the list.
export const rejectionReasons = pgTable("rejection_reasons", {
  id: uuid("id").primaryKey().defaultRandom(),
  label: text("label").notNull().unique(),
  position: integer("position").notNull(),
  active: boolean("active").notNull().default(true),
});

export type RejectionReason = typeof rejectionReasons.$inferSelect;
