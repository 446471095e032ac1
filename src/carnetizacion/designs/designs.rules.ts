// Card designs (docs/DOMAIN.md, "Production"): which SVG elements are fields, which designs are safe to
// render. Pure rules, no I/O. How a long value fits its box: designs.layout.ts.
import { DOMParser, type Document, type Element, type Node, onErrorStopParsing } from "@xmldom/xmldom";

export const SVG_NS = "http://www.w3.org/2000/svg";

export const REQUIRED_FRONT_FIELDS = [
  "foto",
  "nombres",
  "apellidos",
  "documento",
  "dependencia",
  "cargo",
  "grupo-sanguineo",
  "vigencia",
  "codigo",
  "qr",
] as const;
/**
 * Allowed on either face. `url-verificacion` receives the verification page without the code; a card
 * without a signed payload leaves out `qr-firmado` and every element marked data-requires="qr-firmado".
 */
export const OPTIONAL_FIELDS = ["entidad", "qr-firmado", "url-verificacion"] as const;
/**
 * Text fields take the value as it is, or fitted to a box when they say data-max-width: up to
 * data-max-lines lines (default 1) within data-max-height (default: room for those lines at the declared
 * size), measured from the top of the first line. The fitting itself is in designs.layout.ts.
 */
export const TEXT_FIELDS = [
  "nombres",
  "apellidos",
  "documento",
  "dependencia",
  "cargo",
  "grupo-sanguineo",
  "vigencia",
  "codigo",
  "entidad",
  "url-verificacion",
] as const;
export const QR_FIELDS = ["qr", "qr-firmado"] as const;
export type FieldId = (typeof REQUIRED_FRONT_FIELDS)[number] | (typeof OPTIONAL_FIELDS)[number];

/** CR80 (ISO/IEC 7810 ID-1), landscape. */
export const CR80_MM = { width: 85.6, height: 53.98 } as const;
export const CR80_PT = { width: (CR80_MM.width * 72) / 25.4, height: (CR80_MM.height * 72) / 25.4 } as const;
export const MAX_DESIGN_BYTES = 2 * 1024 * 1024;
export const ELLIPSIS = "…";

export interface DesignFaces {
  front: string;
  back?: string;
}
export type DesignCheck = { ok: true } | { ok: false; message: string };

/** Parses strictly: any XML error stops parsing (xmldom would otherwise recover and guess). */
export function parseSvg(svg: string): Document {
  return new DOMParser({ onError: onErrorStopParsing }).parseFromString(svg, "image/svg+xml");
}

export function validateDesign(design: DesignFaces): DesignCheck {
  const front = checkFace(design.front, "La cara frontal");
  if (typeof front === "string") return { ok: false, message: front };
  const back = design.back === undefined ? undefined : checkFace(design.back, "El reverso");
  if (typeof back === "string") return { ok: false, message: back };
  const missing = REQUIRED_FRONT_FIELDS.filter((id) => !front.has(id));
  if (missing.length > 0)
    return { ok: false, message: `Al diseño le faltan estos campos: ${missing.join(", ")}.` };
  return { ok: true };
}

const FORBIDDEN_ELEMENTS = new Set(["script", "foreignobject", "iframe", "object", "embed"]);
const ANIMATIONS = new Set(["animate", "animatemotion", "animatetransform", "animatecolor", "set"]);
const SAFE_HREF = /^(#[^\s]*|data:image\/(png|jpeg);base64,[A-Za-z0-9+/=\s]*)$/i;
const URL_FUNCTION = /url\s*\(\s*(['"]?)\s*([^'")\s]*)/gi;
const KNOWN_FIELDS = new Set<string>([...REQUIRED_FRONT_FIELDS, ...OPTIONAL_FIELDS]);

/** The ids of the face's fields, or a message saying why the face is refused. */
function checkFace(svg: string, where: string): Set<string> | string {
  const bytes = Buffer.byteLength(svg, "utf8");
  if (bytes > MAX_DESIGN_BYTES)
    return `${where} pesa ${formatNumber(bytes / 2 ** 20)} MB; el máximo es 2 MB. Reduzca las imágenes incrustadas.`;
  // Refused before parsing: entities are how XXE and "billion laughs" attacks get in.
  if (/<!DOCTYPE/i.test(svg) || /<!ENTITY/i.test(svg))
    return `${where} trae una declaración DOCTYPE o ENTITY, que no se permite en un diseño. Quítela del archivo.`;
  let doc: Document;
  try {
    doc = parseSvg(svg);
  } catch {
    return `${where} no es un archivo SVG bien formado: revise que sea XML válido.`;
  }
  const root = doc.documentElement;
  if (root?.localName !== "svg" || root.namespaceURI !== SVG_NS)
    return `${where} no es un SVG: la etiqueta raíz debe ser <svg xmlns="${SVG_NS}">.`;
  const fields = new Set<string>();
  const pending: Node[] = [doc];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.nodeType === 7 && node.nodeName.toLowerCase() === "xml-stylesheet")
      return `${where} enlaza una hoja de estilo externa (<?xml-stylesheet?>); quítela.`;
    if (node.nodeType === 1) {
      const problem = checkElement(node as Element, where) ?? checkField(node as Element, where, fields);
      if (problem) return problem;
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) pending.push(node.childNodes[i] as Node);
  }
  const box = designBox(root);
  if (!box)
    return `${where} no declara su tamaño: agregue viewBox="0 0 856 539.8" (85,60 × 53,98 mm) a la etiqueta <svg>.`;
  const ratio = box.width / box.height / (CR80_MM.width / CR80_MM.height);
  if (Math.abs(ratio - 1) > 0.01)
    return `${where} debe tener la proporción de un carnet CR80 horizontal (85,60 × 53,98 mm); su tamaño es ${formatNumber(box.width)} × ${formatNumber(box.height)}.`;
  return fields;
}

function checkField(element: Element, where: string, seen: Set<string>): string | undefined {
  const id = element.getAttribute("id") ?? "";
  if (!KNOWN_FIELDS.has(id)) return undefined;
  if (seen.has(id))
    return `El campo «${id}» aparece más de una vez en ${where.toLowerCase()}; cada campo debe aparecer una sola vez.`;
  seen.add(id);
  const kinds = id === "foto" ? ["image", "rect"] : id === "qr" || id === "qr-firmado" ? ["rect"] : ["text"];
  const kind = element.localName ?? "";
  if (kinds.includes(kind)) return undefined;
  return `El campo «${id}» de ${where.toLowerCase()} debe ser ${kinds.map((k) => `un <${k}>`).join(" o ")}; en el diseño es un <${kind}>.`;
}

function checkElement(element: Element, where: string): string | undefined {
  const name = (element.localName ?? "").toLowerCase();
  if (FORBIDDEN_ELEMENTS.has(name))
    return `${where} contiene un elemento <${element.localName}>, que no se permite en un diseño de carnet.`;
  const href = element.getAttribute("href") ?? element.getAttribute("xlink:href");
  if (name === "use" && href !== null && !href.trim().startsWith("#"))
    return `${where} tiene un <use> que apunta fuera del documento («${clip(href)}»); solo se permiten referencias internas como «#logo».`;
  if (ANIMATIONS.has(name) && /href$/i.test(element.getAttribute("attributeName") ?? ""))
    return `${where} tiene una animación <${element.localName}> que cambia un enlace (href); quítela.`;
  for (let i = 0; i < element.attributes.length; i++) {
    const attr = element.attributes.item(i);
    if (!attr) continue;
    const attrName = (attr.localName ?? attr.name).toLowerCase();
    if (attrName.startsWith("on"))
      return `${where} tiene el atributo de evento «${attr.name}» en <${element.localName}>; no se permiten atributos on….`;
    if (attrName === "href" && !SAFE_HREF.test(attr.value.trim()))
      return `${where} tiene un enlace no permitido en <${element.localName}>: «${clip(attr.value)}». Solo se permiten referencias internas (#…) e imágenes PNG o JPEG incrustadas (data:image/png;base64 o data:image/jpeg;base64).`;
    const external = externalUrl(attr.value);
    if (external !== undefined)
      return `${where} usa url(${clip(external)}) en <${element.localName}>; solo se permite url(#…), dentro del mismo documento.`;
  }
  if (name === "style") {
    const css = element.textContent ?? "";
    if (/@import/i.test(css)) return `${where} importa hojas de estilo con @import; quite esa línea.`;
    const external = externalUrl(css);
    if (external !== undefined)
      return `${where} usa url(${clip(external)}) en <style>; solo se permite url(#…), dentro del mismo documento.`;
  }
  return undefined;
}

function externalUrl(value: string): string | undefined {
  for (const match of value.matchAll(URL_FUNCTION)) if (!match[2]?.startsWith("#")) return match[2] ?? "";
  return undefined;
}

const clip = (value: string) => (value.length > 60 ? `${value.slice(0, 60)}${ELLIPSIS}` : value);
const formatNumber = (n: number) => n.toLocaleString("es-CO", { maximumFractionDigits: 2 });

const PX_PER_UNIT: Record<string, number> = {
  "": 1,
  px: 1,
  pt: 96 / 72,
  pc: 16,
  mm: 96 / 25.4,
  cm: 96 / 2.54,
  in: 96,
};

/** The design's user space: its viewBox, or else its width and height in CSS pixels from the origin. */
export function designBox(
  root: Element,
): { x: number; y: number; width: number; height: number } | undefined {
  const [x = 0, y = 0, width = 0, height = 0, ...rest] = (root.getAttribute("viewBox") ?? "")
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (rest.length === 0 && [x, y, width, height].every(Number.isFinite) && root.hasAttribute("viewBox"))
    return width > 0 && height > 0 ? { x, y, width, height } : undefined;
  const w = lengthInPx(root.getAttribute("width"));
  const h = lengthInPx(root.getAttribute("height"));
  return w && h ? { x: 0, y: 0, width: w, height: h } : undefined;
}

function lengthInPx(value: string | null): number | undefined {
  const match = /^\s*([0-9.]+)\s*(px|pt|pc|mm|cm|in)?\s*$/.exec(value ?? "");
  const factor = PX_PER_UNIT[match?.[2] ?? ""];
  const n = Number(match?.[1]);
  return match && factor && n > 0 ? n * factor : undefined;
}

export const isBoldWeight = (weight: string | undefined) =>
  weight === "bold" || weight === "bolder" || Number(weight) >= 600;

/** "HTTPS://CARNET.PASTO.GOV.CO/VERIFICAR/7K3M…" → "carnet.pasto.gov.co/verificar", for people who type it. */
export function verificationPlace(verifyUrl: string): string {
  const url = URL.parse(verifyUrl);
  return (url ? `${url.host}${url.pathname.replace(/\/[^/]*$/, "")}` : verifyUrl).toLowerCase();
}

/** QR modules as path data in module units: one closed run per horizontal stretch of dark modules. */
export function qrPathData(size: number, isDark: (row: number, col: number) => boolean): string {
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; ) {
      if (!isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && isDark(row, col)) col++;
      parts.push(`M${start} ${row}h${col - start}v1h-${col - start}z`);
    }
  }
  return parts.join("");
}

/** The batch's first page: what the person at the card printer must know before printing. */
export function printInstructions(batch: { cards: number; hasBack: boolean }): {
  title: string;
  paragraphs: string[];
} {
  const { cards, hasBack } = batch;
  const plural = cards === 1 ? "carnet" : "carnets";
  return {
    title: "Instrucciones de impresión",
    paragraphs: [
      `Este archivo trae ${cards} ${plural}${hasBack ? `, en ${cards * 2} páginas de carnet` : ""}. Esta primera página es solo para usted: no la envíe a la impresora de carnets. Los carnets empiezan en la página 2.`,
      "Imprima en la impresora de carnets, en tarjetas CR80 (85,60 × 53,98 mm), en orientación horizontal.",
      "En el cuadro de impresión elija «Tamaño real» o escala 100 %. Nunca elija «Ajustar a la página» ni «Reducir páginas grandes»: el carnet saldría de otro tamaño y el código QR podría no leerse.",
      hasBack
        ? "Orden: cada carnet ocupa dos páginas seguidas, primero la cara frontal y después el reverso. Active la impresión a doble cara en la impresora de carnets."
        : "Orden: cada página es la cara frontal de un carnet; este diseño no tiene reverso.",
      "Antes de imprimir todo el lote, imprima el primer carnet y revíselo: medidas, colores, que el texto no se corte y que el código QR se lea con un celular.",
    ],
  };
}
