// Checking the rows of a dependencia's list before anything is applied: pure, every message in Spanish
// with the row's line number, so the liaison can fix the file.
import {
  BLOOD_TYPES,
  checkDocumentNumber,
  DOCUMENT_TYPES,
  type DocumentType,
  normalizeDocumentNumber,
  normalizePhone,
} from "../people/people.rules.ts";
import type { ListKind, RowProblem } from "./campaigns.table.ts";

export interface KnownPerson {
  id: string;
  dependenciaId: string | null;
  status: "activo" | "desvinculado";
  /** Has a printed card that is still in circulation (for the lanyard list). */
  hasPrintedCard: boolean;
}

export interface CheckContext {
  dependencia: { id: string; name: string };
  emailDomain: string;
  /** People already in SIPAP, by document number. */
  people: Map<string, KnownPerson>;
}

export interface CheckedRow {
  line: number;
  values: Record<string, string>;
}

/** Upper case, no accents, single spaces: how names and headers are compared. */
const looseText = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/\s+/g, " ")
    .trim();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (iso: string) =>
  ISO_DATE.test(iso) && new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso;

const DOCUMENT_TYPE_NAMES = new Map<string, DocumentType>([
  ...Object.keys(DOCUMENT_TYPES).map((k) => [k, k as DocumentType] as const),
  ...Object.entries(DOCUMENT_TYPES).map(([k, label]) => [looseText(label), k as DocumentType] as const),
]);

/** "O +", "o+", "O POSITIVO" → "O+"; undefined when it is not a blood group. */
export function normalizeBloodType(typed: string): string | undefined {
  const compact = looseText(typed)
    .replace(/\s/g, "")
    .replace(/POSITIVO$/, "+")
    .replace(/NEGATIVO$/, "-");
  return (BLOOD_TYPES as readonly string[]).includes(compact) ? compact : undefined;
}

type Check = (row: CheckedRow, context: CheckContext) => string | undefined;

/** Lists 1 and 3 name people who must already be in SIPAP, in the liaison's own dependencia. */
const ownPerson: Check = (row, { people, dependencia }) => {
  const person = people.get(row.values.documentNumber ?? "");
  if (!person)
    return `No hay nadie con el documento ${row.values.documentNumber} en SIPAP. Revise el número.`;
  if (person.dependenciaId !== dependencia.id)
    return `El documento ${row.values.documentNumber} es de una persona de otra dependencia: solo puede enviar personas de ${dependencia.name}.`;
  return undefined;
};

const CHECKS: Record<ListKind, Check[]> = {
  desvinculados: [ownPerson],
  cintas: [
    ownPerson,
    (row, { people }) =>
      people.get(row.values.documentNumber ?? "")?.hasPrintedCard
        ? undefined
        : "Esta persona no tiene un carnet impreso vigente: no puede tener la cinta pendiente.",
  ],
  contratistas: [
    (row) =>
      DOCUMENT_TYPE_NAMES.has(looseText(row.values.documentType ?? ""))
        ? undefined
        : "El tipo de documento debe ser CC, CE, PPT o PA.",
    (row) =>
      row.values.firstNames && row.values.lastNames ? undefined : "Faltan los nombres o los apellidos.",
    (row, { dependencia }) =>
      !row.values.dependencia || looseText(row.values.dependencia) === looseText(dependencia.name)
        ? undefined
        : `La dependencia «${row.values.dependencia}» no es la suya (${dependencia.name}): cada dependencia envía solo a su personal.`,
    (row, { people, dependencia }) => {
      const person = people.get(row.values.documentNumber ?? "");
      return person && person.dependenciaId !== dependencia.id
        ? `El documento ${row.values.documentNumber} es de una persona de otra dependencia.`
        : undefined;
    },
    (row) => (row.values.contractNumber ? undefined : "Falta el número de contrato."),
    (row) => {
      const { contractStart: start = "", contractEnd: end = "" } = row.values;
      if (!isRealDate(start)) return `La fecha de inicio «${start}» no es una fecha válida (use dd/mm/aaaa).`;
      if (!isRealDate(end))
        return `La fecha de terminación «${end}» no es una fecha válida (use dd/mm/aaaa).`;
      return end > start ? undefined : "La fecha de terminación debe ser posterior a la de inicio.";
    },
    (row, { emailDomain }) =>
      /^[^\s@]+@[^\s@]+$/.test(row.values.email ?? "") && row.values.email?.endsWith(`@${emailDomain}`)
        ? undefined
        : `El correo «${row.values.email ?? ""}» debe ser institucional (terminar en @${emailDomain}).`,
    (row) =>
      !row.values.phone || normalizePhone(row.values.phone)
        ? undefined
        : "El teléfono debe ser un celular de 10 dígitos o un fijo con indicativo.",
    (row) =>
      normalizeBloodType(row.values.bloodType ?? "")
        ? undefined
        : "El grupo sanguíneo debe ser O+, O-, A+, A-, B+, B-, AB+ o AB-.",
  ],
};

/** Normalises a row's values (document, e-mail, type, blood group) before checking and applying. */
function normalizeRow(kind: ListKind, row: CheckedRow): CheckedRow {
  const values = { ...row.values };
  values.documentNumber = normalizeDocumentNumber(values.documentNumber ?? "");
  if (kind === "contratistas") {
    values.documentType =
      DOCUMENT_TYPE_NAMES.get(looseText(values.documentType ?? "")) ?? values.documentType ?? "";
    values.email = (values.email ?? "").trim().toLowerCase();
    values.bloodType = normalizeBloodType(values.bloodType ?? "") ?? values.bloodType ?? "";
    if (values.phone) values.phone = normalizePhone(values.phone) ?? values.phone;
  }
  return { line: row.line, values };
}

/** Every row checked: the ones that can apply, and each bad row with its line and reason. */
export function checkRows(kind: ListKind, rows: CheckedRow[], context: CheckContext) {
  const problems: RowProblem[] = [];
  const valid: CheckedRow[] = [];
  const seen = new Map<string, number>();
  for (const raw of rows) {
    const row = normalizeRow(kind, raw);
    const document = row.values.documentNumber ?? "";
    const type = (kind === "contratistas" ? row.values.documentType : "CC") as DocumentType;
    const problem =
      (document ? undefined : "Falta el número de documento.") ??
      (seen.has(document)
        ? `El documento ${document} ya aparece en la fila ${seen.get(document)}.`
        : undefined) ??
      (DOCUMENT_TYPE_NAMES.has(type) && kind === "contratistas"
        ? checkDocumentNumber(type, document)
        : undefined) ??
      CHECKS[kind].map((check) => check(row, context)).find(Boolean);
    if (document && !seen.has(document)) seen.set(document, row.line);
    if (problem) problems.push({ line: row.line, message: problem });
    else valid.push(row);
  }
  return { valid, problems };
}
