import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { forgeZip, stored } from "../../../test/zip-forge.ts";
import { MAX_PLAN_FILE_BYTES, MAX_PLAN_ROWS, readPlanFile } from "./sheets.service.ts";

const workDir = mkdtempSync(path.join(os.tmpdir(), "plan-sheets-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function xlsx(rows: (string | number | undefined)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Plan");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const PAAC_HEADER = [
  "Subcomponente / Proceso",
  "Actividades",
  "Producto",
  "Meta",
  "Responsable",
  "Fecha Inicio",
  "Fecha Final",
];
const A_PAAC = [
  ["Componente 1: Riesgos"],
  PAAC_HEADER,
  ["Subcomponente 1. Política", "1.1 Socializar.", "P", "1 informe.", "OPGI", "13/01/2022", "13/01/2022"],
];

const refused = (message: string | RegExp) => ({
  ok: false,
  message: typeof message === "string" ? message : expect.stringMatching(message),
  problems: [],
});

describe("files that are not a plan in .xlsx", () => {
  const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array(504).fill(0)]);

  it("refuses the old .xls and a password-protected workbook by their content, whatever the name", async () => {
    expect(await readPlanFile(ole, "paac.xlsx", "paac")).toEqual(
      refused(
        'El archivo está en el formato antiguo de Excel (.xls). Ábralo en Excel o LibreOffice y guárdelo como "Libro de Excel (.xlsx)".',
      ),
    );
    const encrypted = Buffer.concat([ole, Buffer.from("EncryptedPackage", "utf16le")]);
    expect(await readPlanFile(encrypted, "paac.xlsx", "paac")).toEqual(
      refused(
        'El archivo está protegido con contraseña. Ábralo en Excel, quítele la contraseña y guárdelo de nuevo como "Libro de Excel (.xlsx)" e inténtelo otra vez.',
      ),
    );
  });

  it("refuses an .ods, saying how to save it as .xlsx", async () => {
    const ods = forgeZip([
      stored("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
      stored("content.xml", "<office:document-content/>"),
    ]);
    expect(await readPlanFile(ods, "paac.ods", "paac")).toEqual(
      refused(
        'El archivo está en el formato de LibreOffice (.ods). Ábralo en LibreOffice y guárdelo como "Excel 2007-365 (.xlsx)".',
      ),
    );
  });

  it("refuses an .ods saved by LibreOffice itself", { timeout: 120_000 }, async () => {
    const input = path.join(workDir, "paac.xlsx");
    writeFileSync(input, await xlsx(A_PAAC));
    const profile = pathToFileURL(path.join(workDir, "libreoffice-profile")).href;
    await promisify(execFile)(
      "soffice",
      [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "ods", "--outdir", workDir, input],
      { timeout: 110_000 },
    );
    const ods = readFileSync(
      path.join(workDir, readdirSync(workDir).find((name) => name.endsWith(".ods")) ?? ""),
    );
    expect(await readPlanFile(ods, "paac.ods", "paac")).toMatchObject({
      ok: false,
      message: expect.stringContaining("(.ods)"),
    });
  });

  it.each([
    [
      "a CSV",
      Buffer.from(
        "Actividades;Meta;Responsable;Fecha Inicio;Fecha Final\n1.1 Hacer;1 informe;OPGI;13/01/2022;13/01/2022\n",
      ),
      "paac.csv",
    ],
    ["a PDF", Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"), "paac.xlsx"],
    ["a Word document", forgeZip([stored("word/document.xml", "<w:document/>")]), "paac.docx"],
    ["an empty file", Buffer.alloc(0), "paac.xlsx"],
  ])("refuses %s, saying what to send instead", async (_, file, name) => {
    expect(await readPlanFile(file, name, "paac")).toEqual(
      refused(
        `No podemos leer «${name}» como un plan. Envíe el plan en un archivo de Excel (.xlsx); si lo tiene en CSV, PDF o Word, páselo a Excel y guárdelo como "Libro de Excel (.xlsx)".`,
      ),
    );
  });

  it("refuses a zip bomb from its directory, before exceljs or any inflating", async () => {
    const zeros = deflateRawSync(Buffer.alloc(20 * 1024 * 1024));
    const bomb = forgeZip([
      stored("xl/workbook.xml", "<workbook/>"),
      { name: "xl/worksheets/sheet1.xml", method: 8, crc: 0, size: 20 * 1024 * 1024, compressed: zeros },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    expect(await readPlanFile(bomb, "paac.xlsx", "paac")).toEqual(
      refused(/^El archivo no se pudo leer de forma segura/),
    );
    // An entry that claims to be small but inflates past what it declared is cut off right there.
    const lying = forgeZip([
      stored("xl/_rels/workbook.xml.rels", "<Relationships/>"),
      stored("xl/workbook.xml", "<workbook/>"),
      { name: "xl/worksheets/sheet1.xml", method: 8, crc: 0, size: 1000, compressed: zeros },
    ]);
    expect(await readPlanFile(lying, "paac.xlsx", "paac")).toEqual(refused(/de forma segura/));
  });

  it("answers a damaged workbook with a message instead of crashing", async () => {
    const parts = unzipSync(new Uint8Array(await xlsx(A_PAAC)));
    parts["xl/worksheets/sheet1.xml"] = strToU8("<worksheet><sheetData><row r='1'><c r='A1'></ohno>");
    expect(await readPlanFile(Buffer.from(zipSync(parts)), "paac.xlsx", "paac")).toEqual(
      refused(/^No pudimos leer el archivo: puede estar dañado/),
    );
  });

  it("refuses a file over the size limit before reading it", async () => {
    const result = await readPlanFile(Buffer.alloc(MAX_PLAN_FILE_BYTES + 1, 0x41), "paac.xlsx", "paac");
    expect(result).toEqual(refused(/^El archivo pesa 10 MB y el máximo es 10 MB\./));
  });

  it("refuses more rows than a plan may have, and reads exactly that many", {
    timeout: 120_000,
  }, async () => {
    const rows = (count: number) => [
      ...A_PAAC,
      ...Array.from({ length: count - A_PAAC.length }, (_, i) => [
        undefined,
        `1.${i + 2} Hacer ${i}.`,
        "P",
        "M",
        "OPGI",
        "13/01/2022",
        "13/01/2022",
      ]),
    ];
    expect(await readPlanFile(await xlsx(rows(MAX_PLAN_ROWS + 1)), "paac.xlsx", "paac")).toEqual(
      refused(
        "El archivo tiene más de 20.000 filas con datos, que es el máximo para un plan. Quite las hojas o filas que no sean del plan y súbalo otra vez.",
      ),
    );
    const accepted = await readPlanFile(await xlsx(rows(MAX_PLAN_ROWS)), "paac.xlsx", "paac");
    expect(accepted.ok && accepted.counts.activities).toBe(MAX_PLAN_ROWS - 2);
  });
});

describe("a sheet without the plan's columns", () => {
  it("is refused, naming only the columns it lacks, at the row of its header", async () => {
    const file = await xlsx([
      ["Plan 2022"],
      ["Subcomponente", "Actividades", "Producto", "Meta", "Observaciones", "Fecha Inicio"],
      ["Subcomponente 1. Política", "1.1 Socializar.", "P", "M", "", "13/01/2022"],
    ]);
    const message =
      "Al archivo le faltan estas columnas: Responsable, Fecha Final. Escríbalas en la fila de títulos de la tabla, encima de las actividades, y súbalo otra vez.";
    expect(await readPlanFile(file, "paac.xlsx", "paac")).toEqual({
      ok: false,
      message,
      problems: [{ row: 2, message, severity: "error" }],
    });
  });

  it("names every column when there is no header at all, and tells a PAAC from a matrix", async () => {
    const none = await readPlanFile(
      await xlsx([["Informe de gestión"], ["Texto libre"]]),
      "x.xlsx",
      "matriz",
    );
    expect(none).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Al archivo le faltan estas columnas: Actividades de gestión, Qué \(alternativas de mejora\), Cómo \(mejoras\/tareas a implementar\), Quién \(responsable\), Cuándo/,
      ),
    });
    const paac = await readPlanFile(await xlsx(A_PAAC), "paac.xlsx", "matriz");
    expect(paac).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Al archivo le faltan estas columnas: Qué .*Cómo .*El archivo parece un plan anticorrupción \(PAAC\).*revise que eligió el tipo de plan correcto\.$/,
      ),
    });
  });

  it("reads a plan whose header names its columns otherwise: «Meta o producto», one «Fecha programada»", async () => {
    const file = await xlsx([
      ["Componente 1: Riesgos"],
      ["Subcomponente", "Actividades programadas", "Meta o producto", "Responsable", "Fecha programada"],
      ["Subcomponente 1. Política", "1.1 Socializar.", "1 informe.", "OPGI", "01/02/2022 - 30/04/2022"],
    ]);
    const result = await readPlanFile(file, "paac.xlsx", "paac");
    expect(result).toMatchObject({
      ok: true,
      problems: [],
      counts: { components: 1, subcomponents: 1, activities: 1, periods: 1 },
      tree: [
        {
          children: [
            { children: [{ meta: "1 informe.", periods: [{ start: "2022-02-01", end: "2022-04-30" }] }] },
          ],
        },
      ],
    });
  });
});
