// The zip guard in front of exceljs: bombs and lying entries are refused from the directory or while
// inflating, and a damaged workbook gets a message instead of a crash.
import { once } from "node:events";
import { crc32, createDeflateRaw, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { MAX_LIST_BYTES, readListFile } from "./lists.sheets.ts";
import { readZipDirectory, writeZip, type ZipEntry } from "./lists.zip.ts";

const stored = (name: string, text: string): ZipEntry => {
  const data = Buffer.from(text);
  return { name, method: 0, crc: crc32(data), size: data.length, compressed: data };
};
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
  it("refuses a zip bomb from its directory, without inflating it", async () => {
    const size = 500 * 1024 * 1024;
    const compressed = await deflateZeros(size);
    const bomb = writeZip([
      ...WORKBOOK_PARTS,
      { name: "xl/worksheets/sheet1.xml", method: 8, crc: 0, size, compressed },
    ]);
    expect(bomb.length).toBeLessThan(MAX_LIST_BYTES);
    expect(readZipDirectory(bomb)).toEqual({ ok: false, problem: "too_large" });
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
    expect(readZipDirectory(dense)).toEqual({ ok: false, problem: "too_large" });
    const lying = writeZip([
      ...WORKBOOK_PARTS,
      { name: "xl/worksheets/sheet1.xml", method: 8, crc: 0, size: 1000, compressed: zeros },
    ]);
    expect(await readListFile(lying, "lista.xlsx", "cintas")).toMatchObject({
      message: expect.stringMatching(/de forma segura/),
    });
  });

  it("answers a damaged workbook with a message instead of crashing", async () => {
    const file = await sheetFile([
      ["Nombre completo", "Documento"],
      ["Ana Paz", 52123456],
    ]);
    const damaged = Buffer.from(file);
    const directory = readZipDirectory(damaged);
    const sheet = directory.ok
      ? directory.entries.find((entry) => entry.name === "xl/worksheets/sheet1.xml")
      : undefined;
    sheet?.compressed.fill(0x55, 10, 40);
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
