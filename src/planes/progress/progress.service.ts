// Progress reporting (docs/DOMAIN.md, «Planes», Progress): a responsable de plan reports, per activity and
// period, for their own dependencia — a percentage (or the quantity achieved against the meta), a narrative
// and evidence — and sends it to planeación, who validates it or returns it with a comment (progress.review.ts).
// A report is written only in borrador or devuelto, only by its dependencia's people, and never once OCI's
// follow-up covers its period. Every change is audited and recorded in the activity's history.
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import { AppError, conflict, forbidden, notFound } from "../../shared/errors.ts";
import { formatIsoDay } from "../../shared/time.ts";
import {
  type EvidenceDeps,
  type EvidenceOwner,
  type EvidenceUpload,
  evidenceOf,
  type PlanEvidence,
  removeEvidence,
  withEvidence,
} from "../evidence/evidence.service.ts";
import { loadBranch } from "../plans/plans.trees.ts";
import { concerns, isLeaf, type TreeNode } from "../plans/tree.rules.ts";
import * as repo from "./progress.repository.ts";
import { reviewLock, reviewsOwnReport, SELF_REVIEW } from "./progress.review.ts";
import {
  countsQuantity,
  isEditable,
  isUnderWay,
  lockingCut,
  percentFromQuantity,
  submitProblems,
} from "./progress.rules.ts";
import type { ReportFormInput } from "./progress.schemas.ts";
import type { PlanReport } from "./progress.table.ts";
import { periodKeyOf } from "./progress.types.ts";

export type { PlanEvidence } from "../evidence/evidence.service.ts";
export { type ActivityProgress, activityProgress, inboxData } from "./progress.activity.ts";
export type { EventRow, ReportListRow, ReportRow } from "./progress.repository.ts";
export { returnReport, reviewQueue, validateReport } from "./progress.review.ts";
export type { PlanReport } from "./progress.table.ts";

export type ReportUser = Pick<CurrentUser, "id" | "roles" | "dependenciaId">;

const READS_ALL = ["planeacion", "control_interno", "administrador"];
export const readsAllReports = (user: Pick<CurrentUser, "roles">) =>
  user.roles.some((role) => READS_ALL.includes(role));
/** The people of the report's dependencia who report its plans. */
const writesFor = (user: ReportUser, dependenciaId: string) =>
  user.roles.includes("responsable_plan") && user.dependenciaId === dependenciaId;

/** A report with its activity, the plan's latest cut and its evidence; 404 for anyone it does not concern. */
export async function loadReport(db: Db, user: ReportUser, reportId: string) {
  const row = await repo.findReport(db, reportId);
  if (!row || !(readsAllReports(user) || writesFor(user, row.report.dependenciaId)))
    throw notFound("El reporte");
  const found = await loadBranch(db, row.report.planId, row.report.itemId);
  if (!found) throw notFound("El reporte");
  const latestCut = (await repo.latestCuts(db, [row.report.planId])).get(row.report.planId) ?? null;
  const evidence = await evidenceOf(db, "report", [row.report.id]);
  const events = (await repo.listItemEvents(db, row.report.itemId)).filter(
    (e) => e.event.reportId === row.report.id,
  );
  return { row, item: found.node, parents: found.parents, latestCut, evidence, events };
}
export type LoadedReport = Awaited<ReturnType<typeof loadReport>>;

/** Why the report cannot be changed now, in plain Spanish; undefined when it can. */
export function editRefusal(
  report: Pick<PlanReport, "status" | "periodEndsOn">,
  plan: { title: string; status: string; version: number },
  latestCut: string | null,
): string | undefined {
  const cut = lockingCut(report.periodEndsOn, latestCut);
  if (cut)
    return `Este periodo terminó el ${formatIsoDay(report.periodEndsOn ?? cut)}, antes del corte del ${formatIsoDay(cut)} que control interno ya abrió para su seguimiento: el reporte quedó cerrado y no se puede cambiar.`;
  if (!isUnderWay(plan))
    return `El plan «${plan.title}» ya no está en curso: sus reportes no se pueden cambiar.`;
  if (report.status === "enviado")
    return "Este reporte ya se envió a planeación: no se puede cambiar mientras lo revisa.";
  if (report.status === "validado") return "Planeación ya validó este reporte: no se puede cambiar.";
  return undefined;
}

/** The report the user may write, or the reason (409) why not; 404 for another dependencia's report. */
async function loadWritable(db: Db, user: ReportUser, reportId: string) {
  const loaded = await loadReport(db, user, reportId);
  if (!writesFor(user, loaded.row.report.dependenciaId))
    throw forbidden("Solo las personas de la dependencia que reporta pueden cambiar este reporte.");
  const refusal = editRefusal(loaded.row.report, loaded.row.plan, loaded.latestCut);
  if (refusal) throw conflict("plan_report.locked", refusal);
  return loaded;
}

/**
 * Opens the report of (activity, period, own dependencia): the existing one when there is one (a second
 * «Reportar» reuses it), else a new draft. Refused on a period a follow-up already covers.
 */
export async function startReport(
  db: Db,
  at: Date,
  audit: AuditContext,
  user: ReportUser,
  target: { planId: string; itemId: string; periodKey: string },
): Promise<PlanReport> {
  const dependenciaId = user.dependenciaId;
  if (!dependenciaId)
    throw forbidden("Su cuenta no tiene una dependencia asignada: pida a sistemas que la registre.");
  const plan = await repo.findPlan(db, target.planId);
  if (!plan || !isUnderWay(plan.plan)) throw notFound("La actividad");
  const node = (await loadBranch(db, target.planId, target.itemId))?.node;
  if (!node || !isLeaf(node) || !concerns(node, dependenciaId)) throw notFound("La actividad");
  const period = node.periods.find((p) => periodKeyOf(p) === target.periodKey);
  if (!period)
    throw new AppError("plan_report.unknown_period", 422, "Elija uno de los periodos de la actividad.");
  const existing = await repo.findReportByIdentity(db, node.id, dependenciaId, target.periodKey);
  if (existing) return existing;
  const latestCut = (await repo.latestCuts(db, [target.planId])).get(target.planId) ?? null;
  const refusal = editRefusal({ status: "borrador", periodEndsOn: period.endsOn }, plan.plan, latestCut);
  if (refusal) throw conflict("plan_report.locked", refusal);
  return db.transaction(async (tx) => {
    const inserted = await repo.insertReport(tx, {
      planId: target.planId,
      itemId: node.id,
      dependenciaId,
      periodKey: target.periodKey,
      periodStartsOn: period.startsOn,
      periodEndsOn: period.endsOn,
      status: "borrador",
      createdBy: user.id,
      createdAt: at,
      updatedAt: at,
    });
    // Two clicks at once: the unique index keeps one report, both land on it.
    if (!inserted)
      return (await repo.findReportByIdentity(tx, node.id, dependenciaId, target.periodKey)) as PlanReport;
    await recordAudit(tx, at, audit, {
      action: "plan_report.created",
      targetType: "plan_report",
      targetId: inserted.id,
      details: { itemId: node.id, periodKey: target.periodKey, dependenciaId },
    });
    return inserted;
  });
}

/** The percentage to store from the form: typed, or derived from the quantity when the meta counts. */
export function figuresOf(item: Pick<TreeNode, "metaQuantity" | "metaUnit">, input: ReportFormInput) {
  if (countsQuantity(item) && item.metaQuantity !== null) {
    if (input.quantity === null) return { percent: null, quantity: null, overMeta: false };
    return { quantity: input.quantity, ...percentFromQuantity(input.quantity, item.metaQuantity) };
  }
  return { percent: input.percent, quantity: null, overMeta: false };
}

const ownerOf = (report: PlanReport): EvidenceOwner => ({
  type: "report",
  id: report.id,
  planId: report.planId,
  dependenciaId: report.dependenciaId,
});

const evidenceEvent = (
  report: PlanReport,
  kind: "evidencia_agregada" | "evidencia_eliminada",
  evidence: PlanEvidence,
  actorId: string | null,
  at: Date,
) => ({
  planId: report.planId,
  itemId: report.itemId,
  reportId: report.id,
  kind,
  actorId,
  dependenciaId: report.dependenciaId,
  details: { fileName: evidence.fileName, sha256: evidence.sha256, size: evidence.size },
  at,
});

export type SaveResult =
  | { ok: true; report: PlanReport; added: PlanEvidence[] }
  | { ok: false; errors: Record<string, string> };

/**
 * Saves the draft (and its new evidence files) or, with `submit`, sends it to planeación: all or nothing.
 * A refused file refuses the whole save (AppError 422 from the evidence service); a report that is not
 * complete for sending comes back with its problems, nothing saved.
 */
export async function saveReport(
  deps: EvidenceDeps,
  audit: AuditContext,
  user: ReportUser,
  reportId: string,
  input: ReportFormInput,
  files: EvidenceUpload[],
  options: { submit: boolean },
): Promise<SaveResult> {
  const db = deps.database.db;
  const { row, item, evidence } = await loadWritable(db, user, reportId);
  const before = row.report;
  const figures = figuresOf(item, input);
  if (options.submit) {
    const problems = submitProblems(
      { percent: figures.percent, narrative: input.narrative, evidenceCount: evidence.length + files.length },
      countsQuantity(item),
    );
    if (Object.keys(problems).length > 0) return { ok: false, errors: problems };
  }
  const at = deps.clock.now();
  const { added, result } = await withEvidence(deps, audit, ownerOf(before), files, async (tx, added) => {
    // The state is read again under a lock: OPGI may have acted, or another tab sent it, since.
    const locked = await repo.lockReport(tx, before.id);
    if (!locked || !isEditable(locked.status))
      throw conflict(
        "plan_report.locked",
        "Este reporte cambió de estado mientras lo editaba: recargue la página.",
      );
    const status = options.submit ? "enviado" : locked.status;
    const report = await repo.updateReport(tx, before.id, {
      ...figures,
      narrative: input.narrative,
      status,
      updatedAt: at,
      ...(options.submit ? { submittedBy: user.id, submittedAt: at } : {}),
    });
    await repo.insertEvents(tx, [
      ...added.map((e) => evidenceEvent(report, "evidencia_agregada", e, user.id, at)),
      {
        planId: report.planId,
        itemId: report.itemId,
        reportId: report.id,
        kind: options.submit ? "reporte_enviado" : "reporte_guardado",
        actorId: user.id,
        dependenciaId: report.dependenciaId,
        percent: report.percent,
        details: { quantity: report.quantity, overMeta: report.overMeta ? "si" : "no" },
        at,
      },
    ]);
    await recordAudit(tx, at, audit, {
      action: options.submit ? "plan_report.submitted" : "plan_report.saved",
      targetType: "plan_report",
      targetId: report.id,
      details: {
        itemId: report.itemId,
        periodKey: report.periodKey,
        dependenciaId: report.dependenciaId,
        percent: { before: locked.percent, after: report.percent },
        quantity: { before: locked.quantity, after: report.quantity },
        overMeta: report.overMeta,
        status: { before: locked.status, after: report.status },
        evidenceFiles: added.length,
      },
    });
    return report;
  });
  return { ok: true, report: result, added };
}

/** Removes one evidence file of an editable report (recorded in the activity's history). */
export async function removeReportEvidence(
  deps: EvidenceDeps,
  audit: AuditContext,
  user: ReportUser,
  reportId: string,
  evidenceId: string,
): Promise<PlanEvidence> {
  const { row } = await loadWritable(deps.database.db, user, reportId);
  const at = deps.clock.now();
  return removeEvidence(deps, audit, ownerOf(row.report), evidenceId, async (tx, removed) => {
    const locked = await repo.lockReport(tx, row.report.id);
    if (!locked || !isEditable(locked.status))
      throw conflict(
        "plan_report.locked",
        "Este reporte cambió de estado mientras lo editaba: recargue la página.",
      );
    await repo.updateReport(tx, row.report.id, { updatedAt: at });
    await repo.insertEvents(tx, [evidenceEvent(locked, "evidencia_eliminada", removed, user.id, at)]);
  });
}

/** What the report page may offer this user. */
export function reportAbilities(user: ReportUser, loaded: LoadedReport) {
  const { report, plan } = loaded.row;
  const refusal = editRefusal(report, plan, loaded.latestCut);
  const reviews = user.roles.includes("planeacion") && report.status === "enviado";
  // Said instead of the buttons: why this person cannot validate or return it now.
  const reviewRefusal = !reviews
    ? undefined
    : reviewsOwnReport(report, user.id)
      ? SELF_REVIEW
      : reviewLock(report, plan, loaded.latestCut);
  return {
    canEdit: writesFor(user, report.dependenciaId) && !refusal,
    refusal,
    canReview: reviews && !reviewRefusal,
    reviewRefusal,
    canPublishEvidence: user.roles.includes("control_interno") && report.status === "validado",
    countsQuantity: countsQuantity(loaded.item),
  };
}
