// Publication requests (format GTI-F-020): a dependencia asks SSI to publish a circular, resolución or acto
// administrativo on the website, the intranet or both; SSI publishes it into the library or returns it.
import { bigint, boolean, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import { DOC_TYPES, documents } from "../library/library.table.ts";

export const pubRequests = pgTable(
  "pub_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Shown as PUB-<year>-<0003>. */
    number: integer("number").generatedAlwaysAsIdentity().unique(),
    dependenciaId: uuid("dependencia_id")
      .notNull()
      .references(() => dependencias.id),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => people.id),
    docType: text("doc_type", { enum: DOC_TYPES }).notNull(),
    docNumber: text("doc_number").notNull(),
    docDate: date("doc_date").notNull(),
    issuingOffice: text("issuing_office").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    target: text("target", { enum: ["web", "intranet", "ambos"] }).notNull(),
    section: text("section").notNull(),
    internalDistribution: boolean("internal_distribution").notNull().default(false),
    state: text("state", { enum: ["nuevo", "publicado", "devuelto"] })
      .notNull()
      .default("nuevo"),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    handledBy: uuid("handled_by"),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    comment: text("comment"),
    documentId: uuid("document_id").references(() => documents.id),
    rowVersion: integer("row_version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("pub_requests_state_idx").on(t.state, t.createdAt),
    index("pub_requests_dependencia_idx").on(t.dependenciaId, t.createdAt),
  ],
);

export type PubRequest = typeof pubRequests.$inferSelect;
