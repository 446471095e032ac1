// Reads what the public may see: the versions of a plan that carry a published snapshot. A version without
// a snapshot (a borrador, an approved one not yet published) is never selected, whatever the plan's state.
import { and, asc, desc, eq, gte, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { planChanges, plans, planTypes, planVersions } from "../plans/plans.table.ts";
import type { PlanSnapshot, PlanStatus, SnapshotChange } from "../plans/plans.types.ts";

export interface PublishedVersionRow {
  planId: string;
  status: PlanStatus;
  number: number;
  snapshot: PlanSnapshot;
}

const published = isNotNull(planVersions.snapshot);

export interface PublishedVersionRef {
  planId: string;
  status: PlanStatus;
  number: number;
  /** The highest published version number of the plan (the one in force for the public). */
  latestNumber: number;
}

/**
 * Which published version of the plan with this slug is asked for (the given number, or the latest), without
 * its snapshot: what tags a public page or file, so a revalidation never reads a large plan's snapshot.
 */
export async function findPublishedVersionRef(
  db: Db,
  slug: string,
  number?: number,
): Promise<PublishedVersionRef | undefined> {
  const latest = db.$with("latest").as(
    db
      .select({
        planId: planVersions.planId,
        latestNumber: sql<number>`max(${planVersions.number})`.as("latest_number"),
      })
      .from(planVersions)
      .where(published)
      .groupBy(planVersions.planId),
  );
  const [row] = await db
    .with(latest)
    .select({
      planId: plans.id,
      status: plans.status,
      number: planVersions.number,
      latestNumber: latest.latestNumber,
    })
    .from(plans)
    .innerJoin(planVersions, eq(planVersions.planId, plans.id))
    .innerJoin(latest, eq(latest.planId, plans.id))
    .where(
      and(
        eq(plans.slug, slug),
        published,
        number === undefined ? undefined : eq(planVersions.number, number),
      ),
    )
    .orderBy(desc(planVersions.number))
    .limit(1);
  return row && { ...row, latestNumber: Number(row.latestNumber) };
}

/** The snapshot of a published version (immutable once there). */
export async function findPublishedSnapshot(
  db: Db,
  planId: string,
  number: number,
): Promise<PlanSnapshot | undefined> {
  const [row] = await db
    .select({ snapshot: planVersions.snapshot })
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.number, number), published))
    .limit(1);
  return row?.snapshot ?? undefined;
}

/** The same, by the plan's id (the job's data). */
export async function findPublishedVersionById(
  db: Db,
  planId: string,
  number: number,
): Promise<PublishedVersionRow | undefined> {
  const [row] = await db
    .select({
      planId: plans.id,
      status: plans.status,
      number: planVersions.number,
      snapshot: planVersions.snapshot,
    })
    .from(plans)
    .innerJoin(planVersions, eq(planVersions.planId, plans.id))
    .where(and(eq(plans.id, planId), eq(planVersions.number, number), published))
    .limit(1);
  return row?.snapshot ? (row as PublishedVersionRow) : undefined;
}

export interface PublishedPlanRow {
  slug: string;
  status: PlanStatus;
  year: number;
  typeKey: string;
  typeOrder: number;
  number: number;
  /** From the snapshot: what was published, not what the plan is called while a new version is drafted. */
  title: string;
  typeName: string;
  publishedAt: Date | null;
}

/** Every plan with a published version, each with its latest published version only. */
export async function listLatestPublished(db: Db): Promise<PublishedPlanRow[]> {
  const rows = await db
    .selectDistinctOn([plans.id], {
      slug: plans.slug,
      status: plans.status,
      year: plans.year,
      typeKey: plans.typeKey,
      typeOrder: planTypes.sortOrder,
      number: planVersions.number,
      title: sql<string>`${planVersions.snapshot}->>'title'`,
      typeName: sql<string>`${planVersions.snapshot}->'type'->>'name'`,
      publishedAt: planVersions.publishedAt,
    })
    .from(plans)
    .innerJoin(planVersions, eq(planVersions.planId, plans.id))
    .innerJoin(planTypes, eq(planTypes.key, plans.typeKey))
    .where(published)
    .orderBy(plans.id, desc(planVersions.number));
  return rows;
}

/** Every plan type, in its order: the list's filter offers them all, published plans or not. */
export function listPlanTypes(db: Db): Promise<{ key: string; name: string }[]> {
  return db
    .select({ key: planTypes.key, name: planTypes.name })
    .from(planTypes)
    .orderBy(asc(planTypes.sortOrder), asc(planTypes.name));
}

export interface StoredChangeKey extends Pick<SnapshotChange, "version" | "kind" | "code" | "label" | "at"> {
  key: string;
}

/**
 * The item key of each change log row of versions 2…`upTo` (what a published snapshot's changes came from),
 * in the order the snapshot lists them: the public pages say in which component a change happened. Only
 * what the snapshot already shows is matched against these rows; nothing else of them is published.
 */
export async function listChangeKeys(db: Db, planId: string, upTo: number): Promise<StoredChangeKey[]> {
  const rows = await db
    .select({
      version: planChanges.version,
      kind: planChanges.kind,
      code: planChanges.code,
      label: planChanges.label,
      createdAt: planChanges.createdAt,
      key: planChanges.itemKey,
    })
    .from(planChanges)
    .where(and(eq(planChanges.planId, planId), gte(planChanges.version, 2), lte(planChanges.version, upTo)))
    .orderBy(
      asc(planChanges.version),
      asc(planChanges.createdAt),
      asc(planChanges.level),
      asc(planChanges.code),
    );
  return rows.map(({ createdAt, ...row }) => ({ ...row, at: createdAt.toISOString() }));
}
