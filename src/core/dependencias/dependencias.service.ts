// Dependencias: the organisational tree, data editable by an administrator.
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import * as repo from "./dependencias.repository.ts";
import { flattenTree, wouldCreateCycle } from "./dependencias.rules.ts";
import type { DependenciaInput } from "./dependencias.schemas.ts";
import type { Dependencia } from "./dependencias.table.ts";

export type { Dependencia } from "./dependencias.table.ts";
export const findDependencia = repo.findDependencia;
export const findDependenciaByName = repo.findDependenciaByName;

export async function listDependenciaTree(db: Db) {
  return flattenTree(await repo.findAllDependencias(db));
}

/** Options for a select: the tree's names indented by depth, active ones only. */
export async function dependenciaOptions(db: Db) {
  return (await listDependenciaTree(db))
    .filter((node) => node.item.active)
    .map((node) => ({ value: node.item.id, label: `${"— ".repeat(node.depth)}${node.item.name}` }));
}

export type DependenciaFieldError = { field: keyof DependenciaInput; message: string };

async function checkInput(
  db: Db,
  input: DependenciaInput,
  id?: string,
): Promise<DependenciaFieldError | undefined> {
  const sameName = await repo.findDependenciaByName(db, input.name);
  if (sameName && sameName.id !== id)
    return { field: "name", message: "Ya existe una dependencia con ese nombre." };
  if (input.parentId) {
    if (!(await repo.findDependencia(db, input.parentId)))
      return { field: "parentId", message: "La dependencia superior elegida no existe." };
    if (id && wouldCreateCycle(await repo.findAllDependencias(db), id, input.parentId))
      return {
        field: "parentId",
        message: "Una dependencia no puede quedar dentro de sí misma ni de sus subdependencias.",
      };
  }
  return undefined;
}

export async function createDependencia(
  db: Db,
  at: Date,
  audit: AuditContext,
  input: DependenciaInput,
): Promise<Dependencia | DependenciaFieldError> {
  return db.transaction(async (tx) => {
    const problem = await checkInput(tx, input);
    if (problem) return problem;
    const created = await repo.insertDependencia(tx, { ...input, createdAt: at, updatedAt: at });
    await recordAudit(tx, at, audit, {
      action: "dependencia.created",
      targetType: "dependencia",
      targetId: created.id,
      details: { name: created.name, parentId: created.parentId },
    });
    return created;
  });
}

export async function updateDependencia(
  db: Db,
  at: Date,
  audit: AuditContext,
  id: string,
  input: DependenciaInput,
): Promise<DependenciaFieldError | undefined> {
  return db.transaction(async (tx) => {
    const before = await repo.findDependencia(tx, id);
    if (!before) throw notFound("La dependencia");
    const problem = await checkInput(tx, input, id);
    if (problem) return problem;
    if (!input.active && (await listDependenciaTree(tx)).some((n) => n.item.parentId === id && n.item.active))
      throw new AppError(
        "dependencias.has_active_children",
        409,
        "No se puede desactivar una dependencia que tiene subdependencias activas. Desactive o mueva primero esas subdependencias.",
      );
    await repo.updateDependencia(tx, id, { ...input, updatedAt: at });
    await recordAudit(tx, at, audit, {
      action: "dependencia.updated",
      targetType: "dependencia",
      targetId: id,
      details: {
        before: {
          name: before.name,
          acronym: before.acronym,
          parentId: before.parentId,
          active: before.active,
        },
        after: { name: input.name, acronym: input.acronym, parentId: input.parentId, active: input.active },
      },
    });
    return undefined;
  });
}

/** Every active dependencia, by name: the rows of a campaign's dashboard. */
export async function activeDependencias(db: Db) {
  return (await repo.findAllDependencias(db))
    .filter((d) => d.active)
    .sort((a, b) => a.name.localeCompare(b.name, "es"));
}
