// Cards: a person's card request and card, through the states of docs/DOMAIN.md, every change recorded.
import type { Config } from "../../config.ts";
import { queueEmail } from "../../core/mail/mail.service.ts";
import { findPersonById, type Person } from "../../core/people/people.service.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit, systemAuditContext } from "../../shared/audit.ts";
import { AppError, conflict, notFound } from "../../shared/errors.ts";
import { bogotaDay } from "../../shared/time.ts";
import { findTransitions, recordTransition, recordTransitions } from "../../shared/transitions.ts";
import * as repo from "./cards.repository.ts";
import {
  type Audience,
  CARD_STATE_LABELS,
  type CardState,
  canTransition,
  DISABLE_REASON_LABELS,
  type DisableReason,
  isEnded,
  isInCirculation,
  type LanyardState,
  missingForPrint,
} from "./cards.rules.ts";
import type { Card } from "./cards.table.ts";

export type { Card } from "./cards.table.ts";
export const findLatestCard = repo.findLatestCard;
export const findCard = repo.findCard;

/** Opens a card request (solicitada) unless the person already has a card that is not ended. */
export async function openCardRequest(
  db: Db,
  at: Date,
  audit: AuditContext,
  personId: string,
): Promise<Card> {
  const current = await repo.findLatestCard(db, personId);
  if (current && !isEnded(current.state)) return current;
  const card = await repo.insertCard(db, { personId, state: "solicitada", createdAt: at, updatedAt: at });
  await recordTransition(db, at, audit, {
    subjectType: "card",
    subjectId: card.id,
    from: null,
    to: "solicitada",
  });
  return card;
}

/**
 * Moves a card to another state if the state machine allows it, recording who, when and why. A misprint
 * (impresa → lista_para_imprimir) is counted. Two operators acting at once: one wins, the other is told.
 */
export async function moveCard(
  db: Db,
  at: Date,
  audit: AuditContext,
  cardId: string,
  to: CardState,
  reason?: string,
  set: Partial<Omit<Card, "id" | "personId" | "state" | "misprints">> = {},
): Promise<Card> {
  return db.transaction(async (tx) => {
    const card = await repo.findCard(tx, cardId);
    if (!card) throw notFound("El carnet");
    if (!canTransition(card.state, to))
      throw new AppError(
        "cards.invalid_transition",
        409,
        `Un carnet «${CARD_STATE_LABELS[card.state]}» no puede pasar a «${CARD_STATE_LABELS[to]}».`,
      );
    const misprint = card.state === "impresa" && to === "lista_para_imprimir";
    const moved = await repo.updateCardState(tx, card.id, card.state, {
      ...set,
      state: to,
      updatedAt: at,
      misprints: card.misprints + (misprint ? 1 : 0),
    });
    if (!moved)
      throw conflict("cards.changed", "Otra persona cambió este carnet hace un momento. Recargue la página.");
    await recordTransition(tx, at, audit, {
      subjectType: "card",
      subjectId: card.id,
      from: card.state,
      to,
      reason,
    });
    return { ...card, ...set, state: to, updatedAt: at, misprints: card.misprints + (misprint ? 1 : 0) };
  });
}

export const cardTimeline = (db: Db, cardId: string) => findTransitions(db, "card", cardId);

export type CardMailSettings = Pick<Config, "publicBaseUrl" | "entity">;

/**
 * Moves the person's open request (solicitada) to the print queue when nothing is missing any more: an
 * approved photo and complete, current data. Call it after anything that may be the last missing piece
 * (a photo approved, data completed by the person, by SSI or by a list). Returns the latest card.
 */
export async function refreshCardReadiness(db: Db, at: Date, audit: AuditContext, personId: string) {
  const card = await repo.findLatestCard(db, personId);
  if (card?.state !== "solicitada") return card;
  const person = await findPersonById(db, personId);
  const photo = await repo.findPhotoSituation(db, personId);
  if (!person || missingForPrint(person, photo, card, bogotaDay(at), "staff").length > 0) return card;
  return moveCard(db, at, audit, card.id, "lista_para_imprimir", "Foto aprobada y datos completos");
}

/**
 * What a card page needs to tell the truth: the card (moved on first if its last missing piece arrived by
 * a path that did not say so), the photo, what is still missing for print and the card's batch.
 */
async function cardSituation(db: Db, at: Date, audit: AuditContext, person: Person, audience: Audience) {
  const card = await refreshCardReadiness(db, at, audit, person.id).catch(async (error) => {
    // Someone moved the card meanwhile: show it as it is now.
    if (error instanceof AppError) return repo.findLatestCard(db, person.id);
    throw error;
  });
  const photo = await repo.findPhotoSituation(db, person.id);
  const batch = card?.state === "impresa" ? await repo.findLatestBatchOf(db, card.id) : undefined;
  const missing = missingForPrint(person, photo, card, bogotaDay(at), audience);
  return { card, photo, batch, missing };
}

/** «Mi carnet»: the person's own card, photo, what is missing and the next step. */
export async function viewOwnCard(db: Db, at: Date, audit: AuditContext, personId: string) {
  const person = await findPersonById(db, personId);
  if (!person) throw notFound("La persona");
  return cardSituation(db, at, audit, person, "self");
}

/** Printed card → ready for pickup, and the person is told by an individual e-mail. */
export async function markReadyForPickup(
  db: Db,
  at: Date,
  audit: AuditContext,
  settings: CardMailSettings,
  cardId: string,
) {
  const batch = await repo.findLatestBatchOf(db, cardId);
  if (batch && batch.state !== "lista")
    throw conflict(
      "cards.batch_not_ready",
      "El PDF del lote de este carnet todavía no está listo: no se puede haber impreso. Espere a que termine.",
    );
  return db.transaction(async (tx) => {
    const card = await moveCard(tx, at, audit, cardId, "lista_para_entrega");
    const person = await findPersonById(tx, card.personId);
    if (person?.email)
      await queueEmail(tx, at, {
        to: person.email,
        personId: person.id,
        kind: "card_ready",
        subject: "Su carnet está listo para recoger",
        text: [
          `Hola, ${person.firstNames}:`,
          "",
          "Su carnet institucional ya está impreso y listo para entregar.",
          "Recójalo en la Subsecretaría de Sistemas de Información, con su documento de identidad.",
          `Horario: ${settings.entity.hours}`,
          "",
          `Puede ver el estado de su carnet en ${settings.publicBaseUrl}/mi-carnet`,
        ].join("\n"),
      });
    return card;
  });
}

/** Handed to its owner; the lanyard (cinta) may be delivered now or stay pending. */
export function markDelivered(db: Db, at: Date, audit: AuditContext, cardId: string, lanyard: LanyardState) {
  return moveCard(
    db,
    at,
    audit,
    cardId,
    "entregada",
    lanyard === "pendiente" ? "Cinta pendiente" : undefined,
    {
      deliveredAt: at,
      lanyard,
    },
  );
}

export async function markLanyardDelivered(db: Db, at: Date, audit: AuditContext, cardId: string) {
  const card = await repo.findCard(db, cardId);
  if (!card) throw notFound("El carnet");
  if (card.lanyard === "entregada")
    throw conflict("cards.lanyard_delivered", "La cinta ya estaba entregada.");
  if (!(await repo.updateCardLanyard(db, card.id, "entregada")))
    throw conflict("cards.changed", "Otra persona cambió este carnet hace un momento. Recargue la página.");
  await recordAudit(db, at, audit, {
    action: "card.lanyard_delivered",
    targetType: "card",
    targetId: card.id,
  });
}

/** Disables a printed card (it can no longer be used); a disabled card cannot be disabled again. */
export async function disableCard(
  db: Db,
  at: Date,
  audit: AuditContext,
  cardId: string,
  reason: DisableReason,
  note?: string,
) {
  const card = await repo.findCard(db, cardId);
  if (card?.state === "inhabilitada" || card?.state === "devuelta")
    throw conflict("cards.already_disabled", "Este carnet ya estaba inhabilitado.");
  const why = [DISABLE_REASON_LABELS[reason], note].filter(Boolean).join(": ");
  return moveCard(db, at, audit, cardId, "inhabilitada", why, { disabledReason: reason, disabledAt: at });
}

export function markReturned(db: Db, at: Date, audit: AuditContext, cardId: string) {
  return moveCard(db, at, audit, cardId, "devuelta", "Devuelto a la entidad", { returnedAt: at });
}

/**
 * A new card for the same person (lost, damaged, data changed): the old one is disabled as replaced and
 * the new one goes straight to the print queue with the approved photo.
 */
export async function reprintCard(db: Db, at: Date, audit: AuditContext, cardId: string, note?: string) {
  return db.transaction(async (tx) => {
    const old = await disableCard(tx, at, audit, cardId, "reemplazo", note);
    const card = await repo.insertCard(tx, {
      personId: old.personId,
      state: "lista_para_imprimir",
      replacesCardId: old.id,
      createdAt: at,
      updatedAt: at,
    });
    await recordTransition(tx, at, audit, {
      subjectType: "card",
      subjectId: card.id,
      from: null,
      to: "lista_para_imprimir",
      reason: "Reimpresión",
      details: { replaces: old.id },
    });
    return card;
  });
}

/** A new card for someone whose last card was disabled (lost, expired…): a request, queued when complete. */
export async function requestNewCard(db: Db, at: Date, audit: AuditContext, cardId: string) {
  return db.transaction(async (tx) => {
    const old = await repo.findCard(tx, cardId);
    if (!old) throw notFound("El carnet");
    const latest = await repo.findLatestCard(tx, old.personId);
    if (!isEnded(old.state) || latest?.id !== old.id)
      throw conflict("cards.new_not_needed", "Esta persona ya tiene un carnet o una solicitud en curso.");
    if ((await findPersonById(tx, old.personId))?.status !== "activo")
      throw conflict("cards.person_left", "La persona está desvinculada: no se le imprime un carnet nuevo.");
    const card = await openCardRequest(tx, at, audit, old.personId);
    return (await refreshCardReadiness(tx, at, audit, old.personId)) ?? card;
  });
}

/** The daily job: cards past their validity are disabled (reason vencimiento). Returns how many. */
export async function expireCards(db: Db, at: Date) {
  let expired = 0;
  for (const card of await repo.findExpiredInCirculation(db, bogotaDay(at))) {
    try {
      await moveCard(db, at, systemAuditContext, card.id, "inhabilitada", "Vencido", {
        disabledReason: "vencimiento",
        disabledAt: at,
      });
      expired++;
    } catch (error) {
      // Someone moved it meanwhile: the next run sees its new state.
      if (!(error instanceof AppError)) throw error;
    }
  }
  return expired;
}

/** A card and its person, for a page about the card; staff access is audited. */
export async function findCardWithPerson(db: Db, at: Date, audit: AuditContext, cardId: string) {
  const card = await repo.findCard(db, cardId);
  if (!card) throw notFound("El carnet");
  const person = await findPersonById(db, card.personId);
  if (!person) throw notFound("La persona");
  await recordAudit(db, at, audit, { action: "card.viewed", targetType: "card", targetId: card.id });
  return { card, person };
}

/** A card for the SSI card page, with its person, history and what it still needs; access is audited. */
export async function viewCard(db: Db, at: Date, audit: AuditContext, cardId: string) {
  const { card: found, person } = await findCardWithPerson(db, at, audit, cardId);
  const situation = await cardSituation(db, at, audit, person, "staff");
  // The person's latest card may be a newer one (a reprint): this page is about the card in the URL.
  const latest = situation.card?.id === found.id;
  const card = latest ? (situation.card ?? found) : found;
  return {
    card,
    person,
    photo: situation.photo,
    missing: latest ? situation.missing : [],
    batch: latest
      ? situation.batch
      : card.state === "impresa"
        ? await repo.findLatestBatchOf(db, card.id)
        : undefined,
    timeline: await findTransitions(db, "card", found.id),
  };
}

/**
 * A person left: their printed cards in circulation are disabled (desvinculación, so a return is pending
 * for their dependencia) and any card not yet printed is cancelled. Returns how many of each.
 */
export async function retireCards(db: Db, at: Date, audit: AuditContext, personId: string, note: string) {
  let disabled = 0;
  let cancelled = 0;
  for (const card of await repo.findCardsOf(db, personId)) {
    if (isInCirculation(card.state)) {
      await disableCard(db, at, audit, card.id, "desvinculacion", note);
      disabled++;
    } else if (card.state === "solicitada" || card.state === "lista_para_imprimir") {
      await moveCard(db, at, audit, card.id, "cancelada", note);
      cancelled++;
    }
  }
  return { disabled, cancelled };
}

/** The person's printed card gets its lanyard marked pending; false when it already was. */
export async function markLanyardPending(
  db: Db,
  at: Date,
  audit: AuditContext,
  personId: string,
  note: string,
) {
  const card = (await repo.findCardsOf(db, personId)).find((c) => isInCirculation(c.state));
  if (!card || card.lanyard === "pendiente") return false;
  await repo.setLanyard(db, card.id, "pendiente");
  await recordAudit(db, at, audit, {
    action: "card.lanyard_pending",
    targetType: "card",
    targetId: card.id,
    details: { note },
  });
  return true;
}

/** Card requests for many people who have none yet (new people from a list), in batches. */
export async function openCardRequests(
  db: Db,
  at: Date,
  audit: AuditContext,
  personIds: string[],
  details?: Record<string, unknown>,
) {
  const created: Card[] = [];
  for (let i = 0; i < personIds.length; i += 500)
    created.push(
      ...(await repo.insertCards(
        db,
        personIds
          .slice(i, i + 500)
          .map((personId) => ({ personId, state: "solicitada" as const, createdAt: at, updatedAt: at })),
      )),
    );
  await recordTransitions(
    db,
    at,
    audit,
    created.map((card) => ({
      subjectType: "card" as const,
      subjectId: card.id,
      from: null,
      to: "solicitada",
      details,
    })),
  );
  return created;
}
