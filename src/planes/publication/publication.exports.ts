// The open data (CSV, JSON) and the spreadsheet of a published version, rendered from its snapshot.
// CSV and JSON follow the schema documented on /transparencia/datos-abiertos (publication.opendata.rules.ts).
import ExcelJS from "exceljs";
import { unzipSync, zipSync } from "fflate";
import { bogotaDay } from "../../shared/time.ts";
import { neutralizeCell } from "../../shared/xlsx.ts";
import type { PlanSnapshot, PlanStatus, SnapshotItem, SnapshotResponsable } from "../plans/plans.types.ts";
import { CSV_HEADER } from "./publication.opendata.rules.ts";
import {
  CHANGE_KIND_LABELS,
  fieldLabel,
  itemTitle,
  leavesOf,
  levelsOf,
  publicChanges,
  reconciledNames,
  sheetDay,
  writtenDiffers,
  writtenTexts,
} from "./publication.rules.ts";

/** Where the files point back to: the schema page and the plan's page. */
export interface PublicLinks {
  entityName: string;
  schemaUrl: string;
  planUrl: string;
}

const joined = (values: string[]) => values.join("; ");
const numberText = (value: number | null) => (value === null ? "" : String(value));
/** The Bogotá calendar day of an ISO timestamp. */
const dayOf = (iso: string) => bogotaDay(new Date(iso));

/** One record per leaf and period (a leaf without periods still gets one), keyed by CSV_HEADER. */
export function csvRecords(snapshot: PlanSnapshot): Record<string, string>[] {
  const [n1, n2, n3] = snapshot.type.levelNames;
  const common = {
    plan: snapshot.title,
    vigencia: String(snapshot.year),
    version: String(snapshot.version),
    fecha_publicacion: dayOf(snapshot.publishedAt),
    tipo: snapshot.type.name,
    nivel_1_nombre: n1,
    nivel_2_nombre: n2,
    nivel_3_nombre: n3,
  };
  return leavesOf(snapshot.items).flatMap((path) => {
    const [first, second, third] = levelsOf(path);
    const { leaf } = path;
    const record = {
      ...common,
      nivel_1_codigo: first?.code ?? "",
      nivel_1_texto: first?.text ?? "",
      nivel_2_codigo: second?.code ?? "",
      nivel_2_texto: second?.text ?? "",
      nivel_3_codigo: third?.code ?? "",
      nivel_3_texto: third?.text ?? "",
      producto: leaf.product ?? "",
      meta: leaf.meta ?? "",
      meta_cantidad: numberText(leaf.metaQuantity),
      meta_unidad: leaf.metaUnit ?? "",
      evidencia: leaf.evidence ?? "",
      nota: leaf.note ?? "",
      responsables: joined(reconciledNames(leaf.responsables)),
      responsables_como_escritos: joined(writtenTexts(leaf.responsables)),
    };
    const periods = leaf.periods.length > 0 ? leaf.periods : [{ start: null, end: null, written: null }];
    return periods.map((period) => ({
      ...record,
      inicio: period.start ?? "",
      fin: period.end ?? "",
      fecha_como_escrita: period.written ?? "",
    }));
  });
}

/**
 * Excel in es-CO splits a CSV on «;» and may take a quoted line break as a new record, so a formula can
 * start after either inside one of our fields («Socializar;=HYPERLINK(…)»): it gets the same apostrophe
 * as a formula at the start (spaces, tabs and quotes between are skipped, as Excel does).
 */
const INNER_FORMULA = /([;\r\n][ \t"]*)(?=[=+\-@])/g;

/** Formulas neutralised, then RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvCell(value: string): string {
  const safe = neutralizeCell(value).replace(INNER_FORMULA, "$1'");
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** UTF-8 with BOM (Excel then reads the accents), comma-separated, CRLF line ends. */
export function planCsv(snapshot: PlanSnapshot): Buffer {
  const lines = [
    CSV_HEADER,
    ...csvRecords(snapshot).map((record) => CSV_HEADER.map((name) => record[name] ?? "")),
  ];
  const text = lines.map((cells) => cells.map(csvCell).join(",")).join("\r\n");
  return Buffer.from(`\uFEFF${text}\r\n`, "utf8");
}

/** The snapshot as open data: the documented fields only (no internal ids). */
export function planJson(snapshot: PlanSnapshot, status: PlanStatus, links: PublicLinks): Buffer {
  const { planId: _internal, items, versions, changes, ...plan } = snapshot;
  const document = {
    schema: links.schemaUrl,
    entity: links.entityName,
    plan: {
      slug: plan.slug,
      url: links.planUrl,
      title: plan.title,
      year: plan.year,
      type: plan.type,
      owner: plan.owner,
      status: status === "cerrado" ? "vigencia_cerrada" : "vigente",
      version: plan.version,
      reason: plan.reason,
      approval: plan.approval,
      publishedAt: plan.publishedAt,
    },
    items: items.map(openItem),
    versions,
    changes: publicChanges(changes),
  };
  return Buffer.from(`${JSON.stringify(document, null, 2)}\n`, "utf8");
}

function openItem(item: SnapshotItem): SnapshotItem {
  return {
    level: item.level,
    key: item.key,
    code: item.code,
    text: item.text,
    product: item.product,
    meta: item.meta,
    metaQuantity: item.metaQuantity,
    metaUnit: item.metaUnit,
    evidence: item.evidence,
    note: item.note,
    weight: item.weight,
    responsables: item.responsables.map((r) => ({ written: r.written, names: r.names })),
    periods: item.periods.map((p) => ({ start: p.start, end: p.end, written: p.written })),
    children: item.children.map(openItem),
  };
}

/** «Oficina de Planeación… – OPGI (en el plan: OPGI.)»: the plan's words only when they say it differently. */
const responsableLine = (r: SnapshotResponsable) =>
  writtenDiffers([r]) ? `${r.names.join("; ")} (en el plan: ${r.written})` : r.names.join("; ");

/** The period as the office wrote it, once, in the column of the date that does not exist. */
const asWritten = (p: SnapshotItem["periods"][number]) =>
  p.written ? `Como aparece en el plan: ${p.written}` : "";

const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: "top" };

/**
 * The plan as the office keeps it: its three levels, then product, meta, responsables and dates, one row
 * per activity (several periods on several lines of the cell); the header stays in view while scrolling.
 */
function addPlanSheet(workbook: ExcelJS.Workbook, snapshot: PlanSnapshot, links: PublicLinks) {
  const [n1, n2, n3] = snapshot.type.levelNames;
  const withEvidence = snapshot.type.shape === "matriz";
  const header = [n1, n2, n3, "Producto", "Meta", ...(withEvidence ? ["Evidencia"] : [])];
  header.push("Responsable", "Fecha inicio", "Fecha final");
  const widths = [30, 30, 50, 35, 35, ...(withEvidence ? [30] : []), 35, 14, 14];
  const sheet = workbook.addWorksheet("Plan", {
    views: [{ state: "frozen", ySplit: 3 }],
    pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = widths.map((width) => ({ width }));
  sheet.addRow([`${snapshot.title} – versión ${snapshot.version}`]).font = { bold: true, size: 14 };
  sheet.addRow([
    `${links.entityName} · Vigencia ${snapshot.year} · Publicado el ${sheetDay(dayOf(snapshot.publishedAt))} · ${links.planUrl}`,
  ]);
  const headerRow = sheet.addRow(header);
  headerRow.font = { bold: true, color: { argb: "FFFFFFFF" } };
  headerRow.alignment = wrap;
  headerRow.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF004884" } };
  });
  for (const path of leavesOf(snapshot.items)) {
    const [first, second, third] = levelsOf(path);
    const { leaf } = path;
    const title = (name: string, item?: SnapshotItem) => (item ? itemTitle(name, item) : "");
    const leafText = third ? `${third.code ? `${third.code} ` : ""}${third.text}` : (leaf.note ?? "");
    const row = sheet.addRow([
      title(n1, first),
      title(n2, second),
      leafText,
      leaf.product ?? "",
      leaf.meta ?? "",
      ...(withEvidence ? [leaf.evidence ?? ""] : []),
      leaf.responsables.map(responsableLine).join("\n"),
      leaf.periods.map((p) => (p.start ? sheetDay(p.start) : asWritten(p))).join("\n"),
      leaf.periods.map((p) => (p.end ? sheetDay(p.end) : p.start ? asWritten(p) : "")).join("\n"),
    ]);
    row.alignment = wrap;
  }
}

/** Every change, one line per field, after the list of versions. */
function addChangesSheet(workbook: ExcelJS.Workbook, snapshot: PlanSnapshot) {
  const sheet = workbook.addWorksheet("Cambios", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [14, 45, 16, 10, 45, 18, 35, 35, 14].map((width) => ({ width }));
  const header = [
    "Versión",
    "Motivo de la versión",
    "Cambio",
    "Código",
    "Elemento",
    "Campo",
    "Antes",
    "Después",
    "Fecha",
  ];
  const headerRow = sheet.addRow(header);
  headerRow.font = { bold: true };
  const changes = publicChanges(snapshot.changes);
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
          change.code ?? "",
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
export async function planXlsx(snapshot: PlanSnapshot, links: PublicLinks): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const published = new Date(snapshot.publishedAt);
  workbook.creator = links.entityName;
  workbook.title = snapshot.title;
  workbook.created = published;
  workbook.modified = published;
  addPlanSheet(workbook, snapshot, links);
  addChangesSheet(workbook, snapshot);
  const written = new Uint8Array(await workbook.xlsx.writeBuffer());
  // DOS zip times are local: the publication's day and time as numbers, the same on any server.
  const [y, m, d] = dayOf(snapshot.publishedAt).split("-").map(Number);
  const mtime = new Date(y ?? 1980, (m ?? 1) - 1, d ?? 1, 12, 0, 0);
  return Buffer.from(zipSync(unzipSync(written), { mtime, level: 6 }));
}
