// Applying an import: one transaction that brings the plan's items to what the file says — changed items
// updated, new ones inserted (parents first), missing ones deleted, responsables and periods of touched
// items replaced — and writes the change log. All or nothing; applying the same file twice changes nothing.
// An item with progress reports is never removed (its reports would go with it): the file must keep it.
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { countOf } from "../../shared/words.ts";
import type { Resolution } from "../responsables/responsables.service.ts";
import {
  loadCurrentItems,
  previewParsed,
  type ReadTree,
  responsableSignature,
  summarize,
} from "./imports.preview.ts";
import * as repo from "./imports.repository.ts";
import { type FlatItem, reportedRemovalsMessage, storedColumnsDiffer } from "./imports.rules.ts";

export interface Applied {
  added: number;
  changed: number;
  removed: number;
}

/** Why a plan takes no import (approved and published plans change through a new version), if it does not. */
export function draftRefusal(plan: { status: string }): AppError | undefined {
  if (plan.status === "borrador") return undefined;
  const message =
    plan.status === "cerrado"
      ? "Este plan está cerrado: ya no admite cambios."
      : `Este plan está ${plan.status === "publicado" ? "publicado" : "aprobado"}: para cambiarlo, cree una nueva versión desde la página del plan.`;
  return new AppError("imports.not_draft", 409, message);
}

export function assertDraft(plan: { status: string }) {
  const refusal = draftRefusal(plan);
  if (refusal) throw refusal;
}

const itemColumns = (item: FlatItem) => ({
  level: item.level,
  position: item.position,
  code: item.code,
  text: item.text,
  product: item.product,
  meta: item.meta,
  metaQuantity: item.metaQuantity,
  metaUnit: item.metaUnit,
  evidence: item.evidence,
  note: item.note,
  weight: item.weight,
  sourceRow: item.row,
});

/** The stored rows of a written responsable: one per dependencia, one for «todas», one for a team. */
function responsableRows(itemId: string, item: FlatItem, resolutions: ReadonlyMap<string, Resolution>) {
  const rows: repo.ResponsableRow[] = [];
  for (const written of item.responsables) {
    const resolution = resolutions.get(written);
    if (!resolution || resolution.kind === "unmatched")
      throw new AppError("imports.unmatched", 422, `Falta conciliar el responsable «${written}».`);
    if (resolution.kind === "todas")
      rows.push({ itemId, position: rows.length, written, dependenciaId: null, allDependencias: true });
    else
      for (const dependencia of resolution.dependencias)
        rows.push({
          itemId,
          position: rows.length,
          written,
          dependenciaId: dependencia.id,
          allDependencias: false,
          team: resolution.kind === "equipo" ? resolution.team : null,
        });
  }
  return rows;
}

const periodSignature = (periods: FlatItem["periods"]) =>
  periods.map((p) => `${p.start ?? ""}|${p.end ?? ""}|${p.written ?? ""}`).join("\n");

/**
 * Applies a tree read from the import's file. Everything is checked again inside the transaction (the plan
 * still a draft, the import still a preview, no errors, every responsable reconciled), so a second click, a
 * plan approved meanwhile or an alias deleted meanwhile changes nothing.
 */
export async function applyParsed(
  db: Db,
  at: Date,
  audit: AuditContext,
  ids: { planId: string; importId: string },
  read: ReadTree,
): Promise<Applied> {
  return db.transaction(async (tx) => {
    const plan = await repo.findPlanWithType(tx, ids.planId, { lock: true });
    if (!plan) throw notFound("El plan");
    assertDraft(plan);
    const imported = await repo.closePreview(tx, ids.importId, "aplicada", { appliedAt: at });
    if (!imported || imported.planId !== plan.id)
      throw new AppError("imports.closed", 409, "Esta carga ya se aplicó o se descartó.");
    // A preview read while the plan was another version compared the file with another tree.
    const readFor = imported.summary.planVersion;
    if (readFor !== undefined && readFor !== plan.version)
      throw new AppError(
        "imports.other_version",
        409,
        `Esta carga se revisó para la versión ${readFor} del plan, que ya no es la actual. Cargue el archivo de nuevo para compararlo con la versión ${plan.version}.`,
      );
    const analysis = await previewParsed(tx, plan, read);
    if (analysis.reportedRemovals.length > 0)
      throw new AppError("imports.removes_reported", 409, reportedRemovalsMessage(analysis.reportedRemovals));
    if (analysis.errors.length > 0)
      throw new AppError(
        "imports.has_errors",
        422,
        `El archivo tiene ${countOf(analysis.errors.length, "error", "errores")}. Corríjalos en el archivo y cárguelo de nuevo.`,
      );
    if (analysis.unmatched.length > 0)
      throw new AppError(
        "imports.unmatched",
        422,
        `Falta conciliar ${countOf(analysis.unmatched.length, "responsable", "responsables")} («${analysis.unmatched[0]?.text}»${analysis.unmatched.length > 1 ? " y otros" : ""}). Concílielos en la vista previa antes de aplicar.`,
      );

    const current = await loadCurrentItems(tx, plan.id);
    const before = new Map(current.flat.map((item) => [item.key, item]));
    const idOf = new Map(current.idOf);
    for (const item of analysis.items) if (!idOf.has(item.key)) idOf.set(item.key, randomUUID());
    const parentId = (item: FlatItem) => (item.parentKey ? (idOf.get(item.parentKey) ?? null) : null);

    const inserts: repo.ItemRow[] = [];
    const clear = { responsables: [] as string[], periods: [] as string[] };
    const rows = { responsables: [] as repo.ResponsableRow[], periods: [] as repo.PeriodRow[] };
    for (const item of analysis.items) {
      const id = idOf.get(item.key) ?? "";
      const old = before.get(item.key);
      if (!old)
        inserts.push({
          id,
          planId: plan.id,
          itemKey: item.key,
          parentId: parentId(item),
          ...itemColumns(item),
        });
      else if (storedColumnsDiffer(old, item))
        await repo.updateItem(tx, id, { parentId: parentId(item), ...itemColumns(item) });
      // Responsables are compared by what they stand for, not only by text: an alias changed since the last
      // import moves the activity to the dependencias it now names.
      const wanted = responsableRows(id, item, analysis.resolutions);
      if (!old || wanted.map(responsableSignature).join("\n") !== (current.responsableRows.get(id) ?? "")) {
        if (old) clear.responsables.push(id);
        rows.responsables.push(...wanted);
      }
      if (!old || periodSignature(item.periods) !== periodSignature(old.periods)) {
        if (old) clear.periods.push(id);
        for (const [position, period] of item.periods.entries())
          rows.periods.push({
            itemId: id,
            position,
            startsOn: period.start,
            endsOn: period.end,
            written: period.written,
          });
      }
    }
    await repo.insertItems(tx, inserts);
    const kept = new Set(analysis.items.map((item) => item.key));
    await repo.deleteItems(
      tx,
      current.flat.filter((item) => !kept.has(item.key)).map((item) => current.idOf.get(item.key) ?? ""),
    );
    await repo.replaceLeafDetails(tx, clear, rows);

    const { added, changed, removed } = analysis.diff;
    await repo.insertChanges(
      tx,
      [...added, ...changed, ...removed].map((change) => ({
        planId: plan.id,
        version: plan.version,
        itemKey: change.key,
        code: change.code,
        label: change.label,
        level: change.level,
        kind: change.kind,
        fields: change.fields,
        createdBy: audit.actorId,
        createdAt: at,
      })),
    );
    const counts = { added: added.length, changed: changed.length, removed: removed.length };
    await repo.updateImportSummary(tx, imported.id, summarize(read, analysis, plan.version));
    if (counts.added + counts.changed + counts.removed > 0) await repo.touchPlan(tx, plan.id, at);
    await recordAudit(tx, at, audit, {
      action: "plan_import.applied",
      targetType: "plan",
      targetId: plan.id,
      details: { importId: imported.id, fileName: imported.fileName, version: plan.version, ...counts },
    });
    return counts;
  });
}
