import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import {
  type PlanIndicator,
  type PlanIndicatorMeasurement,
  planIndicatorMeasurements,
  planIndicators,
} from "./indicators.table.ts";

export type IndicatorInsert = typeof planIndicators.$inferInsert;
export type MeasurementInsert = typeof planIndicatorMeasurements.$inferInsert;

export interface IndicatorRow {
  indicator: PlanIndicator;
  dependencia: string;
}

const withDependencia = { indicator: planIndicators, dependencia: dependencias.name };

export async function insertIndicator(db: Db, values: IndicatorInsert): Promise<PlanIndicator> {
  const [row] = await db.insert(planIndicators).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateIndicator(db: Db, id: string, set: Partial<IndicatorInsert>) {
  await db.update(planIndicators).set(set).where(eq(planIndicators.id, id));
}

export async function findIndicatorRow(db: Db, id: string): Promise<IndicatorRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select(withDependencia)
    .from(planIndicators)
    .innerJoin(dependencias, eq(dependencias.id, planIndicators.dependenciaId))
    .where(eq(planIndicators.id, id));
  return row;
}

/** Indicators by dependencia and year, newest year first, then by dependencia, process and name. */
export function listIndicatorRows(
  db: Db,
  filter: { dependenciaId?: string; year?: number },
): Promise<IndicatorRow[]> {
  const where: SQL[] = [];
  if (filter.dependenciaId) where.push(eq(planIndicators.dependenciaId, filter.dependenciaId));
  if (filter.year) where.push(eq(planIndicators.year, filter.year));
  return db
    .select(withDependencia)
    .from(planIndicators)
    .innerJoin(dependencias, eq(dependencias.id, planIndicators.dependenciaId))
    .where(and(...where))
    .orderBy(
      desc(planIndicators.year),
      asc(dependencias.name),
      asc(planIndicators.process),
      asc(planIndicators.name),
    );
}

export async function indicatorYears(db: Db): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: planIndicators.year })
    .from(planIndicators)
    .orderBy(desc(planIndicators.year));
  return rows.map((r) => r.year);
}

/**
 * The latest measurement of each indicator. An indicator has one frequency and one year, so its period keys
 * ("2026-03", "2026-T2", "2026-S1") sort in time order as text.
 */
export async function latestMeasurements(
  db: Db,
  indicatorIds: readonly string[],
): Promise<PlanIndicatorMeasurement[]> {
  if (indicatorIds.length === 0) return [];
  return db
    .selectDistinctOn([planIndicatorMeasurements.indicatorId])
    .from(planIndicatorMeasurements)
    .where(inArray(planIndicatorMeasurements.indicatorId, [...indicatorIds]))
    .orderBy(asc(planIndicatorMeasurements.indicatorId), desc(planIndicatorMeasurements.periodKey));
}

export interface MeasurementRow {
  measurement: PlanIndicatorMeasurement;
  firstNames: string | null;
  lastNames: string | null;
}

/** An indicator's measurements in period order, with who recorded each. */
export function listMeasurementRows(db: Db, indicatorId: string): Promise<MeasurementRow[]> {
  return db
    .select({
      measurement: planIndicatorMeasurements,
      firstNames: people.firstNames,
      lastNames: people.lastNames,
    })
    .from(planIndicatorMeasurements)
    .leftJoin(people, eq(people.id, planIndicatorMeasurements.recordedBy))
    .where(eq(planIndicatorMeasurements.indicatorId, indicatorId))
    .orderBy(asc(planIndicatorMeasurements.periodKey));
}

export async function findMeasurement(
  db: Db,
  indicatorId: string,
  periodKey: string,
): Promise<PlanIndicatorMeasurement | undefined> {
  const [row] = await db
    .select()
    .from(planIndicatorMeasurements)
    .where(
      and(
        eq(planIndicatorMeasurements.indicatorId, indicatorId),
        eq(planIndicatorMeasurements.periodKey, periodKey),
      ),
    );
  return row;
}

export async function countMeasurements(db: Db, indicatorId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(planIndicatorMeasurements)
    .where(eq(planIndicatorMeasurements.indicatorId, indicatorId));
  return Number(row?.n ?? 0);
}

export async function insertMeasurement(
  db: Db,
  values: MeasurementInsert,
): Promise<PlanIndicatorMeasurement> {
  const [row] = await db.insert(planIndicatorMeasurements).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateMeasurement(
  db: Db,
  id: string,
  set: Partial<MeasurementInsert>,
): Promise<PlanIndicatorMeasurement> {
  const [row] = await db
    .update(planIndicatorMeasurements)
    .set(set)
    .where(eq(planIndicatorMeasurements.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

/** Names of indicators for the audit page. */
export function findIndicatorsByIds(db: Db, ids: readonly string[]) {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db
    .select({ id: planIndicators.id, name: planIndicators.name, year: planIndicators.year })
    .from(planIndicators)
    .where(inArray(planIndicators.id, valid));
}
