// Cards: a person's card request and card, through the states of DOMAIN.md, every change recorded.
import type { Db } from "../../db/client.ts";
import type { AuditContext } from "../../shared/audit.ts";
import { AppError, conflict, notFound } from "../../shared/errors.ts";
import { findTransitions, recordTransition } from "../../shared/transitions.ts";
import * as repo from "./cards.repository.ts";
import { CARD_STATE_LABELS, type CardState, canTransition, isEnded } from "./cards.rules.ts";
import type { Card } from "./cards.table.ts";

export type { Card } from "./cards.table.ts";
export const findLatestCard = repo.findLatestCard;

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
    return { ...card, state: to, updatedAt: at, misprints: card.misprints + (misprint ? 1 : 0) };
  });
}

export const cardTimeline = (db: Db, cardId: string) => findTransitions(db, "card", cardId);
