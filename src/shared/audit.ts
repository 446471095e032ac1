// The audit trail: who did what, when and from where. Written in the same transaction as the change.
import type { Db } from "../db/client.ts";
import { auditLog } from "./audit.table.ts";

export interface AuditContext {
  actorId: string | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

export const systemAuditContext: AuditContext = { actorId: null, ip: null, requestId: null };

export async function recordAudit(db: Db, at: Date, context: AuditContext, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    at,
    actorId: context.actorId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
    ip: context.ip,
    requestId: context.requestId,
  });
}

/** Shows only the last digits of a document number, for audit rows about unknown accounts. */
export function maskDocument(documentNumber: string): string {
  const digits = documentNumber.replace(/\D/g, "");
  return digits.length <= 3 ? "***" : `***${digits.slice(-3)}`;
}

/** Many audit rows at once (a list of hundreds of people), in batches of one statement each. */
export async function recordAuditMany(db: Db, at: Date, context: AuditContext, entries: AuditEntry[]) {
  for (let i = 0; i < entries.length; i += 500)
    await db.insert(auditLog).values(
      entries.slice(i, i + 500).map((entry) => ({
        at,
        actorId: context.actorId,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        details: entry.details ?? {},
        ip: context.ip,
        requestId: context.requestId,
      })),
    );
}
