// The preview's text drawn as the PDF draws it. The laid-out SVG (designs.layout.ts) goes to both
// renderers; for the PNG, each <text> becomes the outlines of the glyphs pdfkit would print, from the
// same font files, at the positions svg-to-pdfkit computes (same shaping and kerning, same anchoring).
// librsvg then only fills paths: the preview never depends on which fonts the server has installed.
import type { Document, Element } from "@xmldom/xmldom";
import { glyphRun } from "./designs.fonts.ts";
import { faceOf, inherited } from "./designs.layout.ts";
import { SVG_NS } from "./designs.rules.ts";

/** Attributes that place text; they mean nothing on the group of outlines that replaces it. */
const PLACEMENT = new Set(["x", "y", "dx", "dy", "text-anchor"]);
/** Text features svg-to-pdfkit and librsvg treat differently or this module does not reproduce. */
const UNSUPPORTED_ATTRIBUTES = ["rotate", "textLength", "lengthAdjust", "xml:space"];
const UNSUPPORTED_INHERITED: [property: string, allowed: RegExp][] = [
  ["letter-spacing", /^(normal|0(px)?)$/],
  ["word-spacing", /^(normal|0(px)?)$/],
  ["dominant-baseline", /^(auto|alphabetic|baseline)$/],
  ["alignment-baseline", /^(auto|alphabetic|baseline)$/],
  ["baseline-shift", /^(baseline|0(px)?)$/],
  ["direction", /^ltr$/],
  ["writing-mode", /^(lr|lr-tb|horizontal-tb)$/],
];

/** Replaces every text element this module can reproduce exactly with its glyph outlines. */
export function outlineText(doc: Document): void {
  for (const text of Array.from(doc.getElementsByTagName("text")))
    if (isReproducible(text)) text.parentNode?.replaceChild(outline(doc, text), text);
}

function isReproducible(text: Element): boolean {
  const elements = [text, ...Array.from(text.getElementsByTagName("*"))];
  return elements.every(
    (element) =>
      (element === text || element.localName === "tspan") &&
      !UNSUPPORTED_ATTRIBUTES.some((name) => element.hasAttribute(name)) &&
      ["x", "y", "dx", "dy"].every((name) => !/\S[\s,]+\S/.test(element.getAttribute(name) ?? "")) &&
      UNSUPPORTED_INHERITED.every(([property, allowed]) => {
        const value = inherited(element, property);
        return value === undefined || allowed.test(value);
      }),
  );
}

interface Placed {
  path?: Element;
  x: number;
  y: number;
  width: number;
  scale: number;
}
interface Pen {
  x: number;
  y: number;
  pending: { x?: number; y?: number; dx?: number; dy?: number };
  /** All raw text seen so far, and what is left, to collapse white space as svg-to-pdfkit does. */
  processed: string;
  remaining: string;
  chunk: Placed[];
  anchor: string;
  placed: Placed[];
}

function outline(doc: Document, text: Element): Element {
  const pen: Pen = {
    x: 0,
    y: 0,
    pending: {},
    processed: "",
    remaining: text.textContent ?? "",
    chunk: [],
    anchor: "start",
    placed: [],
  };
  const group = outlineElement(doc, text, pen);
  endChunk(pen);
  for (const glyph of pen.placed)
    glyph.path?.setAttribute(
      "transform",
      `translate(${round(glyph.x)} ${round(glyph.y)}) scale(${glyph.scale} ${-glyph.scale})`,
    );
  return group;
}

function outlineElement(doc: Document, element: Element, pen: Pen): Element {
  const group = doc.createElementNS(SVG_NS, "g");
  for (const attribute of Array.from(element.attributes))
    if (!PLACEMENT.has(attribute.name)) group.setAttribute(attribute.name, attribute.value);
  // An element's own position wins over what its parent has not used yet.
  for (const name of ["x", "y", "dx", "dy"] as const) {
    const value = element.getAttribute(name);
    if (value !== null && value.trim() !== "") pen.pending[name] = Number.parseFloat(value) || 0;
  }
  const face = faceOf(element);
  const size = Number.parseFloat(inherited(element, "font-size") ?? "16") || 16;
  const anchor = inherited(element, "text-anchor") ?? "start";
  for (const child of Array.from(element.childNodes)) {
    if (child.nodeType === 1) {
      group.appendChild(outlineElement(doc, child as Element, pen));
      continue;
    }
    if (child.nodeType !== 3 && child.nodeType !== 4) continue;
    const raw = child.nodeValue ?? "";
    pen.remaining = pen.remaining.slice(raw.length);
    let rendered = raw.replace(/\s+/g, " ");
    if (/\s$|^$/.test(pen.processed)) rendered = rendered.replace(/^ /, "");
    if (/^\s*$/.test(pen.remaining)) rendered = rendered.replace(/ $/, "");
    pen.processed += raw;
    if (rendered === "") continue;
    const run = glyphRun(face, rendered);
    const scale = size / run.unitsPerEm;
    for (const glyph of run.glyphs) {
      const { x, y, dx, dy } = pen.pending;
      if (x !== undefined || y !== undefined) endChunk(pen);
      if (x !== undefined) pen.x = x;
      if (y !== undefined) pen.y = y;
      pen.x += dx ?? 0;
      pen.y += dy ?? 0;
      pen.pending = {};
      if (pen.chunk.length === 0) pen.anchor = anchor;
      const placed: Placed = {
        x: pen.x + glyph.xOffset * size,
        y: pen.y + glyph.yOffset * size,
        width: glyph.width * size,
        scale: round(scale * 1e4) / 1e4,
      };
      if (glyph.d !== "") {
        placed.path = doc.createElementNS(SVG_NS, "path");
        placed.path.setAttribute("d", glyph.d);
        group.appendChild(placed.path);
      }
      pen.chunk.push(placed);
      pen.placed.push(placed);
      pen.x += glyph.xAdvance * size;
    }
  }
  return group;
}

/** Shifts a finished chunk (text from one absolute position to the next) by its anchor. */
function endChunk(pen: Pen): void {
  const first = pen.chunk[0];
  const last = pen.chunk.at(-1);
  if (first && last) {
    const share = pen.anchor === "middle" ? 0.5 : pen.anchor === "end" ? 1 : 0;
    const shift = share * (last.x + last.width - first.x);
    for (const glyph of pen.chunk) glyph.x -= shift;
  }
  pen.chunk = [];
}

const round = (n: number) => Math.round(n * 100) / 100;
