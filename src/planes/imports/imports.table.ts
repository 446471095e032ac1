// An uploaded plan spreadsheet: kept in storage, read again for the preview and when applied.
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "../../core/people/people.table.ts";
import { plans } from "../plans/plans.table.ts";
import type { ImportSummary } from "../sheets/sheets.types.ts";

export type ImportStatus = "vista_previa" | "aplicada" | "descartada" | "rechazada";

export const planImports = pgTable(
  "plan_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    /** Storage key of the file as uploaded (planes/importaciones/<id>.xlsx); null when refused unread. */
    fileKey: text("file_key"),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    status: text("status").$type<ImportStatus>().notNull().default("vista_previa"),
    /** Counts and problems of the last reading, so lists of imports need not read files again. */
    summary: jsonb("summary").$type<ImportSummary>().notNull(),
    createdBy: uuid("created_by").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
  },
  (t) => [index("plan_imports_plan_idx").on(t.planId, t.createdAt)],
);

export type PlanImport = typeof planImports.$inferSelect;
