// Photos: upload with automatic checks, the normalised portrait, and the photo's review states.

import { findPersonById } from "../../core/people/people.service.ts";
import type { Storage } from "../../core/storage/storage.types.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit, systemAuditContext } from "../../shared/audit.ts";
import { AppError, conflict, isUniqueViolation, notFound } from "../../shared/errors.ts";
import { findTransitions, recordTransition } from "../../shared/transitions.ts";
import { latestCampaign } from "../campaigns/campaigns.service.ts";
import { openCardRequest } from "../cards/cards.service.ts";
import { type CheckResult, evaluateChecks, sizeCheck, undecodableCheck } from "./photos.checks.ts";
import { faceDetector } from "./photos.faces.ts";
import {
  decodePhoto,
  encodeOriginal,
  measurePhoto,
  renderPortrait,
  UndecodableImageError,
} from "./photos.image.ts";
import * as repo from "./photos.repository.ts";
import { canTransitionPhoto, MAX_UPLOADS_PER_CAMPAIGN, type PhotoState } from "./photos.rules.ts";
import type { Photo } from "./photos.table.ts";

export type { Photo } from "./photos.table.ts";
export const findLatestPhoto = repo.findLatestPhoto;
export const findPhotosInStates = repo.findPhotosInStates;
export const updatePhotoState = repo.updatePhotoState;
export const photoTimeline = (db: Db, photoId: string) => findTransitions(db, "photo", photoId);

export interface CheckedPhoto {
  checks: CheckResult[];
  passed: boolean;
  /** Only for decodable photos: the normalised portrait and the metadata-free original. */
  files?: { portrait: Buffer; original: Buffer };
}

/** The whole pipeline on one file: never throws for a bad image, it reports it as a failed check. */
export async function checkPhoto(input: Buffer): Promise<CheckedPhoto> {
  const size = sizeCheck(input.length);
  if (!size.ok) return { checks: [size], passed: false };
  try {
    const image = await decodePhoto(input);
    const measurements = await measurePhoto(image, await faceDetector());
    const checks = [size, ...evaluateChecks(measurements)];
    const [portrait, original] = await Promise.all([
      renderPortrait(image, measurements),
      encodeOriginal(image),
    ]);
    return { checks, passed: checks.every((c) => c.ok), files: { portrait, original } };
  } catch (error) {
    if (error instanceof UndecodableImageError)
      return { checks: [size, undecodableCheck(error.reason)], passed: false };
    // libvips reports truncated or damaged data while decoding.
    if (
      error instanceof Error &&
      /VipsJpeg|VipsPng|VipsWebp|premature|corrupt|truncated|Input buffer/i.test(error.message)
    )
      return { checks: [size, undecodableCheck("corrupt")], passed: false };
    throw error;
  }
}

export interface UploadOptions {
  /** An SSI operator taking the photo at the office: no upload limit, audited as theirs. */
  byOperator?: boolean;
}

/**
 * Stores a checked photo: a passing one goes to review (en_revision) and opens the card request; one
 * that failed a check stays as a draft the person can send with an explanation. Earlier drafts or
 * pending photos are replaced in the same transaction.
 */
export async function savePhoto(
  db: Db,
  storage: Storage,
  at: Date,
  audit: AuditContext,
  personId: string,
  checked: CheckedPhoto,
  options: UploadOptions = {},
): Promise<Photo> {
  if (!checked.files) throw new AppError("photos.undecodable", 422, "La foto no se pudo abrir.");
  // The limit is per campaign: a new campaign gives everyone their uploads again.
  const campaignStart = (await latestCampaign(db))?.createdAt;
  if (
    !options.byOperator &&
    (await repo.countOwnUploads(db, personId, campaignStart)) >= MAX_UPLOADS_PER_CAMPAIGN
  )
    throw new AppError(
      "photos.upload_limit",
      409,
      `Ya envió ${MAX_UPLOADS_PER_CAMPAIGN} fotos. Acérquese a la Subsecretaría de Sistemas de Información para que le tomen la foto allí.`,
    );
  const id = crypto.randomUUID();
  const originalKey = `photos/${personId}/${id}-original.jpg`;
  const portraitKey = `photos/${personId}/${id}-portrait.jpg`;
  const person = await findPersonById(db, personId);
  if (person?.status !== "activo")
    throw new AppError(
      "photos.inactive",
      409,
      "La persona está desvinculada: no se le puede cargar una foto.",
    );
  // Files first, then the row: a row never points at a missing file. When a write or the row fails,
  // what was written goes, so no copy of a sensitive photo stays without a row that accounts for it.
  const written: string[] = [];
  try {
    await storage.put(originalKey, checked.files.original, { contentType: "image/jpeg" });
    written.push(originalKey);
    await storage.put(portraitKey, checked.files.portrait, { contentType: "image/jpeg" });
    written.push(portraitKey);
    return await insertChecked(db, at, audit, personId, { id, originalKey, portraitKey }, checked, options);
  } catch (error) {
    await Promise.all(written.map((key) => storage.delete(key).catch(() => {})));
    if (isUniqueViolation(error))
      throw conflict(
        "photos.concurrent",
        "Ya se está guardando otra foto suya. Espere un momento y recargue la página.",
      );
    throw error;
  }
}

function insertChecked(
  db: Db,
  at: Date,
  audit: AuditContext,
  personId: string,
  keys: { id: string; originalKey: string; portraitKey: string },
  checked: CheckedPhoto,
  options: UploadOptions,
) {
  const { id, originalKey, portraitKey } = keys;
  return db.transaction(async (tx) => {
    for (const old of await repo.findPhotosInStates(tx, personId, ["borrador", "en_revision"]))
      await movePhoto(tx, at, audit, old, "reemplazada", "Reemplazada por una foto nueva");
    // The office's own photo goes straight to review: the operator who took it already saw it.
    const state: PhotoState = checked.passed || options.byOperator ? "en_revision" : "borrador";
    const photo = await repo.insertPhoto(tx, {
      id,
      personId,
      state,
      originalKey,
      portraitKey,
      checks: checked.checks,
      checksPassed: checked.passed,
      uploadedBy: audit.actorId,
      explanation: options.byOperator ? "Foto tomada en la oficina de SSI." : null,
      createdAt: at,
    });
    await recordTransition(tx, at, audit, {
      subjectType: "photo",
      subjectId: photo.id,
      from: null,
      to: state,
      details: {
        personId,
        byOperator: Boolean(options.byOperator),
        failed: checked.checks.filter((c) => !c.ok).map((c) => c.id),
      },
    });
    if (state === "en_revision") await openCardRequest(tx, at, audit, personId);
    return photo;
  });
}

const photoChanged = () =>
  conflict(
    "photos.changed",
    "La foto cambió mientras usted la enviaba. Recargue la página e intente de nuevo.",
  );

async function movePhoto(
  db: Db,
  at: Date,
  audit: AuditContext,
  photo: Photo,
  to: PhotoState,
  reason?: string,
) {
  if (!canTransitionPhoto(photo.state, to)) throw new Error(`photo ${photo.state} cannot become ${to}`);
  if (!(await repo.updatePhotoState(db, photo.id, photo.state, { state: to }))) throw photoChanged();
  await recordTransition(db, at, audit, {
    subjectType: "photo",
    subjectId: photo.id,
    from: photo.state,
    to,
    reason,
  });
}

/** Sends a draft that failed a check, with the person's explanation, for the operator to decide. */
export async function submitDraft(
  db: Db,
  at: Date,
  audit: AuditContext,
  personId: string,
  explanation: string,
) {
  return db.transaction(async (tx) => {
    const photo = await repo.findLatestPhoto(tx, personId);
    if (photo?.state !== "borrador") throw notFound("La foto sin enviar");
    if (!(await repo.updatePhotoState(tx, photo.id, "borrador", { state: "en_revision", explanation })))
      throw photoChanged();
    await recordTransition(tx, at, audit, {
      subjectType: "photo",
      subjectId: photo.id,
      from: "borrador",
      to: "en_revision",
      reason: "Enviada con explicación",
    });
    await openCardRequest(tx, at, audit, personId);
  });
}

// What the privacy policy promises about photos, enforced: the original a person sent for a photo that
// was rejected is deleted some days after the rejection (PHOTO_ORIGINAL_RETENTION_DAYS). The cropped
// portrait stays as the record of what was rejected and why.
const DAY = 86_400_000;
/** Photos per round: each is its own short transaction, so a large backlog never holds PGlite long. */
const ROUND = 200;

/** Deletes expired originals of rejected photos; returns how many. Safe to run twice or on two instances. */
export async function deleteExpiredOriginals(
  db: Db,
  storage: Storage,
  at: Date,
  retentionDays: number,
): Promise<number> {
  const decidedBefore = new Date(at.getTime() - retentionDays * DAY);
  let deleted = 0;
  for (;;) {
    const due = await repo.findRejectedWithOriginal(db, decidedBefore, ROUND);
    for (const photo of due) {
      const originalKey = photo.originalKey;
      if (!originalKey) continue; // the query asks for kept originals only
      const done = await db.transaction(async (tx) => {
        // Another instance already took this one: nothing to record.
        if (!(await repo.clearOriginalKey(tx, photo.id, originalKey))) return false;
        await recordAudit(tx, at, systemAuditContext, {
          action: "photo.original_deleted",
          targetType: "photo",
          targetId: photo.id,
          details: { personId: photo.personId, rejectedAt: photo.reviewedAt?.toISOString(), retentionDays },
        });
        // Last, inside the transaction: if the store fails, the key and the audit roll back and the next
        // run tries again; deleting a file that is already gone is not an error.
        await storage.delete(originalKey);
        return true;
      });
      if (done) deleted++;
    }
    if (due.length < ROUND) return deleted;
  }
}
