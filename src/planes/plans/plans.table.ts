// The plans of planeación (docs/DOMAIN.md, «Planes»): their types, the plans, their tree of items with
// responsables and periods, the versions (with the snapshot the public reads) and the change log.
import {
  type AnyPgColumn,
  boolean,
  date,
  doublePrecision,
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
import type { PlanChangeFields, PlanShape, PlanSnapshot, PlanStatus } from "./plans.types.ts";

/** A kind of plan with its own names for the three levels; administrators edit names, never the shape. */
export const planTypes = pgTable("plan_types", {
  key: text("key").primaryKey(),
  name: text("name").notNull(),
  /** How its spreadsheets are read: "paac" (componente → subcomponente → actividad) or "matriz". */
  shape: text("shape").$type<PlanShape>().notNull(),
  /** Three names, top level first, e.g. ["Componente", "Subcomponente", "Actividad"]. */
  levelNames: jsonb("level_names").$type<[string, string, string]>().notNull(),
  description: text("description"),
  sortOrder: integer("sort_order").notNull().default(0),
  /** OCI's follow-up cuts as "MM-DD" (PAAC: 04-30, 08-31, 12-31; action plan: every quarter). */
  cuts: jsonb("cuts").$type<string[]>().notNull().default(["04-30", "08-31", "12-31"]),
  /** Score zones: the highest whole % of «bajo» and of «medio» (progress/zones.rules.ts). */
  zoneLowMax: integer("zone_low_max").notNull().default(59),
  zoneMidMax: integer("zone_mid_max").notNull().default(79),
  /** Reminders to responsables: this many days before a period ends, and after it ended unreported. */
  reminderDaysBefore: integer("reminder_days_before").notNull().default(5),
  reminderDaysAfter: integer("reminder_days_after").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    typeKey: text("type_key")
      .notNull()
      .references(() => planTypes.key),
    year: integer("year").notNull(),
    ownerDependenciaId: uuid("owner_dependencia_id")
      .notNull()
      .references(() => dependencias.id),
    title: text("title").notNull(),
    /** Stable public address: /transparencia/planes/<slug>. */
    slug: text("slug").notNull().unique(),
    status: text("status").$type<PlanStatus>().notNull().default("borrador"),
    /** The version being worked on (or the last one approved); starts at 1. */
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("plans_year_idx").on(t.year, t.typeKey)],
);

/** One node of a plan: level 1 (componente / actividad de gestión), 2, or 3 (the activity or task). */
export const planItems = pgTable(
  "plan_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => planItems.id, { onDelete: "cascade" }),
    level: integer("level").notNull(),
    position: integer("position").notNull(),
    /** Identity across imports of the same plan (see sheets.types.ts ParsedNode.key). */
    itemKey: text("item_key").notNull(),
    code: text("code"),
    text: text("text").notNull(),
    product: text("product"),
    meta: text("meta"),
    metaQuantity: doublePrecision("meta_quantity"),
    metaUnit: text("meta_unit"),
    evidence: text("evidence"),
    /** A level that only points elsewhere (the PAAC's component 2 → «Estrategia de racionalización…»). */
    note: text("note"),
    weight: doublePrecision("weight"),
    sourceRow: integer("source_row"),
  },
  (t) => [
    unique("plan_items_key_unique").on(t.planId, t.itemKey),
    index("plan_items_tree_idx").on(t.planId, t.parentId, t.position),
  ],
);

/** A responsable as written in the file, and what it was reconciled to (one row per target). */
export const planItemResponsables = pgTable(
  "plan_item_responsables",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => planItems.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    written: text("written").notNull(),
    /** Null only when allDependencias. */
    dependenciaId: uuid("dependencia_id").references(() => dependencias.id),
    allDependencias: boolean("all_dependencias").notNull().default(false),
    /** A team inside the dependencia («Equipo MIPG»), when the alias says so. */
    team: text("team"),
  },
  (t) => [
    index("plan_item_responsables_item_idx").on(t.itemId),
    index("plan_item_responsables_dep_idx").on(t.dependenciaId),
  ],
);

/** One start–end period. A date impossible in the source is kept as written and its ISO value is null. */
export const planItemPeriods = pgTable(
  "plan_item_periods",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => planItems.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    startsOn: date("starts_on"),
    endsOn: date("ends_on"),
    /** The period as written when a date could not be read («31/04/2022»). */
    written: text("written"),
  },
  (t) => [
    index("plan_item_periods_item_idx").on(t.itemId),
    index("plan_item_periods_dates_idx").on(t.startsOn, t.endsOn),
  ],
);

/** Each version of a plan: why it exists, its approval, and, once published, the snapshot the public reads. */
export const planVersions = pgTable(
  "plan_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    reason: text("reason").notNull(),
    createdBy: uuid("created_by").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** Comité Institucional de Gestión y Desempeño (or the body that approved it), its act and date. */
    approvedCommittee: text("approved_committee"),
    approvedAct: text("approved_act"),
    approvedOn: date("approved_on"),
    approvedBy: uuid("approved_by").references(() => people.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: uuid("published_by").references(() => people.id),
    snapshot: jsonb("snapshot").$type<PlanSnapshot>(),
  },
  (t) => [unique("plan_versions_number_unique").on(t.planId, t.number)],
);

/** The change log: one row per item added, changed or removed, in the version it happened. */
export const planChanges = pgTable(
  "plan_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    itemKey: text("item_key").notNull(),
    code: text("code"),
    /** The item's text (after the change; before it, for a removal). */
    label: text("label").notNull(),
    level: integer("level").notNull(),
    kind: text("kind").$type<"agregada" | "modificada" | "eliminada">().notNull(),
    fields: jsonb("fields").$type<PlanChangeFields>().notNull().default({}),
    createdBy: uuid("created_by").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("plan_changes_plan_idx").on(t.planId, t.version),
    index("plan_changes_item_idx").on(t.planId, t.itemKey),
  ],
);

export type PlanType = typeof planTypes.$inferSelect;
export type Plan = typeof plans.$inferSelect;
export type PlanItem = typeof planItems.$inferSelect;
export type PlanVersion = typeof planVersions.$inferSelect;
export type PlanChange = typeof planChanges.$inferSelect;
