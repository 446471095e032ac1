// Writes the seed plans as the offices keep them in Excel: title rows above the table, a heading row per
// component, the header again after some page breaks, merged cells for the subcomponent over its activities and
// for activity/product/meta over their continuation rows, dates partly as text as written and partly as real
// Excel dates. The demo ships the result (scripts/make-demo-plans.ts); the import tests read it and variants of it.
import ExcelJS from "exceljs";
import { MATRIZ_2026, MATRIZ_2026_TITLE, MATRIZ_HEADER, type MatrizActivity } from "./matriz-2026.rows.ts";
import {
  PAAC_2022,
  PAAC_2022_TITLE,
  PAAC_HEADER,
  type PaacComponent,
  type PaacRow,
} from "./paac-2022.rows.ts";

/** Fixed so that writing the same plan twice gives the same workbook properties. */
const WRITTEN_ON = new Date(Date.UTC(2022, 0, 27, 15, 0, 0));

type DateColumns = "both" | "start" | "none";

export interface PaacWorkbookOptions {
  /**
   * Per component number, which date columns hold real Excel dates (the others keep the text as written).
   * Offices mix both; an impossible date or two periods in one cell stay text whatever this says.
   */
  dateCells?: Record<number, DateColumns>;
  sheetName?: string;
}

/** Components 3 and 6 with Excel dates, component 4 with Excel start dates only; the rest text as written. */
export const PAAC_DATE_CELLS: Record<number, DateColumns> = { 3: "both", 4: "start", 6: "both" };

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: "top" };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
const HEADING_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFB4C6E7" } };

/** «13/01/2022» or «1/07/2022» as a calendar day (UTC midnight, as Excel stores a date), or null. */
export function writtenDate(text: string): Date | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCDate() === day && date.getUTCMonth() === month - 1 ? date : null;
}

function dateCell(cell: ExcelJS.Cell, written: string | undefined, asDate: boolean) {
  if (written === undefined) return;
  const date = asDate ? writtenDate(written) : null;
  if (date) {
    cell.value = date;
    // Keeps the look of the text it replaces: «1/07/2022» has a one-digit day.
    cell.numFmt = /^\d\//.test(written.trim()) ? "d/mm/yyyy" : "dd/mm/yyyy";
  } else cell.value = written;
}

function titleRow(sheet: ExcelJS.Worksheet, text: string, width: number, size = 12) {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, width);
  row.font = { bold: true, size };
  row.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  return row;
}

function headerRow(sheet: ExcelJS.Worksheet, header: readonly string[]) {
  const row = sheet.addRow([...header]);
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  });
  return row;
}

const isEmpty = (row: PaacRow) =>
  !row.subcomponent &&
  !row.activity &&
  !row.product &&
  !row.meta &&
  !row.responsable &&
  !row.start &&
  !row.end;

/** Writes one component's table (heading, header, rows, merges) below what the sheet already holds. */
function writeComponent(sheet: ExcelJS.Worksheet, component: PaacComponent, dates: DateColumns) {
  const width = PAAC_HEADER.length;
  const heading = sheet.addRow([component.heading]);
  sheet.mergeCells(heading.number, 1, heading.number, width);
  heading.font = { bold: true, size: 12 };
  heading.getCell(1).fill = HEADING_FILL;
  heading.alignment = { vertical: "middle" };
  if (component.note) {
    const note = sheet.addRow([component.note]);
    sheet.mergeCells(note.number, 1, note.number, width);
    note.alignment = WRAP;
  }
  if (component.rows.length === 0) return;

  // Component 6 was its own Word table without the subcomponent column: pasted at column A, it starts there.
  const header = component.withSubcomponents ? PAAC_HEADER : PAAC_HEADER.slice(1);
  const shift = component.withSubcomponents ? 0 : -1;
  const col = (name: (typeof PAAC_HEADER)[number]) => PAAC_HEADER.indexOf(name) + 1 + shift;
  headerRow(sheet, header);

  let subcomponentStart: number | null = null;
  let activityStart: number | null = null;
  let lastFilled = sheet.rowCount;
  const closeActivity = () => {
    if (activityStart !== null && lastFilled > activityStart)
      for (const name of ["Actividades", "Producto", "Meta"] as const)
        sheet.mergeCells(activityStart, col(name), lastFilled, col(name));
    activityStart = null;
  };
  const closeSubcomponent = () => {
    if (subcomponentStart !== null && lastFilled > subcomponentStart)
      sheet.mergeCells(subcomponentStart, 1, lastFilled, 1);
    subcomponentStart = null;
  };

  for (const data of component.rows) {
    if (data.pageBreak) {
      closeActivity();
      closeSubcomponent();
      sheet.getRow(sheet.rowCount).addPageBreak();
      if (data.repeatHeader) headerRow(sheet, header);
    }
    const row = sheet.addRow([]);
    if (isEmpty(data)) continue;
    if (data.activity) closeActivity();
    if (data.subcomponent) {
      closeSubcomponent();
      subcomponentStart = row.number;
      row.getCell(1).value = data.subcomponent;
    }
    if (data.activity) {
      activityStart = row.number;
      row.getCell(col("Actividades")).value = data.activity;
    }
    if (data.product) row.getCell(col("Producto")).value = data.product;
    if (data.meta) row.getCell(col("Meta")).value = data.meta;
    if (data.responsable) row.getCell(col("Responsable")).value = data.responsable;
    dateCell(row.getCell(col("Fecha Inicio")), data.start, dates !== "none");
    dateCell(row.getCell(col("Fecha Final")), data.end, dates === "both");
    for (let c = 1; c <= header.length; c++) {
      const cell = row.getCell(c);
      cell.border = BORDER;
      cell.alignment = WRAP;
    }
    lastFilled = row.number;
  }
  closeActivity();
  closeSubcomponent();
}

/** The PAAC Anexo 1 on one sheet, as the OPGI keeps it. */
export function buildPaacWorkbook(
  components: readonly PaacComponent[] = PAAC_2022,
  options: PaacWorkbookOptions = {},
): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Oficina de Planeación de Gestión Institucional – OPGI";
  workbook.created = WRITTEN_ON;
  workbook.modified = WRITTEN_ON;
  const sheet = workbook.addWorksheet(options.sheetName ?? "Anexo 1 PAAC 2022", {
    pageSetup: { orientation: "landscape", paperSize: 5, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = [28, 55, 40, 35, 30, 13, 13].map((width) => ({ width }));
  for (const [i, title] of PAAC_2022_TITLE.entries()) titleRow(sheet, title, PAAC_HEADER.length, i ? 12 : 14);
  sheet.addRow([]);
  const dateCells = options.dateCells ?? PAAC_DATE_CELLS;
  components.forEach((component, i) => {
    writeComponent(sheet, component, dateCells[i + 1] ?? "none");
    sheet.addRow([]);
  });
  return workbook;
}

/** The Matriz operativa on one sheet: ACTIVIDADES DE GESTIÓN and QUÉ merged over their tasks. */
export function buildMatrizWorkbook(activities: readonly MatrizActivity[] = MATRIZ_2026): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Oficina de Planeación de Gestión Institucional – OPGI";
  workbook.created = WRITTEN_ON;
  workbook.modified = WRITTEN_ON;
  const sheet = workbook.addWorksheet("Matriz operativa 2026", {
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = [50, 35, 55, 34, 26, 38].map((width) => ({ width }));
  for (const [i, title] of MATRIZ_2026_TITLE.entries())
    titleRow(sheet, title, MATRIZ_HEADER.length, i ? 12 : 13);
  sheet.addRow([]);
  headerRow(sheet, MATRIZ_HEADER);
  for (const activity of activities) {
    const first = sheet.rowCount + 1;
    for (const [i, task] of activity.tasks.entries()) {
      const row = sheet.addRow([
        i === 0 ? activity.activity : null,
        i === 0 ? activity.alternative : null,
        task.task,
        task.who,
        task.when,
        task.evidence ?? null,
      ]);
      for (let c = 1; c <= MATRIZ_HEADER.length; c++) {
        row.getCell(c).border = BORDER;
        row.getCell(c).alignment = WRAP;
      }
    }
    const last = sheet.rowCount;
    if (last > first) {
      sheet.mergeCells(first, 1, last, 1);
      sheet.mergeCells(first, 2, last, 2);
    }
  }
  return workbook;
}

export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
