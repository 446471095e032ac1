// Queries of OCI's follow-ups: the follow-up rows and their verifications, the verification events in the
// activity's history, the evidence of the reports a cut covers, and the published follow-ups the public reads.
import { and, asc, eq, inArray, isNotNull, isNull, lte, ne, sql } from "drizzle-orm";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { planEvidence } from "../evidence/evidence.table.ts";
import { plans, planTypes, planVersions } from "../plans/plans.table.ts";
import { planActivityEvents, planReports } from "../progress/progress.table.ts";
import type { ZoneKey } from "../progress/zones.rules.ts";
import {
  type PlanFollowup,
  type PlanFollowupItem,
  planFollowupItems,
  planFollowups,
} from "./followups.table.ts";
import type { FollowupReport, FollowupStatus } from "./followups.types.ts";

export async function findFollowup(db: Db, id: string): Promise<PlanFollowup | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(planFollowups).where(eq(planFollowups.id, id));
  return row;
}

/** The row locked for a change, so two clicks (close and verify) cannot cross. */
export async function lockFollowup(db: Db, id: string): Promise<PlanFollowup | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(planFollowups).where(eq(planFollowups.id, id)).for("update");
  return row;
}

export function listFollowupsOfPlan(db: Db, planId: string): Promise<PlanFollowup[]> {
  return db
    .select()
    .from(planFollowups)
    .where(eq(planFollowups.planId, planId))
    .orderBy(asc(planFollowups.cutOn));
}

export async function insertFollowup(db: Db, values: typeof planFollowups.$inferInsert) {
  const [row] = await db.insert(planFollowups).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Moves the follow-up only if it is still in `from`: false when someone else moved it first. */
export async function updateFollowup(
  db: Db,
  id: string,
  from: FollowupStatus,
  set: Partial<typeof planFollowups.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(planFollowups)
    .set(set)
    .where(and(eq(planFollowups.id, id), eq(planFollowups.status, from)))
    .returning({ id: planFollowups.id });
  return rows.length === 1;
}

export function listVerifications(db: Db, followupId: string): Promise<PlanFollowupItem[]> {
  return db.select().from(planFollowupItems).where(eq(planFollowupItems.followupId, followupId));
}

export async function findVerification(db: Db, followupId: string, itemId: string) {
  const [row] = await db
    .select()
    .from(planFollowupItems)
    .where(and(eq(planFollowupItems.followupId, followupId), eq(planFollowupItems.itemId, itemId)));
  return row;
}

/** OCI's verification of one activity: a second one replaces the first (OCI may correct it while open). */
export async function saveVerification(db: Db, values: typeof planFollowupItems.$inferInsert) {
  await db
    .insert(planFollowupItems)
    .values(values)
    .onConflictDoUpdate({
      target: [planFollowupItems.followupId, planFollowupItems.itemId],
      set: {
        verifiedPercent: values.verifiedPercent,
        realized: values.realized,
        observations: values.observations,
        verifiedBy: values.verifiedBy,
        verifiedAt: values.verifiedAt,
      },
    });
}

/** The verification in the activity's history (helper of progress lists every event of the item). */
export async function insertVerificationEvent(
  db: Db,
  values: Omit<typeof planActivityEvents.$inferInsert, "kind">,
) {
  await db.insert(planActivityEvents).values({ ...values, kind: "verificacion_oci" });
}

/** Whether any version of the plan was approved (a borrador that never was has nothing to follow up). */
export async function everApproved(db: Db, planId: string): Promise<boolean> {
  const rows = await db
    .select({ number: planVersions.number })
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), isNotNull(planVersions.approvedAt)))
    .limit(1);
  return rows.length > 0;
}

/** The plan type's calendar and zones. */
export async function findTypeSettings(db: Db, typeKey: string) {
  const [row] = await db
    .select({ cuts: planTypes.cuts, zoneLowMax: planTypes.zoneLowMax, zoneMidMax: planTypes.zoneMidMax })
    .from(planTypes)
    .where(eq(planTypes.key, typeKey));
  return row;
}

/**
 * The evidence of the plan's reports whose period started by the cut — the periods the follow-up counts as
 * reported (rules.reportedAtCut) — drafts left out (never presented), with the report it belongs to. The
 * annex of the follow-up, and what OCI may make public.
 */
export function evidenceUpToCut(db: Db, planId: string, cutOn: string) {
  return db
    .select({
      id: planEvidence.id,
      fileName: planEvidence.fileName,
      size: planEvidence.size,
      sha256: planEvidence.sha256,
      isPublic: planEvidence.isPublic,
      reportId: planReports.id,
      itemId: planReports.itemId,
      reportStatus: planReports.status,
    })
    .from(planEvidence)
    .innerJoin(planReports, eq(planReports.id, planEvidence.ownerId))
    .where(
      and(
        eq(planEvidence.ownerType, "report"),
        eq(planReports.planId, planId),
        lte(sql`coalesce(${planReports.periodStartsOn}, ${planReports.periodEndsOn})`, cutOn),
        ne(planReports.status, "borrador"),
      ),
    )
    .orderBy(asc(planReports.itemId), asc(planEvidence.uploadedAt), asc(planEvidence.fileName));
}

/** Which of these evidence files are public now (OCI may mark one after closing, before publishing). */
export async function publicEvidenceIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: planEvidence.id })
    .from(planEvidence)
    .where(and(inArray(planEvidence.id, [...ids]), eq(planEvidence.isPublic, true)));
  return new Set(rows.map((r) => r.id));
}

export async function dependenciaNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: dependencias.id, name: dependencias.name })
    .from(dependencias)
    .where(inArray(dependencias.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** What identifies a published follow-up and its files, without its report. */
const publishedColumns = {
  id: planFollowups.id,
  cutOn: planFollowups.cutOn,
  dueOn: planFollowups.dueOn,
  publishedAt: planFollowups.publishedAt,
  slug: plans.slug,
};

/** Whether the plan has a published version: the public reaches its follow-ups only through it. */
const planIsPublic = sql`exists (select 1 from ${planVersions} where ${planVersions.planId} = ${plans.id} and ${planVersions.snapshot} is not null)`;

export async function hasPublishedVersion(db: Db, planId: string): Promise<boolean> {
  const rows = await db
    .select({ number: planVersions.number })
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), isNotNull(planVersions.snapshot)))
    .limit(1);
  return rows.length > 0;
}

/** A published follow-up by the public address of its plan (which must be published too) and its cut. */
export async function findPublishedFollowup(db: Db, slug: string, cutOn: string) {
  const [row] = await db
    .select(publishedColumns)
    .from(planFollowups)
    .innerJoin(plans, eq(plans.id, planFollowups.planId))
    .where(
      and(
        eq(plans.slug, slug),
        eq(planFollowups.cutOn, cutOn),
        eq(planFollowups.status, "publicado"),
        isNotNull(planFollowups.publishedAt),
        isNotNull(planFollowups.report),
        planIsPublic,
      ),
    );
  return row;
}

/**
 * The published follow-ups of a plan, by cut, with the few figures of their reports the plan page lists:
 * read from the report's jsonb by the database, so the (large) reports themselves are not loaded.
 */
export function listPublishedSummaries(db: Db, planId: string) {
  const report = planFollowups.report;
  return db
    .select({
      cutOn: planFollowups.cutOn,
      dueOn: planFollowups.dueOn,
      publishedAt: planFollowups.publishedAt,
      periodLabel: sql<string>`${report}->>'periodLabel'`,
      score: sql<number>`(${report}->>'score')::double precision`,
      zone: sql<ZoneKey>`${report}->>'zone'`,
    })
    .from(planFollowups)
    .where(
      and(
        eq(planFollowups.planId, planId),
        eq(planFollowups.status, "publicado"),
        isNotNull(planFollowups.publishedAt),
        isNotNull(report),
      ),
    )
    .orderBy(asc(planFollowups.cutOn));
}

/** The frozen report of a follow-up (MBs for a large plan: read only to render). */
export async function findReport(db: Db, id: string): Promise<FollowupReport | undefined> {
  const [row] = await db
    .select({ report: planFollowups.report })
    .from(planFollowups)
    .where(eq(planFollowups.id, id));
  return row?.report ?? undefined;
}

/** Follow-ups not yet published and not yet warned about (the daily job decides which are near). */
export function listUnwarned(db: Db) {
  return db
    .select({ followup: planFollowups, title: plans.title, year: plans.year })
    .from(planFollowups)
    .innerJoin(plans, eq(plans.id, planFollowups.planId))
    .where(and(inArray(planFollowups.status, ["abierto", "cerrado"]), isNull(planFollowups.deadlineWarnedAt)))
    .orderBy(asc(planFollowups.dueOn));
}

/** Marks the warning as sent, once: false when another run got there first. */
export async function markWarned(db: Db, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(planFollowups)
    .set({ deadlineWarnedAt: at })
    .where(and(eq(planFollowups.id, id), isNull(planFollowups.deadlineWarnedAt)))
    .returning({ id: planFollowups.id });
  return rows.length === 1;
}

/** Follow-ups by id with their plan's title, for the audit page. */
export function findFollowupsByIds(db: Db, ids: readonly string[]) {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db
    .select({ id: planFollowups.id, cutOn: planFollowups.cutOn, title: plans.title, year: plans.year })
    .from(planFollowups)
    .innerJoin(plans, eq(plans.id, planFollowups.planId))
    .where(inArray(planFollowups.id, valid));
}
