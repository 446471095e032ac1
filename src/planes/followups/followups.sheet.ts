// What a follow-up covers and what OCI has verified: the activities scheduled up to the cut grouped as
// the plan groups them, with what the offices reported (validated) by then, their reports (locked once the
// follow-up opened) and evidence; and the report built from the verifications (frozen when it closes).
import type { Db } from "../../db/client.ts";
import { notFound } from "../../shared/errors.ts";
import { bogotaDay } from "../../shared/time.ts";
import { formatPeriod } from "../plans/plans.rules.ts";
import type { TreeNode } from "../plans/plans.service.ts";
import { leavesOf } from "../plans/tree.rules.ts";
import { periodKeyOf } from "../progress/progress.types.ts";
import { countedOf } from "../progress/rollup.rules.ts";
import { loadPlanProgress, type PlanProgressView } from "../progress/rollup.service.ts";
import { cutPeriodLabel } from "./cuts.rules.ts";
import * as repo from "./followups.repository.ts";
import {
  buildFollowupReport,
  deadlineWarning,
  publishedLate,
  reportedAtCut,
  scheduledUpTo,
  unverified,
} from "./followups.rules.ts";
import type { PlanFollowup, PlanFollowupItem } from "./followups.table.ts";
import type { FollowupEvidence, FollowupReport } from "./followups.types.ts";

export async function followupOr404(db: Db, id: string) {
  const followup = await repo.findFollowup(db, id);
  if (!followup) throw notFound("El seguimiento");
  return followup;
}

export interface SheetReport {
  id: string;
  dependencia: string;
  period: string;
  status: PlanProgressView["reports"][number]["status"];
  percent: number | null;
  /** Its period ends by the cut: no change since the follow-up was opened. */
  locked: boolean;
}

export interface SheetEvidence extends FollowupEvidence {
  reportId: string;
  validated: boolean;
}

export interface SheetActivity {
  leaf: TreeNode;
  reported: number | null;
  verification: PlanFollowupItem | undefined;
  reports: SheetReport[];
  evidence: SheetEvidence[];
}

export interface SheetGroup {
  component: TreeNode;
  /** The subcomponents (heading null for activities hanging from the component itself). */
  parts: { heading: TreeNode | null; activities: SheetActivity[] }[];
}

/** A report's period as the plan writes it (its key when the plan no longer has that period). */
const periodText = (leaf: TreeNode, key: string) => {
  const period = leaf.periods.find((p) => periodKeyOf(p) === key);
  return period ? formatPeriod(period) : key.replace(/^texto:/, "");
};

export const leavesUnder = (nodes: readonly TreeNode[]) => leavesOf(nodes).map(({ leaf }) => leaf);

/** Rows by activity, once: a 2,000-activity plan is not filtered 2,000 times. */
function byItem<T extends { itemId: string }>(rows: readonly T[]): (itemId: string) => T[] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.itemId);
    if (list) list.push(row);
    else map.set(row.itemId, [row]);
  }
  return (itemId) => map.get(itemId) ?? [];
}

/** What the follow-up covers and what OCI has verified, as its page shows it. */
async function loadSheet(db: Db, followup: PlanFollowup, today: string) {
  const progress = await loadPlanProgress(db, followup.planId, today);
  const scheduled = scheduledUpTo(progress.tree, followup.cutOn);
  const validated = countedOf(progress.reports);
  const verifications = await repo.listVerifications(db, followup.id);
  const evidence = await repo.evidenceUpToCut(db, followup.planId, followup.cutOn);
  return { progress, scheduled, validated, verifications, evidence };
}

/** The follow-up's page: activities by component and subcomponent with reports, evidence and verification. */
export async function followupSheet(db: Db, followupId: string, today: string) {
  const followup = await followupOr404(db, followupId);
  const { progress, scheduled, validated, verifications, evidence } = await loadSheet(db, followup, today);
  const names = await repo.dependenciaNames(
    db,
    progress.reports.map((r) => r.dependenciaId),
  );
  const verificationOf = new Map(verifications.map((v) => [v.itemId, v]));
  const [validatedOf, reportsOf, evidenceOf] = [
    byItem(validated),
    byItem(progress.reports),
    byItem(evidence),
  ];
  const activity = (leaf: TreeNode): SheetActivity => ({
    leaf,
    reported: reportedAtCut(leaf, validatedOf(leaf.id), followup.cutOn),
    verification: verificationOf.get(leaf.id),
    reports: reportsOf(leaf.id).map((r) => ({
      id: r.id,
      dependencia: names.get(r.dependenciaId) ?? "Dependencia",
      period: periodText(leaf, r.periodKey),
      status: r.status,
      percent: r.percent,
      locked: r.periodEndsOn !== null && r.periodEndsOn <= followup.cutOn,
    })),
    evidence: evidenceOf(leaf.id).map((e) => ({
      id: e.id,
      activityCode: leaf.code,
      fileName: e.fileName,
      size: e.size,
      sha256: e.sha256,
      isPublic: e.isPublic,
      reportId: e.reportId,
      validated: e.reportStatus === "validado",
    })),
  });
  const groups: SheetGroup[] = scheduled.map((component) => {
    const parts: SheetGroup["parts"] = [];
    for (const child of component.children) {
      if (child.children.length === 0) {
        const last = parts.at(-1);
        if (last && last.heading === null) last.activities.push(activity(child));
        else parts.push({ heading: null, activities: [activity(child)] });
      } else
        parts.push({
          heading: child,
          activities: leavesUnder([child]).map(activity),
        });
    }
    return { component, parts };
  });
  const total = groups.flatMap((g) => g.parts.flatMap((p) => p.activities)).length;
  const state = followup.status;
  return {
    followup,
    plan: progress.plan,
    zones: progress.zones,
    periodLabel: cutPeriodLabel(followup.cutOn, progress.calendar),
    groups,
    total,
    verified: groups.flatMap((g) => g.parts.flatMap((p) => p.activities)).filter((a) => a.verification)
      .length,
    warning: deadlineWarning(followup.dueOn, today, state),
    late: followup.publishedAt !== null && publishedLate(bogotaDay(followup.publishedAt), followup.dueOn),
    /** The plan has a published version: the public reaches the report through it. */
    planPublic: await repo.hasPublishedVersion(db, followup.planId),
  };
}
export type FollowupSheet = Awaited<ReturnType<typeof followupSheet>>;

/** The report of a follow-up as of now, from what OCI has verified (frozen at closing). */
export async function currentReport(
  db: Db,
  followup: PlanFollowup,
  entity: string,
  followupOn: string,
): Promise<{ report: FollowupReport; missing: TreeNode[] }> {
  const { progress, scheduled, validated, verifications, evidence } = await loadSheet(
    db,
    followup,
    followupOn,
  );
  const codeOf = new Map<string, string | null>();
  const walk = (nodes: readonly TreeNode[]) => {
    for (const n of nodes) {
      codeOf.set(n.id, n.code);
      walk(n.children);
    }
  };
  walk(progress.tree);
  const leaves = leavesUnder(scheduled);
  const validatedOf = byItem(validated);
  const report = buildFollowupReport({
    entity,
    plan: {
      id: progress.plan.id,
      slug: progress.plan.slug,
      title: progress.plan.title,
      year: progress.plan.year,
      typeName: progress.plan.typeName,
    },
    levelNames: progress.plan.levelNames,
    cutOn: followup.cutOn,
    calendar: progress.calendar,
    followupOn,
    zones: progress.zones,
    scheduled,
    verifications: new Map(verifications.map((v) => [v.itemId, v])),
    reported: new Map(
      leaves.map((leaf) => [leaf.id, reportedAtCut(leaf, validatedOf(leaf.id), followup.cutOn)]),
    ),
    evidence: evidence.map((e) => ({
      id: e.id,
      activityCode: codeOf.get(e.itemId) ?? null,
      fileName: e.fileName,
      size: e.size,
      sha256: e.sha256,
      isPublic: e.isPublic,
    })),
  });
  return { report, missing: unverified(scheduled, new Set(verifications.map((v) => v.itemId))) };
}
