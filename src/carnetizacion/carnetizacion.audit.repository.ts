// The area's records as the audit log names them: a few lookups by id, and the subqueries that tie a card
// or a photo to its owner so the core's search by person also finds what was done to them.
import { eq, inArray, type SQL, sql } from "drizzle-orm";
import { dependencias } from "../core/dependencias/dependencias.table.ts";
import type { Db } from "../db/client.ts";
import { campaigns, listSubmissions } from "./campaigns/campaigns.table.ts";
import { cards } from "./cards/cards.table.ts";
import { photos } from "./photos/photos.table.ts";

export function findCardsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: cards.id, code: cards.code, personId: cards.personId })
    .from(cards)
    .where(inArray(cards.id, ids));
}

export function findPhotosByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select({ id: photos.id, personId: photos.personId }).from(photos).where(inArray(photos.id, ids));
}

export function findSubmissionsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: listSubmissions.id, kind: listSubmissions.kind, dependencia: dependencias.name })
    .from(listSubmissions)
    .innerJoin(dependencias, eq(dependencias.id, listSubmissions.dependenciaId))
    .where(inArray(listSubmissions.id, ids));
}

export function findCampaignsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: campaigns.id, name: campaigns.name })
    .from(campaigns)
    .where(inArray(campaigns.id, ids));
}

export const cardIdsOwnedBy = (personId: string): SQL =>
  sql`select ${cards.id}::text from ${cards} where ${cards.personId} = ${personId}`;

export const photoIdsOwnedBy = (personId: string): SQL =>
  sql`select ${photos.id}::text from ${photos} where ${photos.personId} = ${personId}`;
