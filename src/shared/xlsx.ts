// Spreadsheet exports (exceljs). Text that a spreadsheet would read as a formula is neutralised.
import ExcelJS from "exceljs";

export interface SheetColumn<Row> {
  header: string;
  width?: number;
  value: (row: Row) => string | number | Date | null | undefined;
}

/**
 * A value starting with =, +, -, @ (or a tab or carriage return, which some programs skip) would be run as
 * a formula when the file is opened ("CSV/formula injection"): it is prefixed with an apostrophe-like quote.
 */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export async function writeSheet<Row>(
  title: string,
  columns: SheetColumn<Row>[],
  rows: Row[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "SIPAP";
  const sheet = workbook.addWorksheet(title.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width ?? 20 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows)
    sheet.addRow(
      columns.map((column) => {
        const value = column.value(row);
        return typeof value === "string" ? neutralizeCell(value) : (value ?? "");
      }),
    );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
