// Carnetización's records about one person, read for their own «Mis datos» download. Every query is keyed
// by that person's id or document number: nothing here takes an id from the request.
import { asc, eq, sql } from "drizzle-orm";
import { dependencias } from "../core/dependencias/dependencias.table.ts";
import type { Db } from "../db/client.ts";
import { campaigns, listSubmissions } from "./campaigns/campaigns.table.ts";
import { cards } from "./cards/cards.table.ts";
import { photos } from "./photos/photos.table.ts";

export function findCards(db: Db, personId: string) {
  return db.select().from(cards).where(eq(cards.personId, personId)).orderBy(asc(cards.createdAt));
}

export function findPhotos(db: Db, personId: string) {
  return db.select().from(photos).where(eq(photos.personId, personId)).orderBy(asc(photos.createdAt));
}

/** Lists sent by dependencias with a row naming this document number. */
export function findSubmissionsNaming(db: Db, documentNumber: string) {
  const pattern = JSON.stringify([{ values: { documentNumber } }]);
  return db
    .select({
      id: listSubmissions.id,
      kind: listSubmissions.kind,
      state: listSubmissions.state,
      rows: listSubmissions.rows,
      createdAt: listSubmissions.createdAt,
      appliedAt: listSubmissions.appliedAt,
      campaign: campaigns.name,
      dependencia: dependencias.name,
    })
    .from(listSubmissions)
    .innerJoin(campaigns, eq(campaigns.id, listSubmissions.campaignId))
    .innerJoin(dependencias, eq(dependencias.id, listSubmissions.dependenciaId))
    .where(sql`${listSubmissions.rows} @> ${pattern}::jsonb`)
    .orderBy(asc(listSubmissions.createdAt));
}
