// «Actividades de mi dependencia»: what a responsable de plan works on — the activities of approved or
// published plans whose responsables include the person's dependencia (or «todas las dependencias») — and
// the object-level check of the activity page for someone who is only a responsable.
import type { Db } from "../../db/client.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import { notFound } from "../../shared/errors.ts";
import {
  daysLeft,
  type InboxSection,
  inboxSectionOf,
  isUnderWay,
  lockingCut,
} from "../progress/progress.rules.ts";
import { inboxData, type PlanReport } from "../progress/progress.service.ts";
import { periodKeyOf } from "../progress/progress.types.ts";
import * as repo from "./plans.repository.ts";
import { type DueFlags, dueFlags, type PeriodLike } from "./plans.rules.ts";
import { loadBranch, loadTrees } from "./plans.trees.ts";
import { concerns, headingOf, leavesOf, type TreeNode } from "./tree.rules.ts";

/** Roles that read every plan; anyone else reads only what concerns their dependencia. */
const READS_ALL = ["planeacion", "control_interno", "administrador"] as const;
const readsAll = (user: CurrentUser) =>
  user.roles.some((role) => (READS_ALL as readonly string[]).includes(role));

export interface MyActivity extends DueFlags {
  planId: string;
  planTitle: string;
  leaf: TreeNode;
  /** The nodes above it, top first, as «Componente 1. Gestión…», «Subcomponente 1. Política…». */
  path: string[];
}

export interface MyActivities {
  /** Falls due this month (today or later), soonest first, across plans. */
  dueThisMonth: MyActivity[];
  plans: { planId: string; title: string; year: number; typeName: string; activities: MyActivity[] }[];
}

const byDue = (a: MyActivity, b: MyActivity) =>
  (a.dueOn ?? "9999") < (b.dueOn ?? "9999")
    ? -1
    : (a.dueOn ?? "9999") > (b.dueOn ?? "9999")
      ? 1
      : (a.leaf.code ?? "").localeCompare(b.leaf.code ?? "", "es", { numeric: true });

/** The user's dependencia's activities, grouped by plan and sorted by due date; `today` is "YYYY-MM-DD" in Bogotá. */
export async function myDependenciaActivities(
  db: Db,
  user: CurrentUser,
  today: string,
): Promise<MyActivities> {
  const dependenciaId = user.dependenciaId;
  if (!dependenciaId) return { dueThisMonth: [], plans: [] };
  const planIds = await repo.plansWithResponsable(db, dependenciaId);
  const rows = (await Promise.all(planIds.map((id) => repo.findPlanRow(db, id)))).filter(
    (row): row is repo.PlanWithNames => Boolean(row && isUnderWay(row.plan)),
  );
  const trees = await loadTrees(
    db,
    rows.map((r) => r.plan.id),
  );
  const plans = rows
    .map((row) => ({
      planId: row.plan.id,
      title: row.plan.title,
      year: row.plan.year,
      typeName: row.typeName,
      activities: leavesOf(trees.get(row.plan.id) ?? [])
        .filter(({ leaf }) => concerns(leaf, dependenciaId))
        .map(({ leaf, parents }) => ({
          planId: row.plan.id,
          planTitle: row.plan.title,
          leaf,
          path: parents.map((p) => headingOf(p, row.levelNames[p.level - 1] ?? "")),
          ...dueFlags(leaf.periods, today),
        }))
        .sort(byDue),
    }))
    .filter((plan) => plan.activities.length > 0)
    .sort((a, b) => b.year - a.year || a.title.localeCompare(b.title, "es"));
  return {
    dueThisMonth: plans.flatMap((p) => p.activities.filter((a) => a.dueThisMonth)).sort(byDue),
    plans,
  };
}

/**
 * Whether the user may read this node: staff who read every plan may; a responsable only a leaf of an
 * approved or published plan that concerns their dependencia. Anything else reads as not found, so the
 * page never tells that a plan or activity exists.
 */
export async function readItemAs(db: Db, user: CurrentUser, planId: string, itemId: string): Promise<void> {
  if (readsAll(user)) return;
  const row = await repo.findPlanRow(db, planId);
  if (!row || !isUnderWay(row.plan) || !user.dependenciaId) throw notFound("La actividad");
  const found = await loadBranch(db, planId, itemId);
  const isOwn =
    found &&
    leavesOf([found.node]).some(
      ({ leaf }) => leaf.id === itemId && concerns(leaf, user.dependenciaId as string),
    );
  if (!isOwn) throw notFound("La actividad");
}

/** One period of one activity in the responsable's inbox, with its report (if any) and its section. */
export interface InboxLine {
  planId: string;
  planTitle: string;
  leaf: TreeNode;
  path: string[];
  period: PeriodLike;
  periodKey: string;
  section: InboxSection;
  report: Pick<PlanReport, "id" | "status" | "percent" | "reviewComment"> | undefined;
  /** The follow-up cut that closed the period: no report can be opened any more. */
  lockedBy: string | undefined;
  /** Days to the period's end (negative once it ended). */
  daysLeft: number | undefined;
}

const ORDER: Record<InboxSection, (a: InboxLine, b: InboxLine) => number> = {
  devuelta: (a, b) => (a.period.endsOn ?? "").localeCompare(b.period.endsOn ?? ""),
  vencida: (a, b) => (a.period.endsOn ?? "").localeCompare(b.period.endsOn ?? ""),
  por_reportar: (a, b) => (a.period.endsOn ?? "9999").localeCompare(b.period.endsOn ?? "9999"),
  proxima: (a, b) => (a.period.startsOn ?? "9999").localeCompare(b.period.startsOn ?? "9999"),
  al_dia: (a, b) => (b.period.endsOn ?? "").localeCompare(a.period.endsOn ?? ""),
  cerrada: (a, b) => (b.period.endsOn ?? "").localeCompare(a.period.endsOn ?? ""),
};

/**
 * The responsable's inbox: every period of their dependencia's activities with the state of its report —
 * returned by planeación, ended without a report, under way, upcoming, or sent — and the activities themselves.
 */
export async function myInbox(db: Db, user: CurrentUser, today: string) {
  const activities = await myDependenciaActivities(db, user, today);
  const dependenciaId = user.dependenciaId;
  if (!dependenciaId) return { activities, lines: [] as InboxLine[] };
  const { reports, cuts } = await inboxData(
    db,
    dependenciaId,
    activities.plans.map((p) => p.planId),
  );
  const reportOf = new Map(reports.map((r) => [`${r.itemId}|${r.periodKey}`, r]));
  const lines: InboxLine[] = activities.plans.flatMap((plan) =>
    plan.activities.flatMap((activity) =>
      activity.leaf.periods.map((period) => {
        const periodKey = periodKeyOf(period);
        const report = reportOf.get(`${activity.leaf.id}|${periodKey}`);
        const lockedBy = lockingCut(period.endsOn, cuts.get(plan.planId) ?? null);
        return {
          planId: plan.planId,
          planTitle: plan.title,
          leaf: activity.leaf,
          path: activity.path,
          period,
          periodKey,
          section: inboxSectionOf(period, report?.status, today, lockedBy),
          report,
          lockedBy,
          daysLeft: daysLeft(period, today),
        };
      }),
    ),
  );
  return { activities, lines: lines.sort((a, b) => ORDER[a.section](a, b)) };
}
export type MyInbox = Awaited<ReturnType<typeof myInbox>>;
