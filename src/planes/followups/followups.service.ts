// OCI's follow-up (seguimiento) of a plan at each cut (docs/DOMAIN.md, «Planes», Progress): the cuts of the
// plan's year, opening one (from then the reports of periods up to the cut are locked, see progress), the
// verification of each activity scheduled up to the cut, closing (the report is frozen) and publishing
// (recorded against the due date: the tenth business day of the next month). Exports: followups.files.ts;
// the public side: followups.public.ts; the deadline warning: followups.deadline.ts.
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { AppError, isUniqueViolation, notFound } from "../../shared/errors.ts";
import { bogotaDay } from "../../shared/time.ts";
import { findPlan, nodeLabel } from "../plans/plans.service.ts";
import { cutPeriodLabel, cutsOfYear, publicationDueOn } from "./cuts.rules.ts";
import * as repo from "./followups.repository.ts";
import {
  type CutState,
  cutState,
  dayText,
  deadlineWarning,
  openProblem,
  publishedLate,
} from "./followups.rules.ts";
import { currentReport, followupOr404 } from "./followups.sheet.ts";
import type { PlanFollowup } from "./followups.table.ts";

export {
  type FollowupSheet,
  followupSheet,
  type SheetActivity,
  type SheetEvidence,
  type SheetGroup,
  type SheetReport,
} from "./followups.sheet.ts";
export type { PlanFollowup, PlanFollowupItem } from "./followups.table.ts";
export { verifyActivity, verifyComponentAsReported } from "./followups.verify.ts";

export interface CutRow {
  cutOn: string;
  periodLabel: string;
  dueOn: string;
  state: CutState;
  followup: PlanFollowup | undefined;
  warning: { overdue: boolean; text: string } | undefined;
}

async function planOr404(db: Db, planId: string) {
  const plan = await findPlan(db, planId);
  if (!plan) throw notFound("El plan");
  return plan;
}

/** The plan's approval as the follow-up needs it: any status but a borrador that was never approved. */
async function wasApproved(db: Db, plan: { id: string; status: string }) {
  return plan.status !== "borrador" || (await repo.everApproved(db, plan.id));
}

/** The cuts of the plan's year from its type's calendar, each with its state, due date and warning. */
export async function listCuts(db: Db, planId: string, today: string) {
  const plan = await planOr404(db, planId);
  const settings = await repo.findTypeSettings(db, plan.plan.typeKey);
  const calendar = settings?.cuts ?? [];
  const followups = await repo.listFollowupsOfPlan(db, planId);
  const cuts = new Set(cutsOfYear(plan.plan.year, calendar));
  // A follow-up of a cut the type no longer lists (the calendar changed) is still shown.
  for (const f of followups) cuts.add(f.cutOn);
  const rows: CutRow[] = [...cuts].sort().map((cutOn) => {
    const followup = followups.find((f) => f.cutOn === cutOn);
    const dueOn = followup?.dueOn ?? publicationDueOn(cutOn);
    const state = cutState(cutOn, today, followup);
    return {
      cutOn,
      periodLabel: cutPeriodLabel(cutOn, calendar),
      dueOn,
      state,
      followup,
      warning: state === "disponible" || followup ? deadlineWarning(dueOn, today, state) : undefined,
    };
  });
  return { plan, rows, approved: await wasApproved(db, plan.plan) };
}
export type CutsView = Awaited<ReturnType<typeof listCuts>>;

/** Opens the follow-up of a cut: refused before the cut, twice for one cut, or on a never-approved plan. */
export async function openFollowup(db: Db, at: Date, audit: AuditContext, planId: string, cutOn: string) {
  const plan = await planOr404(db, planId);
  const settings = await repo.findTypeSettings(db, plan.plan.typeKey);
  const existing = await repo.listFollowupsOfPlan(db, planId);
  const problem = openProblem({
    cutOn,
    today: bogotaDay(at),
    year: plan.plan.year,
    calendar: settings?.cuts ?? [],
    approved: await wasApproved(db, plan.plan),
    taken: existing.some((f) => f.cutOn === cutOn),
  });
  if (problem) throw new AppError("followups.cannot_open", 422, problem);
  const dueOn = publicationDueOn(cutOn);
  try {
    return await db.transaction(async (tx) => {
      const followup = await repo.insertFollowup(tx, {
        planId,
        cutOn,
        dueOn,
        status: "abierto",
        openedBy: audit.actorId,
        openedAt: at,
      });
      await recordAudit(tx, at, audit, {
        action: "plan_followup.opened",
        targetType: "plan_followup",
        targetId: followup.id,
        details: { planId, cutOn, dueOn },
      });
      return followup;
    });
  } catch (error) {
    // Two people opening the same cut at once: the unique index decides, the second reads why.
    if (isUniqueViolation(error))
      throw new AppError(
        "followups.cannot_open",
        422,
        openProblem({
          cutOn,
          today: bogotaDay(at),
          year: plan.plan.year,
          calendar: settings?.cuts ?? [],
          approved: true,
          taken: true,
        }) ?? "Ya existe un seguimiento de ese corte.",
      );
    throw error;
  }
}

export type CloseResult = { ok: true } | { ok: false; missing: { code: string | null; label: string }[] };

/** Closes the follow-up and freezes its report; refused (with the list) while an activity is unverified. */
export async function closeFollowup(
  db: Db,
  at: Date,
  audit: AuditContext,
  followupId: string,
  entity: string,
): Promise<CloseResult> {
  return db.transaction(async (tx) => {
    const followup = await repo.lockFollowup(tx, followupId);
    if (!followup) throw notFound("El seguimiento");
    if (followup.status !== "abierto")
      throw new AppError("followups.not_open", 409, "Este seguimiento ya estaba cerrado.");
    const { report, missing } = await currentReport(tx, followup, entity, bogotaDay(at));
    if (missing.length > 0)
      return { ok: false, missing: missing.map((leaf) => ({ code: leaf.code, label: nodeLabel(leaf) })) };
    await repo.updateFollowup(tx, followup.id, "abierto", {
      status: "cerrado",
      closedBy: audit.actorId,
      closedAt: at,
      report,
    });
    await recordAudit(tx, at, audit, {
      action: "plan_followup.closed",
      targetType: "plan_followup",
      targetId: followup.id,
      details: { cutOn: followup.cutOn, score: report.score, zone: report.zone },
    });
    return { ok: true } as const;
  });
}

/** Publishes a closed follow-up, recording whether it came after its due date. */
export async function publishFollowup(db: Db, at: Date, audit: AuditContext, followupId: string) {
  return db.transaction(async (tx) => {
    const followup = await repo.lockFollowup(tx, followupId);
    if (!followup) throw notFound("El seguimiento");
    if (followup.status !== "cerrado" || !followup.report)
      throw new AppError(
        "followups.not_closed",
        409,
        followup.status === "publicado"
          ? "Este informe ya está publicado."
          : "Cierre el seguimiento antes de publicar su informe.",
      );
    // The annex says which files are public as of the publication (OCI may mark them after closing).
    const report = followup.report;
    const shown = await repo.publicEvidenceIds(
      tx,
      report.evidence.map((e) => e.id),
    );
    const evidence = report.evidence.map((e) => ({ ...e, isPublic: shown.has(e.id) }));
    const late = publishedLate(bogotaDay(at), followup.dueOn);
    await repo.updateFollowup(tx, followup.id, "cerrado", {
      status: "publicado",
      publishedBy: audit.actorId,
      publishedAt: at,
      report: { ...report, evidence },
    });
    await recordAudit(tx, at, audit, {
      action: "plan_followup.published",
      targetType: "plan_followup",
      targetId: followup.id,
      details: { cutOn: followup.cutOn, dueOn: followup.dueOn, late },
    });
    return { late, dueOn: followup.dueOn };
  });
}

/**
 * The report to export: the frozen one once closed; while open, a draft from what is verified so far
 * (activities not verified yet count 0), so OCI can check the matrix before closing.
 */
export async function reportToExport(db: Db, followupId: string, at: Date, entity: string) {
  const followup = await followupOr404(db, followupId);
  if (followup.report) return { followup, report: followup.report, draft: false };
  const { report } = await currentReport(db, followup, entity, bogotaDay(at));
  return { followup, report, draft: true };
}

/** «Seguimiento del corte del 30 de abril de 2026 de «PAAC 2026»», by id: the audit page's names. */
export async function followupNames(db: Db, ids: string[]) {
  const rows = await repo.findFollowupsByIds(db, ids);
  return rows.map(
    (r) => [r.id, `Seguimiento del corte del ${dayText(r.cutOn)} de «${r.title}» (${r.year})`] as const,
  );
}
