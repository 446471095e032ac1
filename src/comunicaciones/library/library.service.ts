// The documents library: circulars, resoluciones, actos administrativos and plans, each at a stable address
// (/documentos/circular-004-2021). Anyone reads the public ones; signed-in servants also the internal ones;
// a withdrawn document leaves the lists and its address says why. SSI publishes, either from its own form
// or from a dependencia's publication request (publications.service.ts calls publishDocument in its own
// transaction, reusing the stored file). Files are checked by content before anything is kept.
import { createHash, randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { Db } from "../../db/client.ts";
import type { Deps } from "../../deps.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import { AppError, conflict, forbidden, isUniqueViolation, notFound } from "../../shared/errors.ts";
import { checkUploadedFile, cleanFileName, type FileKind } from "../../shared/files/checks.ts";
import * as repo from "./library.repository.ts";
import {
  canonicalNumber,
  DOC_TYPE_LABELS,
  DOC_TYPE_PLURALS,
  DOC_TYPES,
  type DocType,
  documentLabel,
  PAGE_SIZE,
  searchTextOf,
  slugFor,
  type Visibility,
} from "./library.rules.ts";
import type { DocumentForm, ListQuery } from "./library.schemas.ts";
import type { LibraryDocument } from "./library.table.ts";

export type { DocumentListRow } from "./library.repository.ts";
export type { LibraryDocument } from "./library.table.ts";

export type LibraryDeps = Pick<Deps, "database" | "storage" | "config" | "clock">;

/** What a published document may be: PDF, Word or LibreOffice text (GTI-F-020). */
export const DOCUMENT_FILE_KINDS: readonly FileKind[] = ["pdf", "docx", "odt"];
export const DOCUMENT_FILE_ACCEPT =
  ".pdf,.docx,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text";
const DOCUMENT_FILE_TEXT = "PDF, Word (.docx) o LibreOffice (.odt)";

export const isPublisher = (user: Pick<CurrentUser, "roles">) => user.roles.includes("operador_ssi");
function requirePublisher(user: CurrentUser) {
  if (!isPublisher(user))
    throw forbidden("Solo la Subsecretaría de Sistemas de Información publica documentos.");
}

export interface Upload {
  fileName: string;
  bytes: Buffer;
}
export interface CheckedFile {
  fileName: string;
  kind: FileKind;
  contentType: string;
  bytes: Buffer;
  size: number;
  sha256: string;
}

/**
 * Checks a document's file by content (type, macros, scripts, renamed programs, size). A refusal is audited
 * and thrown as a 422 with the check's Spanish message; nothing is stored.
 */
export async function checkDocumentFile(
  deps: LibraryDeps,
  audit: AuditContext,
  upload: Upload | undefined,
  refusal: { action: string; targetType: string },
): Promise<CheckedFile> {
  if (!upload || upload.bytes.length === 0)
    throw new AppError(
      "library.file_missing",
      422,
      "Elija el archivo del documento (PDF, Word o LibreOffice).",
    );
  const check = await checkUploadedFile(upload.fileName, upload.bytes, deps.config.evidence.maxFileBytes, {
    allowed: DOCUMENT_FILE_KINDS,
    allowedText: DOCUMENT_FILE_TEXT,
  });
  if (!check.ok) {
    await recordAudit(deps.database.db, deps.clock.now(), audit, {
      action: refusal.action,
      targetType: refusal.targetType,
      details: { reason: check.reason, fileName: cleanFileName(upload.fileName), size: upload.bytes.length },
    });
    throw new AppError("library.file_refused", 422, check.message);
  }
  return {
    fileName: check.fileName,
    kind: check.kind,
    contentType: check.contentType,
    bytes: upload.bytes,
    size: upload.bytes.length,
    sha256: createHash("sha256").update(upload.bytes).digest("hex"),
  };
}

const duplicate = (type: DocType, number: string, year: number, slug: string) =>
  conflict(
    "library.duplicate",
    `La ${documentLabel(type, number, year)} ya está en la biblioteca (/documentos/${slug}). Si es otro documento, revise el tipo, el número o el año.`,
  );

/** Refuses (409) a document whose type, year and number are already published. */
export async function ensureNotPublished(db: Db, type: DocType, number: string, year: number) {
  const canonical = canonicalNumber(number);
  const slug = slugFor(type, canonical, year);
  const existing =
    (await repo.findByIdentity(db, type, year, canonical)) ?? (await repo.findDocumentBySlug(db, slug));
  if (existing) throw duplicate(type, canonical, year, existing.slug);
}

export interface PublishInput {
  docType: DocType;
  number: string;
  issuedOn: string;
  issuingOffice: string;
  issuingDependenciaId: string | null;
  title: string;
  subject: string;
  section: string | null;
  visibility: Visibility;
  file: { fileName: string; contentType: string; size: number; sha256: string; storageKey: string };
}

/** The library's row for a file already stored, in the caller's transaction; 409 if it exists already. */
export async function publishDocument(
  db: Db,
  now: Date,
  audit: AuditContext,
  input: PublishInput,
): Promise<LibraryDocument> {
  const year = Number(input.issuedOn.slice(0, 4));
  const number = canonicalNumber(input.number);
  await ensureNotPublished(db, input.docType, number, year);
  const slug = slugFor(input.docType, number, year);
  let document: LibraryDocument;
  try {
    document = await repo.insertDocument(db, {
      slug,
      docType: input.docType,
      number,
      year,
      issuedOn: input.issuedOn,
      issuingOffice: input.issuingOffice,
      issuingDependenciaId: input.issuingDependenciaId,
      title: input.title,
      subject: input.subject,
      section: input.section,
      visibility: input.visibility,
      ...input.file,
      searchText: searchTextOf({ ...input, number, year }),
      publishedBy: audit.actorId,
      publishedAt: now,
      createdAt: now,
      updatedAt: now,
    });
  } catch (error) {
    // Two publishers at once: the unique identity decides.
    if (isUniqueViolation(error)) throw duplicate(input.docType, number, year, slug);
    throw error;
  }
  await recordAudit(db, now, audit, {
    action: "document.published",
    targetType: "document",
    targetId: document.id,
    details: { document: documentLabel(document.docType, number, year), slug, visibility: input.visibility },
  });
  return document;
}

/** SSI's own upload form: the file is checked and stored, then the row written; nothing kept on a refusal. */
export async function createDocument(
  deps: LibraryDeps,
  audit: AuditContext,
  user: CurrentUser,
  form: DocumentForm,
  upload: Upload | undefined,
): Promise<LibraryDocument> {
  requirePublisher(user);
  const db = deps.database.db;
  await ensureNotPublished(db, form.docType, form.number, Number(form.issuedOn.slice(0, 4)));
  const file = await checkDocumentFile(deps, audit, upload, {
    action: "document.refused",
    targetType: "document",
  });
  const storageKey = `comunicaciones/documentos/${randomUUID()}.${file.kind}`;
  await deps.storage.put(storageKey, file.bytes, { contentType: file.contentType });
  try {
    return await db.transaction((tx) =>
      publishDocument(tx, deps.clock.now(), audit, {
        ...form,
        issuingDependenciaId: null,
        file: {
          fileName: file.fileName,
          contentType: file.contentType,
          size: file.size,
          sha256: file.sha256,
          storageKey,
        },
      }),
    );
  } catch (error) {
    await deps.storage.delete(storageKey).catch(() => {});
    throw error;
  }
}

export async function withdrawDocument(
  db: Db,
  now: Date,
  audit: AuditContext,
  user: CurrentUser,
  id: string,
  reason: string,
) {
  requirePublisher(user);
  const current = await repo.findDocument(db, id);
  if (!current) throw notFound("El documento");
  return db.transaction(async (tx) => {
    const document = await repo.withdrawIf(tx, id, {
      withdrawnAt: now,
      withdrawnBy: audit.actorId,
      withdrawnReason: reason,
      updatedAt: now,
    });
    if (!document) throw conflict("library.withdrawn", "Ese documento ya estaba retirado.");
    await recordAudit(tx, now, audit, {
      action: "document.withdrawn",
      targetType: "document",
      targetId: id,
      details: { document: documentLabel(document.docType, document.number, document.year), comment: reason },
    });
    return document;
  });
}

/** Anonymous visitors read public documents; anyone signed in, internal ones too. */
const visibleTo = (user: CurrentUser | undefined): Visibility[] =>
  user ? ["publico", "interno"] : ["publico"];

export interface LibraryGroup {
  docType: DocType;
  heading: string;
  years: { year: number; rows: repo.DocumentListRow[] }[];
}

export async function listLibrary(db: Db, user: CurrentUser | undefined, query: ListQuery) {
  const page = query.pagina ?? 1;
  const filter = { visibilities: visibleTo(user), docType: query.tipo, year: query.anio, q: query.q };
  const [rows, years] = await Promise.all([
    repo.listDocuments(db, filter, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE),
    repo.listYears(db, filter.visibilities),
  ]);
  const groups: LibraryGroup[] = [];
  for (const row of rows.slice(0, PAGE_SIZE)) {
    let group = groups.at(-1);
    if (group?.docType !== row.docType) {
      group = { docType: row.docType, heading: DOC_TYPE_PLURALS[row.docType], years: [] };
      groups.push(group);
    }
    let year = group.years.at(-1);
    if (year?.year !== row.year) {
      year = { year: row.year, rows: [] };
      group.years.push(year);
    }
    year.rows.push(row);
  }
  return { groups, page, hasMore: rows.length > PAGE_SIZE, years, types: DOC_TYPES, signedIn: Boolean(user) };
}
export type LibraryList = Awaited<ReturnType<typeof listLibrary>>;

/** What the public may know of a document: no uploader, no storage key, no search text. */
export function publicFacts(document: LibraryDocument) {
  return {
    slug: document.slug,
    label: documentLabel(document.docType, document.number, document.year),
    typeLabel: DOC_TYPE_LABELS[document.docType],
    number: document.number,
    year: document.year,
    issuedOn: document.issuedOn,
    issuingOffice: document.issuingOffice,
    title: document.title,
    subject: document.subject,
    section: document.section,
    visibility: document.visibility,
    fileName: document.fileName,
    contentType: document.contentType,
    size: document.size,
    sha256: document.sha256,
  };
}
export type PublicDocument = ReturnType<typeof publicFacts>;

export type DocumentAccess =
  | { kind: "ok"; document: PublicDocument; storageKey: string }
  | { kind: "login" }
  | { kind: "gone"; label: string; title: string; reason: string };

/** A document by its address: 404 if unknown, «login» for an internal one to an anonymous visitor, «gone» if withdrawn. */
export async function findDocumentFor(
  db: Db,
  user: CurrentUser | undefined,
  slug: string,
): Promise<DocumentAccess> {
  const document = await repo.findDocumentBySlug(db, slug);
  if (!document) throw notFound("El documento");
  if (document.withdrawnAt)
    return {
      kind: "gone",
      label: documentLabel(document.docType, document.number, document.year),
      title: document.title,
      reason: document.withdrawnReason ?? "",
    };
  if (!visibleTo(user).includes(document.visibility)) return { kind: "login" };
  return { kind: "ok", document: publicFacts(document), storageKey: document.storageKey };
}

export async function openDocumentFile(
  deps: LibraryDeps,
  user: CurrentUser | undefined,
  slug: string,
): Promise<DocumentAccess | { kind: "file"; document: PublicDocument; stream: Readable }> {
  const access = await findDocumentFor(deps.database.db, user, slug);
  if (access.kind !== "ok") return access;
  const stream = await deps.storage.get(access.storageKey);
  if (!stream) throw notFound("El archivo del documento");
  return { kind: "file", document: access.document, stream };
}

/** SSI's page: every document, withdrawn ones too. */
export async function listForPublisher(db: Db, user: CurrentUser) {
  requirePublisher(user);
  const rows = await repo.listAllDocuments(db, 500);
  return rows.map((row) => ({
    ...publicFacts(row),
    id: row.id,
    withdrawnAt: row.withdrawnAt,
    withdrawnReason: row.withdrawnReason,
    publishedAt: row.publishedAt,
  }));
}
export type PublisherRow = Awaited<ReturnType<typeof listForPublisher>>[number];

/** «Circular No. 004 de 2021: título» by id, for the audit page. */
export async function documentNames(db: Db, ids: string[]): Promise<[string, string][]> {
  const rows = await repo.documentTitles(db, ids);
  return rows.map((r) => [r.id, `${documentLabel(r.docType, r.number, r.year)}: ${r.title}`]);
}

/** The document at that address, withdrawn or not (the demo's idempotence). */
export const findLibraryDocumentBySlug = (db: Db, slug: string) => repo.findDocumentBySlug(db, slug);
