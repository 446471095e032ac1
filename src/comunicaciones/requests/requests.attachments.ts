// A request's files: «mensaje» ones travel with the message (COMM_MAX_MAILED_MB together), «soporte» ones are
// for the reviewers only. Every file is checked by content first (shared/files/checks.ts: PDFs without
// JavaScript, Office files without macros, no renamed programs), images lose their metadata; one refused
// file refuses the whole form and nothing is stored. Stored privately under
// comunicaciones/solicitudes/{requestId}/{attachmentId}.{ext} with the SHA-256 of the stored bytes.
import { createHash, randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { Db } from "../../db/client.ts";
import type { Deps } from "../../deps.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import {
  checkUploadedFile,
  cleanFileName,
  formatFileSize,
  MAX_FILES_PER_UPLOAD,
} from "../../shared/files/checks.ts";
import { reencodeImage } from "../../shared/files/image.ts";
import * as repo from "./requests.repository.ts";
import { canReadContent, requestCode } from "./requests.rules.ts";
import type { CommAttachment } from "./requests.table.ts";

export type { CommAttachment } from "./requests.table.ts";
export type AttachmentPurpose = "mensaje" | "soporte";
export interface AttachmentUpload {
  fileName: string;
  bytes: Buffer;
  purpose: AttachmentPurpose;
}
export type AttachmentDeps = Pick<Deps, "database" | "storage" | "config" | "clock">;

/** A checked file with its key, ready to be written and then recorded. */
export interface PreparedAttachment {
  id: string;
  purpose: AttachmentPurpose;
  fileName: string;
  contentType: string;
  bytes: Buffer;
  sha256: string;
  storageKey: string;
}

export const attachmentRefused = (message: string) => new AppError("comm.attachment_refused", 422, message);

/**
 * Checks every file (count, each size, type by content, the mailed total with the `mensaje` files kept) and
 * prepares what will be stored. Throws a 422 in Spanish naming the first refused file; nothing is written.
 */
export async function prepareAttachments(
  deps: AttachmentDeps,
  requestId: string,
  files: readonly AttachmentUpload[],
  keptMailedBytes: number,
): Promise<PreparedAttachment[]> {
  const { maxFileBytes, maxMailedBytes } = deps.config.comm;
  if (files.length > MAX_FILES_PER_UPLOAD)
    throw attachmentRefused(
      `Puede adjuntar como máximo ${MAX_FILES_PER_UPLOAD} archivos cada vez, y eligió ${files.length}.`,
    );
  const prepared: PreparedAttachment[] = [];
  for (const file of files) {
    const check = await checkUploadedFile(file.fileName, file.bytes, maxFileBytes);
    if (!check.ok) throw attachmentRefused(check.message);
    const bytes = check.image ? await reencodeImage(file.bytes, check.kind) : file.bytes;
    if (!bytes)
      throw attachmentRefused(
        `«${cleanFileName(file.fileName)}» no se pudo abrir como imagen: puede estar dañada. Expórtela de nuevo.`,
      );
    const id = randomUUID();
    prepared.push({
      id,
      purpose: file.purpose,
      fileName: check.fileName,
      contentType: check.contentType,
      bytes,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      storageKey: `comunicaciones/solicitudes/${requestId}/${id}.${check.kind}`,
    });
  }
  const mailed = prepared.filter((f) => f.purpose === "mensaje").reduce((sum, f) => sum + f.bytes.length, 0);
  if (mailed > 0 && keptMailedBytes + mailed > maxMailedBytes)
    throw attachmentRefused(
      `Los adjuntos que viajan con el mensaje pueden sumar como máximo ${formatFileSize(maxMailedBytes)}; ${keptMailedBytes > 0 ? `ya tiene ${formatFileSize(keptMailedBytes)} y ` : ""}estos suman ${formatFileSize(mailed)}. Quite alguno, redúzcalo, o súbalo como soporte (no se envía).`,
    );
  return prepared;
}

/**
 * Writes the files, then runs `within` (the rows, in one transaction); when anything fails the written
 * files are deleted again, so a refused or failed form leaves nothing behind.
 */
export async function withStoredFiles<T>(
  deps: AttachmentDeps,
  prepared: readonly PreparedAttachment[],
  within: () => Promise<T>,
): Promise<T> {
  const written: string[] = [];
  try {
    for (const file of prepared) {
      await deps.storage.put(file.storageKey, file.bytes, { contentType: file.contentType });
      written.push(file.storageKey);
    }
    return await within();
  } catch (error) {
    await Promise.all(written.map((key) => deps.storage.delete(key).catch(() => {})));
    throw error;
  }
}

/** The rows of the prepared files, with an audit row each (in the caller's transaction). */
export async function recordAttachments(
  tx: Db,
  now: Date,
  audit: AuditContext,
  request: { id: string; number: number; createdAt: Date },
  prepared: readonly PreparedAttachment[],
  eventId: number | null = null,
) {
  const rows = await repo.insertAttachments(
    tx,
    prepared.map((file) => ({
      id: file.id,
      requestId: request.id,
      eventId,
      purpose: file.purpose,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.bytes.length,
      sha256: file.sha256,
      storageKey: file.storageKey,
      uploadedBy: audit.actorId,
      createdAt: now,
    })),
  );
  for (const row of rows)
    await recordAudit(tx, now, audit, {
      action: "comm_attachment.added",
      targetType: "comm_request",
      targetId: request.id,
      details: {
        code: requestCode(request.number, request.createdAt),
        attachmentId: row.id,
        fileName: row.fileName,
        purpose: row.purpose,
        size: row.size,
        sha256: row.sha256,
      },
    });
  return rows;
}

export const mailedBytes = (attachments: readonly CommAttachment[]) =>
  attachments.filter((a) => a.purpose === "mensaje").reduce((sum, a) => sum + a.size, 0);

/**
 * A file of a request the user may read (a sensitive notice's only for its content readers), with its
 * stream; 404 for anyone else. Every download is audited.
 */
export async function openAttachment(
  deps: Pick<Deps, "database" | "storage" | "clock">,
  audit: AuditContext,
  user: CurrentUser,
  request: Parameters<typeof canReadContent>[0] & { id: string; number: number; createdAt: Date },
  attachmentId: string,
): Promise<{ attachment: CommAttachment; stream: Readable }> {
  if (!canReadContent(request, user.id)) throw notFound("El archivo");
  const attachment = await repo.findAttachment(deps.database.db, request.id, attachmentId);
  if (!attachment) throw notFound("El archivo");
  const stream = await deps.storage.get(attachment.storageKey);
  if (!stream) throw notFound("El archivo");
  await recordAudit(deps.database.db, deps.clock.now(), audit, {
    action: "comm_attachment.downloaded",
    targetType: "comm_request",
    targetId: request.id,
    details: {
      code: requestCode(request.number, request.createdAt),
      attachmentId: attachment.id,
      fileName: attachment.fileName,
      sha256: attachment.sha256,
    },
  });
  return { attachment, stream };
}
