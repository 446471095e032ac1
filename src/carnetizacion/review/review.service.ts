// Photo review by the SSI office: the queue of photos en_revision, approve or reject with a standard
// reason, and the standard reasons themselves. One operator's decision wins; the other is told.

import { queueEmail } from "../../core/mail/mail.service.ts";
import { findPersonById } from "../../core/people/people.service.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { conflict, notFound } from "../../shared/errors.ts";
import { recordTransition } from "../../shared/transitions.ts";
import { type CardMailSettings, refreshCardReadiness } from "../cards/cards.service.ts";
import { findPhotosInStates, updatePhotoState } from "../photos/photos.service.ts";
import * as repo from "./review.repository.ts";

export const listReasons = repo.listReasons;
export const findPhoto = repo.findPhoto;
export const QUEUE_PAGE = 50;

export interface QueueFilter {
  dependenciaId?: string;
  /** Photos sent in this time range (a campaign's). */
  from?: Date;
  to?: Date;
}

export function listQueue(db: Db, filter: QueueFilter) {
  return repo.findQueue(db, filter, QUEUE_PAGE);
}

/** The photo under review with its person, and the next photo of the same queue (to go on at once). */
export async function openForReview(
  db: Db,
  at: Date,
  audit: AuditContext,
  photoId: string,
  filter: QueueFilter,
) {
  const photo = await repo.findPhoto(db, photoId);
  if (!photo) throw notFound("La foto");
  const person = await findPersonById(db, photo.personId);
  if (!person) throw notFound("La persona");
  await recordAudit(db, at, audit, { action: "photo.viewed", targetType: "photo", targetId: photo.id });
  const [next] = await repo.findQueue(
    db,
    { ...filter, after: { createdAt: photo.createdAt, id: photo.id } },
    1,
  );
  return { photo, person, nextId: next?.photoId };
}

const decidedMeanwhile = () =>
  conflict("review.decided", "Otra persona ya revisó esta foto hace un momento. Pase a la siguiente.");

/** Approves a photo in review: an earlier approved photo is replaced, and the card moves to printing if ready. */
export async function approvePhoto(db: Db, at: Date, audit: AuditContext, photoId: string) {
  return db.transaction(async (tx) => {
    const photo = await repo.findPhoto(tx, photoId);
    if (!photo) throw notFound("La foto");
    if (photo.state !== "en_revision") throw decidedMeanwhile();
    const [previous] = await findPhotosInStates(tx, photo.personId, ["aprobada"]);
    const decision = { reviewedBy: audit.actorId, reviewedAt: at };
    if (!(await updatePhotoState(tx, photo.id, "en_revision", { state: "aprobada", ...decision })))
      throw decidedMeanwhile();
    await recordTransition(tx, at, audit, {
      subjectType: "photo",
      subjectId: photo.id,
      from: "en_revision",
      to: "aprobada",
    });
    if (previous) {
      await updatePhotoState(tx, previous.id, "aprobada", { state: "reemplazada" });
      await recordTransition(tx, at, audit, {
        subjectType: "photo",
        subjectId: previous.id,
        from: "aprobada",
        to: "reemplazada",
        reason: "Se aprobó una foto más reciente",
      });
    }
    await refreshCardReadiness(tx, at, audit, photo.personId);
    return photo;
  });
}

/** Rejects a photo with the reason shown to the person, who is told by an individual e-mail. */
export async function rejectPhoto(
  db: Db,
  at: Date,
  audit: AuditContext,
  settings: CardMailSettings,
  photoId: string,
  reason: string,
) {
  return db.transaction(async (tx) => {
    const photo = await repo.findPhoto(tx, photoId);
    if (!photo) throw notFound("La foto");
    const decision = { reviewedBy: audit.actorId, reviewedAt: at, rejectionReason: reason };
    if (
      photo.state !== "en_revision" ||
      !(await updatePhotoState(tx, photo.id, "en_revision", { state: "rechazada", ...decision }))
    )
      throw decidedMeanwhile();
    await recordTransition(tx, at, audit, {
      subjectType: "photo",
      subjectId: photo.id,
      from: "en_revision",
      to: "rechazada",
      reason,
    });
    const person = await findPersonById(tx, photo.personId);
    if (person?.email)
      await queueEmail(tx, at, {
        to: person.email,
        personId: person.id,
        kind: "photo_rejected",
        subject: "Su foto para el carnet necesita cambios",
        text: [
          `Hola, ${person.firstNames}:`,
          "",
          "La Subsecretaría de Sistemas de Información revisó la foto que envió para su carnet y no pudo aprobarla.",
          `Motivo: ${reason}`,
          "",
          `Envíe una foto nueva en ${settings.publicBaseUrl}/mi-foto`,
          "Si no puede tomarse una foto que cumpla, acérquese a la oficina y se la tomamos allí.",
          `Horario: ${settings.entity.hours}`,
        ].join("\n"),
      });
    return photo;
  });
}

export async function addReason(db: Db, at: Date, audit: AuditContext, label: string) {
  await repo.insertReason(db, label);
  await recordAudit(db, at, audit, { action: "rejection_reason.added", details: { label } });
}

export async function setReasonActive(db: Db, at: Date, audit: AuditContext, id: string, active: boolean) {
  const reason = await repo.findReason(db, id);
  if (!reason) throw notFound("El motivo");
  await repo.setReasonActive(db, id, active);
  await recordAudit(db, at, audit, {
    action: active ? "rejection_reason.activated" : "rejection_reason.retired",
    details: { label: reason.label },
  });
}
