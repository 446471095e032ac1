import { and, desc, eq, gte, inArray, like, lt, or, type SQL, sql } from "drizzle-orm";
import { campaigns, listSubmissions } from "../../carnetizacion/campaigns/campaigns.table.ts";
import { cards } from "../../carnetizacion/cards/cards.table.ts";
import { photos } from "../../carnetizacion/photos/photos.table.ts";
import type { Db } from "../../db/client.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { dependencias } from "../dependencias/dependencias.table.ts";
import { people } from "../people/people.table.ts";

export interface AuditFilter {
  /** One action code, exactly. */
  action?: string;
  /** Every action starting with this (a group, as «login.»). */
  actionPrefix?: string;
  personId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Rows about a person: what they did, and what was done to them, their cards and their photos. */
function aboutPerson(personId: string): SQL | undefined {
  return or(
    eq(auditLog.actorId, personId),
    and(eq(auditLog.targetType, "person"), eq(auditLog.targetId, personId)),
    and(
      eq(auditLog.targetType, "card"),
      sql`${auditLog.targetId} in (select ${cards.id}::text from ${cards} where ${cards.personId} = ${personId})`,
    ),
    and(
      eq(auditLog.targetType, "photo"),
      sql`${auditLog.targetId} in (select ${photos.id}::text from ${photos} where ${photos.personId} = ${personId})`,
    ),
  );
}

export async function searchAudit(db: Db, filter: AuditFilter) {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.actionPrefix)
    conditions.push(like(auditLog.action, `${filter.actionPrefix.replace(/[\\%_]/g, "\\$&")}%`));
  if (filter.personId) {
    const byPerson = aboutPerson(filter.personId);
    if (byPerson) conditions.push(byPerson);
  }
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lt(auditLog.at, filter.to));
  const rows = await db
    .select()
    .from(auditLog)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1)
    .offset(filter.offset);
  return { rows: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
}

export function findPeopleByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: people.id,
      firstNames: people.firstNames,
      lastNames: people.lastNames,
      documentType: people.documentType,
      documentNumber: people.documentNumber,
    })
    .from(people)
    .where(inArray(people.id, ids));
}

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

export function findDependenciasByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: dependencias.id, name: dependencias.name })
    .from(dependencias)
    .where(inArray(dependencias.id, ids));
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

export type AuditListRow = Awaited<ReturnType<typeof searchAudit>>["rows"][number];
