import { deflateRawSync, deflateSync } from "node:zlib";
import { zipSync } from "fflate";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { forgeZip, stored } from "../../../test/zip-forge.ts";
import { checkEvidenceFile, cleanFileName, pdfProblem } from "./evidence.checks.ts";

const MB = 1024 * 1024;
const text = (s: string) => new TextEncoder().encode(s);

const pdf = (body = "") =>
  Buffer.from(
    `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${body} >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    "latin1",
  );

/** A PDF 1.5 whose dictionaries sit in a compressed object stream, where a scan of the raw file sees nothing. */
function pdfWithObjectStream(inside: string) {
  const data = deflateSync(Buffer.from(`3 0 ${inside}`, "latin1"));
  return Buffer.concat([
    pdf(),
    Buffer.from(
      `4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
    ),
    data,
    Buffer.from("\nendstream\nendobj\n"),
  ]);
}

const CONTENT_TYPES = (main: string, extra = "") =>
  `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>${extra}<Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;

function ooxml(main: string, parts: Record<string, string> = {}, root = "word", extra = "") {
  return Buffer.from(
    zipSync({
      "[Content_Types].xml": text(CONTENT_TYPES(main, extra)),
      "_rels/.rels": text("<Relationships/>"),
      [`${root}/document.xml`]: text("<document/>"),
      ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, text(v)])),
    }),
  );
}
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

function odf(mime: string, parts: Record<string, string> = {}) {
  return Buffer.from(
    zipSync({
      mimetype: [text(mime), { level: 0 }],
      "content.xml": text("<office:document-content/>"),
      "META-INF/manifest.xml": text("<manifest:manifest/>"),
      ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, text(v)])),
    }),
  );
}

const check = (name: string, bytes: Uint8Array, max = 20 * MB) => checkEvidenceFile(name, bytes, max);

describe("evidence accepted by content", () => {
  it("takes PDFs, Office and LibreOffice documents, images and plain text, and names them after what they are", async () => {
    expect(await check("Informe.pdf", pdf())).toMatchObject({
      ok: true,
      kind: "pdf",
      fileName: "Informe.pdf",
    });
    expect(await check("acta.docx", ooxml(DOCX))).toMatchObject({ ok: true, kind: "docx" });
    expect(await check("acta.odt", odf("application/vnd.oasis.opendocument.text"))).toMatchObject({
      ok: true,
      kind: "odt",
    });
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "red" } })
      .jpeg()
      .toBuffer();
    // A photo named .png is kept as what it is: it downloads with the right extension.
    expect(await check("foto.png", jpeg)).toMatchObject({
      ok: true,
      kind: "jpg",
      image: true,
      fileName: "foto.png.jpg",
    });
    expect(await check("asistentes.csv", text("nombre;cargo\nAna;Profesional\n"))).toMatchObject({
      ok: true,
      kind: "csv",
      contentType: "text/csv; charset=utf-8",
    });
    // Excel's «CSV» in Windows-1252 is still text.
    expect(await check("lista.txt", Buffer.from("Año;Niño\n", "latin1"))).toMatchObject({
      ok: true,
      contentType: "text/plain; charset=windows-1252",
    });
  });

  it("cleans names of folders and invisible characters", () => {
    expect(cleanFileName("C:\\Users\\ana\\informe.pdf")).toBe("informe.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("informe\u202Efdp.exe")).toBe("informefdp.exe");
    expect(cleanFileName(" \u0000 ")).toBe("evidencia");
    expect(cleanFileName(`${"a".repeat(300)}.pdf`)).toHaveLength(150);
  });
});

describe("evidence refused", () => {
  it.each([
    ["an empty file", "vacio.pdf", Buffer.alloc(0), "empty"],
    [
      "a program renamed as a PDF",
      "informe.pdf",
      Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)]),
      "executable",
    ],
    ["a script", "notas.txt", text("#!/bin/sh\nrm -rf /\n"), "executable"],
    [
      "a legacy Word document (OLE)",
      "acta.doc",
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
      "legacy_office",
    ],
    ["a plain zip", "fotos.zip", Buffer.from(zipSync({ "a.txt": text("hola") })), "compressed"],
    ["binary data named .csv", "datos.csv", Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff]), "type"],
    ["an SVG (may carry script)", "logo.svg", text('<svg xmlns="http://www.w3.org/2000/svg"/>'), "type"],
  ])("refuses %s", async (_what, name, bytes, reason) => {
    const result = await check(name, bytes);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.message.startsWith(`«${name}»`)).toBe(true);
  });

  it("refuses a file over the limit, saying both sizes", async () => {
    const result = await check("grande.pdf", Buffer.concat([pdf(), Buffer.alloc(MB)]), MB);
    expect(result).toMatchObject({ ok: false, reason: "too_large" });
    if (!result.ok) expect(result.message).toContain("como máximo 1 MB");
  });

  it("refuses Office documents with macros, whatever they are named", async () => {
    const docm = ooxml("application/vnd.ms-word.document.macroEnabled.main+xml", {
      "word/vbaProject.bin": "VBA",
    });
    expect(await check("acta.docm", docm)).toMatchObject({ ok: false, reason: "macros" });
    const xlsm = ooxml(
      "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
      { "xl/vbaProject.bin": "VBA" },
      "xl",
    );
    expect(await check("datos.xlsx", xlsm)).toMatchObject({ ok: false, reason: "macros" });
    // A .docx whose content types look clean but which carries a VBA project, or Excel 4.0 macro sheets.
    expect(await check("acta.docx", ooxml(DOCX, { "word/vbaProject.bin": "VBA" }))).toMatchObject({
      ok: false,
      reason: "macros",
    });
    expect(await check("acta.docx", ooxml(DOCX, { "xl/macrosheets/sheet1.xml": "<x/>" }))).toMatchObject({
      ok: false,
      reason: "macros",
    });
    const odt = odf("application/vnd.oasis.opendocument.text", { "Basic/Standard/Module1.xml": "<x/>" });
    expect(await check("acta.odt", odt)).toMatchObject({ ok: false, reason: "macros" });
  });

  it("refuses archives that would inflate too much, before inflating anything", async () => {
    const bomb = forgeZip([
      stored("[Content_Types].xml", CONTENT_TYPES(DOCX)),
      {
        name: "word/document.xml",
        method: 8,
        crc: 0,
        size: 400 * MB,
        compressed: deflateRawSync(Buffer.alloc(1000)),
      },
    ]);
    expect(await check("bomba.docx", bomb)).toMatchObject({ ok: false, reason: "compressed" });
  });

  it("refuses PDFs with JavaScript or launch actions, also escaped or in object streams, and encrypted ones", async () => {
    expect(pdfProblem(pdf())).toBeUndefined();
    expect(pdfProblem(pdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"))).toBe("active");
    expect(pdfProblem(pdf("/OpenAction << /S /J#61vaScript /JS (x) >>"))).toBe("active");
    expect(pdfProblem(pdf("/OpenAction << /S /Launch /F (cmd.exe) >>"))).toBe("active");
    expect(pdfProblem(pdfWithObjectStream("<< /S /Launch /F (calc.exe) >>"))).toBe("active");
    expect(pdfProblem(pdfWithObjectStream("<< /Type /Font /BaseFont /JSans >>"))).toBeUndefined();
    expect(pdfProblem(Buffer.concat([pdf(), Buffer.from("trailer\n<< /Encrypt 9 0 R >>\n")]))).toBe(
      "encrypted",
    );
    expect(await check("informe.pdf", pdf("/AA << /O << /S /JavaScript >> >>"))).toMatchObject({
      ok: false,
      reason: "pdf_active",
    });
  });
});
