// OCI's follow-ups (seguimientos) of a plan at each cut, and the verification of each activity.
import {
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
import { people } from "../../core/people/people.table.ts";
import { planItems, plans } from "../plans/plans.table.ts";
import type { FollowupReport, FollowupStatus } from "./followups.types.ts";

export const planFollowups = pgTable(
  "plan_followups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    /** The cut: one follow-up per plan and cut, ever. */
    cutOn: date("cut_on").notNull(),
    status: text("status").$type<FollowupStatus>().notNull().default("abierto"),
    /** The last day to publish: the tenth business day of the month after the cut. */
    dueOn: date("due_on").notNull(),
    openedBy: uuid("opened_by").references(() => people.id),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    closedBy: uuid("closed_by").references(() => people.id),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    publishedBy: uuid("published_by").references(() => people.id),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** When OCI was warned that the publication deadline is near (once). */
    deadlineWarnedAt: timestamp("deadline_warned_at", { withTimezone: true }),
    /** Frozen at closing: what the exports and the public page show. */
    report: jsonb("report").$type<FollowupReport>(),
  },
  (t) => [
    unique("plan_followups_cut_unique").on(t.planId, t.cutOn),
    index("plan_followups_due_idx").on(t.status, t.dueOn),
  ],
);

/** OCI's verification of one activity at the cut: may differ from what the office reported. */
export const planFollowupItems = pgTable(
  "plan_followup_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    followupId: uuid("followup_id")
      .notNull()
      .references(() => planFollowups.id, { onDelete: "cascade" }),
    itemId: uuid("item_id")
      .notNull()
      .references(() => planItems.id, { onDelete: "cascade" }),
    verifiedPercent: doublePrecision("verified_percent").notNull(),
    /** «Actividades realizadas». */
    realized: text("realized"),
    observations: text("observations"),
    verifiedBy: uuid("verified_by").references(() => people.id),
    verifiedAt: timestamp("verified_at", { withTimezone: true }).notNull(),
  },
  (t) => [unique("plan_followup_items_unique").on(t.followupId, t.itemId)],
);

export type PlanFollowup = typeof planFollowups.$inferSelect;
export type PlanFollowupItem = typeof planFollowupItems.$inferSelect;
