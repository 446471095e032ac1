// The life of a plan: approved by the committee, published (the snapshot the public reads is frozen
// here), reopened as a new version with its reason, closed. Each move is one transaction with its audit
// row; a refused move changes nothing and says why in plain Spanish.
import type { JobQueue } from "../../core/jobs/jobs.types.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { AppError, conflict, notFound } from "../../shared/errors.ts";
import { bogotaDay } from "../../shared/time.ts";
import * as repo from "./plans.repository.ts";
import {
  approvalDateProblem,
  DEFAULT_COMMITTEE,
  MIN_REASON_LENGTH,
  PLAN_TRANSITIONS,
  type PlanAction,
  refusal,
} from "./plans.rules.ts";
import type { ApproveInput } from "./plans.schemas.ts";
import type { Plan } from "./plans.table.ts";
import { loadTree } from "./plans.trees.ts";
import type { PlanSnapshot } from "./plans.types.ts";
import { leavesOf, toSnapshotItems } from "./tree.rules.ts";

/** Renders the published version's files (defined by the publication module). */
export const RENDER_PUBLICATION_JOB = "planes.render_publication";

/** Locks the plan and checks the action is allowed from its status; the caller moves it. */
async function lockFor(tx: Db, planId: string, action: PlanAction): Promise<Plan> {
  const plan = await repo.lockPlan(tx, planId);
  if (!plan) throw notFound("El plan");
  const why = refusal(action, plan.status);
  if (why) throw conflict("plans.invalid_transition", why);
  return plan;
}

async function move(tx: Db, at: Date, plan: Plan, action: PlanAction, version = plan.version) {
  const to = PLAN_TRANSITIONS[action].to;
  const moved = await repo.updatePlanStatus(tx, plan.id, plan.status, { status: to, version, updatedAt: at });
  if (!moved)
    throw conflict("plans.changed", "Otra persona cambió este plan hace un momento. Recargue la página.");
  return { from: plan.status, to };
}

/** «015», «acta 015», «Acta No. 015» → «Acta 015», «Acta No. 015»: pages write the act's name as stored. */
export function actName(written: string): string {
  const text = written.replace(/\s+/g, " ").trim();
  if (!text) return "";
  const number = text.replace(/^acta\b\.?\s*/i, "");
  return number ? `Acta ${number}` : "";
}

/**
 * borrador → aprobado: the committee, its act and the act's date (not in the future); needs an activity, and
 * a version after the first needs a change (an adjustment that changes nothing is not one).
 */
export async function approvePlan(
  db: Db,
  at: Date,
  audit: AuditContext,
  planId: string,
  input: ApproveInput,
) {
  const problem = approvalDateProblem(input.approvedOn, bogotaDay(at));
  if (problem) throw new AppError("plans.invalid_approval", 422, problem);
  const act = actName(input.act);
  if (!act) throw new AppError("plans.invalid_approval", 422, "Escriba el número del acta del comité.");
  const committee = input.committee.trim() || DEFAULT_COMMITTEE;
  return db.transaction(async (tx) => {
    const plan = await lockFor(tx, planId, "approve");
    if (leavesOf(await loadTree(tx, plan.id)).length === 0)
      throw new AppError(
        "plans.empty",
        422,
        "El plan no tiene actividades todavía: importe su archivo antes de aprobarlo.",
      );
    if (plan.version > 1 && (await repo.countChanges(tx, plan.id, plan.version)) === 0)
      throw new AppError(
        "plans.no_changes",
        422,
        `La versión ${plan.version} todavía no cambia nada del plan: importe el archivo ajustado antes de aprobarla.`,
      );
    const { from, to } = await move(tx, at, plan, "approve");
    await repo.updateVersion(tx, plan.id, plan.version, {
      approvedCommittee: committee,
      approvedAct: act,
      approvedOn: input.approvedOn,
      approvedBy: audit.actorId,
      approvedAt: at,
    });
    await recordAudit(tx, at, audit, {
      action: "plan.approved",
      targetType: "plan",
      targetId: plan.id,
      details: { from, to, version: plan.version, committee, act, approvedOn: input.approvedOn },
    });
  });
}

/** What the public reads of this version: built from the current tree, frozen on the version row. */
export async function buildSnapshot(db: Db, plan: Plan, publishedAt: Date): Promise<PlanSnapshot> {
  const row = await repo.findPlanRow(db, plan.id);
  if (!row) throw notFound("El plan");
  const type = await repo.findPlanType(db, plan.typeKey);
  if (!type) throw notFound("El tipo de plan");
  const versions = (await repo.listVersions(db, plan.id)).filter((v) => v.number <= plan.version);
  const current = versions.find((v) => v.number === plan.version);
  const changes = (await repo.listChanges(db, plan.id)).filter(
    (c) => c.change.version >= 2 && c.change.version <= plan.version,
  );
  return {
    planId: plan.id,
    slug: plan.slug,
    title: plan.title,
    year: plan.year,
    type: { key: type.key, name: type.name, shape: type.shape, levelNames: type.levelNames },
    owner: row.owner,
    version: plan.version,
    reason: current?.reason ?? "",
    approval:
      current?.approvedCommittee && current.approvedAct && current.approvedOn
        ? { committee: current.approvedCommittee, act: current.approvedAct, date: current.approvedOn }
        : null,
    publishedAt: publishedAt.toISOString(),
    items: toSnapshotItems(await loadTree(db, plan.id)),
    versions: versions.map((v) => ({
      number: v.number,
      reason: v.reason,
      approvedOn: v.approvedOn,
      publishedAt: (v.number === plan.version ? publishedAt : v.publishedAt)?.toISOString() ?? null,
    })),
    changes: changes.map(({ change }) => ({
      version: change.version,
      kind: change.kind,
      code: change.code,
      label: change.label,
      fields: change.fields,
      at: change.createdAt.toISOString(),
    })),
  };
}

/**
 * aprobado → publicado: freezes the snapshot on the version row, then queues the rendering of its files
 * (after the commit, so the job always finds the snapshot).
 */
export async function publishPlan(
  db: Db,
  jobs: Pick<JobQueue, "send">,
  at: Date,
  audit: AuditContext,
  planId: string,
) {
  const published = await db.transaction(async (tx) => {
    const plan = await lockFor(tx, planId, "publish");
    const snapshot = await buildSnapshot(tx, plan, at);
    const { from, to } = await move(tx, at, plan, "publish");
    await repo.updateVersion(tx, plan.id, plan.version, {
      publishedAt: at,
      publishedBy: audit.actorId,
      snapshot,
    });
    await recordAudit(tx, at, audit, {
      action: "plan.published",
      targetType: "plan",
      targetId: plan.id,
      details: { from, to, version: plan.version, slug: plan.slug },
    });
    return { planId: plan.id, version: plan.version, slug: plan.slug };
  });
  await jobs.send(
    RENDER_PUBLICATION_JOB,
    { planId: published.planId, version: published.version },
    { singletonKey: `${published.planId}:v${published.version}` },
  );
  return published;
}

/**
 * aprobado | publicado → borrador as version n+1, with its reason. The published snapshot of the previous
 * version stays on its row: the public keeps reading it until the new version is published.
 */
export async function startNewVersion(db: Db, at: Date, audit: AuditContext, planId: string, reason: string) {
  const why = reason.trim();
  if (why.length < MIN_REASON_LENGTH)
    throw new AppError(
      "plans.reason_required",
      422,
      `Explique el motivo del cambio (al menos ${MIN_REASON_LENGTH} caracteres).`,
    );
  return db.transaction(async (tx) => {
    const plan = await lockFor(tx, planId, "newVersion");
    const version = plan.version + 1;
    const { from, to } = await move(tx, at, plan, "newVersion", version);
    await repo.insertVersion(tx, {
      planId: plan.id,
      number: version,
      reason: why,
      createdBy: audit.actorId,
      createdAt: at,
    });
    await recordAudit(tx, at, audit, {
      action: "plan.version_started",
      targetType: "plan",
      targetId: plan.id,
      details: { from, to, version, reason: why },
    });
    return { version };
  });
}

/** publicado → cerrado: the vigencia is over; the published pages stay. */
export async function closePlan(db: Db, at: Date, audit: AuditContext, planId: string) {
  await db.transaction(async (tx) => {
    const plan = await lockFor(tx, planId, "close");
    const { from, to } = await move(tx, at, plan, "close");
    await recordAudit(tx, at, audit, {
      action: "plan.closed",
      targetType: "plan",
      targetId: plan.id,
      details: { from, to, version: plan.version },
    });
  });
}
