// Evidence files of the planes area: of a progress report or of an indicator's measurement. The bytes live in
// the platform's private storage; here, what was checked about them (type by content, size, SHA-256) and
// whether control interno made them public.
import { bigint, boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import { plans } from "../plans/plans.table.ts";

export type EvidenceOwnerType = "report" | "measurement";

export const planEvidence = pgTable(
  "plan_evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The plan of a report's evidence; null for an indicator's measurement. */
    planId: uuid("plan_id").references(() => plans.id, { onDelete: "cascade" }),
    ownerType: text("owner_type").$type<EvidenceOwnerType>().notNull(),
    /** plan_reports.id or plan_indicator_measurements.id (no FK: two owners, modules stay one-way). */
    ownerId: uuid("owner_id").notNull(),
    /** The dependencia that reported it: its people may download it (and staff who read plans). */
    dependenciaId: uuid("dependencia_id")
      .notNull()
      .references(() => dependencias.id),
    storageKey: text("storage_key").notNull().unique(),
    /** The name as uploaded, cleaned of paths and control characters. */
    fileName: text("file_name").notNull(),
    /** Detected from the content, never from the name. */
    contentType: text("content_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    /** Marked public by control interno: downloadable from the plan's public follow-up. */
    isPublic: boolean("is_public").notNull().default(false),
    publicBy: uuid("public_by").references(() => people.id),
    publicAt: timestamp("public_at", { withTimezone: true }),
    uploadedBy: uuid("uploaded_by").references(() => people.id),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_evidence_owner_idx").on(t.ownerType, t.ownerId)],
);

export type PlanEvidence = typeof planEvidence.$inferSelect;
