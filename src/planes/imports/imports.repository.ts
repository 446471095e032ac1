import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import {
  planChanges,
  planItemPeriods,
  planItemResponsables,
  planItems,
  plans,
  planTypes,
} from "../plans/plans.table.ts";
import { planReports } from "../progress/progress.table.ts";
import type { ImportSummary } from "../sheets/sheets.types.ts";
import { type ImportStatus, type PlanImport, planImports } from "./imports.table.ts";

const BATCH = 500;

function batches<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += BATCH) out.push(list.slice(i, i + BATCH));
  return out;
}

const planColumns = {
  id: plans.id,
  typeKey: plans.typeKey,
  year: plans.year,
  title: plans.title,
  slug: plans.slug,
  status: plans.status,
  version: plans.version,
  ownerDependenciaId: plans.ownerDependenciaId,
  typeName: planTypes.name,
  shape: planTypes.shape,
  levelNames: planTypes.levelNames,
};

/** A plan with what an import needs of its type (shape and level names). */
export async function findPlanWithType(db: Db, id: string, options: { lock?: boolean } = {}) {
  if (!isUuid(id)) return undefined;
  const query = db
    .select(planColumns)
    .from(plans)
    .innerJoin(planTypes, eq(planTypes.key, plans.typeKey))
    .where(eq(plans.id, id));
  const [row] = options.lock ? await query.for("update", { of: plans }) : await query;
  return row;
}

export type PlanForImport = NonNullable<Awaited<ReturnType<typeof findPlanWithType>>>;

/** Plans of a type and year, the newest first (the CLI picks one to import into). */
export function findPlansOfYear(db: Db, typeKey: string, year: number) {
  return db
    .select(planColumns)
    .from(plans)
    .innerJoin(planTypes, eq(planTypes.key, plans.typeKey))
    .where(and(eq(plans.typeKey, typeKey), eq(plans.year, year)))
    .orderBy(desc(plans.createdAt));
}

export async function touchPlan(db: Db, id: string, at: Date) {
  await db.update(plans).set({ updatedAt: at }).where(eq(plans.id, id));
}

export async function insertImport(db: Db, values: typeof planImports.$inferInsert): Promise<PlanImport> {
  const [row] = await db.insert(planImports).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function findImport(db: Db, id: string): Promise<PlanImport | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(planImports).where(eq(planImports.id, id));
  return row;
}

export function listImportsOfPlan(db: Db, planId: string) {
  return db
    .select()
    .from(planImports)
    .where(eq(planImports.planId, planId))
    .orderBy(desc(planImports.createdAt))
    .limit(20);
}

export async function updateImportSummary(db: Db, id: string, summary: ImportSummary) {
  await db.update(planImports).set({ summary }).where(eq(planImports.id, id));
}

/** Moves an import out of its preview only if it still is one: two clicks on «Aplicar» apply once. */
export async function closePreview(
  db: Db,
  id: string,
  status: Exclude<ImportStatus, "vista_previa">,
  set: Partial<typeof planImports.$inferInsert> = {},
): Promise<PlanImport | undefined> {
  const [row] = await db
    .update(planImports)
    .set({ ...set, status })
    .where(and(eq(planImports.id, id), eq(planImports.status, "vista_previa")))
    .returning();
  return row;
}

/** A plan's items, parents first, with their responsables and periods in order (three queries). */
export async function findPlanTree(db: Db, planId: string) {
  const items = await db
    .select()
    .from(planItems)
    .where(eq(planItems.planId, planId))
    .orderBy(asc(planItems.level), asc(planItems.position));
  const responsables = await db
    .select({
      itemId: planItemResponsables.itemId,
      written: planItemResponsables.written,
      dependenciaId: planItemResponsables.dependenciaId,
      allDependencias: planItemResponsables.allDependencias,
      team: planItemResponsables.team,
    })
    .from(planItemResponsables)
    .innerJoin(planItems, eq(planItems.id, planItemResponsables.itemId))
    .where(eq(planItems.planId, planId))
    .orderBy(asc(planItemResponsables.itemId), asc(planItemResponsables.position));
  const periods = await db
    .select({
      itemId: planItemPeriods.itemId,
      startsOn: planItemPeriods.startsOn,
      endsOn: planItemPeriods.endsOn,
      written: planItemPeriods.written,
    })
    .from(planItemPeriods)
    .innerJoin(planItems, eq(planItems.id, planItemPeriods.itemId))
    .where(eq(planItems.planId, planId))
    .orderBy(asc(planItemPeriods.itemId), asc(planItemPeriods.position));
  return { items, responsables, periods };
}

export type ItemRow = typeof planItems.$inferInsert;
export type ResponsableRow = typeof planItemResponsables.$inferInsert;
export type PeriodRow = typeof planItemPeriods.$inferInsert;

export async function insertItems(db: Db, rows: readonly ItemRow[]) {
  for (const part of batches(rows)) await db.insert(planItems).values(part);
}

export async function updateItem(db: Db, id: string, set: Partial<ItemRow>) {
  await db.update(planItems).set(set).where(eq(planItems.id, id));
}

export async function deleteItems(db: Db, ids: readonly string[]) {
  for (const part of batches(ids)) await db.delete(planItems).where(inArray(planItems.id, part));
}

/** Replaces the responsables and periods of the given items with the rows given. */
export async function replaceLeafDetails(
  db: Db,
  itemIds: { responsables: readonly string[]; periods: readonly string[] },
  rows: { responsables: readonly ResponsableRow[]; periods: readonly PeriodRow[] },
) {
  for (const part of batches(itemIds.responsables))
    await db.delete(planItemResponsables).where(inArray(planItemResponsables.itemId, part));
  for (const part of batches(itemIds.periods))
    await db.delete(planItemPeriods).where(inArray(planItemPeriods.itemId, part));
  for (const part of batches(rows.responsables)) await db.insert(planItemResponsables).values(part);
  for (const part of batches(rows.periods)) await db.insert(planItemPeriods).values(part);
}

export async function insertChanges(db: Db, rows: readonly (typeof planChanges.$inferInsert)[]) {
  for (const part of batches(rows)) await db.insert(planChanges).values(part);
}

/** The plan's items that have progress reports: removing one would delete its reports with it. */
export async function reportedItemIds(db: Db, planId: string): Promise<Set<string>> {
  if (!isUuid(planId)) return new Set();
  const rows = await db
    .selectDistinct({ itemId: planReports.itemId })
    .from(planReports)
    .where(eq(planReports.planId, planId));
  return new Set(rows.map((row) => row.itemId));
}
