// Small PAAC workbooks written cell by cell for the reader's unit tests (src/planes/sheets/sheets.paac*.test.ts).
import ExcelJS from "exceljs";
import { readPlanFile } from "../src/planes/sheets/sheets.service.ts";
import type { ParsedNode } from "../src/planes/sheets/sheets.types.ts";

export type Rows = (ExcelJS.CellValue | undefined)[][];

export const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));

/** A workbook with these sheets (rows from row 1, column A), merged ranges per sheet. */
export async function xlsx(
  sheets: Record<string, Rows>,
  merges: Record<string, string[]> = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const [row, values] of rows.entries())
      for (const [column, value] of values.entries())
        if (value !== undefined) sheet.getCell(row + 1, column + 1).value = value;
    for (const range of merges[name] ?? []) sheet.mergeCells(range);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const HEADER = [
  "Subcomponente / Proceso",
  "Actividades",
  "Producto",
  "Meta",
  "Responsable",
  "Fecha Inicio",
  "Fecha Final",
];

/** Reads the sheets as a PAAC; a file the reader refuses fails the test with its message. */
export async function read(sheets: Record<string, Rows>, merges?: Record<string, string[]>) {
  const result = await readPlanFile(await xlsx(sheets, merges), "paac.xlsx", "paac");
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** Levels, codes, texts, responsables and periods, without the rest. */
export const outline = (nodes: ParsedNode[]): unknown[] =>
  nodes.map((node) => ({
    key: node.key,
    code: node.code,
    text: node.text,
    row: node.row,
    ...(node.note ? { note: node.note } : {}),
    ...(node.level === 3 ? { responsables: node.responsables, periods: node.periods } : {}),
    ...(node.children.length ? { children: outline(node.children) } : {}),
  }));
