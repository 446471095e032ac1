// Comunicaciones' records about one person, read for their own «Mis datos» download. Every query is keyed
// by that person's id: nothing here takes an id from the request.
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { pubRequests } from "./publications/publications.table.ts";
import { commRequestEvents, commRequests } from "./requests/requests.table.ts";
import { commDeliveries } from "./sending/sending.table.ts";

/** The communication requests the person filed. */
export function findOwnRequests(db: Db, personId: string) {
  return db
    .select()
    .from(commRequests)
    .where(eq(commRequests.requestedBy, personId))
    .orderBy(asc(commRequests.createdAt));
}

/** The steps of those requests, oldest first. */
export function findEvents(db: Db, requestIds: string[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(commRequestEvents)
    .where(inArray(commRequestEvents.requestId, requestIds))
    .orderBy(asc(commRequestEvents.id));
}

/** Every message addressed to the person, with the request it belongs to. */
export function findMessagesTo(db: Db, personId: string) {
  return db
    .select({
      requestId: commRequests.id,
      number: commRequests.number,
      requestCreatedAt: commRequests.createdAt,
      subject: commRequests.subject,
      classification: commRequests.classification,
      email: commDeliveries.email,
      state: commDeliveries.state,
      dropReason: commDeliveries.dropReason,
      sentAt: commDeliveries.sentAt,
    })
    .from(commDeliveries)
    .innerJoin(commRequests, eq(commRequests.id, commDeliveries.requestId))
    .where(eq(commDeliveries.personId, personId))
    .orderBy(asc(commDeliveries.createdAt));
}

/** Individual notices about the person not sent yet (their existence is theirs to know). */
export function findNoticesAbout(db: Db, personId: string) {
  return db
    .select()
    .from(commRequests)
    .where(eq(commRequests.audiencePersonId, personId))
    .orderBy(asc(commRequests.createdAt));
}

/** The publication requests the person filed. */
export function findOwnPublicationRequests(db: Db, personId: string) {
  return db
    .select()
    .from(pubRequests)
    .where(eq(pubRequests.requestedBy, personId))
    .orderBy(asc(pubRequests.createdAt));
}
