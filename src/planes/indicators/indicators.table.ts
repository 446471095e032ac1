// Management indicators of each process (MIPG) and their measurements per period.
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import type { IndicatorDirection, IndicatorFrequency } from "./indicators.types.ts";

export const planIndicators = pgTable(
  "plan_indicators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The dependencia that leads the process and records the measurements. */
    dependenciaId: uuid("dependencia_id")
      .notNull()
      .references(() => dependencias.id),
    /** The process measured («Gestión de la atención al ciudadano»). */
    process: text("process").notNull(),
    name: text("name").notNull(),
    /** As the process writes it: «(PQRD respondidas a tiempo / PQRD recibidas) × 100». */
    formula: text("formula").notNull(),
    unit: text("unit").notNull(),
    direction: text("direction").$type<IndicatorDirection>().notNull(),
    frequency: text("frequency").$type<IndicatorFrequency>().notNull(),
    year: integer("year").notNull(),
    target: doublePrecision("target").notNull(),
    baseline: doublePrecision("baseline"),
    /** Compliance zones (measurement against target, %), like the plan types'. */
    zoneLowMax: integer("zone_low_max").notNull().default(59),
    zoneMidMax: integer("zone_mid_max").notNull().default(79),
    active: boolean("active").notNull().default(true),
    createdBy: uuid("created_by").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_indicators_dependencia_idx").on(t.dependenciaId, t.year)],
);

export const planIndicatorMeasurements = pgTable(
  "plan_indicator_measurements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    indicatorId: uuid("indicator_id")
      .notNull()
      .references(() => planIndicators.id, { onDelete: "cascade" }),
    /** "2026-T1", "2026-S2", "2026-03", "2026" by the indicator's frequency. */
    periodKey: text("period_key").notNull(),
    value: doublePrecision("value").notNull(),
    analysis: text("analysis").notNull(),
    recordedBy: uuid("recorded_by").references(() => people.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [unique("plan_indicator_measurements_unique").on(t.indicatorId, t.periodKey)],
);

export type PlanIndicator = typeof planIndicators.$inferSelect;
export type PlanIndicatorMeasurement = typeof planIndicatorMeasurements.$inferSelect;
