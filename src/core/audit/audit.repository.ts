import { and, desc, eq, gte, inArray, like, lt, or, type SQL, sql } from "drizzle-orm";
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

/**
 * The records of one kind that belong to a person, as a subquery of their ids as text (an area's cards,
 * photos…), so a search by person also finds what was done to them.
 */
export interface OwnedSubjects {
  targetType: string;
  idsOwnedBy(personId: string): SQL;
}

/** Rows about a person: what they did, what was done to them and to the records they own. */
function aboutPerson(personId: string, owned: readonly OwnedSubjects[]): SQL | undefined {
  return or(
    eq(auditLog.actorId, personId),
    and(eq(auditLog.targetType, "person"), eq(auditLog.targetId, personId)),
    ...owned.map((kind) =>
      and(
        eq(auditLog.targetType, kind.targetType),
        sql`${auditLog.targetId} in (${kind.idsOwnedBy(personId)})`,
      ),
    ),
  );
}

export async function searchAudit(db: Db, filter: AuditFilter, owned: readonly OwnedSubjects[] = []) {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.actionPrefix)
    conditions.push(like(auditLog.action, `${filter.actionPrefix.replace(/[\\%_]/g, "\\$&")}%`));
  if (filter.personId) {
    const byPerson = aboutPerson(filter.personId, owned);
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

export function findDependenciasByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: dependencias.id, name: dependencias.name })
    .from(dependencias)
    .where(inArray(dependencias.id, ids));
}

export type AuditListRow = Awaited<ReturnType<typeof searchAudit>>["rows"][number];
