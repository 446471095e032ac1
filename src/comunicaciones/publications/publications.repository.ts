// Queries of publication requests: the rows, a dependencia's list, SSI's queue, conditional state changes.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { documents } from "../library/library.table.ts";
import type { PubState } from "./publications.rules.ts";
import { type PubRequest, pubRequests } from "./publications.table.ts";

export async function insertPubRequest(db: Db, values: typeof pubRequests.$inferInsert): Promise<PubRequest> {
  const [row] = await db.insert(pubRequests).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function findPubRequest(db: Db, id: string): Promise<PubRequest | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(pubRequests).where(eq(pubRequests.id, id));
  return row;
}

/** Changes the request only if it is still `from` (and at `rowVersion` when given); undefined otherwise. */
export async function updatePubRequestIf(
  db: Db,
  id: string,
  from: PubState,
  rowVersion: number | undefined,
  set: Partial<typeof pubRequests.$inferInsert>,
): Promise<PubRequest | undefined> {
  const [row] = await db
    .update(pubRequests)
    .set({ ...set, rowVersion: sql`${pubRequests.rowVersion} + 1` })
    .where(
      and(
        eq(pubRequests.id, id),
        eq(pubRequests.state, from),
        rowVersion === undefined ? undefined : eq(pubRequests.rowVersion, rowVersion),
      ),
    )
    .returning();
  return row;
}

const listColumns = {
  request: pubRequests,
  dependenciaName: dependencias.name,
  requesterName: sql<string>`${people.firstNames} || ' ' || ${people.lastNames}`,
  slug: documents.slug,
};

function baseList(db: Db) {
  return db
    .select(listColumns)
    .from(pubRequests)
    .innerJoin(dependencias, eq(dependencias.id, pubRequests.dependenciaId))
    .innerJoin(people, eq(people.id, pubRequests.requestedBy))
    .leftJoin(documents, eq(documents.id, pubRequests.documentId));
}

/** The requester's own requests and those of their dependencia. */
export function listOfRequester(db: Db, personId: string, dependenciaId: string | null) {
  return baseList(db)
    .where(
      dependenciaId
        ? sql`(${pubRequests.requestedBy} = ${personId} OR ${pubRequests.dependenciaId} = ${dependenciaId})`
        : eq(pubRequests.requestedBy, personId),
    )
    .orderBy(desc(pubRequests.createdAt))
    .limit(200);
}

/** SSI's queue: the requests in these states, oldest first. */
export function listInStates(db: Db, states: readonly PubState[], limit: number) {
  return baseList(db)
    .where(inArray(pubRequests.state, [...states]))
    .orderBy(asc(pubRequests.createdAt))
    .limit(limit);
}
export type PubListRow = Awaited<ReturnType<typeof listInStates>>[number];

export async function findOne(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await baseList(db).where(eq(pubRequests.id, id));
  return row;
}

export async function findRequester(db: Db, id: string) {
  const [row] = await db
    .select({ firstNames: people.firstNames, email: people.email })
    .from(people)
    .where(eq(people.id, id));
  return row;
}

export async function dependenciaName(db: Db, id: string) {
  const [row] = await db
    .select({ name: dependencias.name })
    .from(dependencias)
    .where(eq(dependencias.id, id));
  return row?.name;
}

export function pubRequestCodes(db: Db, ids: string[]) {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: pubRequests.id,
      number: pubRequests.number,
      createdAt: pubRequests.createdAt,
      title: pubRequests.title,
    })
    .from(pubRequests)
    .where(inArray(pubRequests.id, valid));
}
