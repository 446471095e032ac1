// What an activity's page and a responsable's inbox know about reports (part of progress.service.ts): the
// report of each period × responsible dependencia with its state, and the activity's history. A responsable
// de plan sees only their own dependencia's reports; staff who read plans see every dependencia's.
import type { Db } from "../../db/client.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import type { PeriodLike } from "../plans/plans.rules.ts";
import { concerns, isLeaf, type TreeNode } from "../plans/tree.rules.ts";
import * as repo from "./progress.repository.ts";
import { isUnderWay, lockingCut } from "./progress.rules.ts";
import type { PlanReport } from "./progress.table.ts";
import { periodKeyOf } from "./progress.types.ts";

type Viewer = Pick<CurrentUser, "roles" | "dependenciaId">;

const READS_ALL = ["planeacion", "control_interno", "administrador"];
const readsAll = (user: Viewer) => user.roles.some((role) => READS_ALL.includes(role));

export interface ActivityReportRow {
  period: PeriodLike;
  periodKey: string;
  dependenciaId: string;
  dependencia: string;
  report: Pick<PlanReport, "id" | "status" | "percent" | "quantity" | "overMeta"> | undefined;
  /** The follow-up cut that closed this period, when one did. */
  lockedBy: string | undefined;
  /** The viewer may open a report here (own dependencia, plan under way, period not closed). */
  canStart: boolean;
}

/** The reports of an activity per period × dependencia, and its history (oldest first). */
export async function activityProgress(db: Db, user: Viewer, planId: string, item: TreeNode) {
  if (!isLeaf(item)) return { rows: [] as ActivityReportRow[], events: [] as repo.EventRow[], all: false };
  const plan = await repo.findPlan(db, planId);
  const latestCut = (await repo.latestCuts(db, [planId])).get(planId) ?? null;
  const reports = await repo.listReports(db, { itemId: item.id });
  const staff = readsAll(user);
  const own =
    user.roles.includes("responsable_plan") && user.dependenciaId && concerns(item, user.dependenciaId)
      ? user.dependenciaId
      : undefined;
  const named = item.responsables.flatMap((r) => r.dependenciaIds);
  const ids = staff
    ? [...new Set([...named, ...reports.map((r) => r.report.dependenciaId), ...(own ? [own] : [])])]
    : own
      ? [own]
      : [];
  const names = new Map(reports.map((r) => [r.report.dependenciaId, r.dependencia]));
  const missing = ids.filter((id) => !names.has(id));
  for (const [id, name] of await repo.dependenciaNames(db, missing)) names.set(id, name);
  const dependencias = ids
    .map((id) => ({ id, name: names.get(id) ?? "Dependencia" }))
    .sort((a, b) => a.name.localeCompare(b.name, "es"));
  const underWay = plan ? isUnderWay(plan.plan) : false;
  const rows = item.periods.flatMap((period) => {
    const periodKey = periodKeyOf(period);
    const lockedBy = lockingCut(period.endsOn, latestCut);
    return dependencias.map(({ id, name }) => {
      const report = reports.find(
        (r) => r.report.periodKey === periodKey && r.report.dependenciaId === id,
      )?.report;
      return {
        period,
        periodKey,
        dependenciaId: id,
        dependencia: name,
        report,
        lockedBy,
        canStart: id === own && underWay && !lockedBy && !report,
      };
    });
  });
  const events = (await repo.listItemEvents(db, item.id)).filter(
    (e) => staff || e.event.dependenciaId === null || e.event.dependenciaId === own,
  );
  // «Todas las dependencias»: staff see those that reported, since every dependencia owes it.
  const all = item.responsables.some((r) => r.all);
  return { rows, events, all };
}
export type ActivityProgress = Awaited<ReturnType<typeof activityProgress>>;

/** A dependencia's reports in some plans, and each plan's latest follow-up cut (for the inbox). */
export async function inboxData(db: Db, dependenciaId: string, planIds: string[]) {
  const reports = (await repo.listReports(db, { dependenciaId, planIds })).map((r) => r.report);
  return { reports, cuts: await repo.latestCuts(db, planIds) };
}
