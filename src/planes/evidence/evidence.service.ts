// Evidence files of the planes area (a progress report's, an indicator measurement's): every file is checked
// by content before anything is kept (shared/files/checks.ts), images lose their metadata (shared/files/image.ts),
// and each is stored privately under planes/evidencias/ with the SHA-256 of the stored bytes. A refused
// file refuses the whole upload: nothing stored, no row. Downloads are checked object by object.
import { createHash, randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { Db } from "../../db/client.ts";
import type { Deps } from "../../deps.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import { AppError, conflict, notFound } from "../../shared/errors.ts";
import {
  checkUploadedFile,
  cleanFileName,
  type FileKind,
  formatFileSize,
  MAX_FILES_PER_UPLOAD,
} from "../../shared/files/checks.ts";
import { reencodeImage } from "../../shared/files/image.ts";
import * as repo from "./evidence.repository.ts";
import type { EvidenceOwnerType, PlanEvidence } from "./evidence.table.ts";

export {
  FILE_ACCEPT,
  FILE_TYPES_TEXT,
  formatFileSize,
  MAX_FILES_PER_UPLOAD,
} from "../../shared/files/checks.ts";
export type { EvidenceOwnerType, PlanEvidence } from "./evidence.table.ts";

export interface EvidenceUpload {
  fileName: string;
  bytes: Buffer;
}

export interface EvidenceOwner {
  type: EvidenceOwnerType;
  id: string;
  planId: string | null;
  dependenciaId: string;
}

export type EvidenceDeps = Pick<Deps, "database" | "storage" | "config" | "clock">;

/** Roles that read every plan, and so every evidence file (docs/DOMAIN.md, «Planes»). */
const READS_ALL = ["planeacion", "control_interno", "administrador"];
const readsAll = (user: Pick<CurrentUser, "roles">) => user.roles.some((role) => READS_ALL.includes(role));

const TARGET_TYPES: Record<EvidenceOwnerType, string> = {
  report: "plan_report",
  measurement: "plan_indicator_measurement",
};

interface Prepared {
  fileName: string;
  kind: FileKind;
  contentType: string;
  bytes: Buffer;
  sha256: string;
}

const sha256Of = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

const refused = (message: string) => new AppError("evidence.refused", 422, message);

const totalMessage = (owner: EvidenceOwner, max: number, kept: number, adding: number) =>
  `Las evidencias de ${owner.type === "report" ? "un reporte" : "una medición"} pueden sumar como máximo ${formatFileSize(max)}; ${kept > 0 ? `ya tiene ${formatFileSize(kept)} y ` : ""}estos archivos suman ${formatFileSize(adding)}. Quite algún archivo o redúzcalo.`;

/**
 * Checks every file (size each and in total with the owner's files already kept, type by content, macros,
 * renamed programs) and prepares what will be stored: images re-encoded without metadata. The first
 * refusal is audited and thrown (422, naming the file); nothing is stored.
 */
async function prepare(
  deps: EvidenceDeps,
  actor: AuditContext,
  owner: EvidenceOwner,
  files: readonly EvidenceUpload[],
): Promise<Prepared[]> {
  const { maxFileBytes, maxReportBytes } = deps.config.evidence;
  const db = deps.database.db;
  const refuse = async (reason: string, fileName: string | null, message: string, size?: number) => {
    await recordAudit(db, deps.clock.now(), actor, {
      action: "plan_evidence.refused",
      targetType: TARGET_TYPES[owner.type],
      targetId: owner.id,
      details: { reason, fileName, size: size ?? null },
    });
    return refused(message);
  };
  if (files.length > MAX_FILES_PER_UPLOAD)
    throw await refuse(
      "too_many_files",
      null,
      `Puede adjuntar como máximo ${MAX_FILES_PER_UPLOAD} archivos cada vez, y eligió ${files.length}. Cárguelos en varias veces, o reúna varios documentos en un solo PDF.`,
    );
  // The total before any file is opened (a file too large on its own is named by its own check below).
  const adding = files.reduce((sum, f) => sum + f.bytes.length, 0);
  const kept = await repo.totalSize(db, owner.type, owner.id);
  if (kept + adding > maxReportBytes && files.every((f) => f.bytes.length <= maxFileBytes))
    throw await refuse("total_too_large", null, totalMessage(owner, maxReportBytes, kept, adding), adding);
  const prepared: Prepared[] = [];
  for (const file of files) {
    const check = await checkUploadedFile(file.fileName, file.bytes, maxFileBytes);
    if (!check.ok)
      throw await refuse(check.reason, cleanFileName(file.fileName), check.message, file.bytes.length);
    const bytes = check.image ? await reencodeImage(file.bytes, check.kind) : file.bytes;
    if (!bytes)
      throw await refuse(
        "corrupt",
        check.fileName,
        `«${check.fileName}» no se pudo abrir como imagen: puede estar dañada. Tómela o expórtela de nuevo.`,
        file.bytes.length,
      );
    prepared.push({
      fileName: check.fileName,
      kind: check.kind,
      contentType: check.contentType,
      bytes,
      sha256: sha256Of(bytes),
    });
  }
  return prepared;
}

/**
 * addEvidence with something more to write in the same transaction as the evidence rows (a report's fields,
 * its history): `within` runs after the rows are inserted, and when it throws nothing of the upload stays.
 * With no files it only runs `within` in a transaction.
 */
export async function withEvidence<T>(
  deps: EvidenceDeps,
  actor: AuditContext,
  owner: EvidenceOwner,
  files: readonly EvidenceUpload[],
  within: (tx: Db, added: PlanEvidence[]) => Promise<T>,
): Promise<{ added: PlanEvidence[]; result: T }> {
  const prepared = await prepare(deps, actor, owner, files);
  const { storage, clock } = deps;
  const written: string[] = [];
  const keyed = prepared.map((file) => ({
    ...file,
    storageKey: `planes/evidencias/${owner.type}/${owner.id}/${randomUUID()}.${file.kind}`,
  }));
  try {
    // Files first, then the rows: a row never points at a missing file.
    for (const file of keyed) {
      await storage.put(file.storageKey, file.bytes, { contentType: file.contentType });
      written.push(file.storageKey);
    }
    const at = clock.now();
    return await deps.database.db.transaction(async (tx) => {
      // Two uploads at once could each fit alone: they take turns on the owner, and the total is counted
      // again under that lock, before the rows go in.
      if (keyed.length > 0) {
        await repo.lockOwner(tx, owner.type, owner.id);
        const kept = await repo.totalSize(tx, owner.type, owner.id);
        const adding = keyed.reduce((sum, file) => sum + file.bytes.length, 0);
        const max = deps.config.evidence.maxReportBytes;
        if (kept + adding > max) throw refused(totalMessage(owner, max, kept, adding));
      }
      const added = await repo.insertEvidence(
        tx,
        keyed.map((file) => ({
          planId: owner.planId,
          ownerType: owner.type,
          ownerId: owner.id,
          dependenciaId: owner.dependenciaId,
          storageKey: file.storageKey,
          fileName: file.fileName,
          contentType: file.contentType,
          size: file.bytes.length,
          sha256: file.sha256,
          uploadedBy: actor.actorId,
          uploadedAt: at,
        })),
      );
      for (const row of added)
        await recordAudit(tx, at, actor, {
          action: "plan_evidence.added",
          targetType: TARGET_TYPES[owner.type],
          targetId: owner.id,
          details: {
            evidenceId: row.id,
            fileName: row.fileName,
            contentType: row.contentType,
            size: row.size,
            sha256: row.sha256,
            dependenciaId: owner.dependenciaId,
          },
        });
      return { added, result: await within(tx, added) };
    });
  } catch (error) {
    await Promise.all(written.map((key) => storage.delete(key).catch(() => {})));
    throw error;
  }
}

/**
 * Checks every file first; refuses all with a 422 in Spanish naming the file, storing nothing; otherwise
 * stores each privately with its SHA-256 and audits. Passed a transaction as `deps.database.db`, its rows
 * join that transaction.
 */
export async function addEvidence(
  deps: EvidenceDeps,
  actor: AuditContext,
  owner: EvidenceOwner,
  files: EvidenceUpload[],
): Promise<PlanEvidence[]> {
  if (files.length === 0) return [];
  return (await withEvidence(deps, actor, owner, files, async () => undefined)).added;
}

export function evidenceOf(
  db: Db,
  ownerType: EvidenceOwnerType,
  ownerIds: readonly string[],
): Promise<PlanEvidence[]> {
  return repo.listEvidence(db, ownerType, ownerIds);
}

/**
 * Removes one file of the owner (404 when it belongs to another), the row and its audit in one transaction
 * with `within` (the owner's history), then the stored bytes.
 */
export async function removeEvidence(
  deps: Pick<Deps, "database" | "storage" | "clock">,
  actor: AuditContext,
  owner: EvidenceOwner,
  evidenceId: string,
  within?: (tx: Db, removed: PlanEvidence) => Promise<void>,
): Promise<PlanEvidence> {
  const at = deps.clock.now();
  const removed = await deps.database.db.transaction(async (tx) => {
    const evidence = await repo.findEvidence(tx, evidenceId);
    if (!evidence || evidence.ownerType !== owner.type || evidence.ownerId !== owner.id)
      throw notFound("La evidencia");
    await repo.deleteEvidence(tx, evidence.id);
    await recordAudit(tx, at, actor, {
      action: "plan_evidence.removed",
      targetType: TARGET_TYPES[owner.type],
      targetId: owner.id,
      details: { evidenceId: evidence.id, fileName: evidence.fileName, sha256: evidence.sha256 },
    });
    await within?.(tx, evidence);
    return evidence;
  });
  // After the commit: a failed delete leaves an unreferenced file, never a row without its file.
  await deps.storage.delete(removed.storageKey).catch(() => {});
  return removed;
}

/** An evidence file the user may download, with its stream; 404 for anyone else (nothing is revealed). */
export async function openEvidence(
  deps: Pick<Deps, "database" | "storage" | "clock">,
  actor: AuditContext,
  user: Pick<CurrentUser, "roles" | "dependenciaId">,
  evidenceId: string,
): Promise<{ evidence: PlanEvidence; stream: Readable }> {
  const evidence = await repo.findEvidence(deps.database.db, evidenceId);
  if (!evidence || !(readsAll(user) || user.dependenciaId === evidence.dependenciaId))
    throw notFound("La evidencia");
  const stream = await deps.storage.get(evidence.storageKey);
  if (!stream) throw notFound("El archivo de la evidencia");
  await recordAudit(deps.database.db, deps.clock.now(), actor, {
    action: "plan_evidence.downloaded",
    targetType: TARGET_TYPES[evidence.ownerType],
    targetId: evidence.ownerId,
    details: { evidenceId: evidence.id, fileName: evidence.fileName, sha256: evidence.sha256 },
  });
  return { evidence, stream };
}

/**
 * A public file: marked by control interno, of a report still validated, of a plan the public sees (published,
 * closed, or being revised after a published version). Anyone downloads it; anything else is not found.
 */
export async function openPublicEvidence(
  deps: Pick<Deps, "database" | "storage">,
  evidenceId: string,
): Promise<{ evidence: PlanEvidence; stream: Readable }> {
  const evidence = await repo.findPublishedEvidence(deps.database.db, evidenceId);
  if (!evidence) throw notFound("La evidencia");
  const stream = await deps.storage.get(evidence.storageKey);
  if (!stream) throw notFound("La evidencia");
  return { evidence, stream };
}

/**
 * Control interno publishes (or withdraws) a file of a validated report, for the plan's public follow-up.
 * Returns where the file is seen (its report) for the redirect.
 */
export async function setEvidencePublic(
  db: Db,
  at: Date,
  actor: AuditContext,
  evidenceId: string,
  makePublic: boolean,
): Promise<{ evidence: PlanEvidence; reportId: string }> {
  return db.transaction(async (tx) => {
    const row = await repo.findEvidenceWithReport(tx, evidenceId);
    if (row?.evidence.ownerType !== "report" || !row.reportStatus) throw notFound("La evidencia");
    if (row.reportStatus !== "validado")
      throw conflict(
        "evidence.not_validated",
        "Solo se puede publicar la evidencia de un reporte que planeación ya validó.",
      );
    const { evidence } = row;
    if (evidence.isPublic !== makePublic) {
      await repo.updateEvidence(tx, evidence.id, {
        isPublic: makePublic,
        publicBy: makePublic ? actor.actorId : null,
        publicAt: makePublic ? at : null,
      });
      await recordAudit(tx, at, actor, {
        action: makePublic ? "plan_evidence.made_public" : "plan_evidence.made_private",
        targetType: "plan_report",
        targetId: evidence.ownerId,
        details: { evidenceId: evidence.id, fileName: evidence.fileName, sha256: evidence.sha256 },
      });
    }
    return { evidence: { ...evidence, isPublic: makePublic }, reportId: evidence.ownerId };
  });
}

/** The files control interno made public, of one plan (the public follow-up page lists them). */
export const listPublicEvidence = repo.listPublicEvidence;
