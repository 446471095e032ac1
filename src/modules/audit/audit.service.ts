// The audit search for administrators. Reading the audit log is itself audited.
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { findPersonByDocument, normalizeDocumentNumber } from "../people/people.service.ts";
import { searchAudit } from "./audit.repository.ts";
import type { AuditQuery } from "./audit.schemas.ts";

export const AUDIT_PAGE_SIZE = 100;

export async function searchAuditLog(db: Db, at: Date, audit: AuditContext, query: AuditQuery) {
  let personId: string | undefined;
  if (query.persona) {
    const person = await findPersonByDocument(db, normalizeDocumentNumber(query.persona));
    if (!person) return { rows: [], hasMore: false, unknownPerson: true };
    personId = person.id;
  }
  await recordAudit(db, at, audit, {
    action: "audit.searched",
    details: { action: query.accion ?? null, personId: personId ?? null, page: query.pagina },
  });
  const result = await searchAudit(db, {
    actionPrefix: query.accion || undefined,
    personId,
    from: query.desde,
    to: query.hasta ? new Date(query.hasta.getTime() + 86_400_000) : undefined,
    limit: AUDIT_PAGE_SIZE,
    offset: (query.pagina - 1) * AUDIT_PAGE_SIZE,
  });
  return { ...result, unknownPerson: false };
}
