import { and, asc, count, desc, eq, inArray, like, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { planImports } from "../imports/imports.table.ts";
import {
  type Plan,
  type PlanType,
  type PlanVersion,
  planChanges,
  planItemPeriods,
  planItemResponsables,
  planItems,
  plans,
  planTypes,
  planVersions,
} from "./plans.table.ts";
import type { PlanStatus } from "./plans.types.ts";

export function listPlanTypes(db: Db): Promise<PlanType[]> {
  return db.select().from(planTypes).orderBy(asc(planTypes.sortOrder), asc(planTypes.name));
}

export async function findPlanType(db: Db, key: string): Promise<PlanType | undefined> {
  const [row] = await db.select().from(planTypes).where(eq(planTypes.key, key));
  return row;
}

export async function updatePlanType(db: Db, key: string, set: Partial<typeof planTypes.$inferInsert>) {
  await db.update(planTypes).set(set).where(eq(planTypes.key, key));
}

/** A plan with the names the pages show beside it. */
const planWithNames = {
  plan: plans,
  typeName: planTypes.name,
  shape: planTypes.shape,
  levelNames: planTypes.levelNames,
  owner: dependencias.name,
};

export type PlanWithNames = {
  plan: Plan;
  typeName: string;
  shape: PlanType["shape"];
  levelNames: PlanType["levelNames"];
  owner: string;
};

export function listPlanRows(db: Db, filter: { year?: number; typeKey?: string }): Promise<PlanWithNames[]> {
  const where: SQL[] = [];
  if (filter.year) where.push(eq(plans.year, filter.year));
  if (filter.typeKey) where.push(eq(plans.typeKey, filter.typeKey));
  return db
    .select(planWithNames)
    .from(plans)
    .innerJoin(planTypes, eq(planTypes.key, plans.typeKey))
    .innerJoin(dependencias, eq(dependencias.id, plans.ownerDependenciaId))
    .where(and(...where))
    .orderBy(desc(plans.year), asc(planTypes.sortOrder), asc(plans.title))
    .limit(500);
}

export async function findPlanRow(db: Db, id: string): Promise<PlanWithNames | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select(planWithNames)
    .from(plans)
    .innerJoin(planTypes, eq(planTypes.key, plans.typeKey))
    .innerJoin(dependencias, eq(dependencias.id, plans.ownerDependenciaId))
    .where(eq(plans.id, id));
  return row;
}

/** The plan row locked for a transition, so two clicks cannot both move it. */
export async function lockPlan(db: Db, id: string): Promise<Plan | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(plans).where(eq(plans.id, id)).for("update");
  return row;
}

export async function planYears(db: Db): Promise<number[]> {
  const rows = await db.selectDistinct({ year: plans.year }).from(plans).orderBy(desc(plans.year));
  return rows.map((r) => r.year);
}

/** Items per level of each plan: { planId, level, items }. */
export function countItemsByLevel(db: Db, planIds: string[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db
    .select({ planId: planItems.planId, level: planItems.level, items: count() })
    .from(planItems)
    .where(inArray(planItems.planId, planIds))
    .groupBy(planItems.planId, planItems.level);
}

export async function slugsStartingWith(db: Db, base: string): Promise<Set<string>> {
  const rows = await db
    .select({ slug: plans.slug })
    .from(plans)
    .where(or(eq(plans.slug, base), like(plans.slug, `${base}-%`)));
  return new Set(rows.map((r) => r.slug));
}

export async function insertPlan(db: Db, values: typeof plans.$inferInsert): Promise<Plan> {
  const [row] = await db.insert(plans).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function insertVersion(db: Db, values: typeof planVersions.$inferInsert): Promise<PlanVersion> {
  const [row] = await db.insert(planVersions).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Moves the plan only if it is still in `from`: false when someone else moved it first. */
export async function updatePlanStatus(
  db: Db,
  id: string,
  from: PlanStatus,
  set: { status: PlanStatus; version?: number; updatedAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(plans)
    .set(set)
    .where(and(eq(plans.id, id), eq(plans.status, from)))
    .returning({ id: plans.id });
  return rows.length === 1;
}

export async function updateVersion(
  db: Db,
  planId: string,
  number: number,
  set: Partial<typeof planVersions.$inferInsert>,
) {
  await db
    .update(planVersions)
    .set(set)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.number, number)));
}

export function listVersions(db: Db, planId: string): Promise<PlanVersion[]> {
  return db
    .select()
    .from(planVersions)
    .where(eq(planVersions.planId, planId))
    .orderBy(asc(planVersions.number));
}

export function listItems(db: Db, planIds: string[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(planItems)
    .where(inArray(planItems.planId, planIds))
    .orderBy(asc(planItems.level), asc(planItems.position));
}

/** The plans' items, or only those named (a branch of one plan). */
const itemsOf = (planIds: string[], itemIds?: readonly string[]) =>
  itemIds
    ? and(inArray(planItems.planId, planIds), inArray(planItems.id, [...itemIds]))
    : inArray(planItems.planId, planIds);

/** One item of the plan (undefined when the plan has no such item). */
export async function findItemInPlan(db: Db, planId: string, itemId: string) {
  const [row] = await db
    .select()
    .from(planItems)
    .where(itemsOf([planId], [itemId]));
  return row;
}

export async function hasChildren(db: Db, itemId: string): Promise<boolean> {
  const rows = await db
    .select({ id: planItems.id })
    .from(planItems)
    .where(eq(planItems.parentId, itemId))
    .limit(1);
  return rows.length > 0;
}

/** Responsables of every item of the plans (or of the items named), with the names they were reconciled to. */
export function listResponsables(db: Db, planIds: string[], itemIds?: readonly string[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      itemId: planItemResponsables.itemId,
      position: planItemResponsables.position,
      written: planItemResponsables.written,
      dependenciaId: planItemResponsables.dependenciaId,
      allDependencias: planItemResponsables.allDependencias,
      team: planItemResponsables.team,
      dependencia: dependencias.name,
      acronym: dependencias.acronym,
    })
    .from(planItemResponsables)
    .innerJoin(planItems, eq(planItems.id, planItemResponsables.itemId))
    .leftJoin(dependencias, eq(dependencias.id, planItemResponsables.dependenciaId))
    .where(itemsOf(planIds, itemIds))
    .orderBy(asc(planItemResponsables.itemId), asc(planItemResponsables.position));
}
export type ResponsableRow = Awaited<ReturnType<typeof listResponsables>>[number];

export function listPeriods(db: Db, planIds: string[], itemIds?: readonly string[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      itemId: planItemPeriods.itemId,
      position: planItemPeriods.position,
      startsOn: planItemPeriods.startsOn,
      endsOn: planItemPeriods.endsOn,
      written: planItemPeriods.written,
    })
    .from(planItemPeriods)
    .innerJoin(planItems, eq(planItems.id, planItemPeriods.itemId))
    .where(itemsOf(planIds, itemIds))
    .orderBy(asc(planItemPeriods.itemId), asc(planItemPeriods.position));
}
export type PeriodRow = Awaited<ReturnType<typeof listPeriods>>[number];

/** The change log, oldest first, with the name of who made each change. */
export function listChanges(db: Db, planId: string, filter: { itemKey?: string; upToVersion?: number } = {}) {
  const author = alias(people, "author");
  const where: SQL[] = [eq(planChanges.planId, planId)];
  if (filter.itemKey !== undefined) where.push(eq(planChanges.itemKey, filter.itemKey));
  return db
    .select({
      change: planChanges,
      firstNames: author.firstNames,
      lastNames: author.lastNames,
    })
    .from(planChanges)
    .leftJoin(author, eq(author.id, planChanges.createdBy))
    .where(and(...where))
    .orderBy(
      asc(planChanges.version),
      asc(planChanges.createdAt),
      asc(planChanges.level),
      asc(planChanges.code),
    );
}

/**
 * Plans that may concern a dependencia's responsables: not closed, with at least one responsable row of the
 * dependencia or of every dependencia (plans.mine.ts decides which statuses are under way).
 */
export async function plansWithResponsable(db: Db, dependenciaId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ planId: planItems.planId })
    .from(planItemResponsables)
    .innerJoin(planItems, eq(planItems.id, planItemResponsables.itemId))
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(
      and(
        inArray(plans.status, ["borrador", "aprobado", "publicado"]),
        or(
          eq(planItemResponsables.dependenciaId, dependenciaId),
          eq(planItemResponsables.allDependencias, true),
        ),
      ),
    );
  return rows.map((r) => r.planId);
}

export function findPlansByIds(db: Db, ids: string[]) {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db
    .select({ id: plans.id, title: plans.title, year: plans.year, version: plans.version })
    .from(plans)
    .where(inArray(plans.id, valid));
}

export function findPlanTypesByKeys(db: Db, keys: string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .select({ key: planTypes.key, name: planTypes.name })
    .from(planTypes)
    .where(inArray(planTypes.key, keys));
}

/** How many items a version changed (a version after the first must change something to be approved). */
export async function countChanges(db: Db, planId: string, version: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(planChanges)
    .where(and(eq(planChanges.planId, planId), eq(planChanges.version, version)));
  return row?.n ?? 0;
}

/** The newest upload of the plan still waiting in its preview, if any (the plan page points to it). */
export async function findOpenImport(db: Db, planId: string) {
  const [row] = await db
    .select({ id: planImports.id, fileName: planImports.fileName, createdAt: planImports.createdAt })
    .from(planImports)
    .where(and(eq(planImports.planId, planId), eq(planImports.status, "vista_previa")))
    .orderBy(desc(planImports.createdAt))
    .limit(1);
  return row;
}
