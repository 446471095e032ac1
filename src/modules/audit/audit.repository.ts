import { and, desc, eq, gte, like, lt, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { people } from "../people/people.table.ts";

export interface AuditFilter {
  actionPrefix?: string;
  personId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

const actor = alias(people, "actor");
const targetPerson = alias(people, "target_person");

export async function searchAudit(db: Db, filter: AuditFilter) {
  const conditions: SQL[] = [];
  if (filter.actionPrefix)
    conditions.push(like(auditLog.action, `${filter.actionPrefix.replace(/[\\%_]/g, "\\$&")}%`));
  if (filter.personId) {
    const byPerson = or(eq(auditLog.actorId, filter.personId), eq(auditLog.targetId, filter.personId));
    if (byPerson) conditions.push(byPerson);
  }
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lt(auditLog.at, filter.to));
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
      ip: auditLog.ip,
      requestId: auditLog.requestId,
      actorFirstNames: actor.firstNames,
      actorLastNames: actor.lastNames,
      targetFirstNames: targetPerson.firstNames,
      targetLastNames: targetPerson.lastNames,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(
      targetPerson,
      and(eq(auditLog.targetType, "person"), eq(sql`${targetPerson.id}::text`, auditLog.targetId)),
    )
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1)
    .offset(filter.offset);
  return { rows: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
}

export type AuditListRow = Awaited<ReturnType<typeof searchAudit>>["rows"][number];
