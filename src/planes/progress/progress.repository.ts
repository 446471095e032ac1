import { and, asc, eq, inArray, max, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people, personRoles } from "../../core/people/people.table.ts";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { planFollowups } from "../followups/followups.table.ts";
import { planItems, plans, planTypes } from "../plans/plans.table.ts";
import { type PlanReport, planActivityEvents, planReports } from "./progress.table.ts";

const submitter = alias(people, "submitter");
const reviewer = alias(people, "reviewer");
const fullName = (first: string | null, last: string | null) =>
  first ? `${first} ${last ?? ""}`.trim() : null;

/** A report with its plan, its dependencia's name and who sent and reviewed it. */
export async function findReport(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({
      report: planReports,
      plan: {
        id: plans.id,
        title: plans.title,
        year: plans.year,
        status: plans.status,
        version: plans.version,
        slug: plans.slug,
      },
      levelNames: planTypes.levelNames,
      dependencia: dependencias.name,
      itemCode: planItems.code,
      itemText: planItems.text,
      submitterFirst: submitter.firstNames,
      submitterLast: submitter.lastNames,
      reviewerFirst: reviewer.firstNames,
      reviewerLast: reviewer.lastNames,
    })
    .from(planReports)
    .innerJoin(plans, eq(plans.id, planReports.planId))
    .innerJoin(planTypes, eq(planTypes.key, plans.typeKey))
    .innerJoin(dependencias, eq(dependencias.id, planReports.dependenciaId))
    .innerJoin(planItems, eq(planItems.id, planReports.itemId))
    .leftJoin(submitter, eq(submitter.id, planReports.submittedBy))
    .leftJoin(reviewer, eq(reviewer.id, planReports.reviewedBy))
    .where(eq(planReports.id, id));
  if (!row) return undefined;
  const { submitterFirst, submitterLast, reviewerFirst, reviewerLast, ...rest } = row;
  return {
    ...rest,
    submittedByName: fullName(submitterFirst, submitterLast),
    reviewedByName: fullName(reviewerFirst, reviewerLast),
  };
}
export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

/** The report row locked for a change, so two clicks (or OPGI and the office) cannot both move it. */
export async function lockReport(db: Db, id: string): Promise<PlanReport | undefined> {
  const [row] = await db.select().from(planReports).where(eq(planReports.id, id)).for("update");
  return row;
}

export async function findReportByIdentity(db: Db, itemId: string, dependenciaId: string, periodKey: string) {
  const [row] = await db
    .select()
    .from(planReports)
    .where(
      and(
        eq(planReports.itemId, itemId),
        eq(planReports.dependenciaId, dependenciaId),
        eq(planReports.periodKey, periodKey),
      ),
    );
  return row;
}

/** Inserts the draft unless (item, dependencia, period) already has a report; undefined in that case. */
export async function insertReport(
  db: Db,
  values: typeof planReports.$inferInsert,
): Promise<PlanReport | undefined> {
  const [row] = await db.insert(planReports).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateReport(db: Db, id: string, set: Partial<typeof planReports.$inferInsert>) {
  const [row] = await db.update(planReports).set(set).where(eq(planReports.id, id)).returning();
  return row as PlanReport;
}

export async function insertEvents(db: Db, rows: (typeof planActivityEvents.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(planActivityEvents).values(rows);
}

/** An activity's history, oldest first, with who acted and for which dependencia. */
export async function listItemEvents(db: Db, itemId: string) {
  if (!isUuid(itemId)) return [];
  const rows = await db
    .select({
      event: planActivityEvents,
      actorFirst: people.firstNames,
      actorLast: people.lastNames,
      dependencia: dependencias.name,
      period: {
        startsOn: planReports.periodStartsOn,
        endsOn: planReports.periodEndsOn,
        key: planReports.periodKey,
      },
    })
    .from(planActivityEvents)
    .leftJoin(planReports, eq(planReports.id, planActivityEvents.reportId))
    .leftJoin(people, eq(people.id, planActivityEvents.actorId))
    .leftJoin(dependencias, eq(dependencias.id, planActivityEvents.dependenciaId))
    .where(eq(planActivityEvents.itemId, itemId))
    .orderBy(asc(planActivityEvents.at), asc(planActivityEvents.id));
  return rows.map(({ actorFirst, actorLast, ...rest }) => ({
    ...rest,
    actor: fullName(actorFirst, actorLast),
  }));
}
export type EventRow = Awaited<ReturnType<typeof listItemEvents>>[number];

/** Reports with their dependencia's name: of one activity, or of a dependencia in some plans. */
export function listReports(
  db: Db,
  filter: {
    itemId?: string;
    dependenciaId?: string;
    planIds?: string[];
    planId?: string;
    status?: PlanReport["status"];
  },
) {
  if (filter.planIds?.length === 0) return Promise.resolve([]);
  const where: SQL[] = [];
  if (filter.itemId) where.push(eq(planReports.itemId, filter.itemId));
  if (filter.dependenciaId) where.push(eq(planReports.dependenciaId, filter.dependenciaId));
  if (filter.planIds) where.push(inArray(planReports.planId, filter.planIds));
  if (filter.planId) where.push(eq(planReports.planId, filter.planId));
  if (filter.status) where.push(eq(planReports.status, filter.status));
  return db
    .select({
      report: planReports,
      dependencia: dependencias.name,
      itemCode: planItems.code,
      itemText: planItems.text,
      submitterFirst: submitter.firstNames,
      submitterLast: submitter.lastNames,
    })
    .from(planReports)
    .innerJoin(dependencias, eq(dependencias.id, planReports.dependenciaId))
    .innerJoin(planItems, eq(planItems.id, planReports.itemId))
    .leftJoin(submitter, eq(submitter.id, planReports.submittedBy))
    .where(and(...where))
    .orderBy(asc(planReports.submittedAt), asc(planReports.createdAt));
}
export type ReportListRow = Awaited<ReturnType<typeof listReports>>[number];

/** The latest follow-up cut of each plan ("YYYY-MM-DD"): the reports of periods up to it are locked. */
export async function latestCuts(db: Db, planIds: readonly string[]): Promise<Map<string, string>> {
  const ids = planIds.filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ planId: planFollowups.planId, cutOn: max(planFollowups.cutOn) })
    .from(planFollowups)
    .where(inArray(planFollowups.planId, ids))
    .groupBy(planFollowups.planId);
  return new Map(rows.flatMap((r) => (r.cutOn ? [[r.planId, r.cutOn] as const] : [])));
}

export async function findPlan(db: Db, planId: string) {
  if (!isUuid(planId)) return undefined;
  const [row] = await db
    .select({ plan: plans, levelNames: planTypes.levelNames })
    .from(plans)
    .innerJoin(planTypes, eq(planTypes.key, plans.typeKey))
    .where(eq(plans.id, planId));
  return row;
}

/** Active people of the dependencia who report its plans, with an e-mail to write to. */
export function reportersOf(db: Db, dependenciaId: string) {
  return db
    .select({ id: people.id, firstNames: people.firstNames, email: people.email })
    .from(people)
    .innerJoin(personRoles, eq(personRoles.personId, people.id))
    .where(
      and(
        eq(personRoles.role, "responsable_plan"),
        eq(people.status, "activo"),
        eq(people.dependenciaId, dependenciaId),
      ),
    );
}

export async function dependenciaNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Map();
  const rows = await db
    .select({ id: dependencias.id, name: dependencias.name })
    .from(dependencias)
    .where(inArray(dependencias.id, valid));
  return new Map(rows.map((r) => [r.id, r.name]));
}
