// Queries of the documents library. The search is PostgreSQL's Spanish full text over the accent-free
// `search_text` (the same expression as the GIN index documents_search_idx), on PGlite as on PostgreSQL.
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { DOC_TYPES, type DocType, normaliseForSearch, type Visibility } from "./library.rules.ts";
import { documents, type LibraryDocument } from "./library.table.ts";

export async function insertDocument(
  db: Db,
  values: typeof documents.$inferInsert,
): Promise<LibraryDocument> {
  const [row] = await db.insert(documents).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function findDocumentBySlug(db: Db, slug: string): Promise<LibraryDocument | undefined> {
  const [row] = await db.select().from(documents).where(eq(documents.slug, slug));
  return row;
}

export async function findDocument(db: Db, id: string): Promise<LibraryDocument | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(documents).where(eq(documents.id, id));
  return row;
}

export async function findByIdentity(db: Db, docType: DocType, year: number, number: string) {
  const [row] = await db
    .select({ id: documents.id, slug: documents.slug })
    .from(documents)
    .where(and(eq(documents.docType, docType), eq(documents.year, year), eq(documents.number, number)));
  return row;
}

export interface DocumentFilter {
  visibilities: readonly Visibility[];
  docType?: DocType;
  year?: number;
  q?: string;
}

/**
 * The words as typed without accents, or as typed: the stored text is accent-free, but the Spanish stemmer
 * only strips «-ción»/«-ciones» with the accent, so «resoluciones» (stored) and «resolución» (typed) meet
 * through the second form.
 */
const tsQuery = (q: string) =>
  sql`(websearch_to_tsquery('spanish', ${normaliseForSearch(q)}) || websearch_to_tsquery('spanish', ${q.toLowerCase()}))`;
const tsVector = sql`to_tsvector('spanish', ${documents.searchText})`;
const typeOrder = sql`array_position(${sql.raw(`ARRAY[${DOC_TYPES.map((t) => `'${t}'`).join(",")}]::text[]`)}, ${documents.docType}::text)`;

function conditions(filter: DocumentFilter): SQL | undefined {
  return and(
    isNull(documents.withdrawnAt),
    inArray(documents.visibility, [...filter.visibilities]),
    filter.docType ? eq(documents.docType, filter.docType) : undefined,
    filter.year ? eq(documents.year, filter.year) : undefined,
    filter.q ? sql`${tsVector} @@ ${tsQuery(filter.q)}` : undefined,
  );
}

/** One page of the list, grouped by type (in DOC_TYPES order) then year (newest first), best match first. */
export function listDocuments(db: Db, filter: DocumentFilter, limit: number, offset: number) {
  return db
    .select({
      id: documents.id,
      slug: documents.slug,
      docType: documents.docType,
      number: documents.number,
      year: documents.year,
      issuedOn: documents.issuedOn,
      issuingOffice: documents.issuingOffice,
      title: documents.title,
      visibility: documents.visibility,
    })
    .from(documents)
    .where(conditions(filter))
    .orderBy(
      asc(typeOrder),
      desc(documents.year),
      ...(filter.q ? [desc(sql`ts_rank(${tsVector}, ${tsQuery(filter.q)})`)] : []),
      desc(documents.issuedOn),
      desc(documents.number),
    )
    .limit(limit)
    .offset(offset);
}
export type DocumentListRow = Awaited<ReturnType<typeof listDocuments>>[number];

/** The years that have visible documents, newest first (the year filter's options). */
export async function listYears(db: Db, visibilities: readonly Visibility[]): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: documents.year })
    .from(documents)
    .where(and(isNull(documents.withdrawnAt), inArray(documents.visibility, [...visibilities])))
    .orderBy(desc(documents.year));
  return rows.map((r) => r.year);
}

/** SSI's list: every document, withdrawn ones too, newest first. */
export function listAllDocuments(db: Db, limit: number) {
  return db.select().from(documents).orderBy(desc(documents.publishedAt)).limit(limit);
}

/** Withdraws the document unless it already was: undefined when someone else withdrew it first. */
export async function withdrawIf(db: Db, id: string, set: Partial<typeof documents.$inferInsert>) {
  const [row] = await db
    .update(documents)
    .set(set)
    .where(and(eq(documents.id, id), isNull(documents.withdrawnAt)))
    .returning();
  return row;
}

export function documentTitles(db: Db, ids: string[]) {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: documents.id,
      docType: documents.docType,
      number: documents.number,
      year: documents.year,
      title: documents.title,
    })
    .from(documents)
    .where(inArray(documents.id, valid));
}
