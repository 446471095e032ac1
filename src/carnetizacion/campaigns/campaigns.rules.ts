// Checking the rows of a dependencia's list before anything is applied: pure, every message in Spanish
// with the row's line number, so the liaison can fix the file.
import {
  BLOOD_TYPES,
  checkDocumentNumber,
  DOCUMENT_TYPES,
  type DocumentType,
  normalizeDocumentNumber,
  normalizePhone,
} from "../../core/people/people.rules.ts";
import type { ListKind, RowProblem, SubmissionRow } from "./campaigns.table.ts";

export interface KnownPerson {
  id: string;
  dependenciaId: string | null;
  status: "activo" | "desvinculado";
  /** Has a printed card that is still in circulation (for the lanyard list). */
  hasPrintedCard: boolean;
  firstNames: string;
  lastNames: string;
  /** Holds a staff role (SSI, administration, another office): only SSI manages them, never a list. */
  isStaff: boolean;
}

export interface CheckContext {
  dependencia: { id: string; name: string };
  emailDomain: string;
  /** People already in SIPAP, by document number. */
  people: Map<string, KnownPerson>;
}

export type CheckedRow = SubmissionRow;

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

// Names as liaisons really write them: any case, with or without accents, surnames first or last, one
// surname or two, «Ma.» for María, a typo here and there. What must be there is the person: one of their
// given names and their first surname; what must not be there is a word that belongs to nobody in the record.

/** Joining words that say nothing about who someone is: «María de los Ángeles», «De la Rosa». */
const NAME_PARTICLES = new Set(["DE", "DEL", "LA", "LAS", "LOS", "Y", "E", "VDA", "VIUDA"]);
const NAME_ABBREVIATIONS = new Map([["MA", "MARIA"]]);

/** «Pérez-Gómez, Lucía» → ["PEREZ", "GOMEZ", "LUCIA"]. */
export function nameWords(text: string): string[] {
  return looseText(text)
    .replace(/[^A-Z]+/g, " ")
    .split(" ")
    .filter((word) => word && !NAME_PARTICLES.has(word))
    .map((word) => NAME_ABBREVIATIONS.get(word) ?? word);
}

/** One letter changed, added or dropped («Gonzales» for «González»), in words long enough to tell apart. */
function nearlySame(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const rest = (x: string, skip: number) => x.slice(i + skip);
  return (
    rest(a, 1) === rest(b, 1) || // one letter changed
    rest(a, 1) === rest(b, 0) || // one letter more in a
    rest(a, 0) === rest(b, 1) // one letter more in b
  );
}

/**
 * Whether a typed full name is plausibly the person SIPAP has: accent-, case- and spacing-insensitive, in
 * any order, tolerant of a missing second surname (on either side), of a missing second given name, of
 * initials and of one-letter slips. Every typed word must belong to the record (at most one extra word
 * when SIPAP holds only one surname), and the typed name must hold one given name and the first surname.
 */
export function namesMatch(typed: string, known: { firstNames: string; lastNames: string }): boolean {
  const given = nameWords(known.firstNames);
  const surnames = nameWords(known.lastNames);
  const record = [
    ...given.map((word) => ({ word, role: "given" })),
    ...surnames.map((word, at) => ({ word, role: at === 0 ? "surname" : "other" })),
  ].map((entry) => ({ ...entry, used: false, full: false }));
  const words = nameWords(typed);
  if (words.length === 0 || record.length === 0) return false;
  // Exact words first, then one-letter slips, then initials, so «L. Pérez» cannot take the place of «Lucía».
  const passes: ((word: string, entry: { word: string }) => boolean)[] = [
    (word, entry) => entry.word === word,
    (word, entry) => word.length > 1 && nearlySame(entry.word, word),
    (word, entry) => word.length === 1 && entry.word.startsWith(word),
  ];
  let left = words;
  for (const matches of passes)
    left = left.filter((word) => {
      const entry = record.find((e) => !e.used && matches(word, e));
      if (entry) Object.assign(entry, { used: true, full: word.length > 1 });
      return !entry;
    });
  const extra = left.length;
  const has = (role: string) => record.some((e) => e.role === role && e.full);
  const needsGiven = given.length > 0;
  const needsSurname = surnames.length > 0;
  const matched = record.filter((e) => e.full).length;
  return (
    extra <= (surnames.length === 1 ? 1 : 0) &&
    (!needsGiven || has("given")) &&
    (!needsSurname || has("surname")) &&
    matched >= Math.min(2, record.length)
  );
}

const DOCUMENT_TYPE_WORDS = new Set(["CC", "CE", "TI", "RC", "NIT", "PPT", "PEP", "PA", "NUIP", "DNI"]);

/**
 * An error (not a warning) when the "name" is obviously not a name: empty, a document type («CC»,
 * «Cédula de ciudadanía») or a number; the usual cause is columns typed in the wrong order.
 */
export function typedNameError(typed: string, what = "el nombre"): string | undefined {
  const text = typed.trim();
  const compact = looseText(text).replace(/[^A-Z0-9]/g, "");
  const order = "Revise que los datos vayan en el orden de la plantilla.";
  if (!compact) return `Escriba ${what} de la persona.`;
  if (DOCUMENT_TYPE_WORDS.has(compact) || DOCUMENT_TYPE_NAMES.has(looseText(text)))
    return `En ${what} está «${text}», que es un tipo de documento. ${order}`;
  if (/\d/.test(text)) return `En ${what} hay números («${text}»): no parece un nombre. ${order}`;
  return undefined;
}

/** What a row's own person looks like in SIPAP, when its document is known: shown beside the typed name. */
const knownNameOf = (person: KnownPerson) => `${person.firstNames} ${person.lastNames}`.trim();

type Check = (row: CheckedRow, context: CheckContext) => string | undefined;

/** Lists 1 and 3 name people who must already be in SIPAP, in the liaison's own dependencia. */
const ownPerson: Check = (row, { people, dependencia }) => {
  const document = row.values.documentNumber ?? "";
  if (!document) return undefined; // already reported as missing
  const person = people.get(document);
  // One message whether the document is unknown or another dependencia's: a list is no way to learn
  // which document numbers exist.
  if (person?.dependenciaId !== dependencia.id)
    return `El documento ${document} no es de una persona de ${dependencia.name} registrada en SIPAP. Revise el número.`;
  return undefined;
};

/** Lists 1 and 2 change people's records: never staff's, which only SSI and administrators manage. */
const notStaff: Check = (row, context) =>
  ownKnownPerson(row, context)?.isStaff
    ? "Esta persona tiene un rol de personal de la entidad (SSI, administración u otra oficina): sus datos los cambia la Subsecretaría de Sistemas de Información, no una lista."
    : undefined;

/** The person a row of list 1 or 3 names, when it is one of the liaison's own people. */
const ownKnownPerson = (row: CheckedRow, { people, dependencia }: CheckContext) => {
  const person = people.get(row.values.documentNumber ?? "");
  return person?.dependenciaId === dependencia.id ? person : undefined;
};

const CHECKS: Record<ListKind, Check[]> = {
  desvinculados: [(row) => typedNameError(row.values.fullName ?? ""), ownPerson, notStaff],
  cintas: [
    (row) => typedNameError(row.values.fullName ?? ""),
    ownPerson,
    (row, context) => {
      const person = ownKnownPerson(row, context);
      return !person || person.hasPrintedCard
        ? undefined
        : "Esta persona no tiene un carnet impreso vigente: no puede tener la cinta pendiente.";
    },
  ],
  contratistas: [
    (row) =>
      DOCUMENT_TYPE_NAMES.has(looseText(row.values.documentType ?? ""))
        ? undefined
        : "El tipo de documento debe ser CC, CE, PPT o PA.",
    (row) => {
      const type = DOCUMENT_TYPE_NAMES.get(looseText(row.values.documentType ?? ""));
      const document = row.values.documentNumber ?? "";
      return type && document ? checkDocumentNumber(type, document) : undefined;
    },
    (row) =>
      row.values.firstNames && row.values.lastNames
        ? (typedNameError(row.values.firstNames, "los nombres") ??
          typedNameError(row.values.lastNames, "los apellidos"))
        : "Faltan los nombres o los apellidos.",
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
    notStaff,
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

/** The name typed in a row: one column in lists 1 and 3, nombres + apellidos in list 2. */
const typedNameOf = (kind: ListKind, values: Record<string, string>) =>
  (kind === "contratistas"
    ? `${values.firstNames ?? ""} ${values.lastNames ?? ""}`
    : (values.fullName ?? "")
  ).trim();

/**
 * Every row checked: the ones that can apply, and each bad row with all its problems, its typed name and,
 * where the document is known, the name SIPAP has. In lists 1 and 3 a row whose typed name does not look
 * like the person SIPAP has for that document is kept but flagged (nameMismatch): the liaison confirms it
 * or fixes the file before applying.
 */
export function checkRows(kind: ListKind, rows: CheckedRow[], context: CheckContext) {
  const problems: RowProblem[] = [];
  const valid: CheckedRow[] = [];
  const seen = new Map<string, number>();
  for (const raw of rows) {
    const row = normalizeRow(kind, raw);
    const document = row.values.documentNumber ?? "";
    const messages = [
      document ? undefined : "Falta el número de documento.",
      seen.has(document)
        ? `El documento ${document} ya aparece en la fila ${seen.get(document)}.`
        : undefined,
      ...CHECKS[kind].map((check) => check(row, context)),
    ].filter((message): message is string => Boolean(message));
    if (document && !seen.has(document)) seen.set(document, row.line);
    // SIPAP's name only for the liaison's own people: a document typed from elsewhere reveals no name.
    const known = document ? context.people.get(document) : undefined;
    const knownName = known?.dependenciaId === context.dependencia.id ? knownNameOf(known) : undefined;
    const name = typedNameOf(kind, row.values);
    if (messages.length > 0) {
      problems.push({
        line: row.line,
        message: messages.join(" "),
        messages,
        name,
        ...(knownName ? { knownName } : {}),
      });
      continue;
    }
    const nameMismatch =
      kind !== "contratistas" && known !== undefined && !namesMatch(name, known) ? true : undefined;
    valid.push({ ...row, ...(knownName ? { knownName } : {}), ...(nameMismatch ? { nameMismatch } : {}) });
  }
  return { valid, problems };
}

/** Lines of the rows whose typed name does not match SIPAP's: they need the liaison's confirmation. */
export const mismatchedLines = (rows: readonly CheckedRow[]) =>
  rows.filter((row) => row.nameMismatch).map((row) => row.line);
