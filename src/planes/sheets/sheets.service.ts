// Reads a plan spreadsheet as a person would (sheets.paac.ts, sheets.matriz.ts) into the tree of
// sheets.types.ts. Pure: bytes in, tree and problems out, no database. The file as a whole is refused (ok:false)
// only when it cannot be read: too big, not an .xlsx (.xls, .ods, password, CSV, PDF…), a zip bomb, too many
// rows, or no header with the plan's columns. Everything else comes back as problems with their row, and a
// file with errors still gives its tree (the caller refuses to apply it).
//
// Limits: MAX_PLAN_FILE_BYTES per file, MAX_PLAN_UNCOMPRESSED_BYTES once inflated (checked by the zip guard of
// src/shared/zip-guard.ts before exceljs sees anything), MAX_PLAN_ROWS rows holding something and five times
// that of rows of any kind (all sheets), and merged ranges filled only over rows that hold something.

import { SPREADSHEET_MESSAGES } from "../../shared/spreadsheet-file.ts";
import { formatNumber } from "../../shared/words.ts";
import type { PlanShape } from "../plans/plans.types.ts";
import {
  COLUMNS,
  type ColumnDef,
  columnsOf,
  type HeaderMatch,
  matchHeader,
  missingOf,
} from "./sheets.columns.ts";
import { type GridSheet, MAX_PLAN_UNCOMPRESSED_BYTES, readGrid } from "./sheets.grid.ts";
import { MatrizReader } from "./sheets.matriz.ts";
import { PaacReader } from "./sheets.paac.ts";
import { Reading } from "./sheets.tree.ts";
import type { ReadPlanResult } from "./sheets.types.ts";

/** Largest plan file accepted, in bytes. */
export const MAX_PLAN_FILE_BYTES = 10 * 1024 * 1024;
/** Most rows holding something, over all sheets: a 2,000-activity plan has about 6,000. */
export const MAX_PLAN_ROWS = 20_000;
/** Most rows of any kind, over all sheets: empty rows with a format cost as much to read as full ones. */
export const MAX_PLAN_SHEET_ROWS = 5 * MAX_PLAN_ROWS;

const SHAPE_NAMES: Record<PlanShape, string> = {
  paac: "un plan anticorrupción (PAAC), con Actividades, Meta, Responsable y fechas",
  matriz: "una matriz (Actividades de gestión, Qué, Cómo, Quién, Cuándo)",
};

/** The refusal of a file over MAX_PLAN_FILE_BYTES; also said by plans:import before it reads the file. */
export const tooBigMessage = (bytes: number) =>
  `El archivo pesa ${formatNumber(bytes / 1024 / 1024, 1)} MB y el máximo es ${formatNumber(MAX_PLAN_FILE_BYTES / 1024 / 1024)} MB. Quite las hojas o imágenes que no hagan falta y súbalo otra vez.`;

const MESSAGES = {
  tooBig: tooBigMessage,
  tooManyRows: `El archivo tiene más de ${formatNumber(MAX_PLAN_ROWS)} filas con datos, que es el máximo para un plan. Quite las hojas o filas que no sean del plan y súbalo otra vez.`,
  tooManySheetRows: `El archivo tiene más de ${formatNumber(MAX_PLAN_SHEET_ROWS)} filas, contando las vacías que tienen formato. Borre las filas que sobran debajo del plan y las hojas que no sean del plan, y súbalo otra vez.`,
  unsupported: (fileName: string) =>
    `No podemos leer «${fileName.slice(0, 80)}» como un plan. Envíe el plan en un archivo de Excel (.xlsx); si lo tiene en CSV, PDF o Word, páselo a Excel y guárdelo como "Libro de Excel (.xlsx)".`,
  missing: (missing: string[]) =>
    `Al archivo le faltan estas columnas: ${missing.join(", ")}. Escríbalas en la fila de títulos de la tabla, encima de las actividades, y súbalo otra vez.`,
  otherShape: (shape: PlanShape) =>
    ` El archivo parece ${SHAPE_NAMES[shape]}: revise que eligió el tipo de plan correcto.`,
};

/** The best header of the file for a shape: the first complete one, else the one with most columns. */
function bestHeader(
  sheets: GridSheet[],
  shape: PlanShape,
  defs: readonly ColumnDef[] = COLUMNS[shape],
): (HeaderMatch & { row: number }) | undefined {
  let best: (HeaderMatch & { row: number }) | undefined;
  for (const sheet of sheets)
    for (let at = 0; at < sheet.rows.length; at++) {
      const row = sheet.rows[at];
      if (!row) continue;
      const header = matchHeader(shape, row, sheet.rows[at + 1], defs);
      if (!header) continue;
      if (header.missing.length === 0) return { ...header, row: row.row };
      if (header.matched > (best?.matched ?? 0)) best = { ...header, row: row.row };
    }
  return best;
}

const fail = (message: string, row?: number): ReadPlanResult => ({
  ok: false,
  message,
  problems: row === undefined ? [] : [{ row, message, severity: "error" }],
});

function readTree(sheets: GridSheet[], shape: PlanShape, options: ReadPlanOptions): ReadPlanResult {
  const defs = columnsOf(shape, options.levelNames);
  const header = bestHeader(sheets, shape, defs);
  if (!header || header.missing.length > 0) {
    const missing = header?.missing ?? missingOf(shape, {}, defs);
    const other: PlanShape = shape === "paac" ? "matriz" : "paac";
    const hint = bestHeader(sheets, other)?.missing.length === 0 ? MESSAGES.otherShape(other) : "";
    return fail(MESSAGES.missing(missing) + hint, header?.row);
  }
  const reading = new Reading();
  const reader = shape === "paac" ? new PaacReader(reading) : new MatrizReader(reading, defs);
  for (const sheet of sheets) reader.readSheet(sheet);
  const counts = reader.finish();
  const order = new Map(sheets.map((sheet, at) => [sheet.name, at]));
  const problems = reading.problems
    .map((problem, at) => ({ problem, at }))
    .sort(
      (a, b) =>
        (order.get(a.problem.sheet ?? "") ?? 0) - (order.get(b.problem.sheet ?? "") ?? 0) ||
        a.problem.row - b.problem.row ||
        a.at - b.at,
    )
    .map(({ problem }) => problem);
  return { ok: true, shape, tree: reader.tree, counts, problems };
}

export interface ReadPlanOptions {
  /**
   * The plan type's level names: a matrix's level columns may be headed by them («Hallazgo», «Acción de
   * mejora», «Tarea» in a plan de mejoramiento) as well as by the usual labels, and messages name them so.
   */
  levelNames?: readonly string[];
}

/** Reads a plan file; the format is decided by its content, the name is only used in messages. */
export async function readPlanFile(
  file: Buffer,
  fileName: string,
  shape: PlanShape,
  options: ReadPlanOptions = {},
): Promise<ReadPlanResult> {
  if (file.length > MAX_PLAN_FILE_BYTES) return fail(MESSAGES.tooBig(file.length));
  try {
    const grid = await readGrid(file, MAX_PLAN_ROWS, {
      maxStreamedRows: MAX_PLAN_SHEET_ROWS,
      maxUncompressedBytes: MAX_PLAN_UNCOMPRESSED_BYTES,
    });
    if (!grid.ok) {
      if (grid.tooManyRows === "filled") return fail(MESSAGES.tooManyRows);
      if (grid.tooManyRows === "all") return fail(MESSAGES.tooManySheetRows);
      return fail(grid.message ?? MESSAGES.unsupported(fileName));
    }
    return readTree(grid.sheets, shape, options);
  } catch {
    return fail(SPREADSHEET_MESSAGES.unreadable);
  }
}
