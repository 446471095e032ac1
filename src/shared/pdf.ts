// What SIPAP's tagged (accessible) PDFs share — the published plan and the follow-up report: the site's own
// font (Work Sans, SIL OFL), a document in Spanish (es-CO) whose structure a screen reader follows (headings,
// tables with TH, paragraphs), artifacts for what carries no meaning, and a footer on every page.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { inflateSync } from "node:zlib";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve("@fontsource/work-sans/package.json")), "files");
const WEIGHTS = { Regular: 400, SemiBold: 600, Bold: 700 } as const;
export type Face = keyof typeof WEIGHTS;
export type Pdf = PDFKit.PDFDocument;
export type Struct = PDFKit.PDFStructureElement;

let fontFiles: [Face, Buffer][] | undefined;
/** Read once per process; pdfkit embeds the subset each PDF uses. */
const fonts = () =>
  (fontFiles ??= Object.entries(WEIGHTS).map(([face, weight]) => [
    face as Face,
    sfntOf(readFileSync(path.join(FONT_DIR, `work-sans-latin-${weight}-normal.woff`))),
  ]));

/** The TrueType font a WOFF file wraps, unpacked once: fontkit inflates a WOFF's whole glyph table again for
 *  every glyph it reads (about a third of a second per report). */
export function sfntOf(woff: Buffer): Buffer {
  const count = woff.readUInt16BE(12);
  const power = 2 ** Math.floor(Math.log2(count));
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(woff.readUInt32BE(4), 0); // the wrapped font's own version (flavor)
  for (const [i, v] of [count, power * 16, Math.log2(power), (count - power) * 16].entries())
    header.writeUInt16BE(v, 4 + 2 * i);
  const parts: Buffer[] = [header];
  for (let i = 0, at = 44, offset = header.length; i < count; i++, at += 20) {
    const [tag, start, packed, length, checksum] = [0, 4, 8, 12, 16].map((d) => woff.readUInt32BE(at + d));
    const raw = woff.subarray(start, (start ?? 0) + (packed ?? 0));
    const data = (packed ?? 0) < (length ?? 0) ? inflateSync(raw) : raw;
    for (const [j, v] of [tag, checksum, offset, data.length].entries())
      header.writeUInt32BE(v ?? 0, 12 + 16 * i + 4 * j);
    parts.push(data, Buffer.alloc((4 - (data.length % 4)) % 4)); // tables start on 4-byte boundaries
    offset += data.length + ((4 - (data.length % 4)) % 4);
  }
  return Buffer.concat(parts);
}

/**
 * A tagged A4 landscape document with the fonts registered and its «Document» root, and the bytes once it
 * ends. A fixed date keeps the bytes the same for the same content.
 */
export function taggedPdf(options: {
  margin: number;
  title: string;
  author: string;
  subject: string;
  date: Date;
}) {
  const pdf = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: options.margin,
    bufferPages: true,
    // PDF 1.5 at least for a structure tree; tagged: the structure, read in order by screen readers.
    pdfVersion: "1.7",
    tagged: true,
    lang: "es-CO",
    displayTitle: true,
    info: {
      Title: options.title,
      Author: options.author,
      Subject: options.subject,
      Creator: "SIPAP",
      CreationDate: options.date,
      ModDate: options.date,
    },
  });
  for (const [face, file] of fonts()) pdf.registerFont(face, file);
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  const root = pdf.struct("Document");
  pdf.addStructure(root);
  return { pdf, root, bytes };
}

/**
 * Draws as the content of a new structure element of `type` («H1», «P», «TD»…) under `parent`. A page
 * break inside the drawing (a long text) carries the marking over; explicit page breaks stay outside.
 */
export function tagged(pdf: Pdf, parent: Struct, type: string, draw: () => void): Struct {
  // A header cell heads its column (pdfkit writes the scope; its types do not list the option).
  const options = type === "TH" ? ({ scope: "Column" } as PDFKit.Mixins.StructureElementOptions) : {};
  const element = pdf.struct(type, options);
  parent.add(element);
  const content = pdf.markStructureContent(type);
  draw();
  pdf.endMarkedContent();
  element.add(content);
  element.end();
  return element;
}

/** Drawing that carries no meaning (borders, fills, a repeated header, page numbers): skipped when read aloud. */
export function artifact(pdf: Pdf, type: "Layout" | "Pagination", draw: () => void) {
  pdf.markContent("Artifact", { type });
  draw();
  pdf.endMarkedContent();
}

/** «<text> · Página 3 de 9» at the right of each page's foot, once every page exists. */
export function pageFooters(pdf: Pdf, margin: number, color: string, text: string) {
  const range = pdf.bufferedPageRange();
  const width = pdf.page.width - 2 * margin;
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const line = `${text} · Página ${i + 1} de ${range.count}`;
    const y = pdf.page.height - margin + 8;
    // Writing below the bottom margin would make pdfkit open a new page.
    const { bottom: saved } = pdf.page.margins;
    pdf.page.margins.bottom = 0;
    artifact(pdf, "Pagination", () => {
      // Aligned right by hand when it fits: pdfkit's alignment runs its line wrapper on every page.
      const shift = width - pdf.font("Regular").fontSize(8).fillColor(color).widthOfString(line);
      if (shift >= 0) pdf.text(line, margin + shift, y, { lineBreak: false });
      else pdf.text(line, margin, y, { width, align: "right", lineBreak: false });
    });
    pdf.page.margins.bottom = saved;
  }
}
