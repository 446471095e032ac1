// Card text laid out once, for both renderers: every text field is fitted to its box (wrapped, then
// shrunk, then cut) and written back into the SVG as explicit <tspan> lines with an explicit size and
// an explicit card font. The PDF (svg-to-pdfkit) and the PNG preview (librsvg) then draw the same
// lines in the same font files (designs.fonts.ts): neither of them breaks or measures text itself.
import type { Document, Element } from "@xmldom/xmldom";
import { type CardFace, hasGlyph, measureText, resolveFace } from "./designs.fonts.ts";
import { CR80_PT, designBox, ELLIPSIS, isBoldWeight, SVG_NS } from "./designs.rules.ts";

/**
 * Smallest type on a printed card: 5.5 pt (1.94 mm). In Work Sans its x-height is about 1 mm, some
 * 12 dots of a 300 dpi card printer: accents, «rn» against «m» and «1» against «l» still print apart.
 * Below that, dye-sublimation blur closes the counters. Static labels on the default design are 20
 * units (5.7 pt); the fitted fields never go smaller than this.
 */
export const MIN_PRINTED_FONT_PT = 5.5;
/** A field's type never shrinks below this share of its declared size either (nor below 5.5 pt). */
export const MIN_FONT_SCALE = 0.5;
/** Baseline-to-baseline distance of wrapped lines, as a share of the font size. */
export const LINE_SPACING = 1.15;
/** Share of the font size between a line's top and its baseline: keeps a wrapped block's top in place. */
const TOP_TO_BASELINE = 0.75;
/** Each step of shrinking takes this share off the declared size. */
const SHRINK_STEP = 0.01;

export type MeasureText = (text: string, fontSize: number) => number;
export interface FitOptions {
  fontSize: number;
  maxWidth: number;
  minFontSize: number;
  /** Lines allowed; 1 unless the design says data-max-lines. */
  maxLines?: number;
  /** Room for the block, top of the first line to below the last; default: maxLines at fontSize. */
  maxHeight?: number;
  measure: MeasureText;
}
export interface FittedText {
  lines: string[];
  fontSize: number;
}

/** Height a block of `lines` lines takes at `size`. */
export const blockHeight = (lines: number, size: number) => size * (1 + LINE_SPACING * (lines - 1));

/**
 * The largest size, from the declared one down to the minimum in small steps, at which the value fits
 * the width in as few lines as the height allows: at the declared size it wraps before it shrinks (when
 * the box has room for the lines); past the minimum the last line is cut and ends with "…".
 */
export function fitLines(value: string, options: FitOptions): FittedText {
  const { fontSize, maxWidth, measure } = options;
  const text = value.replace(/\s+/g, " ").trim();
  const maxLines = Math.max(1, Math.floor(options.maxLines ?? 1));
  const maxHeight = options.maxHeight ?? blockHeight(maxLines, fontSize);
  const minSize = Math.min(fontSize, options.minFontSize);
  const fitsHeight = (lines: number, size: number) => blockHeight(lines, size) <= maxHeight + 1e-6;
  for (let step = 0; ; step++) {
    const size = Math.max(minSize, round(fontSize * (1 - SHRINK_STEP * step)));
    for (let lines = 1; lines <= maxLines && fitsHeight(lines, size); lines++) {
      const wrapped = wrap(text, lines, (line) => measure(line, size) <= maxWidth);
      if (wrapped) return { lines: wrapped, fontSize: size };
    }
    if (size === minSize) break;
  }
  let lines = maxLines;
  while (lines > 1 && !fitsHeight(lines, minSize)) lines--;
  return { lines: cutToLines(text, lines, (line) => measure(line, minSize) <= maxWidth), fontSize: minSize };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Greedy word wrap into at most `count` lines, or undefined when a line would not fit. */
function wrap(text: string, count: number, fits: (line: string) => boolean): string[] | undefined {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(" ")) {
    const candidate = current === "" ? word : `${current} ${word}`;
    if (fits(candidate)) current = candidate;
    else {
      if (current === "" || lines.length + 1 >= count) return undefined;
      lines.push(current);
      current = word;
      if (!fits(current)) return undefined;
    }
  }
  return [...lines, current];
}

/** Fills `count` lines word by word; the rest goes on the last line, cut by code point with "…". */
function cutToLines(text: string, count: number, fits: (line: string) => boolean): string[] {
  const words = text.split(" ");
  const lines: string[] = [];
  while (lines.length < count - 1 && words.length > 0 && fits(words[0] as string)) {
    let line = words.shift() as string;
    while (words.length > 0 && fits(`${line} ${words[0]}`)) line = `${line} ${words.shift()}`;
    lines.push(line);
  }
  const chars = Array.from(words.join(" "));
  const cut = (n: number) => `${chars.slice(0, n).join("").trimEnd()}${ELLIPSIS}`;
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(cut(mid))) lo = mid;
    else hi = mid - 1;
  }
  return [...lines, cut(lo)];
}

/** Keeps what the face can print; folds the rest to a printable form ("Nguyễn" → "Nguyen") or "?". */
export function printableText(text: string, face: CardFace): string {
  let out = "";
  for (const char of text.replace(/\s/g, " ")) {
    if (hasGlyph(face, char)) out += char;
    else {
      const bare = Array.from(char.normalize("NFD").replace(/\p{M}/gu, ""));
      out += bare.length > 0 && bare.every((c) => hasGlyph(face, c)) ? bare.join("") : "?";
    }
  }
  return out;
}

const FONT_PROPERTIES = ["font-family", "font-weight", "font-style"];
const TEXT_ELEMENTS = new Set(["text", "tspan", "textPath"]);

/** A presentation property from the element or its ancestors; a style declaration beats an attribute. */
export function inherited(element: Element, property: string): string | undefined {
  for (let node: Element | null = element; node && node.nodeType === 1; node = node.parentNode as Element) {
    const style = node.getAttribute("style") ?? "";
    const declared = new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([^;]+)`, "i").exec(style)?.[1];
    const value = declared ?? node.getAttribute(property);
    if (value) return value.trim();
  }
  return undefined;
}

export function faceOf(element: Element): CardFace {
  return resolveFace(
    inherited(element, "font-family") ?? "",
    isBoldWeight(inherited(element, "font-weight")),
    /italic|oblique/.test(inherited(element, "font-style") ?? ""),
  );
}

/** Font declarations go inline: a style attribute beats both presentation attributes and <style> rules. */
function setFont(element: Element, face: CardFace, fontSize?: number): void {
  const replaced = fontSize === undefined ? FONT_PROPERTIES : [...FONT_PROPERTIES, "font-size"];
  const kept = (element.getAttribute("style") ?? "")
    .split(";")
    .filter((d) => d.trim() !== "" && !replaced.includes(d.split(":")[0]?.trim().toLowerCase() ?? ""));
  const font = [
    `font-family:${face.family}`,
    `font-weight:${face.bold ? "bold" : "normal"}`,
    `font-style:${face.italic ? "italic" : "normal"}`,
  ];
  if (fontSize !== undefined) font.push(`font-size:${fontSize}px`);
  element.setAttribute("style", [...kept.map((d) => d.trim()), ...font].join(";"));
}

/** One laid-out field, as written into the SVG. */
export interface FieldLayout extends FittedText {
  face: CardFace;
}

/**
 * Writes the values into their text fields, fitted, and pins every text element of the face to a card
 * font. `values` maps field ids to text; returns each field's layout for whoever wants to check it.
 */
export function layOutText(doc: Document, values: Record<string, string>): Record<string, FieldLayout> {
  const root = doc.documentElement as Element;
  const texts = Array.from(doc.getElementsByTagName("*")).filter((e) => TEXT_ELEMENTS.has(e.localName ?? ""));
  const faces = new Map(texts.map((element) => [element, faceOf(element)] as const));
  const layouts: Record<string, FieldLayout> = {};
  for (const [id, value] of Object.entries(values)) {
    const element = doc.getElementById(id);
    const face = element && faces.get(element);
    if (element && face) layouts[id] = fillField(element, face, value, unitsPerPoint(root));
  }
  // Static text too: what the card fonts cannot print is folded the same way for both renderers.
  for (const element of texts) {
    const face = faces.get(element) as CardFace;
    const id = element.getAttribute("id");
    if (id === null || !(id in layouts)) setFont(element, face);
    for (const node of Array.from(element.childNodes))
      if (node.nodeType === 3) node.nodeValue = printableText(node.nodeValue ?? "", face);
  }
  return layouts;
}

/** User units per printed point: the design is stretched to cover a CR80 card. */
function unitsPerPoint(root: Element): number {
  return (designBox(root)?.width ?? CR80_PT.width) / CR80_PT.width;
}

function fillField(element: Element, face: CardFace, value: string, perPoint: number): FieldLayout {
  const fontSize = Number.parseFloat(inherited(element, "font-size") ?? "16") || 16;
  const maxWidth = Number(element.getAttribute("data-max-width"));
  const text = printableText(value, face);
  const fitted =
    maxWidth > 0
      ? fitLines(text, {
          fontSize,
          maxWidth,
          maxLines: Number(element.getAttribute("data-max-lines")) || 1,
          maxHeight: Number(element.getAttribute("data-max-height")) || undefined,
          minFontSize: Math.max(fontSize * MIN_FONT_SCALE, MIN_PRINTED_FONT_PT * perPoint),
          measure: (line, size) => measureText(face, line, size),
        })
      : { lines: [text.replace(/\s+/g, " ").trim()], fontSize };
  const x = Number.parseFloat(element.getAttribute("x") ?? "0") || 0;
  const y = Number.parseFloat(element.getAttribute("y") ?? "0") || 0;
  // Smaller type keeps the block's top where the declared size put it, so it never climbs into what
  // is above; wrapped lines go down from there.
  const first = y - TOP_TO_BASELINE * (fontSize - fitted.fontSize);
  while (element.firstChild) element.removeChild(element.firstChild);
  for (const [i, line] of fitted.lines.entries()) {
    const tspan = (element.ownerDocument as Document).createElementNS(SVG_NS, "tspan");
    tspan.setAttribute("x", String(x));
    tspan.setAttribute("y", String(round(first + i * LINE_SPACING * fitted.fontSize)));
    tspan.textContent = line; // a text node: the value can never become markup
    element.appendChild(tspan);
  }
  element.removeAttribute("font-size");
  setFont(element, face, fitted.fontSize);
  return { ...fitted, face };
}
