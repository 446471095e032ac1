// The seed plans as files, for the tests of the plan importer: the .xlsx the demo ships (exceljs, merged cells),
// a flat CSV of the PAAC as an office exports it, LibreOffice conversions, and a reader for the ground truth
// transcribed by hand in test/fixtures/plans/. Bad files are in test/plan-sheets.bad.ts.
//
//   const file = await paacWorkbook();                        // the PAAC 2022 Anexo 1 as kept by the OPGI
//   const viaLibreOffice = await paacFromCsvViaLibreOffice(); // the same plan, flat CSV → LibreOffice → .xlsx
//   const row = await rowOf(file, "5.1 Realizar");            // the sheet row where a cell starts so
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { MATRIZ_2026, type MatrizActivity } from "../src/demo/plans/matriz-2026.rows.ts";
import { PAAC_2022, PAAC_HEADER, type PaacComponent } from "../src/demo/plans/paac-2022.rows.ts";
import {
  buildMatrizWorkbook,
  buildPaacWorkbook,
  type PaacWorkbookOptions,
  workbookBuffer,
} from "../src/demo/plans/plans.workbook.ts";

const run = promisify(execFile);

/** LibreOffice on a busy two-core machine: a cold start with a fresh profile can take a while. */
export const LIBREOFFICE_TIMEOUT_MS = 120_000;

export const paacWorkbook = (
  components: readonly PaacComponent[] = PAAC_2022,
  options?: PaacWorkbookOptions,
) => workbookBuffer(buildPaacWorkbook(components, options));

export const matrizWorkbook = (activities: readonly MatrizActivity[] = MATRIZ_2026) =>
  workbookBuffer(buildMatrizWorkbook(activities));

/** A deep copy of the PAAC rows, for a test to break one thing in. */
export const paacRows = (): PaacComponent[] => structuredClone(PAAC_2022) as PaacComponent[];

/**
 * Converts a file with LibreOffice (`soffice --headless --convert-to`), in a temporary folder with a profile of
 * its own so that parallel runs never share one. `infilter` is LibreOffice's import filter with its options
 * (for a CSV: separators, charset, column types).
 */
export async function convertWithLibreOffice(
  input: Buffer,
  ext: string,
  to = "xlsx",
  infilter?: string,
): Promise<Buffer> {
  const work = mkdtempSync(path.join(tmpdir(), "sipap-plans-lo-"));
  try {
    const source = path.join(work, `plan.${ext}`);
    const outdir = path.join(work, "out");
    writeFileSync(source, input);
    await run(
      "soffice",
      [
        `-env:UserInstallation=file://${path.join(work, "profile")}`,
        "--headless",
        "--norestore",
        ...(infilter ? [`--infilter=${infilter}`] : []),
        "--convert-to",
        to,
        "--outdir",
        outdir,
        source,
      ],
      { timeout: LIBREOFFICE_TIMEOUT_MS, env: { ...process.env, HOME: work } },
    );
    const made = readdirSync(outdir).find((name) => name.endsWith(`.${to.split(":")[0]}`));
    if (!made) throw new Error(`LibreOffice wrote nothing for ${to}`);
    return readFileSync(path.join(outdir, made));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const csvField = (value: string | undefined) => {
  const text = value ?? "";
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * The PAAC as a flat table, as an office exports its sheet: no merges, one line per sheet row (an activity's
 * first period, then its continuation rows), the component headings and each table's header kept. The
 * subcomponent is filled in on every row of its table («filled down», as people do to filter); activity,
 * product and meta are written once and left empty below, meaning «same as above». Dates as written.
 */
export function paacCsv(components: readonly PaacComponent[] = PAAC_2022): string {
  const lines: string[][] = [
    ["ALCALDÍA DE PASTO"],
    ["Anexo 1. Plan Anticorrupción y de Atención al Ciudadano 2022"],
  ];
  for (const component of components) {
    lines.push([component.heading]);
    if (component.note) lines.push([component.note]);
    if (component.rows.length === 0) continue;
    lines.push(component.withSubcomponents ? [...PAAC_HEADER] : PAAC_HEADER.slice(1));
    let subcomponent: string | undefined;
    for (const row of component.rows) {
      if (!Object.values(row).some((value) => typeof value === "string" && value.trim())) continue;
      subcomponent = row.subcomponent ?? subcomponent;
      const cells = [row.activity, row.product, row.meta, row.responsable, row.start, row.end].map(
        (c) => c ?? "",
      );
      lines.push(component.withSubcomponents ? [subcomponent ?? "", ...cells] : cells);
    }
  }
  return `${lines.map((line) => line.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/**
 * LibreOffice's CSV import options: comma, double quote, UTF-8, from line 1; columns 5–7 typed as dates
 * D/M/Y (the date columns: 6–7, and 5–6 in the sixth component's table, which has no subcomponent column), so
 * LibreOffice writes real date cells where a text is a date and keeps the rest («31/04/2022», two dates on two
 * lines, names) as text; language es-CO (9226); quoted fields not forced to text; no other number detection.
 */
export const PAAC_CSV_FILTER = "CSV:44,34,76,1,5/4/6/4/7/4,9226,false,false";

/** The flat CSV of the PAAC opened and saved as .xlsx by LibreOffice. */
export const paacFromCsvViaLibreOffice = () =>
  convertWithLibreOffice(Buffer.from(paacCsv(), "utf8"), "csv", "xlsx", PAAC_CSV_FILTER);

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  if (typeof value === "object" && "result" in value) return cellText(value.result as ExcelJS.CellValue);
  return String(value);
};

/** Every cell of the first sheet as text, keyed by row number, for finding where something is. */
export async function sheetRows(file: Buffer): Promise<Map<number, string[]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows = new Map<number, string[]>();
  sheet?.eachRow((row, number) => {
    const cells: string[] = [];
    row.eachCell((cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows.set(number, cells);
  });
  return rows;
}

/** The row (as Excel numbers it) of the first cell that starts with `start` once trimmed; throws if none. */
export async function rowOf(file: Buffer, start: string): Promise<number> {
  for (const [number, cells] of await sheetRows(file))
    if (cells.some((cell) => cell?.replace(/^[\s\u00a0]+/, "").startsWith(start))) return number;
  throw new Error(`no cell starts with «${start}»`);
}

/** The hand-made ground truth (test/fixtures/plans/*.truth.json). */
export function readTruth<T>(name: "paac-2022" | "matriz-2026"): T {
  return JSON.parse(
    readFileSync(path.join(import.meta.dirname, "fixtures/plans", `${name}.truth.json`), "utf8"),
  );
}

export type TruthPeriod = [string, string] | { start: string | null; end: string | null; raw: string };
export interface TruthActivity {
  code: string;
  written?: string;
  responsables: string[];
  periods: TruthPeriod[];
}
export interface PaacTruth {
  counts: Record<string, number>;
  components: {
    number: number;
    title: string;
    note?: string;
    subcomponents: { number: number; title: string; activities: TruthActivity[] }[] | null;
    activities?: TruthActivity[];
  }[];
}
export interface MatrizTruth {
  counts: Record<string, number>;
  activities: {
    textStart: string;
    alternative: string;
    tasks: {
      textStart: string;
      text?: string;
      responsable: string;
      period: [string, string];
      evidence: string | null;
    }[];
  }[];
}

/** Text compared as a reader sees it: no surrounding space, runs of spaces (incl. non-breaking) as one. */
export const plain = (text: string | null | undefined) => (text ?? "").replace(/[\s\u00a0]+/g, " ").trim();
