// The PDF of a published version: a title page with the plan's data, the structure as tables (one per
// subcomponent, the header repeated on each page), the versions and change log at the end, page numbers.
// A4 landscape, the site's own font (Work Sans, SIL OFL), Spanish dates. Same snapshot, same bytes.
// Tagged (PDF/UA-style structure, pdfkit ≥ 0.13): a screen reader gets the title as H1, components and
// subcomponents as H2/H3, each table as Table/TR/TH/TD, the rest as paragraphs, in Spanish (es-CO); cell
// borders, fills, repeated headers and page footers are artifacts it skips.
import {
  artifact,
  type Face,
  type Pdf,
  pageFooters,
  type Struct,
  tagged,
  taggedPdf,
} from "../../shared/pdf.ts";
import { bogotaDay } from "../../shared/time.ts";
import type { PlanSnapshot, SnapshotItem } from "../plans/plans.types.ts";
import type { PublicLinks } from "./publication.exports.ts";
import {
  type ChangeKeys,
  changeHeadline,
  changesByVersion,
  describePeriod,
  fieldLabel,
  itemTitle,
  leavesOf,
  placeChanges,
  reconciledNames,
  spanishDay,
  writtenDiffers,
  writtenTexts,
} from "./publication.rules.ts";

const BLUE = "#004884";
const TEXT = "#1f1f1f";
const MUTED = "#4d4d4d";
const LIGHT = "#e6effd";
const MARGIN = 40;
const PAD = 4;
const SIZE = 8.5;

const bogotaDayOf = (iso: string) => bogotaDay(new Date(iso));

function titlePage(pdf: Pdf, root: Struct, snapshot: PlanSnapshot, links: PublicLinks) {
  tagged(pdf, root, "P", () => pdf.font("SemiBold").fontSize(11).fillColor(MUTED).text(links.entityName));
  pdf.moveDown(0.5);
  tagged(pdf, root, "H1", () => pdf.font("Bold").fontSize(24).fillColor(BLUE).text(snapshot.title));
  pdf.moveDown(0.3);
  tagged(pdf, root, "P", () => pdf.font("Regular").fontSize(12).fillColor(TEXT).text(snapshot.type.name));
  pdf.moveDown(1.2);
  const approval = snapshot.approval
    ? `${snapshot.approval.committee}, ${snapshot.approval.act}, el ${spanishDay(snapshot.approval.date)}`
    : "Sin datos de aprobación";
  const lines: [string, string][] = [
    ["Vigencia", String(snapshot.year)],
    ["Dependencia responsable", snapshot.owner],
    ["Versión", `${snapshot.version}: ${snapshot.reason}`],
    ["Aprobación", approval],
    ["Publicado el", spanishDay(bogotaDayOf(snapshot.publishedAt))],
    ["Consulta en línea", links.planUrl],
  ];
  for (const [label, value] of lines) {
    tagged(pdf, root, "P", () => {
      pdf.font("SemiBold").fontSize(11).fillColor(TEXT).text(`${label}: `, { continued: true });
      pdf.font("Regular").text(value);
    });
    pdf.moveDown(0.3);
  }
  pdf.moveDown(1).font("Regular").fontSize(10).fillColor(MUTED);
  tagged(pdf, root, "P", () =>
    pdf.text(
      "Al final del documento están las versiones del plan y el registro de cambios. Las fechas que no existen en el calendario se publican tal como las escribió la oficina.",
    ),
  );
}

interface Column {
  title: string;
  width: number;
  value: (leaf: SnapshotItem) => string;
}

function columnsFor(snapshot: PlanSnapshot): Column[] {
  const [, , leafName] = snapshot.type.levelNames;
  const responsables = (leaf: SnapshotItem) => {
    const names = reconciledNames(leaf.responsables).join("\n");
    return writtenDiffers(leaf.responsables)
      ? `${names}\n(en el plan: ${writtenTexts(leaf.responsables).join("; ")})`
      : names;
  };
  const periods = (leaf: SnapshotItem) =>
    leaf.periods
      .map((period) => {
        const { text, note } = describePeriod(period);
        return note ? `${text}. ${note}` : text;
      })
      .join("\n");
  const evidence = snapshot.type.shape === "matriz";
  return [
    { title: "Código", width: 42, value: (leaf) => leaf.code ?? "" },
    { title: leafName, width: evidence ? 175 : 200, value: (leaf) => leaf.note ?? leaf.text },
    { title: "Producto", width: evidence ? 105 : 135, value: (leaf) => leaf.product ?? "" },
    { title: "Meta", width: evidence ? 100 : 125, value: (leaf) => leaf.meta ?? "" },
    ...(evidence
      ? [{ title: "Evidencia", width: 90, value: (leaf: SnapshotItem) => leaf.evidence ?? "" }]
      : []),
    { title: "Responsables", width: 120, value: responsables },
    { title: "Periodos", width: 0, value: periods },
  ];
}

const bottom = (pdf: Pdf) => pdf.page.height - MARGIN - 14;

function rowHeight(pdf: Pdf, cells: string[], columns: Column[], face: Face) {
  pdf.font(face).fontSize(SIZE);
  return (
    Math.max(
      ...cells.map((text, i) =>
        pdf.heightOfString(text || " ", { width: (columns[i]?.width ?? 0) - 2 * PAD }),
      ),
    ) +
    2 * PAD
  );
}

/**
 * One row of cells; one taller than a page is cut with an ellipsis rather than spilling over the foot.
 * Tagged as a row of `cell` elements under `table`, or as an artifact (a header repeated on a new page).
 */
function drawRow(
  pdf: Pdf,
  cells: string[],
  columns: Column[],
  face: Face,
  measured: number,
  tags: { table: Struct; cell: "TH" | "TD" } | undefined,
  fill?: string,
) {
  const height = Math.min(measured, bottom(pdf) - MARGIN - 30);
  const y = pdf.y;
  const row = tags ? pdf.struct("TR") : undefined;
  if (tags && row) tags.table.add(row);
  let x = MARGIN;
  for (const [i, column] of columns.entries()) {
    const left = x;
    const draw = () => {
      pdf.font(face).fontSize(SIZE).fillColor(TEXT);
      pdf.text(cells[i] ?? "", left + PAD, y + PAD, {
        width: column.width - 2 * PAD,
        height: height - 2 * PAD,
        ellipsis: true,
      });
    };
    artifact(pdf, "Layout", () => {
      if (fill) pdf.rect(left, y, column.width, height).fill(fill);
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

/** The leaves as one table; a row that would cross the page's foot starts a new page, header repeated. */
async function leafTable(pdf: Pdf, parent: Struct, leaves: SnapshotItem[], columns: Column[]) {
  const header = columns.map((column) => column.title);
  const headerHeight = rowHeight(pdf, header, columns, "SemiBold");
  if (pdf.y + headerHeight + 40 > bottom(pdf)) pdf.addPage();
  const table = pdf.struct("Table");
  parent.add(table);
  drawRow(pdf, header, columns, "SemiBold", headerHeight, { table, cell: "TH" }, LIGHT);
  for (const [index, leaf] of leaves.entries()) {
    const cells = columns.map((column) => column.value(leaf));
    const height = rowHeight(pdf, cells, columns, "Regular");
    if (pdf.y + height > bottom(pdf)) {
      pdf.addPage();
      drawRow(pdf, header, columns, "SemiBold", headerHeight, undefined, LIGHT);
    }
    drawRow(pdf, cells, columns, "Regular", height, { table, cell: "TD" });
    // A plan of 2,000 activities takes seconds: the server answers other requests in between.
    if (index % 25 === 24) await new Promise(setImmediate);
  }
  table.end();
  pdf.moveDown(0.8);
}

function heading(pdf: Pdf, parent: Struct, type: string, text: string, size: number, face: Face) {
  pdf.font(face).fontSize(size);
  if (pdf.y + pdf.heightOfString(text) + 60 > bottom(pdf)) pdf.addPage();
  tagged(pdf, parent, type, () =>
    pdf.fillColor(BLUE).text(text, MARGIN, pdf.y, { width: pdf.page.width - 2 * MARGIN }),
  );
  pdf.moveDown(0.3);
}

function paragraph(
  pdf: Pdf,
  parent: Struct,
  text: string,
  size: number,
  options: PDFKit.Mixins.TextOptions = {},
) {
  tagged(pdf, parent, "P", () => pdf.font("Regular").fontSize(size).fillColor(TEXT).text(text, options));
}

async function structure(pdf: Pdf, root: Struct, snapshot: PlanSnapshot) {
  const [topName, midName] = snapshot.type.levelNames;
  const columns = columnsFor(snapshot);
  const used = columns.reduce((sum, column) => sum + column.width, 0);
  const last = columns.at(-1);
  if (last) last.width = pdf.page.width - 2 * MARGIN - used;
  for (const top of snapshot.items) {
    const title = itemTitle(topName, top);
    const section = pdf.struct("Sect");
    root.add(section);
    pdf.outline.addItem(title);
    heading(pdf, section, "H2", title, 13, "Bold");
    if (top.note && top.children.length === 0) {
      paragraph(pdf, section, top.note, 10);
      pdf.moveDown(0.8);
      section.end();
      continue;
    }
    // Consecutive leaves hanging from the component itself form one table; each subcomponent its own.
    let loose: SnapshotItem[] = [];
    const flush = async () => {
      if (loose.length > 0) await leafTable(pdf, section, loose, columns);
      loose = [];
    };
    for (const child of top.children) {
      if (child.children.length === 0) {
        loose.push(child);
        continue;
      }
      await flush();
      heading(pdf, section, "H3", itemTitle(midName, child), 11, "SemiBold");
      if (child.note) {
        paragraph(pdf, section, child.note, 9);
        pdf.moveDown(0.3);
      }
      await leafTable(
        pdf,
        section,
        leavesOf(child.children).map((path) => path.leaf),
        columns,
      );
    }
    await flush();
    section.end();
  }
}

function changeLog(pdf: Pdf, root: Struct, snapshot: PlanSnapshot, keys: ChangeKeys) {
  pdf.addPage();
  const section = pdf.struct("Sect");
  root.add(section);
  pdf.outline.addItem("Versiones y cambios");
  heading(pdf, section, "H2", "Versiones y cambios", 16, "Bold");
  const width = pdf.page.width - 2 * MARGIN;
  const placed = placeChanges(snapshot, keys);
  for (const { version, changes } of changesByVersion(snapshot.versions, placed)) {
    const approved = version.approvedOn ? `aprobada el ${spanishDay(version.approvedOn)}` : "sin aprobación";
    const published = version.publishedAt
      ? `publicada el ${spanishDay(bogotaDayOf(version.publishedAt))}`
      : "no publicada";
    heading(pdf, section, "H3", `Versión ${version.number}: ${approved}, ${published}`, 11, "SemiBold");
    paragraph(pdf, section, `Motivo: ${version.reason}`, 10, { width });
    if (changes.length === 0 && version.number > 1)
      paragraph(pdf, section, "No hay cambios registrados en esta versión.", 10, { width });
    for (const change of changes) {
      pdf.moveDown(0.3);
      tagged(pdf, section, "P", () => pdf.font("SemiBold").text(changeHeadline(change), { width }));
      for (const [field, [before, after]] of Object.entries(change.fields))
        paragraph(
          pdf,
          section,
          `${fieldLabel(field)}: antes «${before ?? "sin dato"}»; ahora «${after ?? "sin dato"}».`,
          10,
          { width, indent: 12 },
        );
    }
    pdf.moveDown(0.8);
  }
  section.end();
}

export async function planPdf(
  snapshot: PlanSnapshot,
  links: PublicLinks,
  changeKeys: ChangeKeys = [],
): Promise<Buffer> {
  const { pdf, root, bytes } = taggedPdf({
    margin: MARGIN,
    title: `${snapshot.title} – versión ${snapshot.version}`,
    author: links.entityName,
    subject: snapshot.type.name,
    date: new Date(snapshot.publishedAt),
  });
  titlePage(pdf, root, snapshot, links);
  pdf.addPage();
  await structure(pdf, root, snapshot);
  changeLog(pdf, root, snapshot, changeKeys);
  root.end();
  pageFooters(pdf, MARGIN, MUTED, `${snapshot.title} – versión ${snapshot.version}`);
  pdf.end();
  return bytes;
}
