// Imports of plans: OPGI uploads the spreadsheet the office already keeps; SIPAP reads it (sheets.service.ts),
// keeps the file, and shows a preview — counts per level, the rows it could not understand, the responsables
// to reconcile, what would be added, changed and removed. Nothing in the plan changes until «Aplicar», which
// reads the kept file again and applies it all or nothing (imports.apply.ts). Only draft plans take imports.
import { createHash, randomUUID } from "node:crypto";
import { getBuffer, storageUnreadable } from "../../core/storage/storage.types.ts";
import type { Db } from "../../db/client.ts";
import type { Deps } from "../../deps.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { XLSX_TYPE } from "../../shared/xlsx.ts";
import {
  listActiveDependencias,
  type MapAliasInput,
  type MapAliasResult,
  mapAlias,
} from "../responsables/responsables.service.ts";
import { readPlanFile } from "../sheets/sheets.service.ts";
import type { ImportProblem, ReadPlanResult } from "../sheets/sheets.types.ts";
import { type Applied, applyParsed, assertDraft, draftRefusal } from "./imports.apply.ts";
import { type ImportAnalysis, previewParsed, summarize } from "./imports.preview.ts";
import * as repo from "./imports.repository.ts";
import type { PlanImport } from "./imports.table.ts";

export type { Applied } from "./imports.apply.ts";
export { assertDraft, draftRefusal } from "./imports.apply.ts";
export type { ImportAnalysis } from "./imports.preview.ts";
export { checkTree, previewParsed, reconcileTree } from "./imports.preview.ts";
export type { PlanForImport } from "./imports.repository.ts";
export type { PlanImport } from "./imports.table.ts";

export type ImportDeps = Pick<Deps, "database" | "storage" | "clock">;

const fileKeyOf = (importId: string) => `planes/importaciones/${importId}.xlsx`;

export async function findPlanForImport(db: Db, planId: string) {
  const plan = await repo.findPlanWithType(db, planId);
  if (!plan) throw notFound("El plan");
  return plan;
}

/** Plans of a type and year with what an import needs, the newest first (the CLI picks one to import into). */
export const findPlansOfYear = (db: Db, typeKey: string, year: number) =>
  repo.findPlansOfYear(db, typeKey, year);

/** The plan and its latest imports, for the upload page. */
export async function importForm(db: Db, planId: string) {
  const plan = await findPlanForImport(db, planId);
  return { plan, imports: await repo.listImportsOfPlan(db, plan.id) };
}

export type StartResult =
  | { ok: true; import: PlanImport }
  | { ok: false; message: string; problems: ImportProblem[] };

/**
 * Reads an uploaded plan and keeps it as a preview. A file SIPAP cannot read (format, password, size, missing
 * columns) is refused with the reason and leaves nothing behind but the audit row. The file is stored first
 * and the row after it; if the row fails, the file goes too, so no row names a missing file.
 */
export async function startImport(
  deps: ImportDeps,
  audit: AuditContext,
  planId: string,
  file: Buffer,
  fileName: string,
): Promise<StartResult> {
  const db = deps.database.db;
  const at = deps.clock.now();
  const plan = await findPlanForImport(db, planId);
  const name = fileName.slice(0, 200) || "archivo.xlsx";
  const refuse = async (message: string, problems: ImportProblem[]) => {
    await recordAudit(db, at, audit, {
      action: "plan_import.refused",
      targetType: "plan",
      targetId: plan.id,
      details: { fileName: name, reason: message },
    });
    return { ok: false as const, message, problems };
  };
  const refusal = draftRefusal(plan);
  if (refusal) {
    await refuse(refusal.userMessage, []);
    throw refusal;
  }
  const read = await readPlanFile(file, name, plan.shape, { levelNames: plan.levelNames });
  if (!read.ok) return refuse(read.message, read.problems);
  const analysis = await previewParsed(db, plan, read);
  const summary = summarize(read, analysis, plan.version);
  const id = randomUUID();
  const fileKey = fileKeyOf(id);
  await deps.storage.put(fileKey, file, { contentType: XLSX_TYPE });
  try {
    const { row: created, superseded } = await db.transaction(async (tx) => {
      // A new file replaces the plan's open previews: they would otherwise stay «Vista previa» for ever.
      const superseded = await discardOpenPreviews(tx, at, audit, plan.id);
      const row = await repo.insertImport(tx, {
        id,
        planId: plan.id,
        fileKey,
        fileName: name,
        sha256: createHash("sha256").update(file).digest("hex"),
        status: "vista_previa",
        summary,
        createdBy: audit.actorId,
        createdAt: at,
      });
      await recordAudit(tx, at, audit, {
        action: "plan_import.previewed",
        targetType: "plan",
        targetId: plan.id,
        details: {
          importId: id,
          fileName: name,
          errors: analysis.errors.length,
          unmatched: analysis.unmatched.length,
          ...summary.diff,
        },
      });
      return { row, superseded };
    });
    await deleteFiles(deps, superseded);
    return { ok: true, import: created };
  } catch (error) {
    await deps.storage.delete(fileKey).catch(() => {});
    throw error;
  }
}

const SUPERSEDED_REASON = "reemplazada por una carga nueva";

/**
 * Closes a preview as «descartada», forgetting its file, and audits it; undefined when it was no longer a
 * preview (applied or discarded meanwhile). The caller deletes the file after the commit.
 */
async function discardPreview(
  tx: Db,
  at: Date,
  audit: AuditContext,
  imported: Pick<PlanImport, "id" | "planId" | "fileName">,
  reason?: string,
) {
  const closed = await repo.closePreview(tx, imported.id, "descartada", { fileKey: null });
  if (!closed) return undefined;
  await recordAudit(tx, at, audit, {
    action: "plan_import.discarded",
    targetType: "plan",
    targetId: imported.planId,
    details: { importId: imported.id, fileName: imported.fileName, ...(reason ? { reason } : {}) },
  });
  return closed;
}

/**
 * Discards the plan's open previews, returning their file keys. Every upload runs this, so at most one
 * preview is open at a time and the latest imports listed hold them all.
 */
async function discardOpenPreviews(tx: Db, at: Date, audit: AuditContext, planId: string) {
  const open = (await repo.listImportsOfPlan(tx, planId)).filter((i) => i.status === "vista_previa");
  const keys: string[] = [];
  for (const imported of open)
    if ((await discardPreview(tx, at, audit, imported, SUPERSEDED_REASON)) && imported.fileKey)
      keys.push(imported.fileKey);
  return keys;
}

/** After the commit: a file left behind by a failed delete is only an orphan, never a row without its file. */
async function deleteFiles(deps: ImportDeps, keys: readonly string[]) {
  for (const key of keys) await deps.storage.delete(key).catch(() => {});
}

async function importOf(db: Db, planId: string, importId: string) {
  const plan = await findPlanForImport(db, planId);
  const imported = await repo.findImport(db, importId);
  if (!imported || imported.planId !== plan.id) throw notFound("La carga");
  return { plan, imported };
}

/** The kept file read again, as the parser reads it today, with the plan type's level names as they are now. */
async function readKept(
  deps: ImportDeps,
  imported: PlanImport,
  plan: Pick<repo.PlanForImport, "shape" | "levelNames">,
): Promise<ReadPlanResult> {
  const file = imported.fileKey ? await getBuffer(deps.storage, imported.fileKey) : undefined;
  if (!file) throw storageUnreadable();
  return readPlanFile(file, imported.fileName, plan.shape, { levelNames: plan.levelNames });
}

const assertPreview = (imported: PlanImport) => {
  if (imported.status !== "vista_previa")
    throw new AppError("imports.closed", 409, "Esta carga ya se aplicó o se descartó.");
};

export interface ImportView {
  plan: repo.PlanForImport;
  imported: PlanImport;
  /** Live analysis of the kept file while the import is a preview; afterwards its stored summary says it all. */
  analysis?: ImportAnalysis;
  /** Why the kept file could not be analysed again (the reader now refuses it). */
  message?: string;
  dependencias: { id: string; name: string }[];
}

/** The preview page: the kept file read again against the plan and the aliases as they are now. */
export async function viewImport(deps: ImportDeps, planId: string, importId: string): Promise<ImportView> {
  const db = deps.database.db;
  const { plan, imported } = await importOf(db, planId, importId);
  if (imported.status !== "vista_previa") return { plan, imported, dependencias: [] };
  const read = await readKept(deps, imported, plan);
  if (!read.ok) return { plan, imported, message: read.message, dependencias: [] };
  const [analysis, dependencias] = await Promise.all([
    previewParsed(db, plan, read),
    listActiveDependencias(db),
  ]);
  return { plan, imported, analysis, dependencias };
}

/**
 * Maps a written responsable from the preview (mapAlias keeps it for every later import) and refreshes the
 * stored summary, so the list of imports shows what is still to reconcile.
 */
export async function mapImportResponsable(
  deps: ImportDeps,
  audit: AuditContext,
  planId: string,
  importId: string,
  input: MapAliasInput,
): Promise<MapAliasResult> {
  const db = deps.database.db;
  const { plan, imported } = await importOf(db, planId, importId);
  assertPreview(imported);
  const result = await mapAlias(db, deps.clock.now(), audit, input);
  if (result.ok) {
    const read = await readKept(deps, imported, plan);
    if (read.ok)
      await repo.updateImportSummary(
        db,
        imported.id,
        summarize(read, await previewParsed(db, plan, read), plan.version),
      );
  }
  return result;
}

/** Applies a preview: the kept file read again and applied in one transaction (imports.apply.ts). */
export async function applyImport(
  deps: ImportDeps,
  audit: AuditContext,
  planId: string,
  importId: string,
): Promise<Applied> {
  const { plan, imported } = await importOf(deps.database.db, planId, importId);
  assertDraft(plan);
  assertPreview(imported);
  const read = await readKept(deps, imported, plan);
  if (!read.ok) throw new AppError("imports.unreadable", 422, read.message);
  return applyParsed(
    deps.database.db,
    deps.clock.now(),
    audit,
    { planId: plan.id, importId: imported.id },
    read,
  );
}

/** Drops a preview: the import is kept as «descartada» (in the audit and the list) and its file is deleted. */
export async function discardImport(deps: ImportDeps, audit: AuditContext, planId: string, importId: string) {
  const db = deps.database.db;
  const { imported } = await importOf(db, planId, importId);
  await db.transaction(async (tx) => {
    if (!(await discardPreview(tx, deps.clock.now(), audit, imported)))
      throw new AppError("imports.closed", 409, "Esta carga ya se aplicó o se descartó.");
  });
  if (imported.fileKey) await deleteFiles(deps, [imported.fileKey]);
}
