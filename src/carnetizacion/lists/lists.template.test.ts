// The downloadable templates of the three lists: how they look in Excel, and that a filled-in template
// reads back as the same values.

import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { CONTRATISTA, toXlsx, utc } from "../../../test/sheets.ts";
import { LIST_COLUMNS, LIST_KINDS, type ListKind } from "./lists.columns.ts";
import { buildTemplate, listTitle, readListFile } from "./lists.sheets.ts";

// Dates must come out as the calendar day whatever the server's zone: run these tests west of UTC.
process.env.TZ = "America/Bogota";
const OPTIONS = {
  dependencias: ["Secretaría de Tránsito", "Secretaría de Salud", "Despacho del Alcalde"],
  emailDomain: "pasto.gov.co",
};

async function fillTemplate(kind: ListKind, rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildTemplate(kind, OPTIONS)) as never);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("template without sheets");
  rows.forEach((values, line) => {
    values.forEach((value, column) => {
      if (value !== undefined) sheet.getCell(line + 2, column + 1).value = value;
    });
  });
  return toXlsx(workbook);
}

function zipPart(file: Buffer, name: string): string {
  const part = unzipSync(file, { filter: (entry) => entry.name === name })[name];
  if (!part) throw new Error(`no ${name}`);
  return strFromU8(part);
}

describe("the templates", () => {
  it("has a typed, frozen, validated sheet, instructions and a hidden list of dependencias", async () => {
    const file = await buildTemplate("contratistas", OPTIONS);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as never);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ["Contratistas sin carnet", "visible"],
      ["Instrucciones", "visible"],
      ["Listas", "hidden"],
    ]);
    const [sheet, instructions, lists] = workbook.worksheets;
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      ...LIST_COLUMNS.contratistas.map((column) => column.header),
    ]);
    expect(sheet?.getCell("A1").font?.bold).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet?.getCell("G30").numFmt).toBe("dd/mm/yyyy");
    expect(sheet?.getCell("B30").numFmt).toBe("@");
    expect(sheet?.getCell("J30").numFmt).toBe("@");
    expect(lists?.getColumn(1).values).toEqual([undefined, ...OPTIONS.dependencias]);

    const xml = zipPart(file, "xl/worksheets/sheet1.xml");
    expect(xml).toContain('sqref="A2:A10001"><formula1>&quot;CC,CE,PPT,PA&quot;</formula1>');
    expect(xml).toContain('sqref="E2:E10001"><formula1>Listas!$A$1:$A$3</formula1>');
    expect(xml).toContain('sqref="K2:K10001"><formula1>&quot;O+,O-,A+,A-,B+,B-,AB+,AB-&quot;</formula1>');
    expect(xml).toMatch(/<dataValidation type="date"[^>]*sqref="G2:G10001"/);

    const text = instructions?.getSheetValues().flat().join("\n") ?? "";
    expect(text).toContain("Contratistas OPS que continúan sin carnet");
    expect(text).toContain("@pasto.gov.co");
    expect(text).toContain("día/mes/año");
    expect(text).toContain(
      "le mostrará las filas con errores y el motivo, antes de aplicar cualquier cambio",
    );
  });

  it.each(LIST_KINDS)("reads back the %s template filled in with exceljs", async (kind) => {
    const rows: Record<ListKind, ExcelJS.CellValue[][]> = {
      contratistas: [
        [
          "Cédula de ciudadanía",
          1085123456,
          "  José María ",
          "Nariño   Muñoz",
          "Secretaría de Tránsito",
          "OPS-2026-0153",
          utc(2026, 1, 15),
          "20/12/2026",
          { text: "jose.narino@pasto.gov.co", hyperlink: "mailto:jose.narino@pasto.gov.co" },
          3001234567,
          "O+",
        ],
        [
          "PPT",
          { formula: '"52"&"123456"', result: "52123456" },
          { richText: [{ text: "Ana " }, { text: "Lucía", font: { bold: true } }] },
          "Paz",
          undefined,
          "OPS-2026-0154",
          { formula: "DATE(2026,2,1)", result: utc(2026, 2, 1) },
          "31/02/2026",
          "ANA.PAZ@Pasto.gov.co",
          "300 765 4321",
          "AB negativo",
        ],
        [],
        [
          "pa",
          "ab 123.456",
          "John",
          "Smith",
          "Secretaría de Salud",
          "OPS-1",
          "1/3/2026",
          "2026-12-31",
          "j@pasto.gov.co",
          "",
          "0+",
        ],
      ],
      desvinculados: [
        ["José Nariño Muñoz", "1.085.123.456"],
        [{ richText: [{ text: "Ana Paz" }] }, 98765432],
        [],
        ["María", { formula: '"10"&"20"', result: "1020" }],
      ],
      cintas: [
        ["José Nariño Muñoz", "1.085.123.456"],
        [{ richText: [{ text: "Ana Paz" }] }, 98765432],
        [],
        ["María", { formula: '"10"&"20"', result: "1020" }],
      ],
    };
    const expected: Record<ListKind, { line: number; values: Record<string, string> }[]> = {
      contratistas: [
        { line: 2, values: CONTRATISTA },
        {
          line: 3,
          values: {
            documentType: "PPT",
            documentNumber: "52123456",
            firstNames: "Ana Lucía",
            lastNames: "Paz",
            dependencia: "",
            contractNumber: "OPS-2026-0154",
            contractStart: "2026-02-01",
            contractEnd: "31/02/2026",
            email: "ana.paz@pasto.gov.co",
            phone: "3007654321",
            bloodType: "AB-",
          },
        },
        {
          line: 5,
          values: {
            ...{ documentType: "PA", documentNumber: "AB123456", firstNames: "John", lastNames: "Smith" },
            ...{ dependencia: "Secretaría de Salud", contractNumber: "OPS-1", contractStart: "2026-03-01" },
            ...{ contractEnd: "2026-12-31", email: "j@pasto.gov.co", phone: "", bloodType: "O+" },
          },
        },
      ],
      desvinculados: [
        { line: 2, values: { fullName: "José Nariño Muñoz", documentNumber: "1085123456" } },
        { line: 3, values: { fullName: "Ana Paz", documentNumber: "98765432" } },
        { line: 5, values: { fullName: "María", documentNumber: "1020" } },
      ],
      cintas: [],
    };
    expected.cintas = expected.desvinculados;
    const result = await readListFile(await fillTemplate(kind, rows[kind]), "lista.xlsx", kind);
    expect(result).toEqual({ ok: true, rows: expected[kind], ignoredColumns: [] });
  });

  it("titles the lists in Spanish", () => {
    expect(LIST_KINDS.map(listTitle)).toEqual([
      "Personas desvinculadas",
      "Contratistas OPS que continúan sin carnet",
      "Contratistas OPS con cinta pendiente",
    ]);
  });
});
