// Reads the lists dependencias send in a campaign (desvinculados, contratistas, cintas) from the files they
// actually keep: .xlsx/.xlsm from Excel, LibreOffice or Google Sheets, or CSV; with a title above the header,
// headers spelled many ways, extra columns and blank rows. Buffers in, plain trimmed strings out: checking
// each value is the caller's job, so whatever cannot be normalised comes back as it was written.
//
// Limits, so one upload cannot hold the server: MAX_LIST_BYTES (5 MB) per file; MAX_LIST_ROWS (10,000)
// non-blank data rows, reading stops at the first row over it; for .xlsx, the zip guard of src/shared/zip-guard.ts
// (100 MB uncompressed in total, no entry over 200:1) runs before exceljs sees anything. A 10,000-row
// contratistas file reads in about half a second.

import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { decodeText, parseCsv } from "../../shared/csv.ts";
import { fileSignature, openWorkbook, SPREADSHEET_MESSAGES } from "../../shared/spreadsheet-file.ts";
import { formatNumber } from "../../shared/words.ts";
import {
  cellText,
  LIST_COLUMNS,
  type ListColumn,
  type ListKind,
  MAX_LIST_BYTES,
  MAX_LIST_ROWS,
  normalizeLabel,
  normalizeValue,
} from "./lists.columns.ts";

export {
  LIST_COLUMNS,
  LIST_KINDS,
  type ListColumn,
  type ListKind,
  listTitle,
  MAX_LIST_BYTES,
  MAX_LIST_ROWS,
} from "./lists.columns.ts";
export { buildTemplate } from "./lists.template.ts";

/** People put titles, logos and notes above the table: the header is looked for in these first rows. */
const HEADER_SEARCH_ROWS = 15;

export interface SheetRow {
  /** The row number people see in their spreadsheet (for CSV, the line where the record starts). */
  line: number;
  /** One entry per column key of the list; "" when the cell or the column is missing. */
  values: Record<string, string>;
}
export type ReadResult =
  | { ok: true; rows: SheetRow[]; ignoredColumns: string[] }
  | { ok: false; message: string };

const MESSAGES = {
  tooManyRows: `El archivo tiene más de ${formatNumber(MAX_LIST_ROWS)} filas con datos, que es el máximo por archivo. Divida la lista en varios archivos y envíelos uno por uno.`,
  tooBig: (bytes: number) =>
    `El archivo pesa ${formatNumber(bytes / 1024 / 1024, 1)} MB y el máximo es ${formatNumber(MAX_LIST_BYTES / 1024 / 1024)} MB. Quite las hojas, imágenes o columnas que no hagan falta, o divida la lista en varios archivos.`,
  unsupported: (filename: string) =>
    `No podemos leer «${filename.slice(0, 80)}» como una lista. Envíe un archivo de Excel (.xlsx o .xlsm) o un archivo CSV (.csv) separado por punto y coma, coma o tabulador.`,
  missing: (headers: string[]) =>
    `Al archivo le faltan estas columnas: ${headers.join(", ")}. Descargue la plantilla para ver cómo debe quedar.`,
};
const fail = (message: string): ReadResult => ({ ok: false, message });

interface HeaderMatch {
  line: number;
  /** Column key → cell indexes its value comes from (several when joined from parts). */
  sources: Map<string, number[]>;
  ignored: string[];
  score: number;
}

function matchHeader(line: number, cells: unknown[], columns: readonly ListColumn[]): HeaderMatch {
  const texts = Array.from(cells, (cell) => cellText(cell));
  const labels = texts.map(normalizeLabel);
  const used = new Set<number>();
  // Names in order of preference: a column titled exactly like the template wins over a looser alias.
  const take = (names: readonly string[]) => {
    for (const name of names) {
      const wanted = normalizeLabel(name);
      const index = labels.findIndex((label, at) => label === wanted && !used.has(at));
      if (index >= 0) {
        used.add(index);
        return index;
      }
    }
    return -1;
  };
  const sources = new Map<string, number[]>();
  for (const column of columns) {
    const index = take([column.header, ...column.aliases]);
    if (index >= 0) sources.set(column.key, [index]);
  }
  for (const column of columns) {
    const [first, ...rest] = column.parts ?? [];
    if (sources.has(column.key) || !first) continue;
    const index = take(first);
    if (index >= 0) sources.set(column.key, [index, ...rest.map(take).filter((at) => at >= 0)]);
  }
  const required = columns.filter((column) => column.required && sources.has(column.key)).length;
  const ignored = texts.filter((text, at) => text !== "" && !used.has(at));
  // Required columns weigh most; optional ones only break ties.
  return { line, sources, ignored, score: required * 100 + sources.size };
}

/** Finds the header among the first rows it is given, then collects the data rows under it. */
class TableScan {
  private pending: { line: number; cells: unknown[] }[] = [];
  private decided = false;
  header: HeaderMatch | undefined;
  rows: SheetRow[] = [];
  tooManyRows = false;

  constructor(private readonly columns: readonly ListColumn[]) {}

  get complete(): boolean {
    const sources = this.header?.sources;
    return (
      sources !== undefined && this.columns.every((column) => !column.required || sources.has(column.key))
    );
  }

  /** Returns false once reading can stop. */
  push(line: number, cells: unknown[]): boolean {
    if (!this.decided) {
      if (line <= HEADER_SEARCH_ROWS) {
        this.pending.push({ line, cells });
        return true;
      }
      this.finishHeader();
    }
    return this.addRow(line, cells);
  }

  finishHeader(): void {
    if (this.decided) return;
    this.decided = true;
    for (const { line, cells } of this.pending) {
      const match = matchHeader(line, cells, this.columns);
      if (match.score > (this.header?.score ?? 0)) this.header = match;
    }
    for (const { line, cells } of this.pending)
      if (line > (this.header?.line ?? line)) this.addRow(line, cells);
    this.pending = [];
  }

  private addRow(line: number, cells: unknown[]): boolean {
    if (!this.complete || !this.header) return true;
    const values: Record<string, string> = {};
    let blank = true;
    for (const column of this.columns) {
      const indexes = this.header.sources.get(column.key) ?? [];
      const parts = indexes.map((at) => normalizeValue(column.type, cells[at])).filter((part) => part !== "");
      values[column.key] = parts.join(" ");
      if (parts.length > 0) blank = false;
    }
    if (blank) return true;
    if (this.rows.length >= MAX_LIST_ROWS) {
      this.tooManyRows = true;
      return false;
    }
    this.rows.push({ line, values });
    return true;
  }
}

function scanResult(scan: TableScan | undefined, columns: readonly ListColumn[]): ReadResult {
  if (scan?.tooManyRows) return fail(MESSAGES.tooManyRows);
  if (!scan?.complete || !scan.header) {
    const found = scan?.header?.sources;
    return fail(
      MESSAGES.missing(columns.filter((c) => c.required && !found?.has(c.key)).map((c) => c.header)),
    );
  }
  return { ok: true, rows: scan.rows, ignoredColumns: scan.header.ignored };
}

const better = (scan: TableScan, best: TableScan | undefined) =>
  (scan.header?.score ?? 0) > (best?.header?.score ?? 0) ? scan : best;

async function readWorkbook(zip: Buffer, columns: readonly ListColumn[]): Promise<ReadResult> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([zip]), {
    entries: "ignore",
    sharedStrings: "cache",
    hyperlinks: "ignore", // a hyperlink cell keeps its text, which is what we want
    styles: "cache", // tells date cells from numbers
    worksheets: "emit",
  });
  let best: TableScan | undefined;
  // The first worksheet with a complete header is the list (an instructions sheet often comes first).
  for await (const worksheet of reader) {
    const scan = new TableScan(columns);
    for await (const row of worksheet) {
      if (!scan.push(row.number, (row.values as unknown[]).slice(1))) return fail(MESSAGES.tooManyRows);
    }
    scan.finishHeader();
    if (scan.complete) return scanResult(scan, columns);
    best = better(scan, best);
  }
  return scanResult(best, columns);
}

function readCsv(text: string, filename: string, columns: readonly ListColumn[]): ReadResult {
  // The separator is the one under which the header matches best: Excel in Spanish writes ";", others "," or tab.
  let separator = ";";
  let best: TableScan | undefined;
  let tableLines = 0; // most lines with more than one cell under one separator: prose has few
  for (const candidate of [";", ",", "\t"]) {
    const scan = new TableScan(columns);
    let lines = 0;
    for (const { line, cells } of parseCsv(text, candidate)) {
      if (line > HEADER_SEARCH_ROWS) break;
      if (cells.length > 1) lines++;
      scan.push(line, cells);
    }
    tableLines = Math.max(tableLines, lines);
    scan.finishHeader();
    if (better(scan, best) === scan) [separator, best] = [candidate, scan];
  }
  if (!best?.complete)
    return tableLines >= 2 ? scanResult(best, columns) : fail(MESSAGES.unsupported(filename));
  const scan = new TableScan(columns);
  for (const { line, cells } of parseCsv(text, separator)) if (!scan.push(line, cells)) break;
  scan.finishHeader();
  return scanResult(scan, columns);
}

/** Reads a list file; the format is decided by its content, the name is only used in messages. */
export async function readListFile(file: Buffer, filename: string, kind: ListKind): Promise<ReadResult> {
  if (file.length > MAX_LIST_BYTES) return fail(MESSAGES.tooBig(file.length));
  const columns = LIST_COLUMNS[kind];
  try {
    const signature = fileSignature(file);
    if (signature === "zip" || signature === "ole") {
      const opened = openWorkbook(file);
      if (!opened.ok) return fail(opened.message ?? MESSAGES.unsupported(filename));
      return await readWorkbook(opened.zip, columns);
    }
    const text = signature === "pdf" ? undefined : decodeText(file);
    return text === undefined ? fail(MESSAGES.unsupported(filename)) : readCsv(text, filename, columns);
  } catch {
    return fail(SPREADSHEET_MESSAGES.unreadable);
  }
}
