// Communication requests (format COM_F_004): what a dependencia asks OCS to send to the servants, its
// audience, its state on the way to approval and sending, the history of each step (events), its files
// and a pasted or uploaded list of recipients. The per-recipient queue and log is sending.table.ts.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import { pubRequests } from "../publications/publications.table.ts";
import {
  AUDIENCE_KINDS,
  CLASSIFICATIONS,
  EVENT_KINDS,
  REQUEST_STATES,
  VINCULACIONES,
} from "./requests.rules.ts";

export const commRequests = pgTable(
  "comm_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Shown as COM-<year>-<0007>. */
    number: integer("number").generatedAlwaysAsIdentity().unique(),
    origin: text("origin", { enum: ["solicitud", "distribucion"] })
      .notNull()
      .default("solicitud"),
    pubRequestId: uuid("pub_request_id").references(() => pubRequests.id),
    dependenciaId: uuid("dependencia_id")
      .notNull()
      .references(() => dependencias.id),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => people.id),
    purpose: text("purpose").notNull(),
    classification: text("classification", { enum: CLASSIFICATIONS }).notNull(),
    audienceKind: text("audience_kind", { enum: AUDIENCE_KINDS }).notNull(),
    /** Empty = every dependencia. */
    audienceDependenciaIds: uuid("audience_dependencia_ids").array().notNull().default(sql`'{}'`),
    audienceIncludeChildren: boolean("audience_include_children").notNull().default(true),
    audienceVinculacion: text("audience_vinculacion", { enum: VINCULACIONES }),
    audiencePersonId: uuid("audience_person_id").references(() => people.id),
    desiredAt: timestamp("desired_at", { withTimezone: true }).notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    state: text("state", { enum: REQUEST_STATES }).notNull().default("nuevo"),
    /** +1 per content edit: approval and consultations hold for one content version. */
    contentVersion: integer("content_version").notNull().default(1),
    /** +1 per change of any kind: a form carries it, a stale one is refused. */
    rowVersion: integer("row_version").notNull().default(1),
    reviewerId: uuid("reviewer_id"),
    approvedBy: uuid("approved_by"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvedContentVersion: integer("approved_content_version"),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    scheduledBy: uuid("scheduled_by"),
    recipientsResolvedAt: timestamp("recipients_resolved_at", { withTimezone: true }),
    sendStartedAt: timestamp("send_started_at", { withTimezone: true }),
    sendFinishedAt: timestamp("send_finished_at", { withTimezone: true }),
    recipientsCount: integer("recipients_count"),
    sentCount: integer("sent_count"),
    failedCount: integer("failed_count"),
    droppedCount: integer("dropped_count"),
    duplicateRiskCount: integer("duplicate_risk_count"),
    /** SMTP down: sending waits until then. */
    pausedUntil: timestamp("paused_until", { withTimezone: true }),
    pauseReason: text("pause_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("comm_requests_state_idx").on(t.state, t.scheduledAt),
    index("comm_requests_dependencia_idx").on(t.dependenciaId, t.createdAt),
    index("comm_requests_requester_idx").on(t.requestedBy),
    // Backstops of the circular's rules; the service refuses first, with a message.
    check(
      "comm_requests_sensitive_one",
      sql`${t.classification} <> 'sensible' OR ${t.audienceKind} = 'persona'`,
    ),
    check("comm_requests_persona", sql`${t.audienceKind} <> 'persona' OR ${t.audiencePersonId} IS NOT NULL`),
    check(
      "comm_requests_not_self_approved",
      sql`${t.approvedBy} IS NULL OR ${t.approvedBy} <> ${t.requestedBy}`,
    ),
  ],
);

export const commRequestEvents = pgTable(
  "comm_request_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => commRequests.id),
    kind: text("kind", { enum: EVENT_KINDS }).notNull(),
    fromState: text("from_state"),
    toState: text("to_state"),
    actorId: uuid("actor_id"),
    comment: text("comment"),
    contentVersion: integer("content_version").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("comm_request_events_request_idx").on(t.requestId, t.id)],
);

export const commAttachments = pgTable(
  "comm_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => commRequests.id),
    /** Added with a step's comment. */
    eventId: bigint("event_id", { mode: "number" }).references(() => commRequestEvents.id),
    /** mensaje: mailed with the message; soporte: for the reviewers only. */
    purpose: text("purpose", { enum: ["mensaje", "soporte"] }).notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    uploadedBy: uuid("uploaded_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [index("comm_attachments_request_idx").on(t.requestId)],
);

/** A pasted or uploaded audience, one row per line, with what was wrong with it. */
export const commListEntries = pgTable(
  "comm_list_entries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => commRequests.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    raw: text("raw").notNull(),
    email: text("email"),
    name: text("name"),
    dependenciaName: text("dependencia_name"),
    personId: uuid("person_id"),
    problem: text("problem", { enum: ["correo_invalido", "dominio_externo", "duplicado"] }),
  },
  (t) => [unique().on(t.requestId, t.position)],
);

export type CommRequest = typeof commRequests.$inferSelect;
export type NewCommRequest = typeof commRequests.$inferInsert;
export type CommRequestEvent = typeof commRequestEvents.$inferSelect;
export type CommAttachment = typeof commAttachments.$inferSelect;
export type CommListEntry = typeof commListEntries.$inferSelect;
