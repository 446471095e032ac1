import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { CONTRATISTA, toXlsx, utc } from "../../../test/sheets.ts";
import { stored, forgeZip as writeZip } from "../../../test/zip-forge.ts";
import { LIST_COLUMNS } from "./lists.columns.ts";
import { MAX_LIST_BYTES, MAX_LIST_ROWS, readListFile } from "./lists.sheets.ts";

// Dates must come out as the calendar day whatever the server's zone: run these tests west of UTC.
process.env.TZ = "America/Bogota";
const workDir = mkdtempSync(path.join(os.tmpdir(), "campaigns-sheets-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** A workbook whose list sheet holds these rows (undefined leaves a cell empty). */
async function sheetFile(
  rows: ExcelJS.CellValue[][],
  options: { instructionsFirst?: boolean; merges?: string[] } = {},
) {
  const workbook = new ExcelJS.Workbook();
  if (options.instructionsFirst)
    workbook.addWorksheet("Instrucciones").addRow(["Nombre completo", "Escriba el nombre"]);
  const sheet = workbook.addWorksheet("Lista");
  rows.forEach((values, line) => {
    values.forEach((value, column) => {
      if (value !== undefined) sheet.getCell(line + 1, column + 1).value = value;
    });
  });
  for (const range of options.merges ?? []) sheet.mergeCells(range);
  return toXlsx(workbook);
}

const run = promisify(execFile);
const profile = pathToFileURL(path.join(workDir, "libreoffice-profile")).href;
/** Converts a file with the real LibreOffice, as a person re-saving it would. */
async function libreOffice(input: string, target: string, infilter?: string): Promise<Buffer> {
  const outdir = mkdtempSync(path.join(workDir, "out-"));
  const filter = infilter ? [`--infilter=${infilter}`] : [];
  await run(
    "soffice",
    [
      `-env:UserInstallation=${profile}`,
      "--headless",
      ...filter,
      "--convert-to",
      target,
      "--outdir",
      outdir,
      input,
    ],
    {
      timeout: 60_000,
    },
  );
  const [produced] = readdirSync(outdir);
  if (!produced) throw new Error(`LibreOffice did not convert ${input}`);
  return readFileSync(path.join(outdir, produced));
}

describe("files as people keep them", () => {
  it("finds the header under a merged title, ignores extra columns and skips an instructions sheet", async () => {
    const file = await sheetFile(
      [
        ["ALCALDÍA DE PASTO"],
        ["Personas que no continúan en 2026"],
        [],
        ["N°", "Apellidos y nombres", "No. de Cédula", "Observaciones"],
        [1, "Nariño Muñoz José", 1085123456, "Renunció"],
        [2],
        [3, "Paz Ana", "52.123.456", undefined],
      ],
      { instructionsFirst: true, merges: ["A1:D1", "A2:D2"] },
    );
    const result = await readListFile(file, "desvinculados.xlsx", "desvinculados");
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 5, values: { fullName: "Nariño Muñoz José", documentNumber: "1085123456" } },
        { line: 7, values: { fullName: "Paz Ana", documentNumber: "52123456" } },
      ],
      ignoredColumns: ["N°", "Observaciones"],
    });
  });

  it("prefers the template's header to a looser alias wherever it is", async () => {
    const file = await sheetFile([
      ["Nombre completo", "Documento", "Número de documento"],
      ["Ana Paz", "CC", "52123456"],
    ]);
    expect(await readListFile(file, "cintas.xlsx", "cintas")).toEqual({
      ok: true,
      rows: [{ line: 2, values: { fullName: "Ana Paz", documentNumber: "52123456" } }],
      ignoredColumns: ["Documento"],
    });
  });

  it("joins names kept in separate columns", async () => {
    const file = await sheetFile([
      ["Primer nombre", "Segundo nombre", "Primer apellido", "Segundo apellido", "Documento"],
      ["José", undefined, "Nariño", "Muñoz", "1085123456"],
    ]);
    const result = await readListFile(file, "cintas.xlsx", "cintas");
    expect(result).toMatchObject({
      ok: true,
      rows: [{ line: 2, values: { fullName: "José Nariño Muñoz" } }],
    });
  });

  it("reads a CSV from Excel in Spanish: semicolons, Windows-1252, dates as text", async () => {
    const csv =
      "Tipo de documento;Cédula;Nombres;Apellidos;Dependencia;Número de contrato;Inicio del contrato;Fin del contrato;Correo;Celular;RH\r\n".concat(
        "CC;1.085.123.456;José María;Nariño Muñoz;Secretaría de Tránsito;OPS-2026-0153;15/01/2026;20/12/2026;jose.narino@pasto.gov.co;300 123 4567;O +\r\n",
      );
    const result = await readListFile(Buffer.from(csv, "latin1"), "contratistas.csv", "contratistas");
    expect(result).toEqual({ ok: true, rows: [{ line: 2, values: CONTRATISTA }], ignoredColumns: [] });
  });

  it.each([
    ["tabs", "Nombre completo\tNúmero de documento\nJosé Nariño Muñoz\t1085123456\n"],
    ["commas and quotes", '\uFEFFNombre completo,Documento\r\n"Nariño Muñoz, José ""Pepe""",1085123456\r\n'],
  ])("accepts a CSV separated by %s whatever its name says", async (_, csv) => {
    const result = await readListFile(Buffer.from(csv, "utf8"), "lista.xlsx", "cintas");
    expect(result).toMatchObject({ ok: true, rows: [{ line: 2, values: { documentNumber: "1085123456" } }] });
  });

  it("reads Excel's UTF-16 «Unicode text»", async () => {
    const text = "Nombre completo\tCédula\r\nJosé Nariño Muñoz\t1085123456\r\n";
    const file = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const result = await readListFile(file, "lista.txt", "desvinculados");
    expect(result).toMatchObject({ ok: true, rows: [{ values: { fullName: "José Nariño Muñoz" } }] });
  });
});

describe("files re-saved by LibreOffice", () => {
  const csv = [
    "Tipo de documento;Número de identificación;Nombres;Apellidos;Dependencia;Número de contrato;Fecha de inicio;Fecha de terminación;Correo institucional;Teléfono;Tipo de sangre",
    "CC;1.085.123.456;José María;Nariño Muñoz;Secretaría de Tránsito;OPS-2026-0153;15/01/2026;20/12/2026;jose.narino@pasto.gov.co;3001234567;O+",
  ].join("\n");

  it.each([
    ["xlsx", "xlsx"],
    ["xlsm (macros allowed)", "xlsm:Calc MS Excel 2007 VBA XML"],
  ])(
    "reads a CSV with accents and dd/mm/yyyy dates converted to %s",
    { timeout: 90_000 },
    async (_, target) => {
      const input = path.join(workDir, "contratistas.csv");
      writeFileSync(input, csv);
      // 59 = ";", 34 = '"', 76 = UTF-8, from line 1, Spanish (Colombia): dates become real date cells.
      const file = await libreOffice(input, target, "CSV:59,34,76,1,,9226");
      const result = await readListFile(file, `contratistas.${target.slice(0, 4)}`, "contratistas");
      expect(result).toEqual({ ok: true, rows: [{ line: 2, values: CONTRATISTA }], ignoredColumns: [] });
    },
  );

  it("reads a flat ODS with a merged title, extra columns, blank rows and text dates", {
    timeout: 90_000,
  }, async () => {
    const escapeXml = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
    const cell = (text: string) =>
      text === ""
        ? "<table:table-cell/>"
        : `<table:table-cell office:value-type="string"><text:p>${escapeXml(text)}</text:p></table:table-cell>`;
    const row = (cells: string[]) => `<table:table-row>${cells.map(cell).join("")}</table:table-row>`;
    const header = [
      "N°",
      "Tipo de documento",
      "Documento",
      "Nombres",
      "Apellidos",
      "Área",
      "Contrato",
      "Fecha de inicio",
      "Fecha de fin",
      "Correo",
      "Celular",
      "Grupo sanguíneo",
      "Observaciones",
    ];
    const data = [
      "1",
      "Cédula de ciudadanía",
      "1.085.123.456",
      "José María",
      "Nariño Muñoz",
      "Secretaría de Tránsito",
      "OPS-2026-0153",
      "15/01/2026",
      "20-12-2026",
      "jose.narino@pasto.gov.co",
      "300 123 4567",
      "O+",
      "Renovación",
    ];
    const title = `<table:table-row><table:table-cell table:number-columns-spanned="${header.length}" office:value-type="string"><text:p>CONTRATISTAS QUE CONTINÚAN — SECRETARÍA DE TRÁNSITO</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="${header.length - 1}"/></table:table-row>`;
    const fods = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet>
<table:table table:name="Léame">${row(["Diligencie la hoja Contratistas."])}</table:table>
<table:table table:name="Contratistas">${title}${row([""])}${row(header)}${row(data)}${row([""])}${row(["", "", "", "", "", "", "", "", "", "", "", "", "sin datos"])}${row(["2", "PA", "AB 123456", "John", "Smith", "", "OPS-1", "01/03/2026", "2026-12-31", "j@pasto.gov.co", "", "AB-", ""])}</table:table>
</office:spreadsheet></office:body></office:document>`;
    const input = path.join(workDir, "contratistas.fods");
    writeFileSync(input, fods);
    const result = await readListFile(await libreOffice(input, "xlsx"), "contratistas.xlsx", "contratistas");
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 4, values: CONTRATISTA },
        {
          line: 7,
          values: {
            ...{
              documentType: "PA",
              documentNumber: "AB123456",
              firstNames: "John",
              lastNames: "Smith",
              dependencia: "",
            },
            ...{ contractNumber: "OPS-1", contractStart: "2026-03-01", contractEnd: "2026-12-31" },
            ...{ email: "j@pasto.gov.co", phone: "", bloodType: "AB-" },
          },
        },
      ],
      ignoredColumns: ["N°", "Observaciones"],
    });
  });
});

describe("files that cannot be read", () => {
  it("refuses the old .xls format and password-protected workbooks by their content", async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array(504).fill(0)]);
    expect(await readListFile(ole, "lista.xlsx", "cintas")).toEqual({
      ok: false,
      message:
        'El archivo está en el formato antiguo de Excel (.xls). Ábralo en Excel o LibreOffice y guárdelo como "Libro de Excel (.xlsx)".',
    });
    const encrypted = Buffer.concat([ole, Buffer.from("EncryptedPackage", "utf16le")]);
    expect(await readListFile(encrypted, "lista.xlsx", "cintas")).toMatchObject({
      message: expect.stringContaining("contraseña"),
    });
  });

  it.each([
    ["a PDF renamed .xlsx", Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"), "lista.xlsx"],
    ["an image", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "foto.png"],
    [
      "a note that is not a table",
      Buffer.from("Buenos días, adjunto la lista de desvinculados.\nCordialmente\n"),
      "nota.txt",
    ],
    ["a Word document", writeZip([stored("word/document.xml", "<w:document/>")]), "lista.docx"],
  ])("refuses %s, naming the formats it accepts", async (_, file, filename) => {
    const result = await readListFile(file, filename, "desvinculados");
    expect(result).toEqual({
      ok: false,
      message: `No podemos leer «${filename}» como una lista. Envíe un archivo de Excel (.xlsx o .xlsm) o un archivo CSV (.csv) separado por punto y coma, coma o tabulador.`,
    });
  });

  it("tells how to convert an .ods file", async () => {
    const ods = writeZip([
      stored("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
      stored("content.xml", "<x/>"),
    ]);
    expect(await readListFile(ods, "lista.xlsx", "cintas")).toMatchObject({
      message: expect.stringContaining("(.ods)"),
    });
  });

  it("answers a zip bomb and a sheet exceljs cannot parse with a message", async () => {
    // A 500 MB entry declared in 600 bytes: refused by the zip guard (src/shared/zip-guard.ts) unread.
    const bomb = writeZip([
      { name: "xl/workbook.xml", method: 8, crc: 0, size: 500 * 1024 * 1024, compressed: Buffer.alloc(600) },
    ]);
    expect(await readListFile(bomb, "lista.xlsx", "cintas")).toEqual({
      ok: false,
      message: expect.stringMatching(/^El archivo no se pudo leer de forma segura/),
    });
    const parts = unzipSync(new Uint8Array(await sheetFile([["Nombre completo", "Documento"]])));
    parts["xl/worksheets/sheet1.xml"] = strToU8("<worksheet><sheetData><row r='1'><c r='A1'></ohno>");
    expect(await readListFile(Buffer.from(zipSync(parts)), "lista.xlsx", "cintas")).toEqual({
      ok: false,
      message: expect.stringMatching(/^No pudimos leer el archivo/),
    });
  });

  it("names the required columns a sheet lacks", async () => {
    const file = await sheetFile([
      ["Nombres", "Apellidos", "Cédula", "Cargo", "Fecha de inicio", "Correo", "Tipo de documento", "RH"],
    ]);
    expect(await readListFile(file, "lista.xlsx", "contratistas")).toEqual({
      ok: false,
      message:
        "Al archivo le faltan estas columnas: Número de contrato, Fecha de terminación. Descargue la plantilla para ver cómo debe quedar.",
    });
  });

  it("refuses a file over the size limit before reading it", async () => {
    const result = await readListFile(Buffer.alloc(MAX_LIST_BYTES + 1, 0x41), "grande.csv", "cintas");
    expect(result).toEqual({ ok: false, message: expect.stringContaining("el máximo es 5 MB") });
  });

  it("refuses more than MAX_LIST_ROWS data rows and accepts exactly that many", async () => {
    const rows = (count: number) => [
      ["Nombre completo", "Documento"],
      ...Array.from({ length: count }, (_, i) => [`Persona ${i}`, 1_000_000 + i]),
    ];
    expect(await readListFile(await sheetFile(rows(MAX_LIST_ROWS + 1)), "lista.xlsx", "cintas")).toEqual({
      ok: false,
      message:
        "El archivo tiene más de 10.000 filas con datos, que es el máximo por archivo. Divida la lista en varios archivos y envíelos uno por uno.",
    });
    const accepted = await readListFile(await sheetFile(rows(MAX_LIST_ROWS)), "lista.xlsx", "cintas");
    expect(accepted.ok && accepted.rows.length).toBe(MAX_LIST_ROWS);
  });

  it("uses a formula's cached result and never the formula", async () => {
    const file = await sheetFile([
      ["Nombre completo", "Documento"],
      [
        { formula: 'CONCATENATE("Ana"," Paz")', result: "Ana Paz" },
        { formula: "1085*1000000+123456", result: 1085123456 },
      ],
      ["Sin resultado", { formula: "A1" } as ExcelJS.CellValue],
      ["Con error", { formula: "1/0", result: { error: "#DIV/0!" } }],
    ]);
    const result = await readListFile(file, "lista.xlsx", "desvinculados");
    expect(result.ok && result.rows.map((row) => row.values)).toEqual([
      { fullName: "Ana Paz", documentNumber: "1085123456" },
      { fullName: "Sin resultado", documentNumber: "" },
      { fullName: "Con error", documentNumber: "" },
    ]);
  });
});

// How fast (and with how much memory) is measured by `npm run bench:lists`, not here.
describe("a list at the row limit", () => {
  it("reads a 10,000-row contratistas workbook to its last row", { timeout: 120_000 }, async () => {
    const rows: ExcelJS.CellValue[][] = [LIST_COLUMNS.contratistas.map((column) => column.header)];
    for (let i = 0; i < MAX_LIST_ROWS; i++)
      rows.push([
        "CC",
        1_085_000_000 + i,
        `José ${i}`,
        "Nariño Muñoz",
        "Secretaría de Tránsito",
        `OPS-2026-${i}`,
        utc(2026, 1, 15),
        utc(2026, 12, 20),
        { text: `p${i}@pasto.gov.co`, hyperlink: `mailto:p${i}@pasto.gov.co` },
        3_001_234_567 + i,
        "O+",
      ]);
    const result = await readListFile(await sheetFile(rows), "contratistas.xlsx", "contratistas");
    expect(result.ok && result.rows.length).toBe(MAX_LIST_ROWS);
    expect(result.ok && result.rows.at(-1)?.values).toMatchObject({
      documentNumber: "1085009999",
      contractEnd: "2026-12-20",
      email: "p9999@pasto.gov.co",
    });
  });
});
