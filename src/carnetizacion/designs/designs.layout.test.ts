import { describe, expect, it } from "vitest";
import { measureText, resolveFace } from "./designs.fonts.ts";
import { fitLines, LINE_SPACING, layOutText, MIN_PRINTED_FONT_PT, printableText } from "./designs.layout.ts";
import { DEFAULT_DESIGN } from "./designs.render.ts";
import { CR80_PT, ELLIPSIS, parseSvg } from "./designs.rules.ts";

describe("fitLines with a stand-in measure", () => {
  // A fixed-width stand-in for font metrics keeps the arithmetic easy to follow: 0.5 em a character.
  const measure = (text: string, size: number) => Array.from(text).length * size * 0.5;
  const box = { fontSize: 40, maxWidth: 500, minFontSize: 24, measure };

  it("keeps a value that fits as it is, on one line at the declared size", () => {
    expect(fitLines("Pérez Nariño", box)).toEqual({ lines: ["Pérez Nariño"], fontSize: 40 });
  });

  it("wraps to two lines at the declared size before shrinking, when the box has room for them", () => {
    const value = "Rodríguez de la Santísima Trinidad Pérez"; // 40 characters: 800 wide at 40
    expect(fitLines(value, { ...box, maxLines: 2 })).toEqual({
      lines: ["Rodríguez de la Santísima", "Trinidad Pérez"],
      fontSize: 40,
    });
  });

  it("shrinks step by step on one line when the box only has room for one", () => {
    const result = fitLines("Rodríguez de la Santísima Trinidad", box);
    expect(result.lines).toEqual(["Rodríguez de la Santísima Trinidad"]);
    expect(result.fontSize).toBeLessThan(40);
    expect(result.fontSize).toBeGreaterThanOrEqual(24);
    expect(measure("Rodríguez de la Santísima Trinidad", result.fontSize)).toBeLessThanOrEqual(500);
  });

  it("shrinks two lines together until they fit a box shorter than two full-size lines", () => {
    const value = "Rodríguez de la Santísima Trinidad Pérez";
    const maxHeight = 60; // two lines fit from 60 / 2.15 = 27.9 down
    const result = fitLines(value, { ...box, maxLines: 2, maxHeight });
    expect(result.lines).toHaveLength(2);
    expect(result.fontSize * (1 + LINE_SPACING)).toBeLessThanOrEqual(maxHeight);
    expect(result.fontSize).toBeGreaterThan(27);
    expect(result.lines.join(" ")).toBe(value);
  });

  it("past the minimum size, fills the lines it has and cuts the last one with an ellipsis", () => {
    const name = "María de los Ángeles Guadalupe Fernández del Castro y Nariño ".repeat(3).trim();
    const result = fitLines(name, { ...box, maxLines: 2 });
    expect(result.fontSize).toBe(24);
    expect(result.lines).toHaveLength(2);
    expect(result.lines[1]?.endsWith(ELLIPSIS)).toBe(true);
    expect(name.startsWith(result.lines.join(" ").slice(0, -1))).toBe(true);
    for (const line of result.lines) expect(measure(line, 24)).toBeLessThanOrEqual(500);
    expect(result.lines[1]?.length).toBeGreaterThan(35); // cut at the box's edge, not much earlier
  });

  it("cuts a single word wider than the box instead of overflowing", () => {
    const result = fitLines("x".repeat(200), { ...box, maxLines: 2 });
    expect(result.lines.at(-1)?.endsWith(ELLIPSIS)).toBe(true);
    for (const line of result.lines) expect(measure(line, result.fontSize)).toBeLessThanOrEqual(500);
  });

  it("never grows a value whose declared size is already below the minimum", () => {
    const result = fitLines("x".repeat(200), { ...box, fontSize: 20 });
    expect(result.fontSize).toBe(20);
  });
});

/** The default design's cargo field, as the designer declared it. */
function cargoField() {
  const cargo = parseSvg(DEFAULT_DESIGN.front).getElementById("cargo");
  if (!cargo) throw new Error("the default design has no cargo field");
  const face = resolveFace("Work Sans", true, false);
  const minFontSize = MIN_PRINTED_FONT_PT * (856 / CR80_PT.width);
  return {
    face,
    minFontSize,
    options: {
      fontSize: Number(cargo.getAttribute("font-size")),
      maxWidth: Number(cargo.getAttribute("data-max-width")),
      maxLines: Number(cargo.getAttribute("data-max-lines")),
      maxHeight: Number(cargo.getAttribute("data-max-height")),
      minFontSize,
      measure: (text: string, size: number) => measureText(face, text, size),
    },
  };
}

describe("fitLines on the default card's cargo, measured in the printed font", () => {
  const { options, minFontSize, face } = cargoField();

  it("lays a 90-character cargo on two lines inside the field, at a legible size, uncut", () => {
    const cargo =
      "Contratista de apoyo a la gestión administrativa de la Secretaría de Tránsito y Transporte";
    expect(cargo).toHaveLength(90);
    const result = fitLines(cargo, options);
    expect(result.lines).toHaveLength(2);
    expect(result.lines.join(" ")).toBe(cargo);
    expect(result.lines.join("")).not.toContain(ELLIPSIS);
    expect(result.fontSize).toBeGreaterThanOrEqual(minFontSize);
    expect(result.fontSize * (1 + LINE_SPACING)).toBeLessThanOrEqual(options.maxHeight);
    for (const line of result.lines)
      expect(measureText(face, line, result.fontSize)).toBeLessThanOrEqual(options.maxWidth);
  });

  it("keeps a short cargo on one line at the declared size", () => {
    expect(fitLines("Profesional universitario", options)).toEqual({
      lines: ["Profesional universitario"],
      fontSize: options.fontSize,
    });
  });

  it("cuts an absurdly long cargo with an ellipsis, at the minimum size and no smaller", () => {
    const cargo = "Contratista de prestación de servicios profesionales de apoyo a la gestión ".repeat(4);
    const result = fitLines(cargo, options);
    expect(result.fontSize).toBeCloseTo(minFontSize, 5);
    expect(result.lines).toHaveLength(2);
    expect(result.lines[1]?.endsWith(ELLIPSIS)).toBe(true);
    for (const line of result.lines)
      expect(measureText(face, line, result.fontSize)).toBeLessThanOrEqual(options.maxWidth);
  });

  it.each([
    "Subsecretaría de Sistemas de Información – SSI",
    "Secretaría de Mujeres, Orientaciones Sexuales e Identidades de Género",
  ])("fits the dependencia «%s» whole", (dependencia) => {
    const result = fitLines(dependencia, { ...options, fontSize: 24 });
    expect(result.lines.join(" ")).toBe(dependencia);
    expect(result.fontSize).toBeGreaterThanOrEqual(minFontSize);
  });
});

describe("printableText", () => {
  const face = resolveFace("Work Sans", false, false);
  it.each([
    ["José Nariño Muñoz", "José Nariño Muñoz"],
    ["ÁÉÍÓÚÜÑ áéíóúüñ ¿¡ € … –", "ÁÉÍÓÚÜÑ áéíóúüñ ¿¡ € … –"],
    ["Nguyễn Đặng", "Nguyen ?ang"],
    ["Ana\tMaría\nRuiz", "Ana María Ruiz"],
    ["Ana 😀", "Ana ?"],
  ])("prints %j as %j", (input, output) => {
    expect(printableText(input, face)).toBe(output);
  });
});

describe("resolveFace", () => {
  it.each([
    ["Helvetica, Arial, sans-serif", false, false, "WorkSans-Regular"],
    ["Work Sans", true, false, "WorkSans-Bold"],
    ["Courier, monospace", true, true, "WorkSans-BoldItalic"],
    ["'Montserrat', sans-serif", true, false, "Montserrat-Bold"],
  ])("prints %s (bold %s, italic %s) in %s", (family, bold, italic, name) => {
    expect(resolveFace(family, bold, italic).pdfName).toBe(name);
  });
});

describe("layOutText", () => {
  it("writes each line as a tspan with an explicit position, size and card font", () => {
    const doc = parseSvg(DEFAULT_DESIGN.front);
    const cargo =
      "Contratista de apoyo a la gestión administrativa de la Secretaría de Tránsito y Transporte";
    const layouts = layOutText(doc, { cargo, nombres: "Ana" });
    const element = doc.getElementById("cargo");
    const tspans = Array.from(element?.getElementsByTagName("tspan") ?? []);
    expect(tspans.map((t) => t.textContent)).toEqual(layouts.cargo?.lines);
    expect(tspans.map((t) => t.getAttribute("x"))).toEqual(["240", "240"]);
    const [first, second] = tspans.map((t) => Number(t.getAttribute("y")));
    expect((second ?? 0) - (first ?? 0)).toBeCloseTo(LINE_SPACING * (layouts.cargo?.fontSize ?? 0), 1);
    const style = element?.getAttribute("style") ?? "";
    expect(style).toContain("font-family:Work Sans");
    expect(style).toContain("font-weight:bold");
    expect(style).toContain(`font-size:${layouts.cargo?.fontSize}px`);
    expect(element?.hasAttribute("font-size")).toBe(false);
  });

  it("pins static text to a card font too, over the design's own family", () => {
    const front = DEFAULT_DESIGN.front.replace('font-family="Work Sans, sans-serif"', 'font-family="Arial"');
    const doc = parseSvg(front);
    layOutText(doc, {});
    const label = Array.from(doc.getElementsByTagName("text")).find((t) => t.textContent === "CARGO");
    expect(label?.getAttribute("style")).toBe("font-family:Work Sans;font-weight:normal;font-style:normal");
  });
});
