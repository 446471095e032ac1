// What a small file may not make the reader do: merged ranges that claim a million rows, ranges laid over one
// another, a sheet of empty rows, a workbook that inflates past a plan's size, a thousand rows with one code.
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SPREADSHEET_MESSAGES } from "../../shared/spreadsheet-file.ts";
import { MAX_PLAN_UNCOMPRESSED_BYTES, readGrid } from "./sheets.grid.ts";
import { MAX_PLAN_ROWS, MAX_PLAN_SHEET_ROWS, readPlanFile } from "./sheets.service.ts";
import { Reading } from "./sheets.tree.ts";

/** A one-sheet workbook made by exceljs, with its sheet's XML (and shared strings) replaced. */
async function workbookWith(sheetData: string, tail = "", sharedStrings?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Plan").getCell("A1").value = "x";
  const parts = unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()));
  parts["xl/worksheets/sheet1.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData>${tail}</worksheet>`,
  );
  if (sharedStrings) parts["xl/sharedStrings.xml"] = strToU8(sharedStrings);
  return Buffer.from(zipSync(parts, { level: 6 }));
}

const text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
const mergeCells = (refs: string[]) =>
  `<mergeCells count="${refs.length}">${refs.map((ref) => `<mergeCell ref="${ref}"/>`).join("")}</mergeCells>`;

describe("merged ranges", () => {
  it("fill only the rows that hold something: a range down to row 5,000 adds no row", async () => {
    const file = await workbookWith(
      `<row r="1">${text("A1", "Título")}${text("C1", "otra")}</row><row r="5000">${text("B5000", "fin")}</row>`,
      mergeCells(["A1:BL5000"]),
    );
    const grid = await readGrid(file, 100);
    if (!grid.ok) throw new Error("refused");
    const rows = grid.sheets[0]?.rows ?? [];
    expect(rows.map((row) => row.row)).toEqual([1, 5000]);
    // Up to the last column used (C), not BL: the first row repeats the text, the last marks it «above».
    expect(
      rows.map((row) => Array.from(row.cells, (cell) => `${cell?.above ? "^" : ""}${cell?.text}`)),
    ).toEqual([
      ["Título", "Título", "Título"],
      ["^Título", "^Título", "^Título"],
    ]);
  });

  it("claiming the whole sheet (A1:BL1048576) from a 2 KB file gives two rows", async () => {
    const file = await workbookWith(
      `<row r="1">${text("A1", "Componente 1: Gestión del riesgo")}</row><row r="1048576">${text("A1048576", "fin")}</row>`,
      mergeCells(["A1:BL1048576", "A1:XFD1048576"]),
    );
    expect(file.length).toBeLessThan(10_000);
    const result = await readPlanFile(file, "paac.xlsx", "paac");
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^Al archivo le faltan/) });
    const grid = await readGrid(file, MAX_PLAN_ROWS);
    expect(grid.ok && grid.sheets[0]?.rows.map((row) => row.row)).toEqual([1, 1048576]);
  });

  it("laid over one another past rows × 64 cells refuse the file as unsafe", async () => {
    const rows = Array.from(
      { length: 10 },
      (_, i) =>
        `<row r="${i + 1}">${["A", "B", "C"].map((c) => text(`${c}${i + 1}`, `t${i}`)).join("")}</row>`,
    ).join("");
    // Each A1:C10 fills 29 cells; 10 rows × 64 columns allow 640 fills: 22 ranges pass, 23 do not.
    const pass = await readGrid(await workbookWith(rows, mergeCells(Array(22).fill("A1:C10"))), 10);
    expect(pass.ok).toBe(true);
    expect(await readGrid(await workbookWith(rows, mergeCells(Array(23).fill("A1:C10"))), 10)).toEqual({
      ok: false,
      message: SPREADSHEET_MESSAGES.unsafe,
    });
  });
});

describe("rows of any kind", () => {
  it("count against five times the row limit, empty ones and those of hidden sheets included", async () => {
    const empty = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `<row r="${from + i}"/>`).join("");
    const filled = `<row r="1">${text("A1", "a")}</row>`;
    expect(await readGrid(await workbookWith(filled + empty(2, 49)), 10)).toMatchObject({ ok: true });
    expect(await readGrid(await workbookWith(filled + empty(2, 50)), 10)).toEqual({
      ok: false,
      tooManyRows: "all",
    });
  });

  it("refuse a plan of empty rows early, saying why", async () => {
    const rows = Array.from({ length: MAX_PLAN_SHEET_ROWS + 1 }, (_, i) => `<row r="${i + 1}"/>`).join("");
    expect(await readPlanFile(await workbookWith(rows), "paac.xlsx", "paac")).toEqual({
      ok: false,
      message:
        "El archivo tiene más de 100.000 filas, contando las vacías que tienen formato. Borre las filas que sobran debajo del plan y las hojas que no sean del plan, y súbalo otra vez.",
      problems: [],
    });
  });
});

describe("a workbook's inflated size", () => {
  it("is limited to 25 MB for a plan, before exceljs reads anything", async () => {
    // 26 MB of shared strings that deflate about 10:1: within the zip guard's ratio and the 10 MB file limit.
    const strings: string[] = [];
    let size = 0;
    for (let i = 0; size <= MAX_PLAN_UNCOMPRESSED_BYTES; i++) {
      const item = `<si><t>Actividad ${i * 7919} del plan ${(i * 104_729) % 99_991}</t></si>`;
      strings.push(item);
      size += item.length;
    }
    const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.join("")}</sst>`;
    const file = await workbookWith(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, "", sst);
    expect(file.length).toBeLessThan(10 * 1024 * 1024);
    expect(await readPlanFile(file, "paac.xlsx", "paac")).toEqual({
      ok: false,
      message: SPREADSHEET_MESSAGES.unsafe,
      problems: [],
    });
  });
});

describe("unique keys", () => {
  afterEach(() => vi.restoreAllMocks());

  it("add «~2», «~3»… per key, skipping keys taken as written", () => {
    const reading = new Reading();
    expect(["1.1", "1.1", "1.1~3", "1.1", "1.1", "1.2"].map((key) => reading.uniqueKey(key))).toEqual([
      "1.1",
      "1.1~2",
      "1.1~3",
      "1.1~4",
      "1.1~5",
      "1.2",
    ]);
    expect(reading.uniqueKey("1.1~3")).toBe("1.1~3~2");
  });

  it("cost one look-up per key however many times it repeats, not one per earlier repeat", () => {
    const reading = new Reading();
    const has = vi.spyOn(Set.prototype, "has");
    const keys = Array.from({ length: 2_000 }, () => reading.uniqueKey("c1/s1/1.1"));
    const lookups = has.mock.calls.length;
    vi.restoreAllMocks();
    expect(new Set(keys).size).toBe(2_000);
    // Each call looks its key up once, and once more for the key it skips: 2 × 2,000 (it was 2 million).
    expect(lookups).toBeLessThanOrEqual(4_000);
  });
});
