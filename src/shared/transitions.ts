// Recording state changes of cards and photos, with the audit row in the same transaction.
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { type AuditContext, recordAudit, recordAuditMany } from "./audit.ts";
import { stateTransitions } from "./transitions.table.ts";

export interface TransitionRecord {
  subjectType: "card" | "photo";
  subjectId: string;
  from: string | null;
  to: string;
  reason?: string | null;
  details?: Record<string, unknown>;
}

export async function recordTransition(db: Db, at: Date, audit: AuditContext, t: TransitionRecord) {
  await db.insert(stateTransitions).values({
    subjectType: t.subjectType,
    subjectId: t.subjectId,
    fromState: t.from,
    toState: t.to,
    actorId: audit.actorId,
    reason: t.reason ?? null,
    at,
  });
  await recordAudit(db, at, audit, {
    action: `${t.subjectType}.${t.to}`,
    targetType: t.subjectType,
    targetId: t.subjectId,
    details: { from: t.from, to: t.to, ...(t.reason ? { reason: t.reason } : {}), ...t.details },
  });
}

/** Many first moves at once (new card requests from a list), each with its audit row. */
export async function recordTransitions(db: Db, at: Date, audit: AuditContext, records: TransitionRecord[]) {
  for (let i = 0; i < records.length; i += 500)
    await db.insert(stateTransitions).values(
      records.slice(i, i + 500).map((t) => ({
        subjectType: t.subjectType,
        subjectId: t.subjectId,
        fromState: t.from,
        toState: t.to,
        actorId: audit.actorId,
        reason: t.reason ?? null,
        at,
      })),
    );
  await recordAuditMany(
    db,
    at,
    audit,
    records.map((t) => ({
      action: `${t.subjectType}.${t.to}`,
      targetType: t.subjectType,
      targetId: t.subjectId,
      details: { from: t.from, to: t.to, ...(t.reason ? { reason: t.reason } : {}), ...t.details },
    })),
  );
}

export function findTransitions(db: Db, subjectType: "card" | "photo", subjectId: string) {
  return db
    .select()
    .from(stateTransitions)
    .where(and(eq(stateTransitions.subjectType, subjectType), eq(stateTransitions.subjectId, subjectId)))
    .orderBy(asc(stateTransitions.id));
}
