// Progress of every node of a plan from the validated reports of its activities, and the progress expected
// by today from the periods, so «behind schedule» shows on every level. Pure: the services load the tree
// and the reports.
//
// - A report gives the percentage of one period of one activity by one dependencia.
// - A period's progress combines its dependencias: the plain average over the dependencias named as
//   responsables (one that has not reported counts 0). For «Todas las dependencias» it is the average of
//   those that reported, since no single dependencia owes it.
// - An activity's progress is the average of its periods.
// - A parent's progress is the weighted average of its children when every child has a weight, and the
//   plain average otherwise. Levels without activities (a note-only component) are left out.
// - Expected by today: per period, the share of its days elapsed (0 before it starts, 100 from its end),
//   averaged like progress. Periods without readable dates are left out of the expectation.
import type { PeriodLike } from "../plans/plans.rules.ts";
import { isLeaf, type TreeNode } from "../plans/tree.rules.ts";
import { periodKeyOf } from "./progress.types.ts";
import { type ZoneKey, type Zones, zoneOf } from "./zones.rules.ts";

/** Points below the expected progress from which an activity or level counts as behind schedule. */
export const BEHIND_TOLERANCE = 10;

export interface CountedReport {
  itemId: string;
  dependenciaId: string;
  periodKey: string;
  percent: number;
}

/** The reports the roll-up counts: only validated ones, with a percentage. */
export function countedOf(
  reports: readonly (Omit<CountedReport, "percent"> & { status: string; percent: number | null })[],
): CountedReport[] {
  return reports.flatMap((r) =>
    r.status === "validado" && r.percent !== null
      ? [{ itemId: r.itemId, dependenciaId: r.dependenciaId, periodKey: r.periodKey, percent: r.percent }]
      : [],
  );
}

export interface NodeProgress {
  /** 0–100. */
  progress: number;
  /** 0–100, or null when no period has readable dates. */
  expected: number | null;
  behind: boolean;
  zone: ZoneKey;
  /** Activities under the node (1 for an activity). */
  activities: number;
}

export interface PlanProgress {
  byNode: Map<string, NodeProgress>;
  plan: NodeProgress | null;
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** How much of the period should be done by today: 0–100, or null without readable dates. */
export function expectedOfPeriod(period: PeriodLike, today: string): number | null {
  const start = period.startsOn ?? period.endsOn;
  const end = period.endsOn ?? period.startsOn;
  if (!start || !end) return null;
  if (today < start) return 0;
  if (today >= end) return 100;
  return ((dayNumber(today) - dayNumber(start) + 1) / (dayNumber(end) - dayNumber(start) + 1)) * 100;
}

const average = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;

/** The progress of one period of an activity from the reports counted for it. */
export function periodProgress(leaf: TreeNode, reports: readonly CountedReport[]): number {
  const named = new Set(leaf.responsables.flatMap((r) => r.dependenciaIds));
  const forAll = leaf.responsables.some((r) => r.all);
  const byDependencia = new Map(reports.map((r) => [r.dependenciaId, clamp(r.percent)]));
  if (named.size > 0) {
    const extra = forAll ? [...byDependencia.keys()].filter((id) => !named.has(id)) : [];
    return average([...named, ...extra].map((id) => byDependencia.get(id) ?? 0));
  }
  return average([...byDependencia.values()]);
}

const clamp = (n: number) => Math.min(100, Math.max(0, n));

function activityProgress(
  leaf: TreeNode,
  reports: readonly CountedReport[],
  today: string,
): { progress: number; expected: number | null } {
  if (leaf.periods.length === 0) {
    // An activity without periods: its reports (any period key) count as one period.
    return { progress: periodProgress(leaf, reports), expected: null };
  }
  const progress = average(
    leaf.periods.map((period) => {
      const key = periodKeyOf(period);
      return periodProgress(
        leaf,
        reports.filter((r) => r.periodKey === key),
      );
    }),
  );
  const expectations = leaf.periods
    .map((period) => expectedOfPeriod(period, today))
    .filter((e): e is number => e !== null);
  return { progress, expected: expectations.length ? average(expectations) : null };
}

function combine(children: readonly { node: TreeNode; result: NodeProgress }[]): {
  progress: number;
  expected: number | null;
  activities: number;
} {
  const weighted = children.every((c) => c.node.weight !== null && c.node.weight > 0);
  const weightOf = (c: { node: TreeNode }) => (weighted ? (c.node.weight ?? 1) : 1);
  const mean = (pick: (r: NodeProgress) => number | null) => {
    const present = children.filter((c) => pick(c.result) !== null);
    const total = present.reduce((sum, c) => sum + weightOf(c), 0);
    if (total === 0) return null;
    return present.reduce((sum, c) => sum + (pick(c.result) ?? 0) * weightOf(c), 0) / total;
  };
  return {
    progress: mean((r) => r.progress) ?? 0,
    expected: mean((r) => r.expected),
    activities: children.reduce((sum, c) => sum + c.result.activities, 0),
  };
}

function finish(
  values: { progress: number; expected: number | null; activities: number },
  zones: Zones,
): NodeProgress {
  return {
    ...values,
    behind: values.expected !== null && values.progress < values.expected - BEHIND_TOLERANCE,
    zone: zoneOf(values.progress, zones),
  };
}

/** Progress of every node and of the whole plan; `today` is "YYYY-MM-DD" in Bogotá. */
export function rollUp(
  nodes: readonly TreeNode[],
  reports: readonly CountedReport[],
  today: string,
  zones: Zones,
): PlanProgress {
  const reportsOf = new Map<string, CountedReport[]>();
  for (const report of reports) {
    const list = reportsOf.get(report.itemId);
    if (list) list.push(report);
    else reportsOf.set(report.itemId, [report]);
  }
  return rollUpLeaves(nodes, (leaf) => activityProgress(leaf, reportsOf.get(leaf.id) ?? [], today), zones);
}

/**
 * The same roll-up from a value per activity (OCI's verified percentages at a cut: `expected` null). An
 * activity without a value counts 0.
 */
export function rollUpLeaves(
  nodes: readonly TreeNode[],
  leafValue: (leaf: TreeNode) => { progress: number; expected: number | null } | undefined,
  zones: Zones,
): PlanProgress {
  const byNode = new Map<string, NodeProgress>();
  const visit = (node: TreeNode): NodeProgress | undefined => {
    if (isLeaf(node)) {
      const value = leafValue(node) ?? { progress: 0, expected: null };
      const result = finish(
        { progress: clamp(value.progress), expected: value.expected, activities: 1 },
        zones,
      );
      byNode.set(node.id, result);
      return result;
    }
    const children = node.children
      .map((child) => ({ node: child, result: visit(child) }))
      .filter((c): c is { node: TreeNode; result: NodeProgress } => c.result !== undefined);
    if (children.length === 0) return undefined;
    const result = finish(combine(children), zones);
    byNode.set(node.id, result);
    return result;
  };
  const top = nodes
    .map((node) => ({ node, result: visit(node) }))
    .filter((c): c is { node: TreeNode; result: NodeProgress } => c.result !== undefined);
  return { byNode, plan: top.length ? finish(combine(top), zones) : null };
}
