// The fonts a card is printed in. The PDF embeds them and the PNG preview draws the outlines of the
// very same glyphs (designs.preview.ts), so text measured here looks the same in both.
// They are the site's own self-hosted fonts (@fontsource, SIL Open Font License): Work Sans for text,
// Montserrat when a design asks for it. Any other family a design names prints in Work Sans.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import PDFDocument from "pdfkit";

export interface CardFace {
  /** The family name inside the font file: what the laid-out SVG names in font-family. */
  family: "Work Sans" | "Montserrat";
  bold: boolean;
  italic: boolean;
  /** The name the font is registered under in a PDF document. */
  pdfName: string;
  file: string;
}

const require = createRequire(import.meta.url);
const filesOf = (pkg: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), "files");

function face(family: CardFace["family"], bold: boolean, italic: boolean): CardFace {
  const slug = family === "Work Sans" ? "work-sans" : "montserrat";
  const file = `${slug}-latin-${bold ? 700 : 400}-${italic ? "italic" : "normal"}.woff`;
  const pdfName = `${family.replace(" ", "")}-${bold ? "Bold" : "Regular"}${italic ? "Italic" : ""}`;
  return { family, bold, italic, pdfName, file: path.join(filesOf(`@fontsource/${slug}`), file) };
}

export const CARD_FACES: readonly CardFace[] = (["Work Sans", "Montserrat"] as const).flatMap((family) =>
  [false, true].flatMap((bold) => [false, true].map((italic) => face(family, bold, italic))),
);

/** The face a design's font-family, weight and style print in. */
export function resolveFace(family: string, bold: boolean, italic: boolean): CardFace {
  const wanted = /montserrat/i.test(family) ? "Montserrat" : "Work Sans";
  const found = CARD_FACES.find((f) => f.family === wanted && f.bold === bold && f.italic === italic);
  return found ?? (CARD_FACES[0] as CardFace);
}

const fontCache = new Map<string, Buffer>();
/** The face's font file (WOFF, which pdfkit reads and embeds as a TrueType subset). */
export function faceFont(card: CardFace): Buffer {
  let font = fontCache.get(card.file);
  if (!font) {
    font = readFileSync(card.file);
    fontCache.set(card.file, font);
  }
  return font;
}

/** Registers every card face in a PDF document under its pdfName. */
export function registerCardFonts(pdf: PDFKit.PDFDocument): void {
  for (const card of CARD_FACES) pdf.registerFont(card.pdfName, faceFont(card));
}

interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}
let metrics: PDFKit.PDFDocument | undefined;
function metricsDocument(): PDFKit.PDFDocument {
  if (!metrics) {
    metrics = new PDFDocument({ autoFirstPage: false });
    registerCardFonts(metrics);
  }
  return metrics;
}

/** Text width in user units, by pdfkit on the same embedded font the PDF is drawn with. */
export function measureText(card: CardFace, text: string, size: number): number {
  return metricsDocument().font(card.pdfName).fontSize(size).widthOfString(text);
}

const glyphs = new Map<string, Map<number, boolean>>();
/** Whether the face can print the character (the fonts carry the Latin subset only). */
export function hasGlyph(card: CardFace, char: string): boolean {
  const codePoint = char.codePointAt(0) ?? 0;
  let known = glyphs.get(card.pdfName);
  if (!known) {
    known = new Map();
    glyphs.set(card.pdfName, known);
  }
  let has = known.get(codePoint);
  if (has === undefined) {
    const doc = metricsDocument().font(card.pdfName) as unknown as { _font: { font: FontkitFont } };
    has = doc._font.font.hasGlyphForCodePoint(codePoint);
    known.set(codePoint, has);
  }
  return has;
}

interface EmbeddedRun {
  glyphs: { path: { toSVG(): string } }[];
  positions: { xAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
}
interface EmbeddedFont {
  layout(text: string): EmbeddedRun;
  font: { unitsPerEm: number };
}
/** One glyph of a run: its outline in font units, and where it goes, in ems of the font size. */
export interface RunGlyph {
  d: string;
  xOffset: number;
  yOffset: number;
  xAdvance: number;
  width: number;
}

/** The glyphs pdfkit draws for the text (the same shaping, kerning and word splitting), with outlines. */
export function glyphRun(card: CardFace, text: string): { unitsPerEm: number; glyphs: RunGlyph[] } {
  const font = (metricsDocument().font(card.pdfName) as unknown as { _font: EmbeddedFont })._font;
  const run = font.layout(text); // positions come in thousandths of an em
  const glyphs = run.glyphs.map((glyph, i) => {
    const at = run.positions[i] ?? { xAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: 0 };
    return {
      d: glyph.path.toSVG(),
      xOffset: at.xOffset / 1000,
      yOffset: at.yOffset / 1000,
      xAdvance: at.xAdvance / 1000,
      width: at.advanceWidth / 1000,
    };
  });
  return { unitsPerEm: font.font.unitsPerEm, glyphs };
}
