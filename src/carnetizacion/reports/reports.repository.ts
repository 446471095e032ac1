import { and, asc, count, desc, eq, gte, ilike, lt, ne, or } from "drizzle-orm";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import type { Db } from "../../db/client.ts";
import type { CardState } from "../cards/cards.rules.ts";
import { cards } from "../cards/cards.table.ts";

/** Cards by dependencia and state; with a range, only the cards requested in it (a campaign's). */
export function countByDependenciaAndState(db: Db, range: { from?: Date; to?: Date } = {}) {
  return db
    .select({ dependencia: dependencias.name, state: cards.state, n: count() })
    .from(cards)
    .innerJoin(people, eq(people.id, cards.personId))
    .leftJoin(dependencias, eq(dependencias.id, people.dependenciaId))
    .where(
      and(
        range.from ? gte(cards.createdAt, range.from) : undefined,
        range.to ? lt(cards.createdAt, range.to) : undefined,
      ),
    )
    .groupBy(dependencias.name, cards.state);
}

export interface CardFilter {
  state?: CardState;
  dependenciaId?: string;
  q?: string;
  lanyardPending?: boolean;
  /** Leaves out cards disabled as lost: nobody can ask for those back. */
  recoverable?: boolean;
}

const listColumns = {
  cardId: cards.id,
  state: cards.state,
  code: cards.code,
  validUntil: cards.validUntil,
  printedAt: cards.printedAt,
  updatedAt: cards.updatedAt,
  disabledReason: cards.disabledReason,
  disabledAt: cards.disabledAt,
  lanyard: cards.lanyard,
  misprints: cards.misprints,
  documentType: people.documentType,
  documentNumber: people.documentNumber,
  firstNames: people.firstNames,
  lastNames: people.lastNames,
  dependencia: dependencias.name,
};

export type CardListRow = Awaited<ReturnType<typeof findCards>>[number];

export function findCards(db: Db, filter: CardFilter, limit: number, offset = 0) {
  const q = filter.q?.trim();
  return db
    .select(listColumns)
    .from(cards)
    .innerJoin(people, eq(people.id, cards.personId))
    .leftJoin(dependencias, eq(dependencias.id, people.dependenciaId))
    .where(
      and(
        filter.state ? eq(cards.state, filter.state) : undefined,
        filter.dependenciaId ? eq(people.dependenciaId, filter.dependenciaId) : undefined,
        filter.lanyardPending ? eq(cards.lanyard, "pendiente") : undefined,
        filter.recoverable ? ne(cards.disabledReason, "perdida") : undefined,
        q
          ? or(
              ilike(people.firstNames, `%${q}%`),
              ilike(people.lastNames, `%${q}%`),
              eq(people.documentNumber, q.replace(/\D/g, "")),
            )
          : undefined,
      ),
    )
    .orderBy(asc(dependencias.name), desc(cards.updatedAt))
    .limit(limit)
    .offset(offset);
}
