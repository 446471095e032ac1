// Pure rules of the documents library: the document types and their Spanish names, the stable address of a
// document (its slug), its number as stored, and the accent-free text the full-text search reads.
import type { DocType } from "./library.table.ts";

export type { DocType } from "./library.table.ts";

export const DOC_TYPE_LABELS: Record<DocType, string> = {
  circular: "Circular",
  resolucion: "Resolución",
  acto_administrativo: "Acto administrativo",
  plan: "Plan",
  otro: "Otro documento",
};
/** Plural headings of the public list, in the order the list shows them. */
export const DOC_TYPE_PLURALS: Record<DocType, string> = {
  circular: "Circulares",
  resolucion: "Resoluciones",
  acto_administrativo: "Actos administrativos",
  plan: "Planes",
  otro: "Otros documentos",
};
export const DOC_TYPES = Object.keys(DOC_TYPE_LABELS) as DocType[];
export const isDocType = (value: string): value is DocType => (DOC_TYPES as string[]).includes(value);

export const VISIBILITIES = ["publico", "interno"] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const VISIBILITY_LABELS: Record<Visibility, string> = {
  publico: "Público (sitio web: cualquier persona)",
  interno: "Interno (intranet: solo servidores con cuenta)",
};

/** Documents per page of the public list. */
export const PAGE_SIZE = 20;

/** Lower-case without accents or other marks: «Resolución» and «resolucion» read the same. */
export function normaliseForSearch(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * The number as stored and shown: digits only are padded to three («4» → «004», as the entity numbers its
 * circulars), anything else kept as typed in upper case («DA-12»). The identity (type, year, number) and the
 * slug both use it, so «4» and «004» are the same document.
 */
export function canonicalNumber(number: string): string {
  const trimmed = number.trim().replace(/\s+/g, " ");
  return /^\d+$/.test(trimmed) ? trimmed.padStart(3, "0") : trimmed.toUpperCase();
}

/** circular-004-2021: the document's address, which never changes once published. */
export function slugFor(type: DocType, number: string, year: number): string {
  const numberPart = normaliseForSearch(canonicalNumber(number))
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${type.replace(/_/g, "-")}-${numberPart || "sin-numero"}-${year}`;
}

/** «Circular No. 004 de 2021». */
export const documentLabel = (type: DocType, number: string, year: number) =>
  `${DOC_TYPE_LABELS[type]} No. ${number} de ${year}`;

/** What the search reads: type, number, year, title, subject and office, normalised. */
export function searchTextOf(doc: {
  docType: DocType;
  number: string;
  year: number;
  title: string;
  subject: string;
  issuingOffice: string;
}): string {
  return normaliseForSearch(
    [
      DOC_TYPE_LABELS[doc.docType],
      doc.number,
      String(doc.year),
      doc.title,
      doc.subject,
      doc.issuingOffice,
    ].join(" "),
  );
}
