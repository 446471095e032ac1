// OPGI's monitoring of a plan (docs/DOMAIN.md, «Planes»): the traffic light per component and per
// dependencia, what is late or unreported and what awaits validation, narrowed by dependencia and month.
// Pure: monitoring.service.ts loads the plan's progress (progress/rollup.service.ts) and the names.
//
// - «Sin reportar»: a period that ended before today for which a dependencia named as responsable has no
//   report sent or validated. An activity for «todas las dependencias» is unreported only when no
//   dependencia at all sent one (nobody in particular owes it). A period without a readable end date
//   cannot be late.
// - «Atrasada»: progress below the expected by today by more than BEHIND_TOLERANCE points.
// - A dependencia's figures are its own share: per activity, the average over the periods of its validated
//   percentage (0 where it has none); then the plain average over its activities (the plan's weights belong
//   to its levels, not to a dependencia). Activities for «todas» are left out of the per-dependencia table
//   (they show in the components').
import { formatPeriod, periodInMonth } from "../plans/plans.rules.ts";
import { filterTree, headingOf, isLeaf, leavesOf, type TreeNode } from "../plans/tree.rules.ts";
import { periodKeyOf, type ReportStatus } from "../progress/progress.types.ts";
import { BEHIND_TOLERANCE, countedOf, type NodeProgress, rollUp } from "../progress/rollup.rules.ts";
import type { PlanProgressView, ProgressReport } from "../progress/rollup.service.ts";
import { type ZoneKey, zoneOf } from "../progress/zones.rules.ts";

export interface MonitoringFilters {
  dependenciaId?: string;
  /** "YYYY-MM": only the periods touching that month. */
  month?: string;
}

export interface Figures {
  progress: number;
  expected: number | null;
  behind: boolean;
  zone: ZoneKey;
}

export interface ComponentRow extends Figures {
  id: string;
  label: string;
  activities: number;
  late: number;
  unreported: number;
  pending: number;
}

export interface DependenciaRow extends Figures {
  dependenciaId: string;
  name: string;
  activities: number;
  late: number;
  unreported: number;
  pending: number;
}

export interface UnreportedRow {
  leaf: TreeNode;
  /** Null: «todas las dependencias» and none reported. */
  dependenciaId: string | null;
  dependencia: string;
  period: string;
  endsOn: string;
  daysLate: number;
  /** The dependencia's report still in borrador or devuelto; null when there is none. */
  status: ReportStatus | null;
}

export interface PendingRow {
  report: ProgressReport;
  leaf: TreeNode;
  dependencia: string;
  period: string;
}

export interface Dashboard {
  plan: Figures | null;
  activities: number;
  components: ComponentRow[];
  dependencias: DependenciaRow[];
  unreported: UnreportedRow[];
  pending: PendingRow[];
}

const DAY_MS = 86_400_000;
/** Whole days from `from` to `to` ("YYYY-MM-DD"). */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const figures = (n: NodeProgress): Figures => ({
  progress: n.progress,
  expected: n.expected,
  behind: n.behind,
  zone: n.zone,
});

/** Dependencias named as responsables of the leaf («todas» is not one). */
export const namedDependencias = (leaf: TreeNode) => [
  ...new Set(leaf.responsables.flatMap((r) => (r.all ? [] : r.dependenciaIds))),
];
const forAll = (leaf: TreeNode) => leaf.responsables.some((r) => r.all);

/** A report that counts as delivered: sent to planeación or validated. */
export const delivered = (status: ReportStatus) => status === "enviado" || status === "validado";

/** The reports by activity, dependencia and period key. */
export function indexReports(reports: readonly ProgressReport[]) {
  const byKey = new Map<string, ProgressReport>();
  const byItem = new Map<string, ProgressReport[]>();
  const deliveredPeriods = new Set<string>();
  for (const r of reports) {
    byKey.set(`${r.itemId}|${r.dependenciaId}|${r.periodKey}`, r);
    const list = byItem.get(r.itemId);
    if (list) list.push(r);
    else byItem.set(r.itemId, [r]);
    if (delivered(r.status)) deliveredPeriods.add(`${r.itemId}|${r.periodKey}`);
  }
  return {
    ofItem: (itemId: string): readonly ProgressReport[] => byItem.get(itemId) ?? [],
    of: (itemId: string, dependenciaId: string, periodKey: string) =>
      byKey.get(`${itemId}|${dependenciaId}|${periodKey}`),
    /** Someone (any dependencia) delivered this period. */
    anyDelivered: (itemId: string, periodKey: string) => deliveredPeriods.has(`${itemId}|${periodKey}`),
  };
}

/** The tree narrowed by the filters; with a month, each activity keeps only the periods touching it. */
export function narrowTree(tree: readonly TreeNode[], filters: MonitoringFilters): TreeNode[] {
  const nodes = filterTree(tree, { dependenciaId: filters.dependenciaId, month: filters.month });
  const month = filters.month;
  if (!month) return nodes;
  const keep = (list: readonly TreeNode[]): TreeNode[] =>
    list.map((node) =>
      isLeaf(node)
        ? { ...node, periods: node.periods.filter((p) => periodInMonth(p, month)) }
        : { ...node, children: keep(node.children) },
    );
  return keep(nodes);
}

/** The periods with a known end that ended before today, with their key. */
const endedPeriods = (leaf: TreeNode, today: string) =>
  leaf.periods.flatMap((period) =>
    period.endsOn && period.endsOn < today
      ? [{ period, endsOn: period.endsOn, key: periodKeyOf(period) }]
      : [],
  );

/** Everything the dashboard shows; `names` gives a dependencia's name by id. */
export function buildDashboard(
  view: PlanProgressView,
  today: string,
  filters: MonitoringFilters,
  names: (dependenciaId: string) => string,
): Dashboard {
  const filtered = Boolean(filters.dependenciaId || filters.month);
  const tree = narrowTree(view.tree, filters);
  const progress = filtered ? rollUp(tree, countedOf(view.reports), today, view.zones) : view.progress;
  const index = indexReports(view.reports);
  const leaves = leavesOf(tree);
  const wanted = (dependenciaId: string | null) =>
    !filters.dependenciaId || dependenciaId === filters.dependenciaId;

  const unreported: UnreportedRow[] = [];
  const pending: PendingRow[] = [];
  for (const { leaf } of leaves) {
    for (const { period, endsOn, key } of endedPeriods(leaf, today)) {
      const row = (dependenciaId: string | null, status: ReportStatus | null) =>
        unreported.push({
          leaf,
          dependenciaId,
          dependencia: dependenciaId ? names(dependenciaId) : "Todas las dependencias",
          period: formatPeriod(period),
          endsOn,
          daysLate: daysBetween(endsOn, today),
          status,
        });
      for (const dependenciaId of namedDependencias(leaf)) {
        const report = index.of(leaf.id, dependenciaId, key);
        if (wanted(dependenciaId) && !(report && delivered(report.status)))
          row(dependenciaId, report?.status ?? null);
      }
      if (forAll(leaf) && !filters.dependenciaId && !index.anyDelivered(leaf.id, key)) row(null, null);
    }
    for (const report of index.ofItem(leaf.id)) {
      if (report.status !== "enviado" || !wanted(report.dependenciaId)) continue;
      const period = leaf.periods.find((p) => periodKeyOf(p) === report.periodKey);
      // With a month chosen, a report of a period outside it is left out; without one, a report whose
      // period a re-import changed still waits for planeación and shows with the end it was made for.
      if (!period && filters.month) continue;
      pending.push({
        report,
        leaf,
        dependencia: names(report.dependenciaId),
        period: period ? formatPeriod(period) : periodOfReport(report),
      });
    }
  }
  unreported.sort(
    (a, b) =>
      b.daysLate - a.daysLate || codeOrder(a.leaf, b.leaf) || collator.compare(a.dependencia, b.dependencia),
  );
  pending.sort((a, b) => (a.report.submittedAt?.getTime() ?? 0) - (b.report.submittedAt?.getTime() ?? 0));

  // Counts by activity, then summed per component and per dependencia: linear in the rows.
  const unreportedOf = countBy(unreported, (r) => r.leaf.id);
  const pendingOf = countBy(pending, (r) => r.leaf.id);
  const components: ComponentRow[] = tree.flatMap((node) => {
    const result = progress.byNode.get(node.id);
    if (!result) return [];
    const ids = leavesOf([node]).map((l) => l.leaf.id);
    const sum = (counts: Map<string, number>) => ids.reduce((n, id) => n + (counts.get(id) ?? 0), 0);
    return [
      {
        id: node.id,
        label: headingOf(node, view.plan.levelNames[0]),
        activities: result.activities,
        late: ids.filter((id) => progress.byNode.get(id)?.behind).length,
        unreported: sum(unreportedOf),
        pending: sum(pendingOf),
        ...figures(result),
      },
    ];
  });

  return {
    plan: progress.plan ? figures(progress.plan) : null,
    activities: leaves.length,
    components,
    dependencias: dependenciaRows(tree, view, progress.byNode, index, filters, names, {
      unreported: countBy(unreported, (r) => r.dependenciaId ?? ""),
      pending: countBy(pending, (r) => r.report.dependenciaId),
    }),
    unreported,
    pending,
  };
}

function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}

function dependenciaRows(
  tree: readonly TreeNode[],
  view: PlanProgressView,
  byNode: ReadonlyMap<string, NodeProgress>,
  index: ReturnType<typeof indexReports>,
  filters: MonitoringFilters,
  names: (dependenciaId: string) => string,
  counts: { unreported: Map<string, number>; pending: Map<string, number> },
): DependenciaRow[] {
  // One pass over the activities, adding each one's figures to each of its dependencias.
  const totals = new Map<
    string,
    { activities: number; progress: number; expected: number; dated: number; late: number }
  >();
  for (const { leaf } of leavesOf(tree)) {
    const expected = byNode.get(leaf.id)?.expected ?? null;
    for (const dependenciaId of namedDependencias(leaf)) {
      if (filters.dependenciaId && dependenciaId !== filters.dependenciaId) continue;
      let total = totals.get(dependenciaId);
      if (!total) {
        total = { activities: 0, progress: 0, expected: 0, dated: 0, late: 0 };
        totals.set(dependenciaId, total);
      }
      const progress = ownProgress(leaf, dependenciaId, index);
      total.activities++;
      total.progress += progress;
      if (expected !== null) {
        total.expected += expected;
        total.dated++;
        if (progress < expected - BEHIND_TOLERANCE) total.late++;
      }
    }
  }
  return [...totals]
    .map(([dependenciaId, total]) => {
      const progress = total.progress / total.activities;
      const expected = total.dated > 0 ? total.expected / total.dated : null;
      return {
        dependenciaId,
        name: names(dependenciaId),
        activities: total.activities,
        late: total.late,
        unreported: counts.unreported.get(dependenciaId) ?? 0,
        pending: counts.pending.get(dependenciaId) ?? 0,
        progress,
        expected,
        behind: expected !== null && progress < expected - BEHIND_TOLERANCE,
        zone: zoneOf(progress, view.zones),
      };
    })
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** The dependencia's own share of an activity: its validated percentage per period, averaged. */
export function ownProgress(
  leaf: TreeNode,
  dependenciaId: string,
  index: ReturnType<typeof indexReports>,
): number {
  const percentOf = (report: ProgressReport | undefined) =>
    report?.status === "validado" && report.percent !== null ? Math.min(100, Math.max(0, report.percent)) : 0;
  // Without periods, as in the roll-up: its report under any period key counts.
  if (leaf.periods.length === 0)
    return percentOf(
      index.ofItem(leaf.id).find((r) => r.dependenciaId === dependenciaId && r.status === "validado"),
    );
  return (
    leaf.periods.reduce((sum, p) => sum + percentOf(index.of(leaf.id, dependenciaId, periodKeyOf(p))), 0) /
    leaf.periods.length
  );
}

/** «1.1 Socializar la política…», or the text alone when it already starts with its code. */
export const activityLabel = (node: { code: string | null; text: string }) =>
  node.code && !node.text.startsWith(node.code) ? `${node.code} ${node.text}` : node.text;

// One collator for every comparison: localeCompare with options builds a new one on each call.
const collator = new Intl.Collator("es", { numeric: true });
const codeOrder = (a: TreeNode, b: TreeNode) => collator.compare(a.code ?? "", b.code ?? "");

const periodOfReport = (report: ProgressReport) =>
  report.periodEndsOn ? formatPeriod({ startsOn: null, endsOn: report.periodEndsOn, written: null }) : "";

/** The months of the plan's year, for the filter: "YYYY-MM". */
export const monthsOf = (year: number) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
