import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { matchHeader } from "./sheets.columns.ts";
import { cleanText, type GridRow, readGrid } from "./sheets.grid.ts";

process.env.TZ = "America/Bogota";

type Rows = (ExcelJS.CellValue | undefined)[][];

/** A workbook with these sheets (rows from row 1, column A), merged ranges per sheet. */
async function xlsx(sheets: Record<string, Rows>, merges: Record<string, string[]> = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const [row, values] of rows.entries())
      for (const [column, value] of values.entries())
        if (value !== undefined) sheet.getCell(row + 1, column + 1).value = value;
    for (const range of merges[name] ?? []) sheet.mergeCells(range);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const texts = (rows: GridRow[]) =>
  rows.map((row) => [
    row.row,
    Array.from(row.cells, (cell) => (cell ? `${cell.above ? "^" : ""}${cell.text}` : null)),
  ]);

describe("a workbook as a grid of what each cell shows", () => {
  it("repeats a merged cell's text over its range and marks the rows below as «same as above»", async () => {
    const file = await xlsx(
      {
        Plan: [
          ["Componente 3: Rendición de cuentas"],
          [],
          ["Sub 1", "1.1 Hacer", "OPGI"],
          [undefined, undefined, "UAC"],
        ],
      },
      { Plan: ["A1:C1", "A3:A4", "B3:B4"] },
    );
    const grid = await readGrid(file, 100);
    if (!grid.ok) throw new Error("refused");
    expect(texts(grid.sheets[0]?.rows ?? [])).toEqual([
      [
        1,
        [
          "Componente 3: Rendición de cuentas",
          "Componente 3: Rendición de cuentas",
          "Componente 3: Rendición de cuentas",
        ],
      ],
      [3, ["Sub 1", "1.1 Hacer", "OPGI"]],
      [4, ["^Sub 1", "^1.1 Hacer", "UAC"]],
    ]);
  });

  it("reads rich text, links, numbers, booleans, dates and cached formula results as they show", async () => {
    const file = await xlsx({
      Plan: [
        [
          { richText: [{ text: "Oficina de " }, { font: { bold: true }, text: "Planeación" }] },
          { text: "Sede electrónica", hyperlink: "https://www.pasto.gov.co" },
          15000,
          true,
          new Date(Date.UTC(2022, 0, 13)),
          { formula: "E1+1", result: new Date(Date.UTC(2022, 0, 14)) },
          { formula: 'CONCATENATE("OP","GI")', result: "OPGI" },
        ],
        [{ formula: "A1" } as ExcelJS.CellValue, { formula: "1/0", result: { error: "#DIV/0!" } }, "x"],
      ],
    });
    const grid = await readGrid(file, 100);
    if (!grid.ok) throw new Error("refused");
    const [first, second] = grid.sheets[0]?.rows ?? [];
    expect(first?.cells.map((cell) => cell?.text)).toEqual([
      "Oficina de Planeación",
      "Sede electrónica",
      "15000",
      "VERDADERO",
      "13/01/2022",
      "14/01/2022", // exceljs gives a formula's date result as a number: the cell's format says it is a day
      "OPGI",
    ]);
    expect(first?.cells[4]?.date?.toISOString()).toBe("2022-01-13T00:00:00.000Z");
    expect(first?.cells[5]?.date?.toISOString()).toBe("2022-01-14T00:00:00.000Z");
    expect(second?.cells[0]).toEqual({ text: "", formulaWithoutResult: true });
    // An error result reads as empty too, flagged for an aviso (exceljs writes it without a value).
    expect(second?.cells[1]).toMatchObject({ text: "" });
    expect(second?.cells[1]?.error ?? second?.cells[1]?.formulaWithoutResult).toBeTruthy();
  });

  it("reads the visible sheets only, in tab order, and skips empty rows", async () => {
    const workbook = new ExcelJS.Workbook();
    const second = workbook.addWorksheet("Segunda");
    second.addRow(["b"]);
    const hidden = workbook.addWorksheet("Listas");
    hidden.addRow(["oculta"]);
    hidden.state = "hidden";
    const first = workbook.addWorksheet("Primera");
    first.addRow(["a"]);
    first.addRow([]);
    first.addRow(["", " ", "\u00a0"]);
    first.addRow([undefined, "c"]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    // Move «Primera» to the first tab, as a person dragging it would: only xl/workbook.xml changes.
    const parts = unzipSync(new Uint8Array(file));
    const book = new TextDecoder().decode(parts["xl/workbook.xml"]);
    const tags = [...book.matchAll(/<sheet [^>]*\/>/g)].map((match) => match[0]);
    parts["xl/workbook.xml"] = strToU8(book.replace(tags.join(""), [tags[2], tags[0], tags[1]].join("")));
    const grid = await readGrid(Buffer.from(zipSync(parts)), 100);
    if (!grid.ok) throw new Error("refused");
    expect(grid.sheets.map((sheet) => [sheet.name, texts(sheet.rows)])).toEqual([
      [
        "Primera",
        [
          [1, ["a"]],
          [4, [null, "c"]],
        ],
      ],
      ["Segunda", [[1, ["b"]]]],
    ]);
  });

  it("reads every worksheet in file order when the workbook's index cannot be followed", async () => {
    const parts = unzipSync(new Uint8Array(await xlsx({ Uno: [["a"]], Dos: [["b"]] })));
    const book = new TextDecoder().decode(parts["xl/workbook.xml"]);
    parts["xl/workbook.xml"] = strToU8(book.replaceAll(" r:id=", " x:id="));
    const grid = await readGrid(Buffer.from(zipSync(parts)), 100);
    if (!grid.ok) throw new Error("refused");
    expect(grid.sheets.map((sheet) => [sheet.name, texts(sheet.rows)])).toEqual([
      ["Hoja1", [[1, ["a"]]]],
      ["Hoja2", [[1, ["b"]]]],
    ]);
  });

  it("stops at the row limit, over all sheets", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`fila ${i}`]);
    const file = await xlsx({ Uno: rows, Dos: rows });
    expect(await readGrid(file, 60)).toMatchObject({ ok: true });
    expect(await readGrid(file, 59)).toEqual({ ok: false, tooManyRows: "filled" });
  });

  it("cleans what a cell shows: no-break and double spaces, blank lines, invisible characters", () => {
    expect(cleanText("\u00a01.1\u00a0 Socializar  la\tpolítica ")).toBe("1.1 Socializar la política");
    expect(cleanText("OPGI\r\n\r\n  UAC \n")).toBe("OPGI\nUAC");
    expect(cleanText("\ufeffOPGI\u200b")).toBe("OPGI");
  });
});

describe("the header of a plan's table", () => {
  const row = (number: number, labels: (string | undefined)[]): GridRow => ({
    row: number,
    cells: labels.map((text) => (text === undefined ? undefined : { text })),
  });

  it("is found by its labels whatever their accents, case or punctuation", () => {
    const paac = matchHeader(
      "paac",
      row(5, [
        "SUBCOMPONENTE/PROCESO",
        "Actividades",
        "Producto",
        "Meta",
        "Responsable",
        "Fecha de inicio",
        "Fecha fin",
      ]),
    );
    expect(paac).toMatchObject({
      missing: [],
      columns: { subcomponent: 0, activity: 1, product: 2, meta: 3, responsable: 4, start: 5, end: 6 },
    });
    const matriz = matchHeader(
      "matriz",
      row(3, [
        "ACTIVIDADES DE GESTIÓN",
        "QUÉ (ALTERNATIVA S DE MEJORA)",
        "CÓMO (MEJORAS/TAREAS A IMPLEMENTAR)",
        "QUIÉN (RESPONSABLE DE CADA TAREA)",
        "CUÁNDO (FECHA PREVISTA PARA INICIAR Y TERMINAR CADA TAREA)",
        "EVIDENCIAS",
        "Ponderación",
      ]),
    );
    expect(matriz).toMatchObject({
      missing: [],
      columns: { activity: 0, alternative: 1, task: 2, responsable: 3, when: 4, evidence: 5, weight: 6 },
    });
  });

  it("may take two rows, «Fecha» over «Inicio» and «Final»", () => {
    const upper = row(4, ["Actividades", "Meta", "Responsable", "Fecha", "Fecha"]);
    const lower = row(5, [undefined, undefined, undefined, "Inicio", "Final"]);
    expect(matchHeader("paac", upper, lower)).toMatchObject({
      missing: [],
      lastRow: 5,
      columns: { activity: 0, meta: 1, responsable: 2, start: 3, end: 4 },
    });
  });

  it("names the columns it lacks, and is no header below two labels", () => {
    expect(
      matchHeader("paac", row(1, ["Actividades", "Producto", "Observaciones", "Fecha Inicio"])),
    ).toMatchObject({
      missing: ["Meta", "Responsable", "Fecha Final"],
    });
    expect(matchHeader("matriz", row(1, ["Actividades de gestión", "Qué", "Cómo", "Quién"]))).toMatchObject({
      missing: ["Cuándo (fecha prevista para iniciar y terminar)"],
    });
    expect(matchHeader("paac", row(1, ["1.1 Socializar", "OPGI", "13/01/2022"]))).toBeUndefined();
    expect(matchHeader("paac", row(1, ["Componente 1. Gestión del riesgo"]))).toBeUndefined();
  });
});
