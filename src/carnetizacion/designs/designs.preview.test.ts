import { describe, expect, it } from "vitest";
import { fixture } from "../../../test/photos.ts";
import { glyphRun, measureText, resolveFace } from "./designs.fonts.ts";
import { outlineText } from "./designs.preview.ts";
import { DEFAULT_DESIGN, previewSvg, sampleCardData } from "./designs.render.ts";
import { parseSvg, SVG_NS } from "./designs.rules.ts";

const svg = (body: string) =>
  `<svg xmlns="${SVG_NS}" viewBox="0 0 856 539.8" font-family="Work Sans">${body}</svg>`;

/** The x of each glyph outline, in order. */
function glyphXs(doc: ReturnType<typeof parseSvg>): number[] {
  return Array.from(doc.getElementsByTagName("path")).map((path) =>
    Number(/translate\(([-\d.]+) /.exec(path.getAttribute("transform") ?? "")?.[1]),
  );
}

describe("previewSvg", () => {
  it("leaves no text for librsvg to set in a system font: every line is the PDF's glyph outlines", async () => {
    const data = { ...(await sampleCardData("Alcaldía de Pasto")), photo: fixture("portrait-white-bg.jpg") };
    for (const face of ["front", "back"] as const) {
      const doc = parseSvg(previewSvg(DEFAULT_DESIGN, data, face));
      expect(doc.getElementsByTagName("text")).toHaveLength(0);
      expect(doc.getElementsByTagName("path").length).toBeGreaterThan(100);
    }
  });
});

describe("outlineText", () => {
  const face = resolveFace("Work Sans", false, false);

  it("advances each glyph as pdfkit does, kerning included, from the text's position", () => {
    const doc = parseSvg(svg('<text x="100" y="50" font-size="30">Té W</text>'));
    outlineText(doc);
    const { glyphs } = glyphRun(face, "Té W");
    const xs = glyphXs(doc);
    expect(xs[0]).toBe(100);
    expect(xs[1]).toBeCloseTo(100 + (glyphs[0]?.xAdvance ?? 0) * 30, 1);
    // Kerning pulls «é» under the «T»: closer than the T's plain advance width.
    expect((xs[1] ?? 0) - 100).toBeLessThan((glyphs[0]?.width ?? 0) * 30);
  });

  it("centres a middle-anchored line on its x, by the width the PDF measures", () => {
    const doc = parseSvg(svg('<text x="400" y="50" font-size="20" text-anchor="middle">sin conexión</text>'));
    outlineText(doc);
    const width = measureText(face, "sin conexión", 20);
    expect(glyphXs(doc)[0]).toBeCloseTo(400 - width / 2, 1);
  });

  it("collapses white space and starts each tspan line at its own position", () => {
    const doc = parseSvg(
      svg(
        '<text font-size="20">  <tspan x="10" y="30">Uno   dos </tspan><tspan x="10" y="60">tres</tspan>  </text>',
      ),
    );
    outlineText(doc);
    const paths = Array.from(doc.getElementsByTagName("path"));
    expect(paths).toHaveLength("Unodostres".length);
    const starts = paths
      .map((p) => p.getAttribute("transform") ?? "")
      .filter((t) => t.startsWith("translate(10 "));
    expect(starts).toEqual([
      expect.stringContaining("translate(10 30)"),
      expect.stringContaining("translate(10 60)"),
    ]);
  });

  it("keeps the fill and other attributes of the text and its tspans on the outlines' groups", () => {
    const doc = parseSvg(
      svg('<text id="cargo" x="0" y="20" fill="#004884">A<tspan fill="#ff0000">B</tspan></text>'),
    );
    outlineText(doc);
    const group = doc.getElementById("cargo");
    expect(group?.localName).toBe("g");
    expect(group?.getAttribute("fill")).toBe("#004884");
    expect(group?.hasAttribute("x")).toBe(false);
    expect(group?.getElementsByTagName("g")[0]?.getAttribute("fill")).toBe("#ff0000");
  });

  it.each([
    ["rotated letters", '<text x="0" y="20" rotate="10">Ab</text>'],
    ["a stretched line", '<text x="0" y="20" textLength="300">Ab</text>'],
    ["letter spacing", '<text x="0" y="20" letter-spacing="3">Ab</text>'],
    ["text on a path", '<text><textPath href="#p">Ab</textPath></text>'],
  ])("leaves %s as text, which it does not reproduce", (_name, body) => {
    const doc = parseSvg(svg(body));
    outlineText(doc);
    expect(doc.getElementsByTagName("text")).toHaveLength(1);
  });
});
