import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import type { ListKind } from "../lists/lists.columns.ts";

export type CampaignState = "abierta" | "cerrada";
export type { ListKind } from "../lists/lists.columns.ts";
export type SubmissionState = "vista_previa" | "aplicada" | "descartada";

export const campaigns = pgTable("campaigns", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  deadline: timestamp("deadline", { withTimezone: true }).notNull(),
  state: text("state").$type<CampaignState>().notNull().default("abierta"),
  // Reminders go this many days before the deadline, and again on the day.
  reminderDays: integer("reminder_days").notNull().default(3),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  closedAt: timestamp("closed_at", { withTimezone: true }),
});

/** A row that cannot be applied. Older submissions hold only `message`; newer ones every problem. */
export interface RowProblem {
  line: number;
  /** All the problems in one sentence (kept for submissions stored before `messages`). */
  message: string;
  messages?: string[];
  /** The name as typed in the row. */
  name?: string;
  /** The name SIPAP has for the row's document, when it knows the document. */
  knownName?: string;
}

/** A row that can be applied, as kept for the preview (stored as JSON, so new fields need no migration). */
export interface SubmissionRow {
  line: number;
  values: Record<string, string>;
  /** The name SIPAP has for the row's document, when it knows the document. */
  knownName?: string;
  /** Lists 1 and 3: the typed name does not look like SIPAP's; the liaison must confirm the row. */
  nameMismatch?: boolean;
}

/** A list sent by a dependencia: checked rows kept for the preview, applied only when confirmed. */
export const listSubmissions = pgTable(
  "list_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    dependenciaId: uuid("dependencia_id")
      .notNull()
      .references(() => dependencias.id),
    kind: text("kind").$type<ListKind>().notNull(),
    state: text("state").$type<SubmissionState>().notNull(),
    // The original file, kept with the submission (none when typed in the browser).
    fileKey: text("file_key"),
    fileName: text("file_name"),
    contentHash: text("content_hash").notNull(),
    rows: jsonb("rows").$type<SubmissionRow[]>().notNull(),
    problems: jsonb("problems").$type<RowProblem[]>().notNull(),
    // What applying changed, per effect (e.g. { desvinculadas: 3, sinCambios: 1 }).
    effects: jsonb("effects").$type<Record<string, number>>(),
    submittedBy: uuid("submitted_by").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
  },
  (t) => [index("list_submissions_campaign_idx").on(t.campaignId, t.dependenciaId, t.kind)],
);

/** One reminder per liaison, campaign and moment ("antes" or "dia"): the hourly job never sends twice. */
export const campaignReminders = pgTable(
  "campaign_reminders",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    moment: text("moment").$type<"antes" | "dia">().notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.personId, t.moment] })],
);

export type Campaign = typeof campaigns.$inferSelect;
export type ListSubmission = typeof listSubmissions.$inferSelect;
