// Bad plan files for the importer's tests, each built from the seed PAAC with one thing wrong (or from nothing
// like a workbook): wrong columns, an end before its start, a repeated code, a responsable no dependencia has,
// formulas, the formats it cannot read (.ods, .xls, password-protected) and a zip bomb.
import { once } from "node:events";
import { createDeflateRaw } from "node:zlib";
import ExcelJS from "exceljs";
import type { PaacComponent, PaacRow } from "../src/demo/plans/paac-2022.rows.ts";
import { buildPaacWorkbook, workbookBuffer } from "../src/demo/plans/plans.workbook.ts";
import { convertWithLibreOffice, paacRows, paacWorkbook } from "./plan-sheets.ts";
import { forgeZip, stored } from "./zip-forge.ts";

/** The row of `components` whose activity cell starts with `code` + space, in component `component`. */
function activityRow(components: PaacComponent[], component: number, start: string): PaacRow {
  const row = components[component - 1]?.rows.find((r) => r.activity?.trimStart().startsWith(start));
  if (!row) throw new Error(`no activity «${start}» in component ${component}`);
  return row;
}

/**
 * A PAAC-like sheet whose header lacks «Responsable», «Fecha Inicio» and «Fecha Final» (the office kept
 * «Observaciones» instead); the title rows and the rest of the columns are as usual.
 */
export async function wrongColumnsFile(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Anexo 1");
  sheet.addRow(["ALCALDÍA DE PASTO"]);
  sheet.addRow(["Anexo 1. Plan Anticorrupción y de Atención al Ciudadano 2022"]);
  sheet.addRow(["Componente 1. Gestión del riesgo de corrupción – Mapa de riesgos de corrupción."]);
  sheet.addRow(["Subcomponente / Proceso", "Actividades", "Producto", "Meta", "Observaciones"]);
  sheet.addRow([
    "Subcomponente 1. Política de Administración de Riesgos de Corrupción.",
    "1.1 Socializar la Política de administración de riesgos de corrupción.",
    "Política socializada.",
    "100% de líderes capacitados.",
    "Sin observaciones",
  ]);
  return workbookBuffer(workbook);
}

/** Activity 1.2 of component 1 ends «28/02/2022», before it starts («1/07/2022»). */
export async function endBeforeStartFile(): Promise<Buffer> {
  const components = paacRows();
  activityRow(components, 1, "1.2 ").end = "28/02/2022";
  return paacWorkbook(components);
}

/** Component 1, subcomponent 3: the activity after 3.4 is numbered «3.4» again (it is 3.5 in the seed). */
export async function repeatedCodeFile(): Promise<Buffer> {
  const components = paacRows();
  const row = activityRow(components, 1, "3.5 ");
  row.activity = row.activity?.replace("3.5 ", "3.4 ");
  return paacWorkbook(components);
}

export const IMAGINARY = "Secretaría de Asuntos Imaginarios";

/** Activity 1.2 of component 1 is in the charge of an office the municipality does not have. */
export async function unknownResponsableFile(): Promise<Buffer> {
  const components = paacRows();
  activityRow(components, 1, "1.2 ").responsable = IMAGINARY;
  return paacWorkbook(components);
}

/**
 * The PAAC with formulas in activity 1.2 of component 1, each with the value Excel cached when it last
 * computed them. The end date's formula would give 1 January 2030 if evaluated: its cached value is
 * 31/08/2022, the one the importer must use.
 */
export async function formulasFile(): Promise<Buffer> {
  const workbook = buildPaacWorkbook();
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  let done = false;
  sheet.eachRow((row) => {
    const activity = row.getCell(2).value;
    if (done || typeof activity !== "string" || !activity.startsWith("1.2 ")) return;
    row.getCell(4).value = {
      formula: 'CONCATENATE("1 informe"," de evaluación.")',
      result: "1 informe de evaluación.",
    };
    row.getCell(5).value = { formula: 'UPPER("opgi")', result: "OPGI" };
    row.getCell(6).value = { formula: "DATE(2022,7,1)", result: new Date(Date.UTC(2022, 6, 1)) };
    row.getCell(7).value = { formula: "DATE(2030,1,1)", result: new Date(Date.UTC(2022, 7, 31)) };
    row.getCell(6).numFmt = "dd/mm/yyyy";
    row.getCell(7).numFmt = "dd/mm/yyyy";
    done = true;
  });
  if (!done) throw new Error("activity 1.2 not found");
  return workbookBuffer(workbook);
}

/** The seed PAAC saved by LibreOffice as OpenDocument (.ods). */
export async function odsFile(): Promise<Buffer> {
  return convertWithLibreOffice(await paacWorkbook(), "xlsx", "ods");
}

/** The seed PAAC saved by LibreOffice in the old Excel format (.xls, "MS Excel 97"). */
export async function xlsFile(): Promise<Buffer> {
  return convertWithLibreOffice(await paacWorkbook(), "xlsx", "xls");
}

/**
 * What Excel writes when a workbook has an opening password: an OLE compound file (not a zip) holding an
 * «EncryptedPackage» stream. The header and the stream name are enough for a reader to tell.
 */
export function passwordProtectedFile(): Buffer {
  const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array(504).fill(0)]);
  return Buffer.concat([ole, Buffer.from("EncryptedPackage", "utf16le"), Buffer.alloc(512)]);
}

async function deflateZeros(bytes: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = once(deflate, "end");
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < bytes; written += zeros.length)
    if (!deflate.write(zeros)) await once(deflate, "drain");
  deflate.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Bytes a zip bomb's sheet expands to: far beyond what any plan needs, from a file of a few hundred KB. */
export const BOMB_BYTES = 500 * 1024 * 1024;

/** A workbook whose only sheet inflates from ~500 KB to 500 MB of zeros (its directory says so, honestly). */
export async function zipBombFile(): Promise<Buffer> {
  const compressed = await deflateZeros(BOMB_BYTES);
  return forgeZip([
    stored(
      "[Content_Types].xml",
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ),
    stored(
      "xl/_rels/workbook.xml.rels",
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    stored(
      "xl/workbook.xml",
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Anexo 1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    { name: "xl/worksheets/sheet1.xml", method: 8, crc: 0, size: BOMB_BYTES, compressed },
  ]);
}
