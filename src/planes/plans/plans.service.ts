// Plans of planeación (docs/DOMAIN.md, «Planes»): their types, creating a plan, reading its tree with
// filters, one activity with its history, and the versions with their change log. The state transitions
// are in plans.transitions.ts, what a responsable de plan sees in plans.mine.ts.
import { findDependencia } from "../../core/dependencias/dependencias.service.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import * as repo from "./plans.repository.ts";
import { INITIAL_VERSION_REASON, type PeriodLike, slugFor } from "./plans.rules.ts";
import type { PlanCreateInput, PlanTypeInput } from "./plans.schemas.ts";
import type { PlanChange, PlanVersion } from "./plans.table.ts";
import { loadBranch, loadTree, nodeLabel } from "./plans.trees.ts";
import { countTree, filterTree, leavesOf, type TreeFilters, type TreeNode } from "./tree.rules.ts";

export { type MyActivities, type MyActivity, myDependenciaActivities, readItemAs } from "./plans.mine.ts";
export type { PlanWithNames } from "./plans.repository.ts";
export type { Plan, PlanType, PlanVersion } from "./plans.table.ts";
export {
  approvePlan,
  closePlan,
  publishPlan,
  RENDER_PUBLICATION_JOB,
  startNewVersion,
} from "./plans.transitions.ts";
export { findNode, loadTree, loadTrees, nodeLabel } from "./plans.trees.ts";
export type { TreeNode, TreeResponsable } from "./tree.rules.ts";

export const listPlanTypes = repo.listPlanTypes;
export const findPlanType = repo.findPlanType;

/**
 * Administrators rename a type and its levels, and set its follow-up cuts, score zones and reminder days
 * (a setting the form does not send stays as it is); its shape (how files are read) never changes.
 */
export async function updatePlanType(
  db: Db,
  at: Date,
  audit: AuditContext,
  key: string,
  input: PlanTypeInput,
) {
  const type = await repo.findPlanType(db, key);
  if (!type) throw notFound("El tipo de plan");
  const levelNames: [string, string, string] = [input.level1, input.level2, input.level3];
  const next = {
    name: input.name,
    description: input.description,
    levelNames,
    cuts: input.cuts ?? type.cuts,
    zoneLowMax: input.zoneLowMax ?? type.zoneLowMax,
    zoneMidMax: input.zoneMidMax ?? type.zoneMidMax,
    reminderDaysBefore: input.reminderDaysBefore ?? type.reminderDaysBefore,
    reminderDaysAfter: input.reminderDaysAfter ?? type.reminderDaysAfter,
  };
  const details: Record<string, { before: unknown; after: unknown }> = {};
  if (type.name !== next.name) details.name = { before: type.name, after: next.name };
  if ((type.description ?? null) !== next.description)
    details.description = { before: type.description, after: next.description };
  if (type.levelNames.join("|") !== levelNames.join("|"))
    details.levelNames = { before: type.levelNames.join(" → "), after: levelNames.join(" → ") };
  if (type.cuts.join(",") !== next.cuts.join(","))
    details.cuts = { before: type.cuts.join(", "), after: next.cuts.join(", ") };
  if (type.zoneLowMax !== next.zoneLowMax || type.zoneMidMax !== next.zoneMidMax)
    details.zones = {
      before: `${type.zoneLowMax} / ${type.zoneMidMax}`,
      after: `${next.zoneLowMax} / ${next.zoneMidMax}`,
    };
  for (const field of ["reminderDaysBefore", "reminderDaysAfter"] as const)
    if (type[field] !== next[field]) details[field] = { before: type[field], after: next[field] };
  if (Object.keys(details).length === 0) return type;
  await db.transaction(async (tx) => {
    await repo.updatePlanType(tx, key, { ...next, updatedAt: at });
    await recordAudit(tx, at, audit, {
      action: "plan_type.updated",
      targetType: "plan_type",
      targetId: key,
      details,
    });
  });
  return { ...type, ...next };
}

export interface PlanListRow extends repo.PlanWithNames {
  /** Nodes per level, top level first. */
  levels: [number, number, number];
}

/** Plans by year and type, newest year first, with their nodes per level. */
export async function listPlans(db: Db, filter: { year?: number; typeKey?: string } = {}) {
  const rows = await repo.listPlanRows(db, filter);
  const counts = await repo.countItemsByLevel(
    db,
    rows.map((r) => r.plan.id),
  );
  const plans: PlanListRow[] = rows.map((row) => {
    const levels: [number, number, number] = [0, 0, 0];
    for (const c of counts)
      if (c.planId === row.plan.id && c.level >= 1 && c.level <= 3) levels[c.level - 1] = Number(c.items);
    return { ...row, levels };
  });
  return { plans, years: await repo.planYears(db) };
}

/** A new plan in borrador, version 1 («Versión inicial»), with its stable public address. */
export async function createPlan(db: Db, at: Date, audit: AuditContext, input: PlanCreateInput) {
  // The form's schema checks the year too; plans:import takes it from the file's dates, which may say 1900.
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    throw new AppError("plans.invalid_year", 422, "Escriba una vigencia entre 2000 y 2100.");
  const type = await repo.findPlanType(db, input.typeKey);
  if (!type) throw new AppError("plans.unknown_type", 422, "Elija un tipo de plan de la lista.");
  const owner = await findDependencia(db, input.ownerDependenciaId);
  if (!owner) throw new AppError("plans.unknown_dependencia", 422, "Elija una dependencia de la lista.");
  return db.transaction(async (tx) => {
    const slug = slugFor(type.key, input.year, await repo.slugsStartingWith(tx, `${type.key}-${input.year}`));
    const plan = await repo.insertPlan(tx, {
      typeKey: type.key,
      year: input.year,
      ownerDependenciaId: owner.id,
      title: input.title,
      slug,
      status: "borrador",
      version: 1,
      createdBy: audit.actorId,
      createdAt: at,
      updatedAt: at,
    });
    await repo.insertVersion(tx, {
      planId: plan.id,
      number: 1,
      reason: INITIAL_VERSION_REASON,
      createdBy: audit.actorId,
      createdAt: at,
    });
    await recordAudit(tx, at, audit, {
      action: "plan.created",
      targetType: "plan",
      targetId: plan.id,
      details: { type: type.key, year: plan.year, title: plan.title, ownerDependenciaId: owner.id, slug },
    });
    return plan;
  });
}

/** The plan with its type's names and its owner; undefined for an unknown id. */
export const findPlan = repo.findPlanRow;
export const findOpenImport = repo.findOpenImport;

async function planOr404(db: Db, planId: string) {
  const plan = await repo.findPlanRow(db, planId);
  if (!plan) throw notFound("El plan");
  return plan;
}

/** A plan's tree narrowed by the filters, and the options the filter form offers. */
export async function planTree(db: Db, planId: string, filters: TreeFilters = {}) {
  const plan = await planOr404(db, planId);
  const all = await loadTree(db, planId);
  const nodes = filterTree(all, filters);
  const dependencias = new Map<string, string>();
  for (const { leaf } of leavesOf(all))
    for (const r of leaf.responsables)
      r.dependenciaIds.forEach((id, i) => {
        if (!r.all) dependencias.set(id, r.names[i] ?? r.written);
      });
  return {
    plan,
    nodes,
    counts: countTree(all),
    shown: leavesOf(nodes).length,
    components: all.filter((n) => n.level === 1).map((n) => ({ value: n.id, label: nodeLabel(n) })),
    dependencias: [...dependencias]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label, "es")),
    filtered: Boolean(filters.component || filters.dependenciaId || filters.month),
  };
}
export type PlanTree = Awaited<ReturnType<typeof planTree>>;

export interface ChangeView {
  change: PlanChange;
  /** Who made it; null for a change made by the system. */
  by: string | null;
}

const changeView = (row: Awaited<ReturnType<typeof repo.listChanges>>[number]): ChangeView => ({
  change: row.change,
  by: row.firstNames ? `${row.firstNames} ${row.lastNames ?? ""}`.trim() : null,
});

/** One node of a plan with the nodes above it and its change history (every version). */
export async function findItem(db: Db, planId: string, itemId: string) {
  const plan = await planOr404(db, planId);
  const found = await loadBranch(db, planId, itemId);
  if (!found) throw notFound("La actividad");
  const history = (await repo.listChanges(db, planId, { itemKey: found.node.itemKey })).map(changeView);
  return { plan, item: found.node, parents: found.parents, history };
}
export type ItemDetail = Awaited<ReturnType<typeof findItem>>;

export interface VersionView {
  version: PlanVersion;
  changes: ChangeView[];
}

/** The plan's versions, newest first, each with the changes made while it was the working version. */
export async function planVersions(db: Db, planId: string): Promise<VersionView[]> {
  const [versions, changes] = await Promise.all([
    repo.listVersions(db, planId),
    repo.listChanges(db, planId),
  ]);
  return versions
    .map((version) => ({
      version,
      changes: changes.filter((c) => c.change.version === version.number).map(changeView),
    }))
    .reverse();
}

/** Names of plans and plan types for the audit page. */
export async function planNames(db: Db, ids: string[]) {
  const rows = await repo.findPlansByIds(db, ids);
  return rows.map((p) => [p.id, `«${p.title}» (${p.year})`] as const);
}

export async function planTypeNames(db: Db, keys: string[]) {
  const rows = await repo.findPlanTypesByKeys(db, keys);
  return rows.map((t) => [t.key, t.name] as const);
}

export interface TimelineEntry {
  leaf: TreeNode;
  period: PeriodLike;
}

/** Each top-level node with the periods of every leaf under it, for the plan's timeline. */
export async function planTimeline(db: Db, planId: string) {
  const plan = await planOr404(db, planId);
  const tree = await loadTree(db, planId);
  const rows = tree.map((component) => ({
    component,
    entries: leavesOf([component]).flatMap(({ leaf }) => leaf.periods.map((period) => ({ leaf, period }))),
  }));
  return { plan, rows };
}
export type PlanTimeline = Awaited<ReturnType<typeof planTimeline>>;
