// The open data (CSV, JSON) of a published version, rendered from its snapshot, following the schema
// documented on /transparencia/datos-abiertos (publication.opendata.rules.ts). The spreadsheet is
// publication.xlsx.ts.
import { bogotaDay } from "../../shared/time.ts";
import { neutralizeCell } from "../../shared/xlsx.ts";
import type { PlanSnapshot, PlanStatus, SnapshotItem } from "../plans/plans.types.ts";
import { CSV_FIELDS, CSV_HEADER, type FieldDoc, JSON_FIELDS } from "./publication.opendata.rules.ts";
import { leavesOf, levelsOf, publicChanges, reconciledNames, writtenTexts } from "./publication.rules.ts";

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

/**
 * The leaf the examples of the open-data page come from: the first with a period written with a date that
 * does not exist (it shows every date field at work), else the first leaf.
 */
function exampleLeaf(snapshot: PlanSnapshot): SnapshotItem | undefined {
  const leaves = leavesOf(snapshot.items).map((path) => path.leaf);
  return leaves.find((leaf) => leaf.periods.some((period) => period.written)) ?? leaves[0];
}

/** The fields of one period, shown from the example's own row and period, never borrowed from another. */
const PERIOD_FIELDS = new Set(["inicio", "fin", "fecha_como_escrita"]);

/**
 * «[{…}]» for a list of objects (the page cannot show a whole tree), compact JSON for any other list or
 * object, the text itself for a string, and null as «null».
 */
export function exampleText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => v !== null && typeof v === "object"))
    return "[{…}]";
  return JSON.stringify(value, null, 1)
    .replace(/\n\s*/g, " ")
    .replace(/([[{]) /g, "$1")
    .replace(/ ([\]}])/g, "$1");
}

/** Every node of the JSON tree, the example's leaf first. */
function jsonNodes(items: unknown[], first: string | undefined): Record<string, unknown>[] {
  const all: Record<string, unknown>[] = [];
  const visit = (list: unknown[]) => {
    for (const item of list as Record<string, unknown>[]) {
      all.push(item);
      visit((item.children as unknown[]) ?? []);
    }
  };
  visit(items);
  return [...all.filter((item) => item.key === first), ...all.filter((item) => item.key !== first)];
}

/** The values at a documented path («items[].periods[].start»), the example's first. */
export function valuesAt(document: Record<string, unknown>, path: string, leafKey?: string): unknown[] {
  const parts = path.split(".");
  let values: unknown[] = [document];
  parts.forEach((part, at) => {
    const list = part.endsWith("[]");
    const name = list ? part.slice(0, -2) : part;
    const found = values.map((value) => (value as Record<string, unknown> | null)?.[name]);
    if (!list || at === parts.length - 1) values = found;
    else if (name === "items") values = jsonNodes((found[0] as unknown[]) ?? [], leafKey);
    else values = found.flatMap((value) => (Array.isArray(value) ? value : []));
  });
  return values;
}

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

/**
 * The documented fields with their examples, read from the example plan's own CSV records and JSON: the
 * example leaf's value (its first period written as the office did), or, where that leaf leaves a field
 * empty (a note, an evidence), the first value the file has for it, so the page shows what a value looks
 * like. A period's fields always come from the example's period.
 */
export function documentedFields(snapshot: PlanSnapshot, links: PublicLinks) {
  const leaf = exampleLeaf(snapshot);
  const records = csvRecords(snapshot);
  const path = leaf && leavesOf(snapshot.items).find((p) => p.leaf === leaf);
  const code = path ? (levelsOf(path)[2]?.code ?? "") : "";
  const ofLeaf = records.filter((r) => r.nivel_3_codigo === code && r.nivel_3_texto === leaf?.text);
  const row = ofLeaf.find((r) => r.fecha_como_escrita !== "") ?? ofLeaf[0] ?? records[0] ?? {};
  const csv: FieldDoc[] = CSV_FIELDS.map((field) => {
    const value = row[field.name] ?? "";
    if (value !== "" || PERIOD_FIELDS.has(field.name)) return { ...field, example: value };
    return { ...field, example: records.find((r) => r[field.name])?.[field.name] ?? "" };
  });
  const document = JSON.parse(planJson(snapshot, "publicado", links).toString("utf8"));
  const json: FieldDoc[] = JSON_FIELDS.map((field) => {
    const values = valuesAt(document, field.name, leaf?.key);
    const [first] = values;
    const pick =
      isEmpty(first) && !field.name.startsWith("items[].periods[]")
        ? (values.find((value) => !isEmpty(value)) ?? first)
        : first;
    return { ...field, example: exampleText(pick ?? null) };
  });
  return { csv, json };
}
