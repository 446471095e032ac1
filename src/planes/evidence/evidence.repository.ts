import { and, asc, eq, exists, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { plans, planVersions } from "../plans/plans.table.ts";
import { planReports } from "../progress/progress.table.ts";
import { type EvidenceOwnerType, type PlanEvidence, planEvidence } from "./evidence.table.ts";

export async function insertEvidence(
  db: Db,
  rows: (typeof planEvidence.$inferInsert)[],
): Promise<PlanEvidence[]> {
  if (rows.length === 0) return [];
  return db.insert(planEvidence).values(rows).returning();
}

export function listEvidence(
  db: Db,
  ownerType: EvidenceOwnerType,
  ownerIds: readonly string[],
): Promise<PlanEvidence[]> {
  const ids = ownerIds.filter(isUuid);
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(planEvidence)
    .where(and(eq(planEvidence.ownerType, ownerType), inArray(planEvidence.ownerId, ids)))
    .orderBy(asc(planEvidence.uploadedAt), asc(planEvidence.fileName));
}

/** Bytes already stored for one owner (the per-report limit counts them). */
export async function totalSize(db: Db, ownerType: EvidenceOwnerType, ownerId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${planEvidence.size}), 0)` })
    .from(planEvidence)
    .where(and(eq(planEvidence.ownerType, ownerType), eq(planEvidence.ownerId, ownerId)));
  return Number(row?.total ?? 0);
}

/**
 * Makes uploads to one owner take turns until the transaction ends. A transaction-scoped advisory lock on the
 * owner's id, not a row lock: a measurement's row does not exist yet when its first files go in.
 */
export async function lockOwner(db: Db, ownerType: EvidenceOwnerType, ownerId: string) {
  await db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`plan_evidence:${ownerType}:${ownerId}`}, 0))`,
  );
}

/**
 * A file the public may download: marked public, of a report that is validated, of a plan the public sees
 * (published or closed, or being revised as a new version after one was published).
 */
export async function findPublishedEvidence(db: Db, id: string): Promise<PlanEvidence | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({ evidence: planEvidence })
    .from(planEvidence)
    .innerJoin(planReports, eq(planReports.id, planEvidence.ownerId))
    .innerJoin(plans, eq(plans.id, planReports.planId))
    .where(
      and(
        eq(planEvidence.id, id),
        eq(planEvidence.isPublic, true),
        eq(planEvidence.ownerType, "report"),
        eq(planReports.status, "validado"),
        or(
          inArray(plans.status, ["publicado", "cerrado"]),
          exists(
            db
              .select({ one: sql`1` })
              .from(planVersions)
              .where(and(eq(planVersions.planId, plans.id), isNotNull(planVersions.publishedAt))),
          ),
        ),
      ),
    );
  return row?.evidence;
}

export async function findEvidence(db: Db, id: string): Promise<PlanEvidence | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(planEvidence).where(eq(planEvidence.id, id));
  return row;
}

/** The evidence with the report it belongs to (none for an indicator's measurement). */
export async function findEvidenceWithReport(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({
      evidence: planEvidence,
      reportStatus: planReports.status,
      reportPlanId: planReports.planId,
      reportItemId: planReports.itemId,
    })
    .from(planEvidence)
    .leftJoin(
      planReports,
      and(eq(planEvidence.ownerType, "report"), eq(planReports.id, planEvidence.ownerId)),
    )
    .where(eq(planEvidence.id, id));
  return row;
}

export async function deleteEvidence(db: Db, id: string): Promise<PlanEvidence | undefined> {
  const [row] = await db.delete(planEvidence).where(eq(planEvidence.id, id)).returning();
  return row;
}

export async function updateEvidence(db: Db, id: string, set: Partial<typeof planEvidence.$inferInsert>) {
  await db.update(planEvidence).set(set).where(eq(planEvidence.id, id));
}

/** Evidence control interno made public, of one plan's reports. */
export function listPublicEvidence(db: Db, planId: string): Promise<PlanEvidence[]> {
  if (!isUuid(planId)) return Promise.resolve([]);
  return db
    .select()
    .from(planEvidence)
    .where(and(eq(planEvidence.planId, planId), eq(planEvidence.isPublic, true)))
    .orderBy(asc(planEvidence.uploadedAt), asc(planEvidence.fileName));
}
