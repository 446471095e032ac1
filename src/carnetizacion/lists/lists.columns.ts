// The columns of the three lists a dependencia sends in a campaign, the headers people actually write for
// them, and how a cell's value is turned into the plain trimmed string the validation step expects.

/** Largest file accepted, in bytes. */
export const MAX_LIST_BYTES = 5 * 1024 * 1024;
/** Most non-blank data rows in one file; a dependencia with more sends several files. */
export const MAX_LIST_ROWS = 10_000;

export const LIST_KINDS = ["desvinculados", "contratistas", "cintas"] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export type ColumnType = "text" | "document" | "documentType" | "date" | "email" | "phone" | "bloodType";

export interface ListColumn {
  key: string;
  /** Header written in the template. */
  header: string;
  /** Other headers people use; all are matched ignoring accents, case, punctuation and spacing. */
  aliases: readonly string[];
  /** When no header matches, the value is joined from these columns (the first must exist), e.g. Nombres + Apellidos. */
  parts?: readonly (readonly string[])[];
  required: boolean;
  type: ColumnType;
  /** Column width in the template, in characters. */
  width: number;
}

const NAME_PARTS = [
  ["Nombres", "Primer nombre"],
  ["Segundo nombre"],
  ["Apellidos", "Primer apellido"],
  ["Segundo apellido"],
];
const fullName: ListColumn = {
  key: "fullName",
  header: "Nombre completo",
  aliases: [
    "Nombres y apellidos",
    "Apellidos y nombres",
    "Nombre",
    "Nombre del funcionario",
    "Nombre del contratista",
  ],
  parts: NAME_PARTS,
  required: true,
  type: "text",
  width: 40,
};
const documentNumber: ListColumn = {
  key: "documentNumber",
  header: "Número de documento",
  aliases: [
    "Número de identificación",
    "Cédula",
    "Documento",
    "Número de cédula",
    "Documento de identidad",
    "Identificación",
    "Cédula de ciudadanía",
    "C.C.",
  ],
  required: true,
  type: "document",
  width: 22,
};

// Which header columns are required: dependencia may be left out (a liaison's list is for their own
// dependencia) and so may the phone; everything printed on the card or needed to create the person is required.
export const LIST_COLUMNS: Record<ListKind, readonly ListColumn[]> = {
  desvinculados: [fullName, documentNumber],
  contratistas: [
    {
      key: "documentType",
      header: "Tipo de documento",
      aliases: ["Tipo de identificación", "Tipo doc", "Tipo"],
      required: true,
      type: "documentType",
      width: 18,
    },
    documentNumber,
    {
      key: "firstNames",
      header: "Nombres",
      aliases: ["Nombre"],
      parts: [["Primer nombre"], ["Segundo nombre"]],
      required: true,
      type: "text",
      width: 24,
    },
    {
      key: "lastNames",
      header: "Apellidos",
      aliases: [],
      parts: [["Primer apellido"], ["Segundo apellido"]],
      required: true,
      type: "text",
      width: 24,
    },
    {
      key: "dependencia",
      header: "Dependencia",
      aliases: ["Secretaría", "Oficina", "Área"],
      required: false,
      type: "text",
      width: 34,
    },
    {
      key: "contractNumber",
      header: "Número de contrato",
      aliases: ["Contrato"],
      required: true,
      type: "text",
      width: 20,
    },
    {
      key: "contractStart",
      header: "Fecha de inicio",
      aliases: ["Inicio del contrato", "Fecha de inicio del contrato"],
      required: true,
      type: "date",
      width: 16,
    },
    {
      key: "contractEnd",
      header: "Fecha de terminación",
      aliases: [
        "Fecha de fin",
        "Fin del contrato",
        "Fecha de terminación del contrato",
        "Fecha final",
        "Fecha de finalización",
      ],
      required: true,
      type: "date",
      width: 20,
    },
    {
      key: "email",
      header: "Correo institucional",
      aliases: ["Correo", "Correo electrónico", "Correo electrónico institucional", "Email", "E-mail"],
      required: true,
      type: "email",
      width: 34,
    },
    {
      key: "phone",
      header: "Teléfono",
      aliases: ["Celular", "Teléfono celular", "Número de celular", "Número de teléfono"],
      required: false,
      type: "phone",
      width: 16,
    },
    {
      key: "bloodType",
      header: "Grupo sanguíneo y RH",
      aliases: ["RH", "Tipo de sangre", "Grupo sanguíneo", "Grupo RH"],
      required: true,
      type: "bloodType",
      width: 14,
    },
  ],
  cintas: [fullName, documentNumber],
};

const TITLES: Record<ListKind, string> = {
  desvinculados: "Personas desvinculadas",
  contratistas: "Contratistas OPS que continúan sin carnet",
  cintas: "Contratistas OPS con cinta pendiente",
};

export function listTitle(kind: ListKind): string {
  return TITLES[kind];
}

const NUMBER_WORDS = new Set(["n", "no", "nro", "num", "numero"]);
const STOP_WORDS = new Set(["de", "del", "la", "el", "los", "las", "y", "e", "por", "para"]);

/** "N° de Cédula (sin puntos)*" → "numerocedula": what two headers must share to be the same column. */
export function normalizeLabel(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\(.*?\)/g, " ")
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== "" && !STOP_WORDS.has(word))
    .map((word) => (NUMBER_WORDS.has(word) ? "numero" : word))
    .join("");
}

const DOCUMENT_TYPES = new Map(
  Object.entries({
    CC: ["CC", "Cédula", "Cédula de ciudadanía"],
    CE: ["CE", "Cédula de extranjería"],
    PPT: ["PPT", "Permiso por protección temporal"],
    PA: ["PA", "Pasaporte", "PAS"],
  }).flatMap(([code, names]) => names.map((name) => [normalizeLabel(name), code] as const)),
);

function toBloodType(text: string): string | undefined {
  const compact = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/[\s.]|RH/g, "")
    .replace(/POSITIVO|POS/, "+")
    .replace(/NEGATIVO|NEG/, "-")
    .replace(/^0/, "O");
  return /^(AB|A|B|O)[+-]$/.test(compact) ? compact : undefined;
}

const pad = (value: number) => String(value).padStart(2, "0");

function toIsoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = year >= 1900 && year <= 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? `${year}-${pad(month)}-${pad(day)}` : undefined;
}

/** exceljs builds dates at UTC midnight of the cell's calendar day, so UTC fields are that day anywhere. */
const dateToIso = (date: Date) =>
  toIsoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()) ?? "";

function parseTextDate(text: string): string | undefined {
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s.*)?$/.exec(text);
  if (dayFirst) return toIsoDate(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  const yearFirst = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:[\sT].*)?$/.exec(text);
  if (yearFirst) return toIsoDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  return undefined;
}

/** A number in a date column that was not formatted as a date: an Excel serial day (1900 system). */
function serialToIso(serial: number): string | undefined {
  if (serial < 3654 || serial > 73050) return undefined; // 1910–2100
  return dateToIso(new Date(Date.UTC(1899, 11, 30) + Math.floor(serial + 1e-9) * 86_400_000));
}

/** A cell as exceljs gives it (rich text, hyperlink, formula, error…) → string, number, boolean or Date. */
function plainValue(value: unknown): string | number | boolean | Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value !== "object") return undefined;
  const cell = value as { richText?: unknown; result?: unknown; formula?: unknown; text?: unknown };
  if (Array.isArray(cell.richText)) return cell.richText.map((run) => String(run?.text ?? "")).join("");
  if ("formula" in cell || "sharedFormula" in cell || "result" in cell) return plainValue(cell.result);
  if ("text" in cell) return plainValue(cell.text);
  return undefined; // errors such as #N/A
}

export function cellText(value: unknown): string {
  return normalizeValue("text", value);
}

export function normalizeValue(type: ColumnType, value: unknown): string {
  const plain = plainValue(value);
  if (plain === undefined) return "";
  if (plain instanceof Date) return Number.isNaN(plain.getTime()) ? "" : dateToIso(plain);
  if (typeof plain === "boolean") return plain ? "VERDADERO" : "FALSO";
  if (typeof plain === "number") {
    if (type === "date") return serialToIso(plain) ?? String(plain);
    return Number.isInteger(plain) && Math.abs(plain) < 1e21 ? plain.toFixed(0) : String(plain);
  }
  const text = plain.replace(/\s+/g, " ").trim();
  switch (type) {
    case "document":
      return text.replace(/[\s.,']/g, "").toUpperCase();
    case "phone":
      return text.replace(/[\s.()'-]/g, "");
    case "email":
      return text.replace(/^mailto:/i, "").toLowerCase();
    case "date":
      return parseTextDate(text) ?? text;
    case "documentType":
      return DOCUMENT_TYPES.get(normalizeLabel(text)) ?? text;
    case "bloodType":
      return toBloodType(text) ?? text;
    default:
      return text;
  }
}
