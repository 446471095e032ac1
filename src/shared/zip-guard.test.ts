// The zip guard in front of exceljs: bombs and lying entries are refused from the directory or while
// inflating, and a damaged workbook gets a message instead of a crash. The archives are forged byte by byte
// (test/zip-forge.ts), since a real zip library would not write a lying header.
import { once } from "node:events";
import { createDeflateRaw, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { forgeEndRecords, stored, forgeZip as writeZip } from "../../test/zip-forge.ts";
import { openWorkbook } from "./spreadsheet-file.ts";
import { extractEntries, inspectZip } from "./zip-guard.ts";

const WORKBOOK_PARTS = [
  stored(
    "xl/_rels/workbook.xml.rels",
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  ),
  stored(
    "xl/workbook.xml",
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Lista" sheetId="1" r:id="rId1"/></sheets></workbook>',
  ),
];

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

/** A small valid workbook with these rows on its only sheet. */
async function sheetFile(rows: (string | number)[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Lista");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("the zip guard", () => {
  it("reads the declared sizes of an honest workbook and inflates exactly the parts asked for", async () => {
    const file = await sheetFile([["Nombre completo", "Documento"]]);
    const directory = inspectZip(file);
    if (!directory.ok) throw new Error("an honest workbook was refused");
    const sheet = directory.entries.find((entry) => entry.name === "xl/worksheets/sheet1.xml");
    if (!sheet) throw new Error("no sheet in the workbook");
    expect(sheet.compression).toBe(8);
    const extracted = extractEntries(file, [sheet]);
    if (!extracted.ok) throw new Error("an honest sheet was refused");
    expect([...extracted.files.keys()]).toEqual(["xl/worksheets/sheet1.xml"]);
    expect(extracted.files.get(sheet.name)?.length).toBe(sheet.size);
  });

  it("refuses a zip bomb from its directory, without inflating it", async () => {
    const size = 500 * 1024 * 1024;
    const compressed = await deflateZeros(size);
    const bomb = writeZip([
      ...WORKBOOK_PARTS,
      { name: "xl/worksheets/sheet1.xml", method: 8, crc: 0, size, compressed },
    ]);
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024); // under every upload limit
    expect(inspectZip(bomb)).toEqual({ ok: false, problem: "too_large" });
    // Refused from the declared sizes, before anything is inflated (inspectZip above says so).
    const result = openWorkbook(bomb);
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/^El archivo no se pudo leer de forma segura/),
    });
  });

  it("refuses an entry compressed more than 200:1, and one that inflates past its declared size", async () => {
    const zeros = deflateRawSync(Buffer.alloc(20 * 1024 * 1024));
    const dense = writeZip([
      { name: "xl/worksheets/sheet1.xml", method: 8, crc: 0, size: 20 * 1024 * 1024, compressed: zeros },
    ]);
    expect(inspectZip(dense)).toEqual({ ok: false, problem: "too_large" });
    const lying = writeZip([
      ...WORKBOOK_PARTS,
      { name: "xl/worksheets/sheet1.xml", method: 8, crc: 0, size: 1000, compressed: zeros },
    ]);
    // Its directory looks harmless: only inflating shows the lie, and inflating stops right there.
    const directory = inspectZip(lying);
    expect(directory.ok).toBe(true);
    if (directory.ok)
      expect(extractEntries(lying, directory.entries)).toEqual({ ok: false, problem: "too_large" });
    expect(openWorkbook(lying)).toMatchObject({
      message: expect.stringMatching(/de forma segura/),
    });
  });

  it("answers a damaged archive with a message instead of crashing", async () => {
    const file = await sheetFile([
      ["Nombre completo", "Documento"],
      ["Ana Paz", 52123456],
    ]);
    // The same workbook with 30 bytes of its sheet's compressed data overwritten, sizes left as declared.
    const parts = unzipSync(file);
    const damaged = writeZip(
      Object.entries(parts).map(([name, data]) => {
        const compressed = deflateRawSync(data);
        if (name === "xl/worksheets/sheet1.xml") compressed.fill(0x55, 10, 40);
        return { name, method: 8, crc: 0, size: data.length, compressed };
      }),
    );
    expect(inspectZip(damaged).ok).toBe(true);
    expect(openWorkbook(damaged)).toEqual({
      ok: false,
      message: expect.stringMatching(/^No pudimos leer el archivo/),
    });
    // Broken XML passes the guard: telling it is the reader's job (lists.sheets.test.ts, sheets.service.test.ts).
  });

  // fflate trusts the end record's entry count and walks that many headers without checking them, so these
  // must be refused before it runs: unchecked, 5,000,000 fake entries block the process for seconds and
  // 2^31 of them run it out of memory. Completing at all, under the default test timeout, is the assertion.
  it("refuses a tiny file whose ZIP64 end record claims 5,000,000 entries", async () => {
    const forged = forgeEndRecords({ entries: 1, zip64Entries: 5_000_000 });
    expect(forged.length).toBe(128);
    expect(forged.subarray(0, 4)).toEqual(Buffer.from("PK\x03\x04", "latin1"));
    expect(inspectZip(forged)).toEqual({ ok: false, problem: "too_large" });
    expect(openWorkbook(forged)).toEqual({
      ok: false,
      message: expect.stringMatching(/^El archivo no se pudo leer de forma segura/),
    });
  });

  it("refuses a ZIP64 end record claiming 2^31 entries", async () => {
    const forged = forgeEndRecords({ entries: 0, zip64Entries: 2 ** 31, zip64Markers: true });
    expect(inspectZip(forged)).toEqual({ ok: false, problem: "too_large" });
    expect(openWorkbook(forged)).toEqual({
      ok: false,
      message: expect.stringMatching(/^El archivo no se pudo leer de forma segura/),
    });
  });

  it("refuses a plain end record counting more than 10,000 entries, or more than its directory holds", async () => {
    const many = forgeEndRecords({ entries: 60_000, directorySize: 60_000 * 46 });
    expect(inspectZip(many)).toEqual({ ok: false, problem: "too_large" });
    expect(openWorkbook(many)).toMatchObject({
      message: expect.stringMatching(/de forma segura/),
    });
    // 9,000 entries cannot fit in a 46-byte directory, nor in a 128-byte file.
    expect(inspectZip(forgeEndRecords({ entries: 9_000, directorySize: 46 }))).toEqual({
      ok: false,
      problem: "corrupt",
    });
    expect(inspectZip(forgeEndRecords({ entries: 9_000, directorySize: 9_000 * 46 }))).toEqual({
      ok: false,
      problem: "corrupt",
    });
    // A directory said to run past the end record.
    expect(inspectZip(forgeEndRecords({ entries: 1, directorySize: 46, directoryOffset: 80 }))).toEqual({
      ok: false,
      problem: "corrupt",
    });
    const damaged = openWorkbook(forgeEndRecords({ entries: 9_000, directorySize: 46 }));
    expect(damaged).toEqual({ ok: false, message: expect.stringMatching(/^No pudimos leer el archivo/) });
    // No end record at all.
    expect(inspectZip(Buffer.from("PK\x03\x04", "latin1"))).toEqual({ ok: false, problem: "corrupt" });
  });

  it("still opens a normal workbook, also with a comment after its end record", async () => {
    const file = await sheetFile([
      ["Nombre completo", "Documento"],
      ["Ana Paz", 52123456],
    ]);
    const comment = Buffer.from("guardado por una herramienta que firma sus archivos");
    const commented = Buffer.concat([file, comment]);
    commented.writeUInt16LE(comment.length, file.length - 2);
    for (const workbook of [file, commented]) {
      expect(inspectZip(workbook)).toMatchObject({ ok: true });
      const opened = openWorkbook(workbook);
      if (!opened.ok) throw new Error("a normal workbook was refused");
      const read = await new ExcelJS.Workbook().xlsx.load(opened.zip as never);
      expect(read.worksheets[0]?.getCell("A2").value).toBe("Ana Paz");
    }
  });
});
