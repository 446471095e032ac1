// The audit search for administrators: rows shown with Spanish action names, people and cards by name and
// details as readable lines; exported to a spreadsheet. Reading or exporting the audit log is itself audited.
// The core names people and dependencias; each area registers the names of its own records (cards,
// photos, lists…) and its action codes from src/areas.ts (docs/ARCHITECTURE.md, "Areas and core").

import type { Db } from "../../db/client.ts";
import type { AuditRow } from "../../shared/audit.table.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { formatDateTime } from "../../shared/time.ts";
import { type SheetColumn, writeSheet } from "../../shared/xlsx.ts";
import { findPersonByDocument, normalizeDocumentNumber } from "../people/people.service.ts";
import * as repo from "./audit.repository.ts";
import {
  ACTION_LABELS,
  actionLabel,
  describeDetails,
  FIELD_LABELS,
  idsInDetails,
  isUuid,
  VALUE_LABELS,
} from "./audit.rules.ts";
import type { AuditQuery } from "./audit.schemas.ts";

export type { OwnedSubjects } from "./audit.repository.ts";
export { actionLabel } from "./audit.rules.ts";

/** An area's words for the audit log: its action codes, the fields and the values its details use. */
export interface AuditVocabulary {
  actions?: Record<string, string>;
  fields?: Record<string, string>;
  values?: Record<string, string>;
}

export function registerAuditVocabulary(vocabulary: AuditVocabulary): void {
  Object.assign(ACTION_LABELS, vocabulary.actions);
  Object.assign(FIELD_LABELS, vocabulary.fields);
  Object.assign(VALUE_LABELS, vocabulary.values);
}

/** What an area knows about the records that a page of audit rows mentions. */
export interface ResolvedSubjects {
  /** Short names by id, used in the subject and wherever the id appears in the details. */
  names: Iterable<readonly [string, string]>;
  /** People who own those records: the core looks up their names with everyone else's. */
  owners: Iterable<string>;
  /** The «Sobre» line of a row whose target is one of the area's records; undefined if not its type. */
  subject(
    targetType: string,
    targetId: string,
    nameOf: (id: string) => string | undefined,
  ): string | undefined;
}

export interface AuditSubjectResolver {
  /**
   * Looks up, in a few queries, the records among the rows' targets (by type) and the ids the core found
   * in the rows (actors, details), so the page names them instead of showing ids.
   */
  resolve(db: Db, ids: { targets(type: string): string[]; mentioned: string[] }): Promise<ResolvedSubjects>;
}

const resolvers: AuditSubjectResolver[] = [];
const ownedSubjects: repo.OwnedSubjects[] = [];

export function registerAuditSubjects(resolver: AuditSubjectResolver, owned: repo.OwnedSubjects[] = []) {
  if (resolvers.includes(resolver)) return;
  resolvers.push(resolver);
  ownedSubjects.push(...owned);
}

export const AUDIT_PAGE_SIZE = 50;
/** An export holds at most this many rows (newest first); a wider range is narrowed by dates. */
export const AUDIT_EXPORT_LIMIT = 20_000;

/** One audit row as people read it. */
export interface AuditEntryView {
  id: number;
  at: Date;
  action: string;
  actionLabel: string;
  actor: string;
  subject: string;
  details: string[];
  ip: string;
}

type Filter = Omit<repo.AuditFilter, "limit" | "offset">;

/** The query as a filter; undefined when the typed document belongs to nobody. */
async function toFilter(db: Db, query: AuditQuery): Promise<Filter | undefined> {
  let personId: string | undefined;
  if (query.persona) {
    const person = await findPersonByDocument(db, normalizeDocumentNumber(query.persona));
    if (!person) return undefined;
    personId = person.id;
  }
  const accion = query.accion || undefined;
  return {
    // A known code is matched exactly; anything else (a group such as «login») as a prefix.
    ...(accion && ACTION_LABELS[accion] ? { action: accion } : { actionPrefix: accion }),
    personId,
    from: query.desde,
    to: query.hasta ? new Date(query.hasta.getTime() + 86_400_000) : undefined,
  };
}

const personLabel = (p: {
  firstNames: string;
  lastNames: string;
  documentType: string;
  documentNumber: string;
}) => `${p.firstNames} ${p.lastNames} (${p.documentType} ${p.documentNumber})`;

/** Looks up, in a few queries, the names of everyone and everything the rows mention. */
async function presentRows(db: Db, rows: AuditRow[]): Promise<AuditEntryView[]> {
  const targets = (type: string) => [
    ...new Set(
      rows.filter((r) => r.targetType === type && isUuid(r.targetId)).map((r) => r.targetId as string),
    ),
  ];
  const mentioned = new Set<string>([...targets("person"), ...targets("dependencia")]);
  for (const row of rows) {
    if (row.actorId) mentioned.add(row.actorId);
    idsInDetails(row.details, mentioned);
  }
  const inDetails = [...mentioned];
  const resolved = await Promise.all(
    resolvers.map((resolver) => resolver.resolve(db, { targets, mentioned: inDetails })),
  );
  for (const area of resolved) for (const owner of area.owners) mentioned.add(owner);
  const ids = [...mentioned];
  const [peopleRows, dependenciaRows] = await Promise.all([
    repo.findPeopleByIds(db, ids),
    repo.findDependenciasByIds(db, ids),
  ]);
  const names = new Map<string, string>([
    ...peopleRows.map((p) => [p.id, personLabel(p)] as const),
    ...dependenciaRows.map((d) => [d.id, d.name] as const),
  ]);
  for (const area of resolved) for (const [id, name] of area.names) names.set(id, name);
  const nameOf = (id: string) => names.get(id);

  const subjectOf = (row: AuditRow): string => {
    const id = row.targetId ?? "";
    switch (row.targetType) {
      case null:
        return "";
      case "person":
        return names.get(id) ?? "Persona borrada";
      case "dependencia":
        return `Dependencia ${names.get(id) ?? ""}`.trim();
      default: {
        const type = row.targetType;
        for (const area of resolved) {
          const subject = area.subject(type, id, nameOf);
          if (subject !== undefined) return subject;
        }
        return type;
      }
    }
  };

  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    actionLabel: actionLabel(row.action),
    actor: row.actorId ? (names.get(row.actorId) ?? "Persona borrada") : "Sistema o anónimo",
    subject: subjectOf(row),
    details: describeDetails(row.details, (id) => names.get(id), formatDateTime),
    ip: row.ip ?? "",
  }));
}

export async function searchAuditLog(db: Db, at: Date, audit: AuditContext, query: AuditQuery) {
  const filter = await toFilter(db, query);
  if (!filter) return { rows: [], hasMore: false, unknownPerson: true };
  await recordAudit(db, at, audit, {
    action: "audit.searched",
    details: { action: query.accion ?? null, personId: filter.personId ?? null, page: query.pagina },
  });
  const result = await repo.searchAudit(
    db,
    { ...filter, limit: AUDIT_PAGE_SIZE, offset: (query.pagina - 1) * AUDIT_PAGE_SIZE },
    ownedSubjects,
  );
  return { rows: await presentRows(db, result.rows), hasMore: result.hasMore, unknownPerson: false };
}

const EXPORT_COLUMNS: SheetColumn<AuditEntryView>[] = [
  { header: "Fecha y hora (Colombia)", width: 30, value: (r) => formatDateTime(r.at) },
  { header: "Acción", width: 36, value: (r) => r.actionLabel },
  { header: "Código de la acción", width: 24, value: (r) => r.action },
  { header: "Quién", width: 40, value: (r) => r.actor },
  { header: "Sobre", width: 48, value: (r) => r.subject },
  { header: "Detalles", width: 70, value: (r) => r.details.join("\n") },
  { header: "Dirección", width: 18, value: (r) => r.ip },
  { header: "Número de registro", width: 14, value: (r) => r.id },
];

/** The current filter as a spreadsheet (all pages, up to the limit); the export itself is audited. */
export async function exportAuditLog(db: Db, at: Date, audit: AuditContext, query: AuditQuery) {
  const filter = await toFilter(db, query);
  const result = filter
    ? await repo.searchAudit(db, { ...filter, limit: AUDIT_EXPORT_LIMIT, offset: 0 }, ownedSubjects)
    : { rows: [], hasMore: false };
  const rows = await presentRows(db, result.rows);
  await recordAudit(db, at, audit, {
    action: "audit.exported",
    details: {
      action: query.accion ?? null,
      personId: filter?.personId ?? null,
      since: query.desde?.toISOString() ?? null,
      until: query.hasta?.toISOString() ?? null,
      rows: rows.length,
    },
  });
  return { file: await writeSheet("Auditoría", EXPORT_COLUMNS, rows), truncated: result.hasMore };
}
