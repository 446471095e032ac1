// A workbook as a person sees it: for each visible sheet, in tab order, the rows that hold something, each cell
// as the text it shows. Merged cells are resolved the way they look: every cell of a merged range shows the
// text of its first cell, and the cells below the first row are marked `above` («same as above»), in the
// rows that hold something (a range may claim a million rows; it adds none). Formulas
// give their cached result, never evaluated; dates stay dates, for the date columns.
//
// exceljs' streaming reader gives the values (fast, and it ignores images, drawings and links, which the
// whole-book loader trips on once the zip guard has dropped them); it does not give merged ranges nor the tab
// order, so those are read from the sheet and workbook XML the guard already inflated.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { type OpenedWorkbook, openWorkbook, SPREADSHEET_MESSAGES } from "../../shared/spreadsheet-file.ts";

export interface GridCell {
  /** What the cell shows: spaces collapsed, no-break spaces as spaces, line breaks kept as "\n". */
  text: string;
  /** A date cell (exceljs gives the calendar day at UTC midnight). */
  date?: Date;
  /** A number cell (an Excel serial day in a date column). */
  number?: number;
  /** Its number format shows a percentage (0.1 shown as 10 %). */
  percent?: true;
  /** Part of a merged range that starts in a row above. */
  above?: true;
  /** A formula whose result was never saved in the file: read as empty. */
  formulaWithoutResult?: true;
  /** An error value (#N/A, #REF!…), read as empty. */
  error?: string;
}

export interface GridRow {
  /** As Excel numbers it. */
  row: number;
  /** Index 0 is column A; holes are empty cells. */
  cells: (GridCell | undefined)[];
}

export interface GridSheet {
  name: string;
  rows: GridRow[];
}

export type GridResult =
  | { ok: true; sheets: GridSheet[] }
  | {
      ok: false;
      message?: string;
      /** Over the rows holding something ("filled"), or over the rows of any kind ("all"). */
      tooManyRows?: "filled" | "all";
    };

/** A plan's table is a dozen columns wide: merged ranges are never followed further (a range may claim XFD). */
const MAX_COLUMNS = 64;

const SPACES = /[\u00a0\u2007\u202f\t\v\f ]+/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** Spaces collapsed line by line, blank lines dropped, the ends trimmed. */
export function cleanText(text: string): string {
  if (!/[\s\u00a0\u200b-\u200d\u2060\ufeff]/.test(text)) return text;
  return text
    .replace(INVISIBLE, "")
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => line.replace(SPACES, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}

const pad = (value: number) => String(value).padStart(2, "0");

/**
 * The UTC calendar day of a date cell as the cell shows it: its number format when that is day-first
 * («dd/mm/yyyy», «d/mm/yy»), else Colombia's short date, d/mm/yyyy (also for Excel's locale-dependent
 * short date and LibreOffice's «mm/dd/yy», which a Colombian Excel does not show month-first).
 */
export function writtenDay(date: Date, numFmt?: string): string {
  const [day, month, year] = [date.getUTCDate(), date.getUTCMonth() + 1, date.getUTCFullYear()];
  const format = (numFmt ?? "")
    .toLowerCase()
    .replace(/\[[^\]]*\]|["\\]/g, "")
    .trim();
  const parts = /^(d{1,2})([/.\- ])(m{1,2})\2(yyyy|yy)$/.exec(format);
  if (!parts) return `${day}/${pad(month)}/${year}`;
  const [, d = "d", separator = "/", m = "mm", y = "yyyy"] = parts;
  return [
    d.length === 2 ? pad(day) : String(day),
    m.length === 2 ? pad(month) : String(month),
    y.length === 2 ? pad(year % 100) : String(year),
  ].join(separator);
}

/** A number format that shows a date («dd/mm/yyyy», «d-mmm-yy»), not a number, time or text. */
function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "").toLowerCase();
  return /[dy]/.test(bare) && !/[0#?@]/.test(bare);
}

const numberText = (value: number) =>
  Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);

/** One exceljs value (plain, rich text, hyperlink, formula, error…) as a grid cell, or undefined when empty. */
export function toGridCell(value: unknown, numFmt?: string): GridCell | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") {
    const text = cleanText(value);
    return text === "" ? undefined : { text };
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return undefined;
    // A formula's result comes as a number even when the cell shows it as a date.
    if (isDateFormat(numFmt) && value > 0 && value < 2_958_466) {
      const date = new Date(Math.round((value - 25_569) * 86_400) * 1000);
      return toGridCell(
        new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())),
        numFmt,
      );
    }
    return {
      text: numberText(value),
      number: value,
      ...(numFmt?.includes("%") ? { percent: true as const } : {}),
    };
  }
  if (typeof value === "boolean") return { text: value ? "VERDADERO" : "FALSO" };
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : { text: writtenDay(value, numFmt), date: value };
  if (typeof value !== "object") return undefined;
  const cell = value as {
    richText?: unknown;
    result?: unknown;
    formula?: unknown;
    text?: unknown;
    error?: unknown;
  };
  if (Array.isArray(cell.richText))
    return toGridCell(
      cell.richText.map((run: { text?: unknown }) => String(run?.text ?? "")).join(""),
      numFmt,
    );
  if ("formula" in cell || "sharedFormula" in cell || "result" in cell) {
    if (cell.result === undefined || cell.result === null) return { text: "", formulaWithoutResult: true };
    // exceljs' streaming reader gives an error result as NaN.
    if (typeof cell.result === "number" && Number.isNaN(cell.result)) return { text: "", error: "#¡ERROR!" };
    return toGridCell(cell.result, numFmt);
  }
  if ("error" in cell) return { text: "", error: String(cell.error) };
  if ("text" in cell) return toGridCell(cell.text, numFmt);
  return undefined;
}

const decodeXml = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&amp;/g, "&");

const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);

interface SheetEntry {
  name: string;
  /** xl/worksheets/sheetN.xml */
  path: string;
}

/** The visible worksheets in tab order, from xl/workbook.xml and its relations. */
export function visibleSheets(parts: OpenedWorkbook["parts"]): SheetEntry[] {
  const text = (name: string) => Buffer.from(parts.get(name) ?? new Uint8Array()).toString("utf8");
  const targets = new Map<string, string>();
  for (const [tag] of text("xl/_rels/workbook.xml.rels").matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attribute(tag, "Id");
    const target = attribute(tag, "Target");
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, "xl/"));
  }
  const sheets: SheetEntry[] = [];
  for (const [tag] of text("xl/workbook.xml").matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const state = attribute(tag, "state");
    const path = targets.get(attribute(tag, "r:id") ?? "");
    if (state === "hidden" || state === "veryHidden" || !path || !parts.has(path)) continue;
    sheets.push({ name: decodeXml(attribute(tag, "name") ?? ""), path });
  }
  return sheets;
}

const columnNumber = (letters: string) => {
  let number = 0;
  for (const letter of letters) number = number * 26 + letter.charCodeAt(0) - 64;
  return number;
};

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The merged ranges of a sheet, from its <mergeCells>. */
export function mergedRanges(sheetXml: Uint8Array): Merge[] {
  const xml = Buffer.from(sheetXml.buffer, sheetXml.byteOffset, sheetXml.byteLength);
  // <mergeCells> comes after <sheetData> (the schema's order): only that tail is searched.
  const start = xml.indexOf("mergeCells", Math.max(0, xml.lastIndexOf("sheetData")));
  if (start < 0) return [];
  const merges: Merge[] = [];
  const tail = xml.subarray(start).toString("latin1");
  for (const match of tail.matchAll(
    /<(?:\w+:)?mergeCell\b[^>]*\bref\s*=\s*"\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)"/g,
  )) {
    const [, left = "", top = "", right = "", bottom = ""] = match;
    merges.push({
      top: Number(top),
      left: columnNumber(left),
      bottom: Number(bottom),
      right: columnNumber(right),
    });
  }
  return merges;
}

/** The first index of a sorted list whose value is at least `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Fills the cells of merged ranges from their first cell, only in the rows that hold something and within the
 * columns used: a range is only a claim (A1:XFD1048576 costs a few bytes), so it never adds rows. Returns false
 * when the ranges would fill more than `budget.left` cells: only ranges laid over one another get there (a plan
 * fills at most its rows × MAX_COLUMNS), so that file is refused rather than read.
 */
function applyMerges(rows: Map<number, GridRow>, merges: readonly Merge[], budget: { left: number }) {
  if (merges.length === 0) return true;
  const numbers = [...rows.keys()].sort((a, b) => a - b);
  let width = 0;
  for (const row of rows.values()) width = Math.max(width, row.cells.length);
  for (const merge of merges) {
    const master = rows.get(merge.top)?.cells[merge.left - 1];
    if (!master || master.text === "") continue;
    const right = Math.min(merge.right, width, MAX_COLUMNS);
    const first = lowerBound(numbers, merge.top);
    const end = lowerBound(numbers, merge.bottom + 1);
    const columns = right - merge.left + 1;
    // Checked before filling: an over-claiming file costs nothing but this count.
    const cells = (end - first) * columns - 1;
    if (columns <= 0 || cells <= 0) continue;
    if (cells > budget.left) return false;
    budget.left -= cells;
    // One cell object per merge and position, shared: the grid is read, never changed.
    const same = { ...master, formulaWithoutResult: undefined, error: undefined };
    const below = { ...same, above: true as const };
    for (let at = first; at < end; at++) {
      const row = numbers[at] ?? 0;
      const cellsOfRow = rows.get(row)?.cells;
      if (!cellsOfRow) continue;
      for (let column = merge.left; column <= right; column++)
        if (row !== merge.top || column !== merge.left)
          cellsOfRow[column - 1] = row > merge.top ? below : same;
    }
  }
  return true;
}

/** Bytes handed to exceljs at a time: it parses what it is given before yielding a row (see readGrid). */
const CHUNK_BYTES = 64 * 1024;

function* chunksOf(buffer: Buffer) {
  for (let at = 0; at < buffer.length; at += CHUNK_BYTES) yield buffer.subarray(at, at + CHUNK_BYTES);
}

/**
 * Largest uncompressed workbook a plan may be, in bytes, below the zip guard's default: a plan is read whole,
 * merged cells and all, into memory. The 2,000-activity plan of the benchmark is 68 KB compressed, 0.64 MB not.
 */
export const MAX_PLAN_UNCOMPRESSED_BYTES = 25 * 1024 * 1024;

/** Rows streamed per row holding something: the empty rows with a format that Excel writes cost as much to parse. */
const STREAMED_ROWS_PER_ROW = 5;

/**
 * Reads the file into grids. Refuses (ok:false, with the shared messages) what is not a readable .xlsx or
 * inflates past `maxUncompressedBytes`; without a message when it is not a spreadsheet at all. Stops at
 * `maxRows` rows holding something (tooManyRows "filled") or at `maxStreamedRows` rows of any kind, the empty
 * ones and those of hidden sheets included (tooManyRows "all"); refuses as unsafe merged ranges laid over one
 * another past maxRows × MAX_COLUMNS cells.
 */
export async function readGrid(
  file: Buffer,
  maxRows: number,
  {
    maxStreamedRows = maxRows * STREAMED_ROWS_PER_ROW,
    maxUncompressedBytes = MAX_PLAN_UNCOMPRESSED_BYTES,
  }: { maxStreamedRows?: number; maxUncompressedBytes?: number } = {},
): Promise<GridResult> {
  const opened = openWorkbook(file, maxUncompressedBytes);
  if (!opened.ok) return opened;
  let visible = visibleSheets(opened.parts);
  // A workbook whose index cannot be followed: every worksheet, in file order.
  if (visible.length === 0)
    visible = [...opened.parts.keys()]
      .map((path) => ({ path, number: Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path)?.[1] ?? -1) }))
      .filter((sheet) => sheet.number >= 0)
      .sort((a, b) => a.number - b.number)
      .map((sheet) => ({ name: `Hoja${sheet.number}`, path: sheet.path }));
  const wanted = new Map(visible.map((sheet, order) => [sheet.path, { ...sheet, order }]));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunksOf(opened.zip)), {
    entries: "ignore",
    sharedStrings: "cache",
    hyperlinks: "ignore", // a link keeps its text, which is what a person reads
    styles: "cache", // tells date cells from numbers
    worksheets: "emit",
  });
  const sheets: (GridSheet & { order: number })[] = [];
  let rowCount = 0;
  let streamed = 0;
  const mergeBudget = { left: maxRows * MAX_COLUMNS };
  for await (const worksheet of reader) {
    const id = (worksheet as unknown as { id: string }).id;
    const entry = wanted.get(`xl/worksheets/sheet${id}.xml`);
    const rows = new Map<number, GridRow>();
    for await (const row of worksheet) {
      if (++streamed > maxStreamedRows) return { ok: false, tooManyRows: "all" };
      if (!entry) continue; // a hidden sheet is drained, not read
      const cells: (GridCell | undefined)[] = [];
      let filled = false;
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (column > MAX_COLUMNS) return;
        const gridCell = toGridCell(cell.value, cell.numFmt);
        if (!gridCell) return;
        cells[column - 1] = gridCell;
        if (gridCell.text !== "" || gridCell.formulaWithoutResult || gridCell.error) filled = true;
      });
      if (!filled) continue;
      if (++rowCount > maxRows) return { ok: false, tooManyRows: "filled" };
      rows.set(row.number, { row: row.number, cells });
    }
    if (!entry) continue;
    const merges = mergedRanges(opened.parts.get(entry.path) ?? new Uint8Array());
    if (!applyMerges(rows, merges, mergeBudget)) return { ok: false, message: SPREADSHEET_MESSAGES.unsafe };
    sheets.push({
      name: entry.name,
      order: entry.order,
      rows: [...rows.values()].sort((a, b) => a.row - b.row),
    });
  }
  sheets.sort((a, b) => a.order - b.order);
  return { ok: true, sheets: sheets.map(({ name, rows }) => ({ name, rows })) };
}
