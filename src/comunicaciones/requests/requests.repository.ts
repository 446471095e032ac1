// Queries of communication requests: the rows, their events, the people they name, the requester's and the
// reviewers' lists, and the audience candidates (people joined with their dependencia).
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { commConsultations } from "../consultations/consultations.table.ts";
import type { RequestState } from "./requests.rules.ts";
import {
  type CommAttachment,
  type CommRequest,
  commAttachments,
  commListEntries,
  commRequestEvents,
  commRequests,
  type NewCommRequest,
} from "./requests.table.ts";

export async function findRequest(db: Db, id: string): Promise<CommRequest | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(commRequests).where(eq(commRequests.id, id));
  return row;
}

export async function insertRequest(db: Db, values: NewCommRequest): Promise<CommRequest> {
  const [row] = await db.insert(commRequests).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/**
 * Changes the request only if it is still in one of `from` (and at `rowVersion` when given): two people
 * acting at once cannot both win. Undefined when the row moved meanwhile.
 */
export async function updateRequestIf(
  db: Db,
  id: string,
  from: readonly RequestState[],
  rowVersion: number | undefined,
  set: Partial<NewCommRequest>,
): Promise<CommRequest | undefined> {
  const [row] = await db
    .update(commRequests)
    .set({ ...set, rowVersion: sql`${commRequests.rowVersion} + 1` })
    .where(
      and(
        eq(commRequests.id, id),
        inArray(commRequests.state, [...from]),
        rowVersion === undefined ? undefined : eq(commRequests.rowVersion, rowVersion),
      ),
    )
    .returning();
  return row;
}

export async function insertEvent(db: Db, values: typeof commRequestEvents.$inferInsert) {
  const [row] = await db.insert(commRequestEvents).values(values).returning({ id: commRequestEvents.id });
  return row?.id;
}

const actor = alias(people, "actor");

export function listEvents(db: Db, requestId: string) {
  return db
    .select({
      event: commRequestEvents,
      actorName: sql<string | null>`${actor.firstNames} || ' ' || ${actor.lastNames}`,
    })
    .from(commRequestEvents)
    .leftJoin(actor, eq(actor.id, commRequestEvents.actorId))
    .where(eq(commRequestEvents.requestId, requestId))
    .orderBy(asc(commRequestEvents.id));
}

const requester = alias(people, "requester");

/** The columns every list shows: the request, its dependencia and who asked. */
const listColumns = {
  request: commRequests,
  dependenciaName: dependencias.name,
  requesterName: sql<string>`${requester.firstNames} || ' ' || ${requester.lastNames}`,
};

export function listOfRequesters(db: Db, personId: string, dependenciaId: string | null) {
  return db
    .select(listColumns)
    .from(commRequests)
    .innerJoin(dependencias, eq(dependencias.id, commRequests.dependenciaId))
    .innerJoin(requester, eq(requester.id, commRequests.requestedBy))
    .where(
      dependenciaId
        ? sql`(${commRequests.requestedBy} = ${personId} OR ${commRequests.dependenciaId} = ${dependenciaId})`
        : eq(commRequests.requestedBy, personId),
    )
    .orderBy(desc(commRequests.createdAt))
    .limit(200);
}

/** Requests in the given states; those in `finished` only when they changed since `since`. */
export function listInStates(
  db: Db,
  states: readonly RequestState[],
  finished: { states: readonly RequestState[]; since: Date } = { states: [], since: new Date(0) },
) {
  const open = inArray(commRequests.state, [...states]);
  const recent =
    finished.states.length > 0
      ? and(inArray(commRequests.state, [...finished.states]), gte(commRequests.updatedAt, finished.since))
      : undefined;
  return db
    .select(listColumns)
    .from(commRequests)
    .innerJoin(dependencias, eq(dependencias.id, commRequests.dependenciaId))
    .innerJoin(requester, eq(requester.id, commRequests.requestedBy))
    .where(recent ? or(open, recent) : open)
    .orderBy(asc(commRequests.createdAt))
    .limit(500);
}

export async function findHeader(db: Db, request: CommRequest) {
  const [row] = await db
    .select({
      dependenciaName: dependencias.name,
      requesterName: sql<string>`${requester.firstNames} || ' ' || ${requester.lastNames}`,
    })
    .from(commRequests)
    .innerJoin(dependencias, eq(dependencias.id, commRequests.dependenciaId))
    .innerJoin(requester, eq(requester.id, commRequests.requestedBy))
    .where(eq(commRequests.id, request.id));
  return row;
}

/** An answered consultation (any office) on this content version of the request. */
export async function hasAnsweredConsultation(db: Db, requestId: string, contentVersion: number) {
  const [row] = await db
    .select({ id: commConsultations.id })
    .from(commConsultations)
    .where(
      and(
        eq(commConsultations.requestId, requestId),
        eq(commConsultations.contentVersion, contentVersion),
        isNotNull(commConsultations.answeredAt),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export interface AudienceFilter {
  kind: "todos" | "filtro" | "persona";
  dependenciaIds: string[];
  vinculacion: "planta" | "ops" | null;
  personId: string | null;
}

/** Active people the audience names, with what the template and the address check need. */
export function audienceCandidates(db: Db, filter: AudienceFilter) {
  const conditions = [eq(people.status, "activo")];
  if (filter.kind === "persona") conditions.push(eq(people.id, filter.personId ?? ""));
  if (filter.kind === "filtro" && filter.dependenciaIds.length > 0)
    conditions.push(inArray(people.dependenciaId, filter.dependenciaIds));
  if (filter.kind === "filtro" && filter.vinculacion)
    conditions.push(eq(people.vinculacion, filter.vinculacion));
  return db
    .select({
      personId: people.id,
      email: people.email,
      firstNames: people.firstNames,
      lastNames: people.lastNames,
      position: people.position,
      dependenciaName: dependencias.name,
    })
    .from(people)
    .leftJoin(dependencias, eq(dependencias.id, people.dependenciaId))
    .where(and(...conditions))
    .orderBy(asc(people.lastNames), asc(people.id));
}

export async function findPersonName(db: Db, id: string | null) {
  if (!id) return undefined;
  const [row] = await db
    .select({ firstNames: people.firstNames, lastNames: people.lastNames, email: people.email })
    .from(people)
    .where(eq(people.id, id));
  return row;
}

/** The offices with a consultation on this request (any version): they may read it while it is not sensitive. */
export async function consultedOffices(db: Db, requestId: string) {
  const rows = await db
    .selectDistinct({ office: commConsultations.office })
    .from(commConsultations)
    .where(eq(commConsultations.requestId, requestId));
  return rows.map((row) => row.office);
}

/** A list replaces the previous one of the request, in chunks (a list may hold 10,000 lines). */
export async function replaceListEntries(
  db: Db,
  requestId: string,
  lines: readonly Omit<typeof commListEntries.$inferInsert, "requestId">[],
) {
  await db.delete(commListEntries).where(eq(commListEntries.requestId, requestId));
  for (let at = 0; at < lines.length; at += 500)
    await db
      .insert(commListEntries)
      .values(lines.slice(at, at + 500).map((line) => ({ ...line, requestId })));
}

/** The list's lines, each matched to a person by address (for the name, dependencia and position). */
export function listEntriesWithPeople(db: Db, requestId: string) {
  return db
    .select({
      entry: commListEntries,
      personId: people.id,
      firstNames: people.firstNames,
      lastNames: people.lastNames,
      position: people.position,
      personDependencia: dependencias.name,
    })
    .from(commListEntries)
    .leftJoin(
      people,
      and(sql`lower(${people.email}) = ${commListEntries.email}`, eq(people.status, "activo")),
    )
    .leftJoin(dependencias, eq(dependencias.id, people.dependenciaId))
    .where(eq(commListEntries.requestId, requestId))
    .orderBy(asc(commListEntries.position));
}

export async function insertAttachments(db: Db, rows: (typeof commAttachments.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return db.insert(commAttachments).values(rows).returning();
}

export function listAttachments(db: Db, requestId: string): Promise<CommAttachment[]> {
  return db
    .select()
    .from(commAttachments)
    .where(and(eq(commAttachments.requestId, requestId), isNull(commAttachments.removedAt)))
    .orderBy(asc(commAttachments.createdAt), asc(commAttachments.fileName));
}

export async function findAttachment(db: Db, requestId: string, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(commAttachments)
    .where(
      and(
        eq(commAttachments.id, id),
        eq(commAttachments.requestId, requestId),
        isNull(commAttachments.removedAt),
      ),
    );
  return row;
}

export async function markAttachmentsRemoved(db: Db, requestId: string, ids: readonly string[], at: Date) {
  if (ids.length === 0) return [];
  return db
    .update(commAttachments)
    .set({ removedAt: at })
    .where(
      and(
        eq(commAttachments.requestId, requestId),
        inArray(commAttachments.id, [...ids]),
        isNull(commAttachments.removedAt),
      ),
    )
    .returning();
}

const asker = alias(people, "asker");
const answerer = alias(people, "answerer");

/** The request's consultations, oldest first, with who asked and who answered. */
export function listConsultations(db: Db, requestId: string) {
  return db
    .select({
      consultation: commConsultations,
      askedByName: sql<string>`${asker.firstNames} || ' ' || ${asker.lastNames}`,
      answeredByName: sql<string | null>`${answerer.firstNames} || ' ' || ${answerer.lastNames}`,
    })
    .from(commConsultations)
    .innerJoin(asker, eq(asker.id, commConsultations.askedBy))
    .leftJoin(answerer, eq(answerer.id, commConsultations.answeredBy))
    .where(eq(commConsultations.requestId, requestId))
    .orderBy(asc(commConsultations.askedAt));
}
