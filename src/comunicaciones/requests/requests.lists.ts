// A request's «lista» audience: addresses pasted into the form or uploaded as CSV or XLSX (first sheet,
// columns correo/nombre/dependencia by header), each checked against the entity's domains. Dropped lines are
// kept with their problem, so the requester, OCS and the send summary can show them.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { decodeText } from "../../shared/csv.ts";
import { fileSignature, openWorkbook, SPREADSHEET_MESSAGES } from "../../shared/spreadsheet-file.ts";
import { formatNumber } from "../../shared/words.ts";
import {
  type CheckedListLine,
  checkListLines,
  entriesFromRows,
  type ListLine,
  parsePastedList,
} from "../messages/addresses.rules.ts";

export interface ListUpload {
  fileName: string;
  bytes: Buffer;
}

export type ListOutcome = { ok: true; lines: CheckedListLine[] } | { ok: false; message: string };

const UNSUPPORTED =
  "No pudimos leer el archivo como una lista. Envíe un archivo de Excel (.xlsx) o CSV con una columna «correo» (y, si quiere, «nombre» y «dependencia»), o pegue las direcciones en el cuadro.";

/** The text of an uploaded file (shared/csv.ts) without its byte order mark; undefined if binary. */
const decodeList = (file: Buffer) => decodeText(file)?.replace(/^\uFEFF/, "");

/** A cell as text: rich text, hyperlinks and formulas give what the person sees. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { text?: unknown; richText?: { text: string }[]; result?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join("");
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
  }
  return "";
}

/** The first sheet's rows, stopping one row past `maxRows` (enough to refuse a list that is too long). */
async function readFirstSheet(zip: Buffer, maxRows: number) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([zip]), {
    entries: "ignore",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
  });
  const rows: { raw: string; cells: string[] }[] = [];
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      const cells = (row.values as unknown[]).slice(1).map(cellText);
      rows.push({ raw: cells.join("\t"), cells });
      if (rows.length > maxRows + 1) break;
    }
    break;
  }
  return rows;
}

async function readListFile(file: ListUpload, maxRows: number): Promise<ListLine[] | { message: string }> {
  try {
    const signature = fileSignature(file.bytes);
    if (signature === "zip" || signature === "ole") {
      const opened = openWorkbook(file.bytes);
      if (!opened.ok) return { message: opened.message ?? UNSUPPORTED };
      return entriesFromRows(await readFirstSheet(opened.zip, maxRows));
    }
    const text = signature === "pdf" ? undefined : decodeList(file.bytes);
    return text === undefined ? { message: UNSUPPORTED } : parsePastedList(text);
  } catch {
    return { message: SPREADSHEET_MESSAGES.unreadable };
  }
}

/**
 * The list of a form: the uploaded file when there is one, else the pasted text; checked line by line.
 * Refused when it is longer than `maxEntries` or nobody on it could receive the message.
 */
export async function readAudienceList(
  pasted: string,
  file: ListUpload | undefined,
  allowedDomains: readonly string[],
  maxEntries: number,
): Promise<ListOutcome> {
  const read = file ? await readListFile(file, maxEntries) : parsePastedList(pasted);
  if (!Array.isArray(read)) return { ok: false, message: read.message };
  if (read.length === 0)
    return {
      ok: false,
      message:
        "La lista está vacía: pegue las direcciones, una por línea, o cargue un archivo con una columna «correo».",
    };
  if (read.length > maxEntries)
    return {
      ok: false,
      message: `La lista tiene más de ${formatNumber(maxEntries)} direcciones, que es el máximo. Divídala en varias solicitudes o elija a los destinatarios por dependencia.`,
    };
  const lines = checkListLines(read, allowedDomains);
  if (lines.every((line) => line.problem !== null))
    return {
      ok: false,
      message: `Nadie recibiría este mensaje: ninguna de las ${formatNumber(lines.length)} direcciones de la lista es un correo institucional válido.`,
    };
  return { ok: true, lines };
}
