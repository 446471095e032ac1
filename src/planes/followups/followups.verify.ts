// OCI's verification of the activities of a cut (part of followups.service.ts): one activity with what OCI
// found, or every still-unverified activity of a component at the percentage the offices reported and
// planeación validated — OCI then corrects the exceptions one by one. Only while the follow-up is open.
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { bogotaDay } from "../../shared/time.ts";
import type { TreeNode } from "../plans/tree.rules.ts";
import { countedOf } from "../progress/rollup.rules.ts";
import { loadPlanProgress } from "../progress/rollup.service.ts";
import * as repo from "./followups.repository.ts";
import { reportedAtCut, roundPercent, scheduledUpTo } from "./followups.rules.ts";
import type { VerifyInput } from "./followups.schemas.ts";
import { leavesUnder } from "./followups.sheet.ts";
import type { PlanFollowup } from "./followups.table.ts";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The open follow-up, locked, with the components scheduled up to its cut (the plan as of `at`). */
async function openForVerifying(tx: Tx, followupId: string, at: Date) {
  const followup = await repo.lockFollowup(tx, followupId);
  if (!followup) throw notFound("El seguimiento");
  if (followup.status !== "abierto")
    throw new AppError(
      "followups.not_open",
      409,
      "Este seguimiento ya está cerrado: sus verificaciones no se pueden cambiar.",
    );
  // Only once it is known to be open: the plan's progress is the costly read.
  const progress = await loadPlanProgress(tx, followup.planId, bogotaDay(at));
  return { followup, progress, components: scheduledUpTo(progress.tree, followup.cutOn) };
}

async function saveVerification(
  tx: Tx,
  at: Date,
  audit: AuditContext,
  followup: PlanFollowup,
  leaf: TreeNode,
  input: VerifyInput,
) {
  const before = await repo.findVerification(tx, followup.id, leaf.id);
  await repo.saveVerification(tx, {
    followupId: followup.id,
    itemId: leaf.id,
    verifiedPercent: input.verifiedPercent,
    realized: input.realized,
    observations: input.observations,
    verifiedBy: audit.actorId,
    verifiedAt: at,
  });
  await repo.insertVerificationEvent(tx, {
    planId: followup.planId,
    itemId: leaf.id,
    followupId: followup.id,
    actorId: audit.actorId,
    percent: input.verifiedPercent,
    comment: input.observations,
    details: { cutOn: followup.cutOn, realized: input.realized },
    at,
  });
  await recordAudit(tx, at, audit, {
    action: "plan_followup.verified",
    targetType: "plan_followup",
    targetId: followup.id,
    details: {
      itemId: leaf.id,
      code: leaf.code,
      verifiedPercent: { before: before?.verifiedPercent ?? null, after: input.verifiedPercent },
    },
  });
}

/** OCI records what it verified of one activity of the cut; returns it with its component. */
export async function verifyActivity(
  db: Db,
  at: Date,
  audit: AuditContext,
  followupId: string,
  itemId: string,
  input: VerifyInput,
) {
  return db.transaction(async (tx) => {
    const { followup, components } = await openForVerifying(tx, followupId, at);
    const component = components.find((c) => leavesUnder([c]).some((l) => l.id === itemId));
    const leaf = component && leavesUnder([component]).find((l) => l.id === itemId);
    if (!component || !leaf) throw notFound("La actividad de este seguimiento");
    await saveVerification(tx, at, audit, followup, leaf, input);
    return { leaf, componentId: component.id, followup };
  });
}

/**
 * Every activity of the component that OCI has not verified yet and that has a validated report up to the
 * cut, verified at that reported percentage; those without one are left for OCI to verify by hand.
 */
export async function verifyComponentAsReported(
  db: Db,
  at: Date,
  audit: AuditContext,
  followupId: string,
  componentId: string,
) {
  return db.transaction(async (tx) => {
    const { followup, progress, components } = await openForVerifying(tx, followupId, at);
    const component = components.find((c) => c.id === componentId);
    if (!component) throw notFound("El componente de este seguimiento");
    const verified = new Set((await repo.listVerifications(tx, followup.id)).map((v) => v.itemId));
    const leaves = leavesUnder([component]).filter((leaf) => !verified.has(leaf.id));
    const pending = new Set(leaves.map((leaf) => leaf.id));
    const validated = countedOf(progress.reports.filter((r) => pending.has(r.itemId)));
    let count = 0;
    for (const leaf of leaves) {
      const reported = reportedAtCut(
        leaf,
        validated.filter((r) => r.itemId === leaf.id),
        followup.cutOn,
      );
      if (reported === null) continue;
      const input = { verifiedPercent: roundPercent(reported), realized: null, observations: null };
      await saveVerification(tx, at, audit, followup, leaf, input);
      count += 1;
    }
    return { component, count };
  });
}
