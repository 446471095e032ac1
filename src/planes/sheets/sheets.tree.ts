// What the PAAC and matrix readers share: the problems found (with their sheet and row), unique keys, the
// cells of a data row by column, and adding responsables and periods to a node with the checks on dates.
import { createHash } from "node:crypto";
import type { ColumnKey, ColumnMap } from "./sheets.columns.ts";
import { type DateRead, readDateCell, readRangeCell } from "./sheets.dates.ts";
import type { GridCell, GridRow } from "./sheets.grid.ts";
import { splitResponsables } from "./sheets.responsables.ts";
import type { ImportProblem, ParsedNode, ParsedPeriod } from "./sheets.types.ts";

/** Text compared for identity: no accents, case, punctuation or spacing differences. */
export function identity(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9ñ]+/g, " ")
    .trim();
}

/** A key part from a text: its first words and a short hash of the whole, stable across re-imports. */
export function textKey(text: string): string {
  const same = identity(text);
  let slug = same.split(" ").slice(0, 4).join("-");
  // Cut between words: the slug is for people reading a key, the hash is what makes it unique.
  if (slug.length > 32) slug = slug.slice(0, slug.lastIndexOf("-", 32)) || slug.slice(0, 32);
  return `${slug}-${createHash("sha1").update(same).digest("hex").slice(0, 8)}`;
}

/** At most 60 characters of a text, for naming a node in a message. */
export const short = (text: string) => {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 57).trimEnd()}…` : line;
};

export const columnLetters = (index: number) => {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
};

/** Problems and keys of one reading. */
export class Reading {
  readonly problems: ImportProblem[] = [];
  readonly #keys = new Set<string>();
  /** Per base key, the next «~n» to try: a thousand rows with one code cost a thousand tries, not half a million. */
  readonly #next = new Map<string, number>();
  /** The sheet each node was read from, for problems found once the whole file is read. */
  readonly #sheets = new WeakMap<ParsedNode, string>();
  sheet = "";

  /** A node read from the current sheet, under its unique key (see uniqueKey). */
  node(level: 1 | 2 | 3, key: string, code: string | null, text: string, row: number): ParsedNode {
    const node: ParsedNode = {
      level,
      key: this.uniqueKey(key),
      code,
      text,
      responsables: [],
      periods: [],
      row,
      children: [],
    };
    this.#sheets.set(node, this.sheet);
    return node;
  }

  error(row: number, message: string) {
    this.problems.push({ row, message, severity: "error", sheet: this.sheet });
  }

  /** An error about a node as a whole (no responsable, no activities), at its first row and sheet. */
  errorAt(node: ParsedNode, message: string) {
    this.problems.push({
      row: node.row,
      message,
      severity: "error",
      sheet: this.#sheets.get(node) ?? this.sheet,
    });
  }

  aviso(row: number, message: string) {
    this.problems.push({ row, message, severity: "aviso", sheet: this.sheet });
  }

  /** The key itself, or with «~2», «~3»… when taken (a repeated code, two tasks written alike). */
  uniqueKey(base: string): string {
    let key = base;
    let n = this.#next.get(base) ?? 2;
    // A key taken is skipped for good: each one is «base~n» of a single base, so all the tries of a reading
    // add up to its keys, whatever the order (a code written «1.1~2» only moves the counter of «1.1» on).
    while (this.#keys.has(key)) key = `${base}~${n++}`;
    if (key !== base) this.#next.set(base, n);
    this.#keys.add(key);
    return key;
  }
}

/** A data row read through the header's columns. Cells merged from above read as empty (same as above). */
export class RowCells {
  constructor(
    readonly row: GridRow,
    readonly columns: ColumnMap,
  ) {}

  cell(key: ColumnKey): GridCell | undefined {
    const at = this.columns[key];
    const cell = at === undefined ? undefined : this.row.cells[at];
    return cell?.above ? undefined : cell;
  }

  text(key: ColumnKey): string {
    return this.cell(key)?.text ?? "";
  }

  /** The texts of the row's cells (merged ones once), for telling a heading or a note from data. */
  distinctTexts(): string[] {
    const texts = new Set<string>();
    for (const cell of this.row.cells) if (cell && !cell.above && cell.text !== "") texts.add(cell.text);
    return [...texts];
  }

  /** Whether any column of the table holds something on this row (merged cells from above aside). */
  hasAny(keys: readonly ColumnKey[]): boolean {
    return keys.some((key) => this.text(key) !== "" || this.cell(key)?.date !== undefined);
  }

  /** Warns about formulas without a saved result and error values in the table's columns. */
  checkFormulas(reading: Reading) {
    for (const at of new Set(Object.values(this.columns))) {
      const cell = this.row.cells[at];
      if (!cell || cell.above) continue;
      const address = `${columnLetters(at)}${this.row.row}`;
      if (cell.formulaWithoutResult)
        reading.aviso(
          this.row.row,
          `La celda ${address} tiene una fórmula sin resultado guardado y se lee vacía. Abra el archivo en Excel, guárdelo y súbalo otra vez.`,
        );
      else if (cell.error)
        reading.aviso(this.row.row, `La celda ${address} muestra un error (${cell.error}) y se lee vacía.`);
    }
  }
}

export function addResponsables(node: ParsedNode, text: string) {
  for (const written of splitResponsables(text))
    if (!node.responsables.includes(written)) node.responsables.push(written);
}

/** Appends text written on a continuation row («más evidencias»), unless it only repeats what is there. */
export function appendText(current: string | undefined, more: string): string {
  if (!current) return more;
  if (more === "" || identity(current).endsWith(identity(more))) return current;
  return `${current}\n${more}`;
}

type Side = "start" | "end";
const SIDE_NAME: Record<Side, string> = { start: "de inicio", end: "final" };

/** One side of a period: its ISO date, or null with an aviso (impossible) or an error (not a date). */
function sideOf(reading: Reading, row: number, side: Side, date: DateRead | undefined, column: string) {
  if (!date) return null;
  if (date.kind === "date") return date.iso;
  if (date.kind === "impossible")
    reading.aviso(
      row,
      `La fecha ${SIDE_NAME[side]} ${date.written} no existe (${date.reason}); se guarda como está escrita. Corríjala en el archivo si es un error.`,
    );
  else
    reading.error(
      row,
      `«${short(date.written)}» en la columna «${column}» no es una fecha. Escríbala como día/mes/año, por ejemplo 13/01/2022.`,
    );
  return null;
}

function pushPeriod(
  reading: Reading,
  node: ParsedNode,
  row: number,
  start: DateRead | undefined,
  end: DateRead | undefined,
  columns: { start: string; end: string },
  written?: string,
) {
  const period: ParsedPeriod = {
    start: sideOf(reading, row, "start", start, columns.start),
    end: sideOf(reading, row, "end", end, columns.end),
  };
  if (period.start === null || period.end === null)
    period.raw = written ?? [start?.written, end?.written].filter(Boolean).join(" - ");
  if (start && !end) reading.error(row, `Falta la fecha final del periodo que empieza el ${start.written}.`);
  if (end && !start)
    reading.error(row, `Falta la fecha de inicio del periodo que termina el ${end.written}.`);
  if (period.start && period.end && period.end < period.start)
    reading.error(
      row,
      `El periodo ${start?.written} – ${end?.written} termina antes de empezar: la fecha final es anterior a la de inicio.`,
    );
  node.periods.push(period);
}

/**
 * The periods of a row in separate start and end columns; several dates in one cell (one per line) pair by
 * position: «01/05/2022↵01/10/2022» with «01/06/2022↵01/11/2022».
 */
export function addPeriods(reading: Reading, node: ParsedNode, cells: RowCells) {
  const starts = readDateCell(cells.cell("start"));
  const ends = readDateCell(cells.cell("end"));
  const row = cells.row.row;
  if (starts.length > 0 && ends.length > 0 && starts.length !== ends.length)
    reading.error(
      row,
      `Hay ${starts.length} fechas de inicio y ${ends.length} fechas finales en la misma fila: escriba una fecha final por cada fecha de inicio, en el mismo orden.`,
    );
  const columns = { start: "Fecha Inicio", end: "Fecha Final" };
  for (let at = 0; at < Math.max(starts.length, ends.length); at++)
    if (starts.length > 0 && ends.length > 0 && (at >= starts.length || at >= ends.length)) continue;
    else pushPeriod(reading, node, row, starts[at], ends[at], columns);
}

/** The periods of a row with one «Cuándo» column: «01/02/2026 - 31/03/2026», one per line. */
export function addRanges(reading: Reading, node: ParsedNode, cells: RowCells, column: string) {
  const row = cells.row.row;
  for (const range of readRangeCell(cells.cell("when"))) {
    if ("kind" in range) {
      reading.error(
        row,
        `«${short(range.written)}» en la columna «${column}» no es un periodo. Escríbalo como día/mes/año de inicio y de fin, por ejemplo «01/02/2026 - 31/03/2026».`,
      );
      node.periods.push({ start: null, end: null, raw: range.written });
      continue;
    }
    pushPeriod(reading, node, row, range.start, range.end, { start: column, end: column }, range.written);
  }
}

/** A weight as written: «10», «10 %», «0,1»; a cell formatted as a percentage gives its percent (0.1 → 10). */
export function readWeight(reading: Reading, cells: RowCells): number | null | undefined {
  const cell = cells.cell("weight");
  if (!cell || cell.text === "") return undefined;
  if (cell.number !== undefined) return cell.percent ? Math.round(cell.number * 1e6) / 1e4 : cell.number;
  const match = /^(\d+(?:[.,]\d+)?)\s*%?$/.exec(cell.text);
  if (match) return Number((match[1] ?? "").replace(",", "."));
  reading.error(cells.row.row, `El peso «${short(cell.text)}» no es un número.`);
  return null;
}
