import { asc, eq, inArray } from "drizzle-orm";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { type PlanAlias, planAliases, planAliasTargets } from "./responsables.table.ts";

/** Active dependencias with what matching needs, by name. */
export function findActiveDependencias(db: Db) {
  return db
    .select({ id: dependencias.id, name: dependencias.name, acronym: dependencias.acronym })
    .from(dependencias)
    .where(eq(dependencias.active, true))
    .orderBy(asc(dependencias.name));
}

/** The dependencias of the given ids (ids that are not uuids left out), with their names and whether active. */
export function findDependenciasByIds(db: Db, ids: readonly string[]) {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db
    .select({ id: dependencias.id, name: dependencias.name, active: dependencias.active })
    .from(dependencias)
    .where(inArray(dependencias.id, valid));
}

export type AliasWithTargets = PlanAlias & { dependencias: { id: string; name: string }[] };

/** Every alias with its dependencias (two queries, whatever the number of aliases). */
export async function findAliases(db: Db): Promise<AliasWithTargets[]> {
  const aliases = await db.select().from(planAliases).orderBy(asc(planAliases.normalized));
  const targets = await db
    .select({ aliasId: planAliasTargets.aliasId, id: dependencias.id, name: dependencias.name })
    .from(planAliasTargets)
    .innerJoin(dependencias, eq(dependencias.id, planAliasTargets.dependenciaId))
    .orderBy(asc(dependencias.name));
  const byAlias = new Map<string, { id: string; name: string }[]>();
  for (const target of targets) {
    const list = byAlias.get(target.aliasId) ?? [];
    list.push({ id: target.id, name: target.name });
    byAlias.set(target.aliasId, list);
  }
  return aliases.map((alias) => ({ ...alias, dependencias: byAlias.get(alias.id) ?? [] }));
}

export async function findAlias(db: Db, id: string): Promise<PlanAlias | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(planAliases).where(eq(planAliases.id, id));
  return row;
}

export async function findAliasByNormalized(db: Db, normalized: string): Promise<PlanAlias | undefined> {
  const [row] = await db.select().from(planAliases).where(eq(planAliases.normalized, normalized));
  return row;
}

export async function deleteAlias(db: Db, id: string): Promise<void> {
  await db.delete(planAliases).where(eq(planAliases.id, id));
}

export async function insertAlias(
  db: Db,
  values: typeof planAliases.$inferInsert,
  dependenciaIds: readonly string[],
): Promise<PlanAlias> {
  const [row] = await db.insert(planAliases).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  if (dependenciaIds.length > 0)
    await db
      .insert(planAliasTargets)
      .values(dependenciaIds.map((dependenciaId) => ({ aliasId: row.id, dependenciaId })));
  return row;
}
