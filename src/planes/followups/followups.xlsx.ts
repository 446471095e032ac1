// The follow-up report as the spreadsheet OCI keeps (the matrix of the PAAC guide), ready to edit in Excel:
// the header block (Entidad, Vigencia, Periodo, Fecha de seguimiento), then per component a heading row, its
// activities under the frozen column header and its score; the % cells coloured by zone with the zone
// also in words (colour is never the only sign); a summary with the plan's score and the zone legend; and
// the «Anexo: evidencias» sheet with each file's SHA-256. Landscape A4, the header repeated when printed.
import ExcelJS from "exceljs";
import { formatIsoDay } from "../../shared/time.ts";
import { neutralizeCell } from "../../shared/xlsx.ts";
import { ZONE_FILLS, ZONE_LABELS, type ZoneKey, zoneLegend } from "../progress/zones.rules.ts";
import { activityCell } from "./followups.rules.ts";
import type { FollowupReport } from "./followups.types.ts";

/** OCI's matrix, and the zone in words beside the percentage. */
export const MATRIX_HEADER = [
  "Subcomponente",
  "Actividades programadas",
  "Actividades realizadas",
  "Meta/producto",
  "Responsable",
  "Fecha programada",
  "% de avance",
  "Zona",
  "Observaciones",
] as const;
const WIDTHS = [30, 48, 42, 32, 28, 24, 12, 10, 42];
const PERCENT_COLUMN = 7;
const ZONE_COLUMN = 8;

export const ANNEX_SHEET = "Anexo evidencias";

const text = (value: string) => neutralizeCell(value);
const fill = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });
const zoneFill = (zone: ZoneKey) => fill(`FF${ZONE_FILLS[zone]}`);
const HEADER_FILL = fill("FFD9E1F2");
const HEADING_FILL = fill("FFB4C6E7");
const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: "top" };
const thin: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FFB3B3B3" } },
  left: { style: "thin", color: { argb: "FFB3B3B3" } },
  bottom: { style: "thin", color: { argb: "FFB3B3B3" } },
  right: { style: "thin", color: { argb: "FFB3B3B3" } },
};

/** A percentage cell: the number (Excel's percent format) and its zone's fill. */
function percentCells(row: ExcelJS.Row, percent: number, zone: ZoneKey) {
  const cell = row.getCell(PERCENT_COLUMN);
  cell.value = percent / 100;
  cell.numFmt = "0.0%";
  cell.fill = zoneFill(zone);
  const zoneCell = row.getCell(ZONE_COLUMN);
  zoneCell.value = ZONE_LABELS[zone];
  zoneCell.fill = zoneFill(zone);
}

function headerBlock(sheet: ExcelJS.Worksheet, report: FollowupReport, draft: boolean) {
  const title = sheet.addRow([text(`Informe de seguimiento: ${report.plan.title}`)]);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(title.number, 1, title.number, MATRIX_HEADER.length);
  const lines: [string, string][] = [
    ["Entidad", report.entity],
    ["Vigencia", String(report.plan.year)],
    ["Periodo", report.periodLabel],
    ["Fecha de seguimiento", formatIsoDay(report.followupOn)],
    ["Fecha de corte", formatIsoDay(report.cutOn)],
  ];
  if (draft)
    lines.push([
      "Estado",
      "Borrador: el seguimiento sigue en curso; las actividades sin verificar cuentan 0 %.",
    ]);
  for (const [label, value] of lines) {
    const row = sheet.addRow([text(label), text(value)]);
    row.getCell(1).font = { bold: true };
    sheet.mergeCells(row.number, 2, row.number, MATRIX_HEADER.length);
  }
  sheet.addRow([]);
}

function matrix(sheet: ExcelJS.Worksheet, report: FollowupReport) {
  const header = sheet.addRow([...MATRIX_HEADER]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle" };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = thin;
  });
  const headerRow = header.number;
  for (const component of report.components) {
    // The name carries the level («Componente 1: …», «Actividad de gestión 2. …»): OCI's «Componente» row.
    const heading = sheet.addRow([text(component.name)]);
    heading.font = { bold: true, size: 12 };
    for (let c = 1; c <= MATRIX_HEADER.length; c++) heading.getCell(c).fill = HEADING_FILL;
    sheet.mergeCells(heading.number, 1, heading.number, MATRIX_HEADER.length);
    for (const item of component.rows) {
      const row = sheet.addRow([
        text(item.subcomponent),
        text(activityCell(item)),
        text(item.realized),
        text(item.meta),
        text(item.responsable),
        text(item.scheduled),
        null,
        null,
        text(item.observations),
      ]);
      row.alignment = wrap;
      percentCells(row, item.percent, item.zone);
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = thin;
      });
    }
    const score = sheet.addRow([text(`Calificación: ${component.name}`)]);
    score.font = { bold: true };
    sheet.mergeCells(score.number, 1, score.number, PERCENT_COLUMN - 1);
    percentCells(score, component.score, component.zone);
    score.getCell(ZONE_COLUMN).font = { bold: true };
  }
  return headerRow;
}

function summary(sheet: ExcelJS.Worksheet, report: FollowupReport) {
  sheet.addRow([]);
  const heading = sheet.addRow(["Resumen"]);
  heading.font = { bold: true, size: 12 };
  for (const component of report.components) {
    const row = sheet.addRow([text(component.name)]);
    sheet.mergeCells(row.number, 1, row.number, PERCENT_COLUMN - 1);
    percentCells(row, component.score, component.zone);
  }
  const plan = sheet.addRow(["Calificación del plan"]);
  plan.font = { bold: true };
  sheet.mergeCells(plan.number, 1, plan.number, PERCENT_COLUMN - 1);
  percentCells(plan, report.score, report.zone);
  sheet.addRow([]);
  sheet.addRow(["Zonas"]).font = { bold: true };
  for (const zone of ["bajo", "medio", "alto"] as const) {
    const row = sheet.addRow([zoneLegend(zone, report.zones)]);
    row.getCell(1).fill = zoneFill(zone);
    sheet.mergeCells(row.number, 1, row.number, 2);
  }
}

function annex(workbook: ExcelJS.Workbook, report: FollowupReport) {
  const sheet = workbook.addWorksheet(ANNEX_SHEET, {
    views: [{ state: "frozen", ySplit: 2 }],
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = [50, 14, 16, 70].map((width) => ({ width }));
  sheet.addRow(["Anexo: evidencias"]).font = { bold: true, size: 12 };
  const header = sheet.addRow(["Archivo", "Actividad", "Tamaño (bytes)", "SHA-256"]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  for (const evidence of report.evidence)
    sheet.addRow([
      text(evidence.fileName),
      text(evidence.activityCode ?? ""),
      evidence.size,
      evidence.sha256,
    ]).alignment = wrap;
  if (report.evidence.length === 0) sheet.addRow(["No se presentaron evidencias para este corte."]);
  sheet.pageSetup.printTitlesRow = "2:2";
}

/** The workbook of a follow-up report (a draft says so in its header block). */
export async function followupXlsx(report: FollowupReport, draft = false): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = report.entity;
  workbook.title = `Seguimiento ${report.plan.title} – corte ${formatIsoDay(report.cutOn)}`;
  const day = new Date(`${report.followupOn}T12:00:00Z`);
  workbook.created = day;
  workbook.modified = day;
  const sheet = workbook.addWorksheet("Seguimiento", {
    pageSetup: {
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
  });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  headerBlock(sheet, report, draft);
  const headerRow = matrix(sheet, report);
  sheet.views = [{ state: "frozen", ySplit: headerRow }];
  sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  summary(sheet, report);
  annex(workbook, report);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
