// The follow-up report as an accessible PDF (tagged like publication.pdf.ts): A4 landscape, Spanish (es-CO),
// the report's title as H1, the header block as paragraphs, each component as H2 over its table (TH
// headers, repeated on each page as artifacts), the % cells filled by zone with the zone in words, the
// summary with the zone legend, and the evidence annex with each file's SHA-256.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import PDFDocument from "pdfkit";
import { formatIsoDay } from "../../shared/time.ts";
import { formatNumber } from "../../shared/words.ts";
import { ZONE_FILLS, ZONE_LABELS, type ZoneKey, zoneLegend } from "../progress/zones.rules.ts";
import { activityCell, dayText } from "./followups.rules.ts";
import type { FollowupReport, FollowupReportRow } from "./followups.types.ts";

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve("@fontsource/work-sans/package.json")), "files");
const WEIGHTS = { Regular: 400, SemiBold: 600, Bold: 700 } as const;
type Face = keyof typeof WEIGHTS;
let fontFiles: [Face, Buffer][] | undefined;
const fonts = () => {
  fontFiles ??= Object.entries(WEIGHTS).map(([face, weight]) => [
    face as Face,
    readFileSync(path.join(FONT_DIR, `work-sans-latin-${weight}-normal.woff`)),
  ]);
  return fontFiles;
};

const BLUE = "#004884";
const TEXT = "#1f1f1f";
const MUTED = "#4d4d4d";
const LIGHT = "#e6effd";
const MARGIN = 36;
const PAD = 4;
const SIZE = 8;

type Pdf = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/** «85 %»: a whole number, or one decimal when the score has one. */
export const percentText = (value: number) => `${formatNumber(value, 1)} %`;

function tagged(pdf: Pdf, parent: Struct, type: string, draw: () => void) {
  const options = type === "TH" ? ({ scope: "Column" } as PDFKit.Mixins.StructureElementOptions) : {};
  const element = pdf.struct(type, options);
  parent.add(element);
  const content = pdf.markStructureContent(type);
  draw();
  pdf.endMarkedContent();
  element.add(content);
  element.end();
}

function artifact(pdf: Pdf, type: "Layout" | "Pagination", draw: () => void) {
  pdf.markContent("Artifact", { type });
  draw();
  pdf.endMarkedContent();
}

interface Column {
  title: string;
  width: number;
}

const bottom = (pdf: Pdf) => pdf.page.height - MARGIN - 14;

/** Whether the text fits on one line of the cell: most cells do, and need no line wrapping at all. */
const oneLine = (pdf: Pdf, text: string, width: number) =>
  !text.includes("\n") && pdf.widthOfString(text) <= width - 2 * PAD;

function rowHeight(pdf: Pdf, cells: string[], columns: Column[], face: Face) {
  pdf.font(face).fontSize(SIZE);
  const line = pdf.currentLineHeight(true);
  const heights = cells.map((cell, i) => {
    const width = columns[i]?.width ?? 0;
    return oneLine(pdf, cell, width) ? line : pdf.heightOfString(cell || " ", { width: width - 2 * PAD });
  });
  return Math.max(...heights) + 2 * PAD;
}

/** One row; `fills` colours single cells (a zone), `fill` the whole row (the header). */
function drawRow(
  pdf: Pdf,
  cells: string[],
  columns: Column[],
  face: Face,
  measured: number,
  tags: { table: Struct; cell: "TH" | "TD" } | undefined,
  fill?: string,
  fills: (string | undefined)[] = [],
) {
  const height = Math.min(measured, bottom(pdf) - MARGIN - 30);
  // Only a row taller than a page is cut (with an ellipsis); the others are drawn as measured.
  const clipped = height < measured;
  const y = pdf.y;
  const row = tags ? pdf.struct("TR") : undefined;
  if (tags && row) tags.table.add(row);
  let x = MARGIN;
  for (const [i, column] of columns.entries()) {
    const left = x;
    const draw = () => {
      pdf.font(face).fontSize(SIZE).fillColor(TEXT);
      const text = cells[i] ?? "";
      const width = column.width - 2 * PAD;
      if (oneLine(pdf, text, column.width)) pdf.text(text, left + PAD, y + PAD, { lineBreak: false });
      else
        pdf.text(
          text,
          left + PAD,
          y + PAD,
          clipped ? { width, height: height - 2 * PAD, ellipsis: true } : { width },
        );
    };
    artifact(pdf, "Layout", () => {
      const background = fills[i] ?? fill;
      if (background) pdf.rect(left, y, column.width, height).fill(background);
      pdf.rect(left, y, column.width, height).lineWidth(0.5).stroke("#b3b3b3");
    });
    if (tags && row) tagged(pdf, row, tags.cell, draw);
    else artifact(pdf, "Pagination", draw);
    x += column.width;
  }
  row?.end();
  pdf.x = MARGIN;
  pdf.y = y + height;
}

/** A table: header as TH, rows as TD; a row crossing the foot starts a new page with the header repeated. */
async function table(
  pdf: Pdf,
  parent: Struct,
  columns: Column[],
  rows: { cells: string[]; fills?: (string | undefined)[]; bold?: boolean }[],
) {
  const header = columns.map((c) => c.title);
  const headerHeight = rowHeight(pdf, header, columns, "SemiBold");
  if (pdf.y + headerHeight + 30 > bottom(pdf)) pdf.addPage();
  const element = pdf.struct("Table");
  parent.add(element);
  drawRow(pdf, header, columns, "SemiBold", headerHeight, { table: element, cell: "TH" }, LIGHT);
  for (const [index, row] of rows.entries()) {
    const face = row.bold ? "SemiBold" : "Regular";
    const height = rowHeight(pdf, row.cells, columns, face);
    if (pdf.y + height > bottom(pdf)) {
      pdf.addPage();
      drawRow(pdf, header, columns, "SemiBold", headerHeight, undefined, LIGHT);
    }
    drawRow(pdf, row.cells, columns, face, height, { table: element, cell: "TD" }, undefined, row.fills);
    // A 2,000-activity report takes a while: the server answers other requests in between.
    if (index % 25 === 24) await new Promise(setImmediate);
  }
  element.end();
  pdf.moveDown(0.8);
}

function heading(pdf: Pdf, parent: Struct, type: string, text: string, size: number) {
  pdf.font("Bold").fontSize(size);
  if (pdf.y + pdf.heightOfString(text) + 60 > bottom(pdf)) pdf.addPage();
  tagged(pdf, parent, type, () =>
    pdf.fillColor(BLUE).text(text, MARGIN, pdf.y, { width: pdf.page.width - 2 * MARGIN }),
  );
  pdf.moveDown(0.3);
}

function paragraph(pdf: Pdf, parent: Struct, label: string, value: string) {
  tagged(pdf, parent, "P", () => {
    pdf.font("SemiBold").fontSize(10).fillColor(TEXT).text(`${label}: `, MARGIN, pdf.y, { continued: true });
    pdf.font("Regular").text(value);
  });
  pdf.moveDown(0.2);
}

const fillOf = (zone: ZoneKey) => `#${ZONE_FILLS[zone]}`;
const zoneCell = (percent: number, zone: ZoneKey) => `${percentText(percent)}\n${ZONE_LABELS[zone]}`;

function matrixColumns(pdf: Pdf): Column[] {
  const widths: [string, number][] = [
    ["Subcomponente", 95],
    ["Actividades programadas", 140],
    ["Actividades realizadas", 125],
    ["Meta/producto", 95],
    ["Responsable", 80],
    ["Fecha programada", 70],
    ["% de avance", 50],
    ["Observaciones", 0],
  ];
  const used = widths.reduce((sum, [, w]) => sum + w, 0);
  return widths.map(([title, width]) => ({
    title,
    width: width || pdf.page.width - 2 * MARGIN - used,
  }));
}

const rowCells = (row: FollowupReportRow) => [
  row.subcomponent,
  activityCell(row),
  row.realized,
  row.meta,
  row.responsable,
  row.scheduled,
  zoneCell(row.percent, row.zone),
  row.observations,
];

async function body(pdf: Pdf, root: Struct, report: FollowupReport, draft: boolean) {
  tagged(pdf, root, "H1", () =>
    pdf.font("Bold").fontSize(18).fillColor(BLUE).text(`Informe de seguimiento: ${report.plan.title}`),
  );
  pdf.moveDown(0.5);
  paragraph(pdf, root, "Entidad", report.entity);
  paragraph(pdf, root, "Vigencia", String(report.plan.year));
  paragraph(pdf, root, "Periodo", report.periodLabel);
  paragraph(pdf, root, "Fecha de seguimiento", dayText(report.followupOn));
  paragraph(pdf, root, "Fecha de corte", dayText(report.cutOn));
  paragraph(
    pdf,
    root,
    "Calificación del plan",
    `${percentText(report.score)} (${ZONE_LABELS[report.zone].toLowerCase()})`,
  );
  if (draft)
    paragraph(
      pdf,
      root,
      "Estado",
      "Borrador: el seguimiento sigue en curso; las actividades sin verificar cuentan 0 %.",
    );
  pdf.moveDown(0.6);
  const columns = matrixColumns(pdf);
  for (const component of report.components) {
    const section = pdf.struct("Sect");
    root.add(section);
    pdf.outline.addItem(component.name);
    heading(pdf, section, "H2", component.name, 12);
    paragraph(
      pdf,
      section,
      "Calificación del componente",
      `${percentText(component.score)} (${ZONE_LABELS[component.zone].toLowerCase()})`,
    );
    await table(
      pdf,
      section,
      columns,
      component.rows.map((row) => ({
        cells: rowCells(row),
        fills: rowCells(row).map((_, i) => (i === 6 ? fillOf(row.zone) : undefined)),
      })),
    );
    section.end();
  }
}

async function summary(pdf: Pdf, root: Struct, report: FollowupReport) {
  const section = pdf.struct("Sect");
  root.add(section);
  pdf.outline.addItem("Resumen");
  heading(pdf, section, "H2", "Resumen", 12);
  const columns = [
    { title: "Componente", width: 420 },
    { title: "Calificación", width: 90 },
    { title: "Zona", width: 90 },
  ];
  await table(pdf, section, columns, [
    ...report.components.map((c) => ({
      cells: [c.name, percentText(c.score), ZONE_LABELS[c.zone]],
      fills: [undefined, fillOf(c.zone), fillOf(c.zone)],
    })),
    {
      cells: ["Calificación del plan", percentText(report.score), ZONE_LABELS[report.zone]],
      fills: [undefined, fillOf(report.zone), fillOf(report.zone)],
      bold: true,
    },
  ]);
  for (const zone of ["bajo", "medio", "alto"] as const)
    tagged(pdf, section, "P", () =>
      pdf.font("Regular").fontSize(9).fillColor(TEXT).text(zoneLegend(zone, report.zones), MARGIN, pdf.y),
    );
  section.end();
}

async function annex(pdf: Pdf, root: Struct, report: FollowupReport) {
  pdf.addPage();
  const section = pdf.struct("Sect");
  root.add(section);
  pdf.outline.addItem("Anexo: evidencias");
  heading(pdf, section, "H2", "Anexo: evidencias", 12);
  if (report.evidence.length === 0) {
    tagged(pdf, section, "P", () =>
      pdf.font("Regular").fontSize(10).fillColor(TEXT).text("No se presentaron evidencias para este corte."),
    );
    section.end();
    return;
  }
  const columns = [
    { title: "Archivo", width: 250 },
    { title: "Actividad", width: 60 },
    { title: "Tamaño (bytes)", width: 75 },
    { title: "SHA-256", width: pdf.page.width - 2 * MARGIN - 385 },
  ];
  await table(
    pdf,
    section,
    columns,
    report.evidence.map((e) => ({
      cells: [e.fileName, e.activityCode ?? "", formatNumber(e.size), e.sha256],
    })),
  );
  section.end();
}

function footers(pdf: Pdf, report: FollowupReport) {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const { bottom: saved } = pdf.page.margins;
    pdf.page.margins.bottom = 0;
    artifact(pdf, "Pagination", () =>
      pdf
        .font("Regular")
        .fontSize(8)
        .fillColor(MUTED)
        .text(
          `Seguimiento ${report.plan.title}, corte ${formatIsoDay(report.cutOn)} · Página ${i + 1} de ${range.count}`,
          MARGIN,
          pdf.page.height - MARGIN + 8,
          { width: pdf.page.width - 2 * MARGIN, align: "right", lineBreak: false },
        ),
    );
    pdf.page.margins.bottom = saved;
  }
}

/** The PDF of a follow-up report (a draft says so under its title). */
export async function followupPdf(report: FollowupReport, draft = false): Promise<Buffer> {
  const day = new Date(`${report.followupOn}T12:00:00Z`);
  const pdf = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: MARGIN,
    bufferPages: true,
    pdfVersion: "1.7",
    tagged: true,
    lang: "es-CO",
    displayTitle: true,
    info: {
      Title: `Informe de seguimiento: ${report.plan.title}, corte del ${dayText(report.cutOn)}`,
      Author: report.entity,
      Subject: `${report.plan.typeName} ${report.plan.year}: ${report.periodLabel}`,
      Creator: "SIPAP",
      CreationDate: day,
      ModDate: day,
    },
  });
  for (const [face, file] of fonts()) pdf.registerFont(face, file);
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  const root = pdf.struct("Document");
  pdf.addStructure(root);
  await body(pdf, root, report, draft);
  await summary(pdf, root, report);
  await annex(pdf, root, report);
  root.end();
  footers(pdf, report);
  pdf.end();
  return finished;
}
