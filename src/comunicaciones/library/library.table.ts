// The documents library: published circulars, resoluciones, actos administrativos and plans, by type and year,
// each with a stable address (slug). The bytes live in the platform's storage; here, what describes them.
import { sql } from "drizzle-orm";
import { bigint, date, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";

export const DOC_TYPES = ["circular", "resolucion", "acto_administrativo", "plan", "otro"] as const;
export type DocType = (typeof DOC_TYPES)[number];

export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** circular-004-2021: never changes once published. */
    slug: text("slug").notNull().unique(),
    docType: text("doc_type", { enum: DOC_TYPES }).notNull(),
    number: text("number").notNull(),
    year: integer("year").notNull(),
    issuedOn: date("issued_on").notNull(),
    issuingOffice: text("issuing_office").notNull(),
    issuingDependenciaId: uuid("issuing_dependencia_id").references(() => dependencias.id),
    title: text("title").notNull(),
    subject: text("subject").notNull(),
    section: text("section"),
    visibility: text("visibility", { enum: ["publico", "interno"] }).notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    /** Accent-free, lower-case type + number + year + title + subject + office, for full-text search. */
    searchText: text("search_text").notNull(),
    publishedBy: uuid("published_by"),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnBy: uuid("withdrawn_by"),
    withdrawnReason: text("withdrawn_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    unique("documents_identity").on(t.docType, t.year, t.number),
    index("documents_type_year_idx").on(t.docType, t.year),
    // An expression index, not a generated column: backup restores with `insert … select *`.
    index("documents_search_idx").using("gin", sql`to_tsvector('spanish', ${t.searchText})`),
  ],
);

export type LibraryDocument = typeof documents.$inferSelect;
