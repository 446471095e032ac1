// A plan's progress on every level (docs/DOMAIN.md, «Planes», Progress): its tree, its type's zones and
// cuts, every report, and the roll-up of the validated ones (rollup.rules.ts). The plan page, OPGI's
// monitoring, the reminders and the follow-ups read a plan's figures through here, so they all agree.
//
// Five queries whatever the plan's size (plan with type, items, responsables, periods, reports); the rest
// is done in memory, in time linear in the rows (a 2,000-activity plan rolls up in well under a second).
import type { Db } from "../../db/client.ts";
import { notFound } from "../../shared/errors.ts";
import { loadTree, type TreeNode } from "../plans/plans.service.ts";
import type { PlanStatus } from "../plans/plans.types.ts";
import type { ReportStatus } from "./progress.types.ts";
import * as repo from "./rollup.repository.ts";
import { countedOf, type PlanProgress, rollUp } from "./rollup.rules.ts";
import type { Zones } from "./zones.rules.ts";

export { BEHIND_TOLERANCE, type NodeProgress, type PlanProgress } from "./rollup.rules.ts";

export interface ProgressReport {
  id: string;
  itemId: string;
  dependenciaId: string;
  periodKey: string;
  periodEndsOn: string | null;
  status: ReportStatus;
  percent: number | null;
  overMeta: boolean;
  submittedAt: Date | null;
}

export interface PlanProgressView {
  plan: {
    id: string;
    title: string;
    year: number;
    status: PlanStatus;
    version: number;
    slug: string;
    typeKey: string;
    typeName: string;
    levelNames: [string, string, string];
  };
  zones: Zones;
  /** The type's follow-up cuts, "MM-DD". */
  calendar: string[];
  tree: TreeNode[];
  /** The roll-up of the validated reports. */
  progress: PlanProgress;
  /** Every report of the plan, whatever its status. */
  reports: ProgressReport[];
}

/** The plan's progress as of `today` ("YYYY-MM-DD" in Bogotá); 404 for an unknown plan. */
export async function loadPlanProgress(db: Db, planId: string, today: string): Promise<PlanProgressView> {
  const row = await repo.findPlanWithType(db, planId);
  if (!row) throw notFound("El plan");
  // One after another: inside a transaction they share one connection.
  const tree = await loadTree(db, planId);
  const reports = await repo.listPlanReports(db, planId);
  const zones: Zones = { lowMax: row.zoneLowMax, midMax: row.zoneMidMax };
  const { id, title, year, status, version, slug, typeKey, typeName, levelNames } = row;
  return {
    plan: { id, title, year, status, version, slug, typeKey, typeName, levelNames },
    zones,
    calendar: row.cuts,
    tree,
    progress: rollUp(tree, countedOf(reports), today, zones),
    reports,
  };
}
