// The zip guard in front of exceljs: bombs and lying entries are refused from the directory or while
// inflating, and a damaged workbook gets a message instead of a crash. The archives are forged byte by byte
// (test/zip-forge.ts), since a real zip library would not write a lying header.
import { once } from "node:events";
import { createDeflateRaw, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { stored, forgeZip as writeZip } from "../../../test/zip-forge.ts";
import { MAX_LIST_BYTES, readListFile } from "./lists.sheets.ts";
import { extractEntries, inspectZip } from "./lists.zip.ts";

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
    expect(bomb.length).toBeLessThan(MAX_LIST_BYTES);
    expect(inspectZip(bomb)).toEqual({ ok: false, problem: "too_large" });
    const started = performance.now();
    const result = await readListFile(bomb, "lista.xlsx", "cintas");
    expect(performance.now() - started).toBeLessThan(200);
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
    expect(await readListFile(lying, "lista.xlsx", "cintas")).toMatchObject({
      message: expect.stringMatching(/de forma segura/),
    });
  });

  it("answers a damaged workbook with a message instead of crashing", async () => {
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
    expect(await readListFile(damaged, "lista.xlsx", "cintas")).toEqual({
      ok: false,
      message: expect.stringMatching(/^No pudimos leer el archivo/),
    });
    const xml = stored(
      "xl/worksheets/sheet1.xml",
      "<worksheet><sheetData><row r='1'><c r='A1' t='s'><v>0</v></c></row></ohno>",
    );
    const broken = writeZip([...WORKBOOK_PARTS, xml]);
    expect(await readListFile(broken, "lista.xlsx", "cintas")).toEqual({
      ok: false,
      message: expect.stringMatching(/^No pudimos leer el archivo/),
    });
  });
});
