// The audit search for administrators: rows shown with Spanish action names, people and cards by name and
// details as readable lines; exported to a spreadsheet. Reading or exporting the audit log is itself audited.

import { listTitle } from "../../carnetizacion/lists/lists.columns.ts";
import type { Db } from "../../db/client.ts";
import type { AuditRow } from "../../shared/audit.table.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { formatDateTime } from "../../shared/time.ts";
import { type SheetColumn, writeSheet } from "../../shared/xlsx.ts";
import { findPersonByDocument, normalizeDocumentNumber } from "../people/people.service.ts";
import { ACTION_LABELS, actionLabel } from "./audit.labels.ts";
import * as repo from "./audit.repository.ts";
import { describeDetails, idsInDetails, isUuid } from "./audit.rules.ts";
import type { AuditQuery } from "./audit.schemas.ts";

export { actionLabel } from "./audit.labels.ts";

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
  const [cardRows, photoRows, submissionRows, campaignRows] = await Promise.all([
    repo.findCardsByIds(db, [...targets("card"), ...inDetails]),
    repo.findPhotosByIds(db, targets("photo")),
    repo.findSubmissionsByIds(db, [...targets("submission"), ...inDetails]),
    repo.findCampaignsByIds(db, inDetails),
  ]);
  for (const owned of [...cardRows, ...photoRows]) mentioned.add(owned.personId);
  const ids = [...mentioned];
  const [peopleRows, dependenciaRows] = await Promise.all([
    repo.findPeopleByIds(db, ids),
    repo.findDependenciasByIds(db, ids),
  ]);
  const names = new Map<string, string>([
    ...peopleRows.map((p) => [p.id, personLabel(p)] as const),
    ...dependenciaRows.map((d) => [d.id, d.name] as const),
    ...campaignRows.map((c) => [c.id, `«${c.name}»`] as const),
    ...cardRows.map((c) => [c.id, `carnet ${c.code ?? "sin imprimir"}`] as const),
    ...submissionRows.map((s) => [s.id, `«${listTitle(s.kind)}» de ${s.dependencia}`] as const),
  ]);
  const owner = (personId: string) => names.get(personId) ?? "una persona borrada";
  const cardsById = new Map(cardRows.map((c) => [c.id, c]));
  const photosById = new Map(photoRows.map((p) => [p.id, p]));
  const submissionsById = new Map(submissionRows.map((s) => [s.id, s]));

  const subjectOf = (row: AuditRow): string => {
    const id = row.targetId ?? "";
    switch (row.targetType) {
      case null:
        return "";
      case "person":
        return names.get(id) ?? "Persona borrada";
      case "card": {
        const card = cardsById.get(id);
        if (!card) return "Carnet";
        return `Carnet ${card.code ?? "sin imprimir"} de ${owner(card.personId)}`;
      }
      case "photo": {
        const photo = photosById.get(id);
        return photo ? `Foto de ${owner(photo.personId)}` : "Foto";
      }
      case "dependencia":
        return `Dependencia ${names.get(id) ?? ""}`.trim();
      case "submission": {
        const submission = submissionsById.get(id);
        return submission ? `Lista «${listTitle(submission.kind)}» de ${submission.dependencia}` : "Lista";
      }
      default:
        return row.targetType;
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
  const result = await repo.searchAudit(db, {
    ...filter,
    limit: AUDIT_PAGE_SIZE,
    offset: (query.pagina - 1) * AUDIT_PAGE_SIZE,
  });
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
    ? await repo.searchAudit(db, { ...filter, limit: AUDIT_EXPORT_LIMIT, offset: 0 })
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
