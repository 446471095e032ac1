// Short lists typed (or pasted from a spreadsheet) in the browser: one person per line, the columns in
// the template's order, separated by tabs (what a paste from Excel gives) or semicolons.
import type { ListKind } from "../campaigns/campaigns.table.ts";

export const TYPED_COLUMNS: Record<ListKind, string[]> = {
  desvinculados: ["fullName", "documentNumber"],
  cintas: ["fullName", "documentNumber"],
  contratistas: [
    "documentType",
    "documentNumber",
    "firstNames",
    "lastNames",
    "dependencia",
    "contractNumber",
    "contractStart",
    "contractEnd",
    "email",
    "phone",
    "bloodType",
  ],
};

/** Typed lists are for a few people; longer ones go as a spreadsheet. */
export const MAX_TYPED_LINES = 200;

/** "20/02/2026" or "2026-02-20" → "2026-02-20"; anything else is kept for the check to report. */
function typedDate(text: string): string {
  const dmy = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
  if (dmy) return `${dmy[3]}-${dmy[2]?.padStart(2, "0")}-${dmy[1]?.padStart(2, "0")}`;
  return text;
}

export function parseTypedList(
  text: string,
  kind: ListKind,
): { ok: true; rows: { line: number; values: Record<string, string> }[] } | { ok: false; message: string } {
  const lines = text.split(/\r?\n/);
  const columns = TYPED_COLUMNS[kind];
  const rows: { line: number; values: Record<string, string> }[] = [];
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const cells = line.split(line.includes("\t") ? "\t" : ";").map((cell) => cell.trim());
    const values = Object.fromEntries(columns.map((key, i) => [key, cells[i] ?? ""]));
    for (const key of ["contractStart", "contractEnd"]) if (values[key]) values[key] = typedDate(values[key]);
    rows.push({ line: index + 1, values });
  }
  if (rows.length === 0) return { ok: false, message: "Escriba al menos una persona, una por línea." };
  if (rows.length > MAX_TYPED_LINES)
    return {
      ok: false,
      message: `Para más de ${MAX_TYPED_LINES} personas, envíe la lista como archivo de Excel con la plantilla.`,
    };
  return { ok: true, rows };
}
