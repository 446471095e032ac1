// Cards: a person's card request and card, through the states of DOMAIN.md, every change recorded.
import type { Db } from "../../db/client.ts";
import type { AuditContext } from "../../shared/audit.ts";
import { findTransitions, recordTransition } from "../../shared/transitions.ts";
import * as repo from "./cards.repository.ts";
import { isEnded } from "./cards.rules.ts";
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

export const cardTimeline = (db: Db, cardId: string) => findTransitions(db, "card", cardId);
