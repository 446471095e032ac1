// Progress of a plan's activities (docs/DOMAIN.md, «Planes», Progress): one report per activity, period and
// responsible dependencia; the history of each activity; the reminders already sent (each only once).
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import { planItems, plans } from "../plans/plans.table.ts";
import type { ActivityEventKind, ReportStatus } from "./progress.types.ts";

export const planReports = pgTable(
  "plan_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    /** A level-3 item (the activity or task). */
    itemId: uuid("item_id")
      .notNull()
      .references(() => planItems.id, { onDelete: "cascade" }),
    /** The reporting dependencia: an activity shared by several gets one report from each. */
    dependenciaId: uuid("dependencia_id")
      .notNull()
      .references(() => dependencias.id),
    /** periodKeyOf(period): stays the same when the plan is re-imported with the same dates. */
    periodKey: text("period_key").notNull(),
    periodStartsOn: date("period_starts_on"),
    periodEndsOn: date("period_ends_on"),
    status: text("status").$type<ReportStatus>().notNull().default("borrador"),
    /** 0–100: as reported, or quantity / metaQuantity when the meta has a quantity. */
    percent: doublePrecision("percent"),
    /** Achieved against the activity's metaQuantity («3» of «4 informes»). */
    quantity: doublePrecision("quantity"),
    narrative: text("narrative"),
    /** The quantity exceeds the meta: accepted with a warning, OPGI decides when validating. */
    overMeta: boolean("over_meta").notNull().default(false),
    /** OPGI's comment when returning (or validating). */
    reviewComment: text("review_comment"),
    createdBy: uuid("created_by").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    submittedBy: uuid("submitted_by").references(() => people.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by").references(() => people.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
  },
  (t) => [
    unique("plan_reports_identity_unique").on(t.itemId, t.dependenciaId, t.periodKey),
    index("plan_reports_plan_idx").on(t.planId, t.status),
    index("plan_reports_dependencia_idx").on(t.dependenciaId, t.status),
  ],
);

/** An activity's history: reports saved, sent, returned, validated; evidence; OCI's verification. */
export const planActivityEvents = pgTable(
  "plan_activity_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    itemId: uuid("item_id")
      .notNull()
      .references(() => planItems.id, { onDelete: "cascade" }),
    reportId: uuid("report_id").references(() => planReports.id, { onDelete: "cascade" }),
    /** The follow-up (plan_followups.id) for OCI's verification; no FK so the modules stay one-way. */
    followupId: uuid("followup_id"),
    kind: text("kind").$type<ActivityEventKind>().notNull(),
    actorId: uuid("actor_id").references(() => people.id),
    dependenciaId: uuid("dependencia_id").references(() => dependencias.id),
    percent: doublePrecision("percent"),
    comment: text("comment"),
    /** E.g. the evidence's file name and SHA-256. */
    details: jsonb("details").$type<Record<string, string | number | null>>().notNull().default({}),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_activity_events_item_idx").on(t.itemId, t.id)],
);

/** Reminders to a responsable about one period (antes: before it ends; despues: ended unreported). */
export const planReminders = pgTable(
  "plan_reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    itemId: uuid("item_id")
      .notNull()
      .references(() => planItems.id, { onDelete: "cascade" }),
    dependenciaId: uuid("dependencia_id")
      .notNull()
      .references(() => dependencias.id),
    periodKey: text("period_key").notNull(),
    kind: text("kind").$type<"antes" | "despues">().notNull(),
    /** How many people of the dependencia were written to. */
    recipients: bigint("recipients", { mode: "number" }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [unique("plan_reminders_once_unique").on(t.itemId, t.dependenciaId, t.periodKey, t.kind)],
);

export type PlanReport = typeof planReports.$inferSelect;
export type PlanActivityEvent = typeof planActivityEvents.$inferSelect;
