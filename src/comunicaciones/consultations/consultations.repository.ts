// Queries of consultations: insert, the inbox of an office, one consultation, and its answer (only once).
import { and, desc, eq, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people, personRoles } from "../../core/people/people.table.ts";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { commRequests } from "../requests/requests.table.ts";
import { type CommConsultation, commConsultations } from "./consultations.table.ts";

export async function insertConsultation(db: Db, values: typeof commConsultations.$inferInsert) {
  const [row] = await db.insert(commConsultations).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findConsultation(db: Db, id: string): Promise<CommConsultation | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(commConsultations).where(eq(commConsultations.id, id));
  return row;
}

/** Sets the answer only while there is none: two people answering at once cannot both win. */
export async function answerIfOpen(
  db: Db,
  id: string,
  set: Pick<CommConsultation, "answeredBy" | "answeredAt" | "opinion" | "answer">,
) {
  const [row] = await db
    .update(commConsultations)
    .set(set)
    .where(and(eq(commConsultations.id, id), isNull(commConsultations.answeredAt)))
    .returning();
  return row;
}

const asker = alias(people, "asker");

/** An office's consultations, open first then the latest answered, with their request's header. */
export function listForOffices(db: Db, offices: readonly CommConsultation["office"][]) {
  return (
    db
      .select({
        consultation: commConsultations,
        request: {
          id: commRequests.id,
          number: commRequests.number,
          createdAt: commRequests.createdAt,
          subject: commRequests.subject,
          classification: commRequests.classification,
          state: commRequests.state,
          contentVersion: commRequests.contentVersion,
        },
        dependenciaName: dependencias.name,
        askedByName: sql<string>`${asker.firstNames} || ' ' || ${asker.lastNames}`,
      })
      .from(commConsultations)
      .innerJoin(commRequests, eq(commRequests.id, commConsultations.requestId))
      .innerJoin(dependencias, eq(dependencias.id, commRequests.dependenciaId))
      .innerJoin(asker, eq(asker.id, commConsultations.askedBy))
      // A sensitive notice is never consulted; should a row exist, its subject stays out of the inbox.
      .where(
        and(inArray(commConsultations.office, [...offices]), ne(commRequests.classification, "sensible")),
      )
      .orderBy(sql`${commConsultations.answeredAt} IS NOT NULL`, desc(commConsultations.askedAt))
      .limit(300)
  );
}

/** Active holders of a role who have an address (an office's notice). */
export function roleHolders(db: Db, role: string) {
  return db
    .select({ id: people.id, email: people.email, firstNames: people.firstNames })
    .from(people)
    .innerJoin(personRoles, eq(personRoles.personId, people.id))
    .where(and(eq(personRoles.role, role), eq(people.status, "activo"), isNotNull(people.email)));
}

export async function findPersonEmail(db: Db, id: string | null) {
  if (!id) return undefined;
  const [row] = await db
    .select({ id: people.id, email: people.email, firstNames: people.firstNames })
    .from(people)
    .where(eq(people.id, id));
  return row;
}
