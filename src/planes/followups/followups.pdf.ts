// The follow-up report as an accessible PDF (tagged like publication.pdf.ts): A4 landscape, Spanish (es-CO),
// the report's title as H1, the header block as paragraphs, each component as H2 over its table (TH
// headers, repeated on each page as artifacts), the % cells filled by zone with the zone in words, the
// summary with the zone legend, and the evidence annex with each file's SHA-256.
import {
  artifact,
  type Face,
  type Pdf,
  pageFooters,
  type Struct,
  tagged,
  taggedPdf,
} from "../../shared/pdf.ts";
import { formatIsoDay } from "../../shared/time.ts";
import { formatNumber } from "../../shared/words.ts";
import { ZONE_FILLS, ZONE_LABELS, type ZoneKey, zoneLegend } from "../progress/zones.rules.ts";
import { activityCell, dayText } from "./followups.rules.ts";
import type { FollowupReport, FollowupReportRow } from "./followups.types.ts";

const [BLUE, TEXT, MUTED, LIGHT] = ["#004884", "#1f1f1f", "#4d4d4d", "#e6effd"];
/** Page margin, cell padding and the tables' font size, in points. */
const [MARGIN, PAD, SIZE] = [36, 4, 8];

/** «85 %»: a whole number, or one decimal when the score has one. */
export const percentText = (value: number) => `${formatNumber(value, 1)} %`;

type Column = { title: string; width: number };
type Line = { text: string; width: number };

const bottom = (pdf: Pdf) => pdf.page.height - MARGIN - 14;

// Per document: each word's width, and each cell's lines (subcomponents, metas, responsables repeat).
const measures = new WeakMap<Pdf, { words: Map<string, number>; cells: Map<string, Line[]> }>();
// pdfkit's breaks: after spaces and dashes, after a hyphen or slash in a word unless a digit follows.
const BREAKS = /(?<=\s|[—–])(?=\S)|(?<=[^\s-]-)(?=[^\s\d-])|(?<=\/)(?=[^\s\d/])/;

/** A cell's lines in this width, broken greedily like pdfkit's line wrapper, which cuts a word too long. */
function linesOf(pdf: Pdf, face: Face, text: string, width: number): Line[] {
  const cache = measures.get(pdf) ?? { words: new Map<string, number>(), cells: new Map<string, Line[]>() };
  measures.set(pdf, cache);
  const known = cache.cells.get(`${face}|${width}|${text}`);
  if (known) return known;
  const measure = (word: string, key = `${face}|${word}`) =>
    cache.words.get(key) ?? cache.words.set(key, pdf.widthOfString(word)).get(key) ?? 0;
  // Widths are whole thousandths of an em (0.008 pt): a smaller excess is rounding, and fits as in pdfkit.
  const fits = (used: number, w: number) => used + w <= width + 0.001;
  const lines: Line[] = [];
  for (const paragraph of text.split("\n")) {
    let line = { text: "", width: 0 };
    for (let word of paragraph.split(BREAKS)) {
      let w = measure(word);
      if (line.text && fits(0, w) && !fits(line.width, w)) {
        lines.push(line);
        line = { text: "", width: 0 };
      }
      // Wider than the cell: it fills the rest of the line, then whole lines (at least a letter on each).
      while (!fits(line.width, w)) {
        const room = (n: number) => fits(line.width, pdf.widthOfString(word.slice(0, n)));
        let cut = Math.min(word.length, Math.ceil((word.length * (width - line.width)) / w));
        while (cut > 0 && !room(cut)) cut--;
        while (cut < word.length && room(cut + 1)) cut++;
        if (cut === 0 && !line.text) cut = 1;
        const part = word.slice(0, cut);
        lines.push({ text: line.text + part, width: line.width + pdf.widthOfString(part) });
        line = { text: "", width: 0 };
        word = word.slice(cut);
        w = measure(word);
      }
      line = { text: line.text + word, width: line.width + w };
    }
    lines.push(line);
  }
  cache.cells.set(`${face}|${width}|${text}`, lines);
  return lines;
}

// A row laid out once, measured and drawn from the same lines: heightOfString and text() wrapped it twice.
function layoutRow(pdf: Pdf, cells: string[], columns: Column[], face: Face) {
  pdf.font(face).fontSize(SIZE);
  const lines = cells.map((text, i) => linesOf(pdf, face, text, (columns[i]?.width ?? 0) - 2 * PAD));
  const height = Math.max(...lines.map((l) => l.length)) * pdf.currentLineHeight(true) + 2 * PAD;
  return { cells, face, lines, height };
}
// textWidth: pdfkit would measure each line again only for links and underlines (none here).
const lineOptions = (line: Line) =>
  ({ lineBreak: false, textWidth: line.width, wordCount: 1 }) as PDFKit.Mixins.TextOptions;

/** One row; `fills` colours single cells (a zone), `fill` the whole row (the header). */
function drawRow(
  pdf: Pdf,
  columns: Column[],
  layout: ReturnType<typeof layoutRow>,
  tags: { table: Struct; cell: "TH" | "TD" } | undefined,
  fill?: string,
  fills: (string | undefined)[] = [],
) {
  const { cells, face, lines, height: measured } = layout;
  const height = Math.min(measured, bottom(pdf) - MARGIN - 30);
  // Only a row taller than a page is cut (with an ellipsis); the others are drawn as measured.
  const clipped = height < measured;
  const y = pdf.y;
  const lefts = columns.map((_, i) => MARGIN + columns.slice(0, i).reduce((sum, c) => sum + c.width, 0));
  // The row's backgrounds and borders in one artifact, all borders in one stroke.
  artifact(pdf, "Layout", () => {
    for (const [i, column] of columns.entries()) {
      const background = fills[i] ?? fill;
      if (background) pdf.rect(lefts[i] ?? 0, y, column.width, height).fill(background);
    }
    for (const [i, column] of columns.entries()) pdf.rect(lefts[i] ?? 0, y, column.width, height);
    pdf.lineWidth(0.5).stroke("#b3b3b3");
  });
  pdf.font(face).fontSize(SIZE).fillColor(TEXT);
  const step = pdf.currentLineHeight(true);
  const row = tags && pdf.struct("TR");
  if (row) tags.table.add(row);
  for (const [i, column] of columns.entries()) {
    const left = (lefts[i] ?? 0) + PAD;
    const draw = () => {
      const box = { width: column.width - 2 * PAD, height: height - 2 * PAD, ellipsis: true };
      if (clipped) pdf.text(cells[i] ?? "", left, y + PAD, box);
      else
        for (const [n, line] of (lines[i] ?? []).entries())
          if (line.text) pdf.text(line.text, left, y + PAD + n * step, lineOptions(line));
    };
    if (row) tagged(pdf, row, tags.cell, draw);
    else artifact(pdf, "Pagination", draw);
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
  const headerLayout = layoutRow(pdf, header, columns, "SemiBold");
  if (pdf.y + headerLayout.height + 30 > bottom(pdf)) pdf.addPage();
  const element = pdf.struct("Table");
  parent.add(element);
  drawRow(pdf, columns, headerLayout, { table: element, cell: "TH" }, LIGHT);
  for (const [index, row] of rows.entries()) {
    const layout = layoutRow(pdf, row.cells, columns, row.bold ? "SemiBold" : "Regular");
    if (pdf.y + layout.height > bottom(pdf)) {
      pdf.addPage();
      drawRow(pdf, columns, headerLayout, undefined, LIGHT);
    }
    drawRow(pdf, columns, layout, { table: element, cell: "TD" }, undefined, row.fills);
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
const scoreText = (score: number, zone: ZoneKey) =>
  `${percentText(score)} (${ZONE_LABELS[zone].toLowerCase()})`;
const DRAFT = "Borrador: el seguimiento sigue en curso; las actividades sin verificar cuentan 0 %.";

// OCI's matrix; «Observaciones» takes the rest of the page's width.
const MATRIX: [string, number][] = [
  ["Subcomponente", 95],
  ["Actividades programadas", 140],
  ["Actividades realizadas", 125],
  ["Meta/producto", 95],
  ["Responsable", 80],
  ["Fecha programada", 70],
  ["% de avance", 50],
  ["Observaciones", 0],
];
const matrixColumns = (pdf: Pdf): Column[] =>
  MATRIX.map(([title, width]) => ({
    title,
    width: width || pdf.page.width - 2 * MARGIN - MATRIX.reduce((sum, [, w]) => sum + w, 0),
  }));

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

/** A section (Sect) with its H2 heading and a bookmark. */
async function section(pdf: Pdf, root: Struct, title: string, fill: (section: Struct) => Promise<void>) {
  const element = pdf.struct("Sect");
  root.add(element);
  pdf.outline.addItem(title);
  heading(pdf, element, "H2", title, 12);
  await fill(element);
  element.end();
}

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
  paragraph(pdf, root, "Calificación del plan", scoreText(report.score, report.zone));
  if (draft) paragraph(pdf, root, "Estado", DRAFT);
  pdf.moveDown(0.6);
  const columns = matrixColumns(pdf);
  for (const component of report.components)
    await section(pdf, root, component.name, async (element) => {
      paragraph(pdf, element, "Calificación del componente", scoreText(component.score, component.zone));
      const rows = component.rows.map((row) => ({
        cells: rowCells(row),
        fills: rowCells(row).map((_, i) => (i === 6 ? fillOf(row.zone) : undefined)),
      }));
      await table(pdf, element, columns, rows);
    });
}

async function summary(pdf: Pdf, root: Struct, report: FollowupReport) {
  await section(pdf, root, "Resumen", async (element) => {
    const columns = [
      { title: "Componente", width: 420 },
      { title: "Calificación", width: 90 },
      { title: "Zona", width: 90 },
    ];
    const row = (name: string, score: number, zone: ZoneKey) => ({
      cells: [name, percentText(score), ZONE_LABELS[zone]],
      fills: [undefined, fillOf(zone), fillOf(zone)],
    });
    await table(pdf, element, columns, [
      ...report.components.map((c) => row(c.name, c.score, c.zone)),
      { ...row("Calificación del plan", report.score, report.zone), bold: true },
    ]);
    for (const zone of ["bajo", "medio", "alto"] as const)
      tagged(pdf, element, "P", () =>
        pdf.font("Regular").fontSize(9).fillColor(TEXT).text(zoneLegend(zone, report.zones), MARGIN, pdf.y),
      );
  });
}

async function annex(pdf: Pdf, root: Struct, report: FollowupReport) {
  pdf.addPage();
  await section(pdf, root, "Anexo: evidencias", async (element) => {
    if (report.evidence.length === 0) {
      tagged(pdf, element, "P", () =>
        pdf
          .font("Regular")
          .fontSize(10)
          .fillColor(TEXT)
          .text("No se presentaron evidencias para este corte."),
      );
      return;
    }
    const columns = [
      { title: "Archivo", width: 250 },
      { title: "Actividad", width: 60 },
      { title: "Tamaño (bytes)", width: 75 },
      { title: "SHA-256", width: pdf.page.width - 2 * MARGIN - 385 },
    ];
    const rows = report.evidence.map((e) => ({
      cells: [e.fileName, e.activityCode ?? "", formatNumber(e.size), e.sha256],
    }));
    await table(pdf, element, columns, rows);
  });
}

/** The PDF of a follow-up report (a draft says so under its title). */
export async function followupPdf(report: FollowupReport, draft = false): Promise<Buffer> {
  const { pdf, root, bytes } = taggedPdf({
    margin: MARGIN,
    title: `Informe de seguimiento: ${report.plan.title}, corte del ${dayText(report.cutOn)}`,
    author: report.entity,
    subject: `${report.plan.typeName} ${report.plan.year}: ${report.periodLabel}`,
    date: new Date(`${report.followupOn}T12:00:00Z`),
  });
  await body(pdf, root, report, draft);
  await summary(pdf, root, report);
  await annex(pdf, root, report);
  root.end();
  pageFooters(pdf, MARGIN, MUTED, `Seguimiento ${report.plan.title}, corte ${formatIsoDay(report.cutOn)}`);
  pdf.end();
  return bytes;
}
