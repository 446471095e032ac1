import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  designBox,
  parseSvg,
  printInstructions,
  qrPathData,
  validateDesign,
  verificationPlace,
} from "./designs.rules.ts";

const NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"';
const FIELDS = `<image id="foto" x="10" y="10" width="90" height="120"/>
  <text id="nombres">N</text><text id="apellidos">A</text><text id="documento">D</text>
  <text id="dependencia">D</text><text id="cargo">C</text><text id="grupo-sanguineo">O+</text>
  <text id="vigencia">V</text><text id="codigo">C</text><rect id="qr" x="600" y="200" width="180" height="180"/>`;

/** A minimal valid face with `extra` inside it; `size` replaces the root's size attributes. */
const face = (extra = "", size = 'viewBox="0 0 856 539.8"', fields = FIELDS) =>
  `<svg ${NS} ${size}>${fields}${extra}</svg>`;
const fileText = (name: string) => readFileSync(new URL(name, import.meta.url), "utf8");

describe("validateDesign", () => {
  const refusals: [string, { front: string; back?: string }, RegExp][] = [
    ["XML that is not well-formed", { front: face("<g>") }, /no es un archivo SVG bien formado/],
    ["text that is not XML", { front: "hola" }, /no es un archivo SVG bien formado/],
    [
      "a root that is not <svg>",
      { front: '<html xmlns="http://www.w3.org/1999/xhtml"/>' },
      /raíz debe ser <svg/,
    ],
    [
      "a DOCTYPE with an external entity (XXE)",
      { front: `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${face("<text>&x;</text>")}` },
      /DOCTYPE o ENTITY/,
    ],
    ["an ENTITY declaration", { front: `<!ENTITY lol "lol">${face()}` }, /DOCTYPE o ENTITY/],
    ["a <script>", { front: face("<script>alert(1)</script>") }, /elemento <script>/],
    ["a <foreignObject>", { front: face("<foreignObject><p>x</p></foreignObject>") }, /<foreignObject>/],
    ["an <iframe>", { front: face('<iframe src="https://x.example"/>') }, /<iframe>/],
    ["an <object>", { front: face('<object data="x.swf"/>') }, /<object>/],
    ["an <embed>", { front: face('<embed src="x.swf"/>') }, /<embed>/],
    [
      "a <use> pointing to another file",
      { front: face('<use href="other.svg#logo"/>') },
      /<use> que apunta fuera/,
    ],
    [
      "a <use> pointing to a URL by xlink:href",
      { front: face('<use xlink:href="https://x.example/a.svg#b"/>') },
      /<use> que apunta fuera/,
    ],
    [
      "a <set> that changes an href",
      { front: face('<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>') },
      /animación <set>/,
    ],
    [
      "an <animate> that changes xlink:href",
      { front: face('<a href="#x"><animate attributeName="xlink:href" values="javascript:alert(1)"/></a>') },
      /animación <animate>/,
    ],
    ["an onload attribute", { front: face("", 'viewBox="0 0 856 539.8" onload="alert(1)"') }, /«onload»/],
    ["an onclick attribute", { front: face('<rect onclick="alert(1)"/>') }, /«onclick»/],
    [
      "a javascript: link",
      { front: face('<a href="javascript:alert(1)"><text>x</text></a>') },
      /enlace no permitido/,
    ],
    [
      "an image from the web",
      { front: face('<image href="https://x.example/a.png"/>') },
      /enlace no permitido/,
    ],
    [
      "an embedded SVG image",
      { front: face('<image xlink:href="data:image/svg+xml;base64,PHN2Zy8+"/>') },
      /enlace no permitido/,
    ],
    [
      "url() to the web in a style attribute",
      { front: face('<rect style="fill: url(https://x.example/p.svg#g)"/>') },
      /url\(https/,
    ],
    [
      "url() to a file in an attribute",
      { front: face("<rect fill=\"url('pattern.svg#p')\"/>") },
      /url\(pattern/,
    ],
    [
      "url() to the web in <style>",
      { front: face("<style>rect { fill: url(http://x.example/a#b) }</style>") },
      /en <style>/,
    ],
    ["@import in <style>", { front: face('<style>@import "https://x.example/a.css";</style>') }, /@import/],
    [
      "an external stylesheet processing instruction",
      { front: `<?xml-stylesheet href="https://x.example/a.css"?>${face()}` },
      /xml-stylesheet/,
    ],
    ["a square size", { front: face("", 'viewBox="0 0 500 500"') }, /proporción de un carnet CR80/],
    [
      "a portrait card",
      { front: face("", 'width="53.98mm" height="85.6mm"') },
      /proporción de un carnet CR80/,
    ],
    ["no size at all", { front: face("", "") }, /no declara su tamaño/],
    ["a file over 2 MB", { front: face(`<!--${"x".repeat(2 * 1024 * 1024)}-->`) }, /máximo es 2 MB/],
    [
      "a <circle> as the photo",
      { front: face("", undefined, FIELDS.replace(/<image id="foto"[^>]*>/, '<circle id="foto" r="9"/>')) },
      /«foto» de la cara frontal debe ser un <image> o un <rect>; en el diseño es un <circle>/,
    ],
    [
      "a field that appears twice",
      { front: face('<text id="nombres">otra vez</text>') },
      /«nombres» aparece más de una vez en la cara frontal/,
    ],
    [
      "a back with a <script>",
      { front: face(), back: face("<script/>", undefined, "") },
      /^El reverso contiene/,
    ],
  ];
  it.each(refusals)("refuses %s", (_name, design, message) => {
    const result = validateDesign(design);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("names the missing fields", () => {
    const fields = FIELDS.replace('<text id="vigencia">V</text>', "").replace(/<rect id="qr"[^>]*>/, "");
    expect(validateDesign({ front: face("", undefined, fields) })).toEqual({
      ok: false,
      message: "Al diseño le faltan estos campos: vigencia, qr.",
    });
  });

  const accepted: [string, { front: string; back?: string }][] = [
    ["the default design", { front: fileText("default-front.svg"), back: fileText("default-back.svg") }],
    ["internal references", { front: face('<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/>') }],
    ["an embedded PNG logo", { front: face('<image href="data:image/png;base64,iVBORw0KGgo="/>') }],
    ["a size in millimetres", { front: face("", 'width="85.6mm" height="53.98mm"') }],
    ["a viewBox within 1 % of CR80", { front: face("", 'viewBox="0 0 860 539.8"') }],
    ["a back without fields", { front: face(), back: face("", undefined, "") }],
  ];
  it.each(accepted)("accepts %s", (_name, design) => {
    expect(validateDesign(design)).toEqual({ ok: true });
  });
});

describe("qrPathData", () => {
  it("draws each horizontal run of dark modules as one closed rectangle", () => {
    const dark = [
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 1],
    ];
    const path = qrPathData(3, (row, col) => dark[row]?.[col] === 1);
    expect(path).toBe("M0 0h2v1h-2zM1 1h1v1h-1zM0 2h1v1h-1zM2 2h1v1h-1z");
  });
});

describe("printInstructions", () => {
  it("tells the printer's operator the scale, the card size, the count and the order of the faces", () => {
    const text = printInstructions({ cards: 25, hasBack: true }).paragraphs.join(" ");
    expect(text).toContain("25 carnets, en 50 páginas");
    expect(text).toContain("«Tamaño real»");
    expect(text).toContain("Nunca elija «Ajustar a la página»");
    expect(text).toContain("CR80");
    expect(text).toContain("primero la cara frontal y después el reverso");
  });
});

describe("designBox", () => {
  it.each([
    ['viewBox="10 20 856 539.8"', { x: 10, y: 20, width: 856, height: 539.8 }],
    [
      'width="85.6mm" height="53.98mm"',
      { x: 0, y: 0, width: 85.6 * (96 / 25.4), height: 53.98 * (96 / 25.4) },
    ],
    ['viewBox="0 0 0 10"', undefined],
    ['width="100%" height="100%"', undefined],
  ])("reads the user space of <svg %s>", (attributes, box) => {
    const root = parseSvg(`<svg ${NS} ${attributes}/>`).documentElement;
    expect(root && designBox(root)).toEqual(box);
  });
});

describe("verificationPlace", () => {
  it("gives the verification page without the code, in lower case, for people who type it", () => {
    expect(verificationPlace("HTTPS://CARNET.PASTO.GOV.CO/VERIFICAR/7K3M9Q2XW4HT8PJ5")).toBe(
      "carnet.pasto.gov.co/verificar",
    );
  });
});
