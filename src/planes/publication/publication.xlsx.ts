// The spreadsheet of a published version, in the layout the office keeps and SIPAP's importer reads
// (src/planes/sheets): a PAAC as heading rows «Componente N: texto», each over its own header and one row per
// activity and period; a matrix under its «Actividades de gestión | Qué | Cómo | Quién | Cuándo | Evidencias»
// header. Downloading a published plan and uploading it into a new plan gives the same plan back: codes
// inside the activity cell, responsables as the plan wrote them, dates as dd/mm/yyyy text (an impossible one
// as written). The reconciled names go in a last column the importer does not read. Then the «Cambios» sheet.
import ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";
import { bogotaDay } from "../../shared/time.ts";
import type { PlanSnapshot, SnapshotItem } from "../plans/plans.types.ts";
import type { PublicLinks } from "./publication.exports.ts";
import {
  CHANGE_KIND_LABELS,
  type ChangeKeys,
  fieldLabel,
  leavesOf,
  levelsOf,
  placeChanges,
  publicChanges,
  reconciledNames,
  type SnapshotPeriod,
  sheetDay,
  writtenTexts,
} from "./publication.rules.ts";

/** The importer's labels (sheets.columns.ts): changing them here breaks the round trip the tests check. */
export const PAAC_SHEET_HEADER = [
  "Subcomponente / Proceso",
  "Actividades",
  "Producto",
  "Meta",
  "Responsable",
  "Fecha Inicio",
  "Fecha Final",
] as const;
export const MATRIZ_SHEET_HEADER = [
  "Actividades de gestión",
  "Qué (alternativas de mejora)",
  "Cómo (mejoras/tareas a implementar)",
  "Quién (responsable de cada tarea)",
  "Cuándo (fecha prevista para iniciar y terminar cada tarea)",
  "Evidencias",
] as const;
/** Read by people only: the importer has no column by this name and skips it. */
export const RECONCILED_HEADER = "Responsables conciliados";
const WEIGHT_HEADER = "Peso";

const dayOf = (iso: string) => bogotaDay(new Date(iso));
const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: "top" };
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
const HEADING_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFB4C6E7" } };

/** A date inside what the office wrote («1/04/2022», «31/04/2022»), as the importer finds them. */
const DATE_TOKEN = /\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*(?:\d{4}|\d{2})(?!\d)|\d{4}-\d{1,2}-\d{1,2}/g;

/**
 * The two date cells of a PAAC period: dd/mm/yyyy, or both sides as the office wrote them when one of them
 * does not exist (so the period reads back with the same words: «1/04/2022 - 31/04/2022»).
 */
export function paacDateCells(period: SnapshotPeriod): [string, string] {
  const tokens = period.written?.match(DATE_TOKEN) ?? [];
  const [first, second] = tokens;
  if (first && tokens.length <= 2) return [first, second ?? first];
  return [
    period.start ? sheetDay(period.start) : (period.written ?? ""),
    period.end ? sheetDay(period.end) : (period.written ?? ""),
  ];
}

/** A matrix's «Cuándo»: «01/02/2026 - 31/03/2026», or the period as written when a date does not exist. */
export const matrizWhenCell = (period: SnapshotPeriod) =>
  period.written ?? (period.start || period.end ? `${sheetDay(period.start)} - ${sheetDay(period.end)}` : "");

/** «Subcomponente 2. Texto», «a) Texto», or the text alone: how the importer tells the code from the text. */
function subcomponentCell(item: SnapshotItem | undefined): string {
  if (!item) return "";
  if (!item.code) return item.text;
  return /^[a-z]$/i.test(item.code)
    ? `${item.code}) ${item.text}`
    : `Subcomponente ${item.code}. ${item.text}`;
}

const activityCell = (item: SnapshotItem) => (item.code ? `${item.code} ${item.text}` : item.text);

type Cell = string | number;

interface Layout {
  header: string[];
  withWeight: boolean;
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: "middle" };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
}

/**
 * The rows of one leaf: the first with its texts, responsables and first period, then one continuation row
 * per further period with the leaf's cell empty (the importer adds those periods to the leaf above).
 */
function leafRows(leaf: SnapshotItem, dates: (period: SnapshotPeriod) => Cell[]) {
  const periods: SnapshotPeriod[] =
    leaf.periods.length > 0 ? leaf.periods : [{ start: null, end: null, written: null }];
  return periods.map((period, at) => ({ first: at === 0, when: dates(period) }));
}

function paacRows(sheet: ExcelJS.Worksheet, snapshot: PlanSnapshot, layout: Layout) {
  const width = layout.header.length;
  const headingRow = (component: SnapshotItem) => {
    const heading = sheet.addRow([
      component.code ? `Componente ${component.code}: ${component.text}` : `Componente: ${component.text}`,
    ]);
    heading.font = { bold: true, size: 12 };
    for (let c = 1; c <= width; c++) heading.getCell(c).fill = HEADING_FILL;
  };
  for (const component of snapshot.items) {
    headingRow(component);
    if (component.children.length === 0) {
      // A component that only points to another document: its heading and that line, no table.
      if (component.note) sheet.addRow([component.note]).alignment = wrap;
      sheet.addRow([]);
      continue;
    }
    styleHeader(sheet.addRow(layout.header));
    // Below the header, a lone line before the first activity is the component's note.
    if (component.note) sheet.addRow([component.note]).alignment = wrap;
    let underSubcomponent = false;
    for (const path of leavesOf(component.children, [component])) {
      const [, second, third] = levelsOf(path);
      const leaf = third ?? path.leaf;
      // An empty subcomponent cell means «the same as above»: an activity of the component itself that
      // follows a subcomponent gets the component's heading again, which closes the subcomponent.
      if (!second && underSubcomponent) headingRow(component);
      underSubcomponent = Boolean(second);
      for (const { first, when } of leafRows(leaf, paacDateCells)) {
        const row: Cell[] = [
          subcomponentCell(second),
          first && third ? activityCell(leaf) : "",
          first ? (leaf.product ?? "") : "",
          first ? (leaf.meta ?? "") : "",
          first ? writtenTexts(leaf.responsables).join("\n") : "",
          ...when,
        ];
        if (layout.withWeight) row.push(first ? (leaf.weight ?? "") : "");
        row.push(first ? reconciledNames(leaf.responsables).join("\n") : "");
        sheet.addRow(row).alignment = wrap;
      }
    }
    sheet.addRow([]);
  }
}

function matrizRows(sheet: ExcelJS.Worksheet, snapshot: PlanSnapshot, layout: Layout) {
  styleHeader(sheet.addRow(layout.header));
  for (const path of leavesOf(snapshot.items)) {
    const [activity, alternative, task] = levelsOf(path);
    const leaf = path.leaf;
    for (const { first, when } of leafRows(leaf, (p) => [matrizWhenCell(p)])) {
      const row: Cell[] = [
        activity?.text ?? "",
        alternative?.text ?? "",
        first ? (task?.text ?? "") : "",
        first ? writtenTexts(leaf.responsables).join("\n") : "",
        ...when,
        first ? (leaf.evidence ?? "") : "",
      ];
      if (layout.withWeight) row.push(first ? (leaf.weight ?? "") : "");
      row.push(first ? reconciledNames(leaf.responsables).join("\n") : "");
      sheet.addRow(row).alignment = wrap;
    }
  }
}

function addPlanSheet(workbook: ExcelJS.Workbook, snapshot: PlanSnapshot, links: PublicLinks) {
  const matriz = snapshot.type.shape === "matriz";
  const withWeight = leavesOf(snapshot.items).some(({ leaf }) => leaf.weight !== null);
  const header: string[] = [...(matriz ? MATRIZ_SHEET_HEADER : PAAC_SHEET_HEADER)];
  if (withWeight) header.push(WEIGHT_HEADER);
  header.push(RECONCILED_HEADER);
  const widths = matriz ? [45, 35, 55, 34, 26, 38] : [30, 55, 35, 35, 30, 13, 13];
  if (withWeight) widths.push(8);
  widths.push(40);
  const sheet = workbook.addWorksheet("Plan", {
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = widths.map((width) => ({ width }));
  sheet.addRow([`${snapshot.title} – versión ${snapshot.version}`]).font = { bold: true, size: 14 };
  sheet.addRow([
    `${links.entityName} · Vigencia ${snapshot.year} · Publicado el ${sheetDay(dayOf(snapshot.publishedAt))} · ${links.planUrl}`,
  ]);
  sheet.addRow([]);
  const layout = { header, withWeight };
  if (matriz) matrizRows(sheet, snapshot, layout);
  else paacRows(sheet, snapshot, layout);
}

/** Every change, one line per field, after the list of versions; where it happened before what it says. */
function addChangesSheet(workbook: ExcelJS.Workbook, snapshot: PlanSnapshot, keys: ChangeKeys) {
  const sheet = workbook.addWorksheet("Cambios", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [14, 45, 16, 24, 45, 18, 35, 35, 14].map((width) => ({ width }));
  const header = [
    "Versión",
    "Motivo de la versión",
    "Cambio",
    "Ubicación",
    "Elemento",
    "Campo",
    "Antes",
    "Después",
    "Fecha",
  ];
  sheet.addRow(header).font = { bold: true };
  const changes = publicChanges(placeChanges(snapshot, keys));
  for (const version of [...snapshot.versions].sort((a, b) => a.number - b.number)) {
    const ofVersion = changes.filter((change) => change.version === version.number);
    if (ofVersion.length === 0) {
      const what = version.number === 1 ? "Versión inicial" : "Sin cambios registrados";
      const when = version.publishedAt ? sheetDay(dayOf(version.publishedAt)) : "";
      sheet.addRow([version.number, version.reason, what, "", "", "", "", "", when]).alignment = wrap;
      continue;
    }
    for (const change of ofVersion) {
      const fields = Object.entries(change.fields);
      const lines = fields.length > 0 ? fields : [["", [null, null]] as const];
      for (const [field, [before, after]] of lines)
        sheet.addRow([
          version.number,
          version.reason,
          CHANGE_KIND_LABELS[change.kind],
          change.place,
          change.label,
          field ? fieldLabel(field) : "",
          before ?? "",
          after ?? "",
          sheetDay(dayOf(change.at)),
        ]).alignment = wrap;
    }
  }
}

/**
 * The same snapshot always gives the same bytes (stored once per version, served to everyone): the
 * workbook's dates are the publication's, and the zip entries' times are set to it too. Texts are written
 * exactly as published: exceljs writes a string as a string cell, never a formula whatever its first
 * character, so an apostrophe (as in the CSV) would only show in the cell («'-2+3»).
 */
export async function planXlsx(
  snapshot: PlanSnapshot,
  links: PublicLinks,
  changeKeys: ChangeKeys = [],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const published = new Date(snapshot.publishedAt);
  workbook.creator = links.entityName;
  workbook.title = snapshot.title;
  workbook.created = published;
  workbook.modified = published;
  addPlanSheet(workbook, snapshot, links);
  addChangesSheet(workbook, snapshot, changeKeys);
  const written = new Uint8Array(await workbook.xlsx.writeBuffer());
  // DOS zip times are local: the publication's day and time as numbers, the same on any server.
  const [y, m, d] = dayOf(snapshot.publishedAt).split("-").map(Number);
  const mtime = new Date(y ?? 1980, (m ?? 1) - 1, d ?? 1, 12, 0, 0);
  return Buffer.from(zipSync(unzipSync(written), { mtime, level: 6 }));
}
