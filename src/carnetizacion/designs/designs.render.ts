// Card designs rendered: an entity's SVG design filled with one person's data, as print-batch PDFs for
// the card printer (vector, CR80 pages) and as PNG previews for the admin pages. Both draw one layout of
// the text (designs.layout.ts) in the same fonts (designs.fonts.ts). No database here.
import { readFileSync } from "node:fs";
import { type Document, type Element, XMLSerializer } from "@xmldom/xmldom";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import sharp from "sharp";
import SVGtoPDF from "svg-to-pdfkit";
import { AppError } from "../../shared/errors.ts";
import { registerCardFonts, resolveFace } from "./designs.fonts.ts";
import { type FieldLayout, layOutText } from "./designs.layout.ts";
import { outlineText } from "./designs.preview.ts";
import {
  CR80_PT,
  type DesignFaces,
  designBox,
  parseSvg,
  printInstructions,
  qrPathData,
  SVG_NS,
  type TEXT_FIELDS,
  validateDesign,
  verificationPlace,
} from "./designs.rules.ts";

export interface CardPrintData {
  /** JPEG, 600 × 800, already checked and cropped by the photos module. */
  photo: Buffer;
  firstNames: string;
  lastNames: string;
  /** Already formatted, e.g. "CC 1.085.123.456". */
  document: string;
  dependencia: string;
  position: string;
  bloodType: string;
  /** dd/mm/yyyy */
  validUntil: string;
  code: string;
  /** Upper-case https URL, so the QR uses the denser alphanumeric mode. */
  verifyUrl: string;
  signedPayload?: string;
  entityName: string;
}

const readDesign = (name: string) => readFileSync(new URL(name, import.meta.url), "utf8");
export const DEFAULT_DESIGN: Required<DesignFaces> = {
  front: readDesign("./default-front.svg"),
  back: readDesign("./default-back.svg"),
};

/** The face with the person's data in it. The caller checks the design first (validateDesign). */
export function fillDesign(svg: string, data: CardPrintData): string {
  return serialize(fillDocument(svg, data, photoDataUri(data.photo)).doc);
}

/** How each text field of the face is laid out: the lines both the PDF and the preview draw. */
export function layOutFace(svg: string, data: CardPrintData): Record<string, FieldLayout> {
  return fillDocument(svg, data, photoDataUri(data.photo)).layouts;
}

/** Each card face on its own CR80 page, after a page of printing instructions. */
export async function renderBatchPdf(
  design: DesignFaces,
  cards: CardPrintData[],
  options: { onProgress?: (done: number, total: number) => void | Promise<void> } = {},
): Promise<Buffer> {
  assertValid(design);
  const pdf = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    info: { Title: "Lote de carnets", Creator: "SIPAP" },
  });
  registerCardFonts(pdf);
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  writeInstructions(pdf, printInstructions({ cards: cards.length, hasBack: design.back !== undefined }));
  for (const [index, card] of cards.entries()) {
    drawFace(pdf, design.front, card);
    if (design.back !== undefined) drawFace(pdf, design.back, card);
    const done = index + 1;
    // A batch of 500 cards takes seconds: let the server answer requests in between (~40 ms a stretch).
    if (done % 5 === 0 || done === cards.length) await new Promise(setImmediate);
    if (done % 10 === 0 || done === cards.length) await options.onProgress?.(done, cards.length);
  }
  pdf.end();
  return finished;
}

/** The filled face rasterised by librsvg, 600 px wide, from the same laid-out SVG as the PDF. */
export async function renderPreviewPng(
  design: DesignFaces,
  data: CardPrintData,
  face: "front" | "back",
): Promise<Buffer> {
  return sharp(Buffer.from(previewSvg(design, data, face)))
    .png()
    .toBuffer();
}

/** What librsvg rasterises for the preview: the laid-out face, its text as the PDF's glyph outlines. */
export function previewSvg(design: DesignFaces, data: CardPrintData, face: "front" | "back"): string {
  assertValid(design); // librsvg must never see an unchecked design
  const svg = face === "front" ? design.front : design.back;
  if (svg === undefined) throw new AppError("designs.no_back", 404, "Este diseño no tiene reverso.");
  const { doc } = fillDocument(svg, data, photoDataUri(data.photo));
  outlineText(doc);
  const root = doc.documentElement as Element;
  const box = designBox(root) ?? { x: 0, y: 0, ...CR80_PT };
  root.setAttribute("viewBox", `${box.x} ${box.y} ${box.width} ${box.height}`);
  root.setAttribute("width", "600");
  root.setAttribute("height", String(Math.round((600 * box.height) / box.width)));
  return serialize(doc);
}

/** Fake data for previews: nobody's real photo or document number. */
export async function sampleCardData(entityName: string): Promise<CardPrintData> {
  const silhouette = `<svg xmlns="${SVG_NS}" width="600" height="800"><rect width="600" height="800" fill="#f2f2f2"/>
    <circle cx="300" cy="310" r="150" fill="#a6a6a6"/><ellipse cx="300" cy="800" rx="270" ry="260" fill="#a6a6a6"/></svg>`;
  const code = "7K3M9Q2XW4HT8PJ5";
  return {
    photo: await sharp(Buffer.from(silhouette)).jpeg({ quality: 85 }).toBuffer(),
    firstNames: "María José",
    lastNames: "Pérez Nariño",
    document: "CC 1.085.123.456",
    dependencia: "Secretaría de Gobierno",
    position: "Profesional universitario",
    bloodType: "O+",
    validUntil: "31/12/2027",
    code,
    verifyUrl: `HTTPS://CARNET.EJEMPLO.GOV.CO/VERIFICAR/${code}`,
    signedPayload: `SIPAP1.${code}.20271231.EJEMPLO-DE-FIRMA-NO-VALIDA-0123456789ABCDEF`,
    entityName,
  };
}

function assertValid(design: DesignFaces): void {
  const check = validateDesign(design);
  if (!check.ok) throw new AppError("designs.invalid_design", 422, check.message);
}

function writeInstructions(pdf: PDFKit.PDFDocument, page: { title: string; paragraphs: string[] }) {
  pdf.addPage({ size: "LETTER", margin: 72 });
  pdf.font("Helvetica-Bold").fontSize(20).fillColor("#004884").text(page.title);
  pdf.moveDown(0.8).font("Helvetica").fontSize(12).fillColor("#1f1f1f");
  for (const paragraph of page.paragraphs) pdf.text(paragraph, { lineGap: 3 }).moveDown(0.7);
}

/** Photos go in by reference so the PDF embeds the JPEG bytes as they are (no base64 round trip). */
const PHOTO_REF = "sipap:foto";

function drawFace(pdf: PDFKit.PDFDocument, svg: string, card: CardPrintData): void {
  pdf.addPage({ size: [CR80_PT.width, CR80_PT.height], margin: 0 });
  const qrs: QrModules[] = [];
  const { doc } = fillDocument(svg, card, PHOTO_REF, qrs);
  SVGtoPDF(pdf, serialize(doc), 0, 0, {
    width: CR80_PT.width,
    height: CR80_PT.height,
    assumePt: true,
    // Fill the page edge to edge; a design within 1 % of CR80 loses at most 0.2 mm at the edges.
    preserveAspectRatio: "xMidYMid slice",
    fontCallback: (family, bold, italic) => resolveFace(family, bold, italic).pdfName,
    // Only embedded data URIs or the photo: anything else would make pdfkit read a local file.
    imageCallback: (link) =>
      link === PHOTO_REF ? card.photo : link.startsWith("data:image/") ? link.replace(/\s+/g, "") : undefined,
    warningCallback: () => {}, // validated designs only warn about unsupported cosmetics
  });
  // The same mapping svg-to-pdfkit applied: the viewBox scaled to cover the page (slice), centred.
  const box = designBox(doc.documentElement as Element) ?? { x: 0, y: 0, ...CR80_PT };
  const k = Math.max(CR80_PT.width / box.width, CR80_PT.height / box.height);
  const x = (CR80_PT.width - box.width * k) / 2 - box.x * k;
  const y = (CR80_PT.height - box.height * k) / 2 - box.y * k;
  for (const qr of qrs) {
    pdf.save().transform(k, 0, 0, k, x, y).translate(qr.left, qr.top).scale(qr.moduleSize);
    pdf.path(qr.d).fill("#000000").restore();
  }
}

type TextField = (typeof TEXT_FIELDS)[number];

/** With `qrs`, QR modules whose box has no transform are left for the caller to draw. */
function fillDocument(svg: string, data: CardPrintData, photoHref: string, qrs?: QrModules[]) {
  const doc = parseSvg(svg);
  const values: Record<TextField, string> = {
    nombres: data.firstNames,
    apellidos: data.lastNames,
    documento: data.document,
    dependencia: data.dependencia,
    cargo: data.position,
    "grupo-sanguineo": data.bloodType,
    vigencia: data.validUntil,
    codigo: data.code,
    entidad: data.entityName,
    "url-verificacion": verificationPlace(data.verifyUrl),
  };
  const layouts = layOutText(doc, values);
  const photo = doc.getElementById("foto");
  if (photo) placePhoto(doc, photo, photoHref);
  const qr = doc.getElementById("qr");
  if (qr) placeQr(doc, qr, data.verifyUrl, qrs);
  const signed = doc.getElementById("qr-firmado");
  if (signed && data.signedPayload) placeQr(doc, signed, data.signedPayload, qrs);
  else {
    const all = Array.from(doc.getElementsByTagName("*"));
    const labels = all.filter((element) => element.getAttribute("data-requires") === "qr-firmado");
    for (const element of signed ? [signed, ...labels] : labels) element.parentNode?.removeChild(element);
  }
  return { doc, layouts };
}

function boxOf(element: Element) {
  const n = (name: string) => Number.parseFloat(element.getAttribute(name) ?? "0") || 0;
  return { x: n("x"), y: n("y"), width: n("width"), height: n("height") };
}

type Attributes = Record<string, unknown>;
function svgElement(doc: Document, name: string, attributes: Attributes, children: Element[] = []) {
  const element = doc.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  for (const child of children) element.appendChild(child);
  return element;
}

/** Cover-fits the 3:4 photo in the placeholder's box and clips it to the box (and its rounded corners). */
function placePhoto(doc: Document, placeholder: Element, href: string): void {
  const { x, y, width, height } = boxOf(placeholder);
  // A missing rx or ry takes the other's value, as in SVG.
  const rx = placeholder.getAttribute("rx") ?? placeholder.getAttribute("ry") ?? 0;
  const ry = placeholder.getAttribute("ry") ?? rx;
  const shape = svgElement(doc, "rect", { x, y, width, height, rx, ry });
  const clipPath = svgElement(doc, "clipPath", { id: "foto-recorte" }, [shape]);
  const image = svgElement(doc, "image", { x, y, width, height, href });
  image.setAttribute("preserveAspectRatio", "xMidYMid slice");
  image.setAttribute("clip-path", "url(#foto-recorte)");
  replaceWithGroup(doc, placeholder, [svgElement(doc, "defs", {}, [clipPath]), image]);
}

/** A QR's modules as path data (module units) and where they go, in the design's user units. */
interface QrModules {
  d: string;
  left: number;
  top: number;
  moduleSize: number;
}

/** The QR as one vector path, black on white, with the standard 4-module quiet zone inside the box. */
function placeQr(doc: Document, placeholder: Element, text: string, direct?: QrModules[]): void {
  const { x, y, width, height } = boxOf(placeholder);
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const side = Math.min(width, height);
  const moduleSize = side / (modules.size + 8);
  const left = x + (width - side) / 2 + 4 * moduleSize;
  const top = y + (height - side) / 2 + 4 * moduleSize;
  const d = qrPathData(modules.size, (row, col) => modules.get(row, col) === 1);
  const white = svgElement(doc, "rect", { x, y, width, height, fill: "#ffffff" });
  // svg-to-pdfkit spends ~4 ms on a QR's hundreds of subpaths; pdfkit draws them for a fraction of that.
  const deferred = direct !== undefined && drawnAsIs(placeholder);
  if (deferred) direct.push({ d, left, top, moduleSize });
  const transform = `translate(${left} ${top}) scale(${moduleSize})`;
  const path = svgElement(doc, "path", { d, fill: "#000000", transform });
  replaceWithGroup(doc, placeholder, deferred ? [white] : [white, path]);
}

const MOVES_OR_HIDES = [
  "transform",
  "clip-path",
  "mask",
  "opacity",
  "display",
  "visibility",
  "filter",
  "style",
  "class",
];
/** Whether the box can be drawn straight onto the page: only plain groups above it, nothing that moves,
 * clips or hides it. (It is then drawn last, on top; a design has no reason to cover its QR.) */
function drawnAsIs(placeholder: Element): boolean {
  for (let n: Element | null = placeholder; n?.nodeType === 1; n = n.parentNode as Element | null) {
    const isRoot = n.parentNode?.nodeType !== 1;
    if (n !== placeholder && !isRoot && n.localName !== "g" && n.localName !== "a") return false;
    if (MOVES_OR_HIDES.some((attribute) => n?.hasAttribute(attribute))) return false;
  }
  return true;
}

/** Keeps the placeholder's id and transform on the group that takes its place. */
function replaceWithGroup(doc: Document, placeholder: Element, children: Element[]): void {
  const group = svgElement(doc, "g", { id: placeholder.getAttribute("id") ?? "" }, children);
  const transform = placeholder.getAttribute("transform");
  if (transform) group.setAttribute("transform", transform);
  placeholder.parentNode?.replaceChild(group, placeholder);
}

const photoDataUri = (photo: Buffer) => `data:image/jpeg;base64,${photo.toString("base64")}`;
const serialize = (doc: Document) => new XMLSerializer().serializeToString(doc);
