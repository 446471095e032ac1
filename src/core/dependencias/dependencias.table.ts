import { type AnyPgColumn, boolean, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const dependencias = pgTable("dependencias", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  acronym: text("acronym"),
  parentId: uuid("parent_id").references((): AnyPgColumn => dependencias.id),
  active: boolean("active").notNull().default(true),
  sortOrder: integer("sort_order").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Dependencia = typeof dependencias.$inferSelect;
