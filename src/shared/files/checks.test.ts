import { randomBytes } from "node:crypto";
import { deflateRawSync, deflateSync } from "node:zlib";
import { zipSync } from "fflate";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { forgeZip, stored } from "../../../test/zip-forge.ts";
import { inspectZip } from "../zip-guard.ts";
import { checkUploadedFile, cleanFileName } from "./checks.ts";
import { officeProblem } from "./office.ts";
import { pdfProblem } from "./pdf-scan.ts";

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

const check = (name: string, bytes: Uint8Array, max = 20 * MB) => checkUploadedFile(name, bytes, max);

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
    expect(cleanFileName(" \u0000 ")).toBe("archivo");
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

  it("refuses a sound file of a kind the caller does not take, naming what it takes", async () => {
    const result = await checkUploadedFile("foto.pdf", pdf(), MB, { allowed: ["jpg", "png"] });
    expect(result).toMatchObject({ ok: false, reason: "type", detected: "pdf" });
    if (!result.ok) expect(result.message).toContain("Imagen JPEG, Imagen PNG");
    expect(await checkUploadedFile("acta.pdf", pdf(), MB, { allowed: ["pdf"] })).toMatchObject({ ok: true });
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

/** A PDF with one more object: `4 0 obj <dictionary> stream <data> endstream`. */
function pdfWithStream(dictionary: string, data: Buffer, catalog = "/OpenAction 3 0 R") {
  return Buffer.concat([
    pdf(catalog),
    Buffer.from(`4 0 obj\n<< ${dictionary} /Length ${data.length} >>\nstream\n`, "latin1"),
    data,
    Buffer.from("\nendstream\nendobj\n"),
  ]);
}
const JS = Buffer.from("3 0 << /S /JavaScript /JS (app.alert(1)) >>", "latin1");
const OBJSTM = "/Type /ObjStm /N 1 /First 4";
const ascii85 = (bytes: Buffer) => {
  let out = "";
  for (let i = 0; i < bytes.length; i += 4) {
    const chunk = Buffer.concat([bytes.subarray(i, i + 4), Buffer.alloc(4)]).subarray(0, 4);
    let value = chunk.readUInt32BE(0);
    const group: string[] = [];
    for (let j = 0; j < 5; j++) {
      group.unshift(String.fromCharCode(33 + (value % 85)));
      value = Math.floor(value / 85);
    }
    out += group.join("").slice(0, Math.min(4, bytes.length - i) + 1);
  }
  return Buffer.from(`${out}~>`);
};
/** PNG «Sub» rows: each byte stored as its difference from the one before, so no name is readable. */
const pngSub = (bytes: Buffer) =>
  Buffer.from([1, ...bytes.map((b, i) => (b - (i > 0 ? (bytes[i - 1] ?? 0) : 0)) & 255)]);

describe("PDF streams, read the way a viewer reads them", () => {
  it.each([
    ["hex-encoded", `${OBJSTM} /Filter /ASCIIHexDecode`, Buffer.from(`${JS.toString("hex")}>`)],
    [
      "with its dictionary padded past 2 KB",
      `${OBJSTM} /Pad (${"A".repeat(3000)}) /Filter /FlateDecode`,
      deflateSync(JS),
    ],
    ["with the abbreviated filter name", `${OBJSTM} /Filter /Fl`, deflateSync(JS)],
    ["in ASCII85 over Flate", `${OBJSTM} /Filter [/ASCII85Decode /FlateDecode]`, ascii85(deflateSync(JS))],
    [
      "behind a PNG predictor",
      `${OBJSTM} /Filter /FlateDecode /DecodeParms << /Predictor 11 /Columns ${JS.length} >>`,
      deflateSync(pngSub(JS)),
    ],
    [
      "behind a fake header in a string that hides its type",
      `/Type /ObjStm /Filter /ASCIIHexDecode /X (9 0 obj << /Y \\( ) >>`,
      Buffer.from(`${JS.toString("hex")}>`),
    ],
    ["in a content stream, not an object stream", "/Filter /FlateDecode", deflateSync(JS)],
  ])("finds JavaScript in an object stream %s", (_how, dictionary, data) => {
    expect(pdfProblem(pdfWithStream(dictionary, data))).toBe("active");
  });

  it("refuses XFA forms, embedded or remote go-to actions, form submission and attachments", () => {
    const xfa = deflateSync(Buffer.from("<xdp:xdp><script>app.alert(1)</script></xdp:xdp>"));
    expect(pdfProblem(pdfWithStream("/Filter /FlateDecode", xfa, "/AcroForm << /XFA 4 0 R >>"))).toBe(
      "active",
    );
    expect(pdfProblem(pdf("/OpenAction << /S /GoToE /NewWindow true >>"))).toBe("active");
    expect(pdfProblem(pdf("/OpenAction << /S /GoToR /F (\\\\\\\\srv\\\\x.pdf) >>"))).toBe("active");
    expect(pdfProblem(pdf("/AcroForm << /Fields [<< /A << /S /SubmitForm >> >>] >>"))).toBe("active");
    const attached = pdf(
      "/Names << /EmbeddedFiles << /Names [(x.exe) << /Type /Filespec /F (x.exe) >>] >> >>",
    );
    expect(pdfProblem(attached)).toBe("attachment");
  });

  it("refuses what it cannot decode and what decodes to too much, and reads images and fonts as images", async () => {
    expect(pdfProblem(pdfWithStream(`${OBJSTM} /Filter /LZWDecode`, Buffer.from("\x80\x0b\x60")))).toBe(
      "encoding",
    );
    expect(pdfProblem(pdfWithStream(`${OBJSTM} /Filter 7 0 R`, deflateSync(JS)))).toBe("encoding");
    expect(pdfProblem(pdfWithStream("/Filter /RunLengthDecode", Buffer.from("\x00A\x80")))).toBe("encoding");
    expect(pdfProblem(pdfWithStream("/Filter /FlateDecode", Buffer.from("no es deflate")))).toBe("encoding");
    expect(pdfProblem(pdfWithStream("/Filter /FlateDecode", deflateSync(Buffer.alloc(2 * MB))), MB)).toBe(
      "unreadable",
    );
    // A photo's bytes may spell «/JS »: an image stream is not read as text, nor decoded.
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.from(" /JS /Launch "), Buffer.alloc(64)]);
    const image = pdfWithStream("/Type /XObject /Subtype /Image /Filter /DCTDecode", photo, "");
    expect(pdfProblem(image)).toBeUndefined();
    const font = pdfWithStream("/Length1 9 /Filter /FlateDecode", deflateSync(Buffer.from("/JS font")), "");
    expect(pdfProblem(font)).toBeUndefined();
    // An ordinary page: compressed content, and a cross-reference stream with a PNG predictor.
    const content = deflateSync(Buffer.from("BT /F1 12 Tf 72 712 Td (Acta de la reunion) Tj ET"));
    const page = pdfWithStream("/Filter /FlateDecode", content, "");
    const xref = Buffer.concat([
      page,
      Buffer.from(
        "5 0 obj\n<< /Type /XRef /W [1 2 1] /Size 2 /Filter /FlateDecode /DecodeParms << /Columns 4 /Predictor 12 >> >>\nstream\n",
      ),
      deflateSync(Buffer.from([2, 1, 0, 16, 0, 2, 0, 0, 1, 0])),
      Buffer.from("\nendstream\nendobj\n"),
    ]);
    expect(pdfProblem(xref)).toBeUndefined();
    expect(await check("acta.pdf", xref)).toMatchObject({ ok: true, kind: "pdf" });
    const refused = await check("raro.pdf", pdfWithStream(`${OBJSTM} /Filter /LZWDecode`, Buffer.from("x")));
    expect(refused).toMatchObject({ ok: false, reason: "pdf_unreadable" });
    if (!refused.ok) expect(refused.message).toContain("usa una codificación que SIPAP no puede revisar");
  });
});

const RELS = (relationships: string) =>
  `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships}</Relationships>`;
const rel = (type: string, target: string, external = true) =>
  `<Relationship Id="r${type}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"${external ? ' TargetMode="External"' : ""}/>`;
const settingsRels = (relationships: string) => ({ "word/_rels/settings.xml.rels": RELS(relationships) });
const ODT = "application/vnd.oasis.opendocument.text";

describe("what Office and LibreOffice documents carry", () => {
  it.each([
    ["a remote template", settingsRels(rel("attachedTemplate", "http://evil.example/t.dotm")), "plantilla"],
    [
      "a template on a network share",
      settingsRels(rel("attachedTemplate", "\\\\srv\\t\\x.dotm")),
      "plantilla",
    ],
    ["an external frame", settingsRels(rel("frame", "https://evil.example/f.docx")), "plantilla"],
    ["an OLE object", { "word/embeddings/oleObject1.bin": "\xd0\xcf\x11\xe0 packager" }, "OLE"],
    ["an ActiveX control", { "word/activeX/activeX1.bin": "x" }, "ActiveX"],
    ["a linked OLE object", settingsRels(rel("oleObject", "file:///C:/x.xlsx")), "OLE"],
    ["a link to another workbook", { "xl/externalLinks/externalLink1.xml": "<externalLink/>" }, "vínculos"],
    [
      "a DDE field split over runs",
      {
        "word/footer1.xml":
          "<w:r><w:instrText>DD</w:instrText></w:r><w:r><w:instrText>EAUTO c:\\\\cmd.exe</w:instrText></w:r>",
      },
      "DDE",
    ],
  ])("refuses a .docx with %s, saying what to do", async (_what, parts, words) => {
    const result = await check("acta.docx", ooxml(DOCX, parts));
    expect(result).toMatchObject({ ok: false, reason: "macros" });
    if (!result.ok) expect(result.message).toContain(words);
  });

  it("accepts hyperlinks, a template on the author's own disk and a chart's embedded workbook", async () => {
    const parts = {
      "word/_rels/document.xml.rels": RELS(
        `${rel("hyperlink", "https://www.pasto.gov.co/")}${rel("package", "embeddings/Microsoft_Excel_Worksheet.xlsx", false)}`,
      ),
      "word/embeddings/Microsoft_Excel_Worksheet.xlsx": "PK",
      ...settingsRels(rel("attachedTemplate", "file:///C:\\Users\\ana\\Plantillas\\Informe.dotx")),
    };
    expect(await check("acta.docx", ooxml(DOCX, parts))).toMatchObject({ ok: true, kind: "docx" });
  });

  it("reads a manifest whatever its size, and finds macros it declares under another name", async () => {
    const vba = '<Override PartName="/word/x.bin" ContentType="application/vnd.ms-office.vbaProject"/>';
    // Past 2 MB even compressed (random text does not compress 200 to 1, which the zip guard refuses).
    const padding = `<!-- ${randomBytes(1_700_000).toString("base64")} -->`;
    const docx = ooxml(DOCX, { "word/x.bin": "vba" }, "word", padding + vba);
    // (file-type already takes such a file for a plain zip; the check does not rely on that.)
    const inspected = inspectZip(docx);
    expect(inspected.ok && officeProblem(docx, inspected.entries)).toBe("macros");
  });

  it.each([
    [
      "a script bound to an event",
      '<office:event-listeners><s:event-listener s:language="ooo:script" s:event-name="dom:mouseover" xlink:href="vnd.sun.star.script:pydoc.py$x?language=Python"/></office:event-listeners>',
    ],
    ["a macro link, escaped", '<text:a xlink:href="&#x6D;acro:///Standard.Module1.Main">clic</text:a>'],
    [
      "a slide action that runs a program",
      '<presentation:event-listener presentation:action="execute" xlink:href="calc.exe"/>',
    ],
  ])("refuses a LibreOffice document with %s", async (_what, xml) => {
    const odt = odf(ODT, { "content.xml": `<office:document-content>${xml}</office:document-content>` });
    expect(await check("acta.odt", odt)).toMatchObject({ ok: false, reason: "macros" });
  });
});
