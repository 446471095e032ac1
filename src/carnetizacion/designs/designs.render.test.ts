import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../../../test/photos.ts";
import {
  type CardPrintData,
  DEFAULT_DESIGN,
  fillDesign,
  layOutFace,
  renderBatchPdf,
  renderPreviewPng,
} from "./designs.render.ts";
import { CR80_MM, CR80_PT, ELLIPSIS, parseSvg } from "./designs.rules.ts";

const run = promisify(execFile);
const LONG_LAST_NAMES = "Fernández del Castillo Santacruz de los Ángeles Ortega Muñoz";
const LONG_CARGO =
  "Contratista de apoyo a la gestión administrativa de la Secretaría de Tránsito y Transporte";
const LONG_DEPENDENCIA = "Secretaría de Mujeres, Orientaciones Sexuales e Identidades de Género";

function card(code: string, overrides: Partial<CardPrintData> = {}): CardPrintData {
  return {
    photo: fixture("portrait-white-bg.jpg"),
    firstNames: "José Luis",
    lastNames: "Nariño Pérez",
    document: "CC 1.085.123.456",
    dependencia: "Secretaría de Tránsito y Transporte",
    position: "Profesional universitario",
    bloodType: "AB-",
    validUntil: "31/12/2027",
    code,
    verifyUrl: `HTTPS://CARNET.PASTO.GOV.CO/VERIFICAR/${code}`,
    signedPayload: `SIPAP1.${code}.20271231.${"k4Jx9_Qm-2ZpT7wV".repeat(5)}`,
    entityName: "Alcaldía de Pasto",
    ...overrides,
  };
}

const cards = [
  card("7K3M9Q2XW4HT8PJ5"),
  card("WWMM0123456789XY", {
    lastNames: LONG_LAST_NAMES,
    firstNames: "Ana",
    position: LONG_CARGO,
    dependencia: LONG_DEPENDENCIA,
  }),
  card("A1B2C3D4E5F6G7H8", { signedPayload: undefined }),
];
/** Page 1 holds the instructions; then front and back of each card. */
const frontPage = (index: number) => 2 + 2 * index;

let dir: string;
let pdfPath: string;
const progress: [number, number][] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sipap-designs-"));
  pdfPath = join(dir, "lote.pdf");
  const pdf = await renderBatchPdf(DEFAULT_DESIGN, cards, {
    onProgress: (done, total) => {
      progress.push([done, total]);
    },
  });
  await writeFile(pdfPath, pdf);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function pageText(page: number): Promise<string> {
  const { stdout } = await run("pdftotext", ["-f", `${page}`, "-l", `${page}`, "-layout", pdfPath, "-"]);
  return stdout;
}

async function decodeQrs(page: number): Promise<string[]> {
  const prefix = join(dir, `page-${page}`);
  await run("pdftoppm", [
    "-r",
    "300",
    "-f",
    `${page}`,
    "-l",
    `${page}`,
    "-png",
    "-singlefile",
    pdfPath,
    prefix,
  ]);
  const { stdout } = await run("zbarimg", ["--raw", "-q", `${prefix}.png`]);
  return stdout.split("\n").filter((line) => line !== "");
}

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
}
/** Words of a page with their boxes, in points. */
async function pageWords(page: number): Promise<Word[]> {
  const { stdout } = await run("pdftotext", ["-bbox", "-f", `${page}`, "-l", `${page}`, pdfPath, "-"]);
  return [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</g)].map(
    (m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), text: unescapeXml(m[4] ?? "") }),
  );
}
const unescapeXml = (text: string) => text.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
/** The words of the default front's right column whose top lies between two heights, in design units. */
async function wordsBetween(page: number, top: number, bottom: number): Promise<Word[]> {
  const pt = (units: number) => (units / 856) * CR80_PT.width;
  return (await pageWords(page)).filter((w) => w.xMin > pt(230) && w.yMin > pt(top) && w.yMin < pt(bottom));
}

describe("renderBatchPdf", () => {
  it("puts the instructions first, then each face on its own CR80 page", async () => {
    const { stdout } = await run("pdfinfo", ["-f", "1", "-l", "99", pdfPath]);
    expect(stdout).toMatch(/^Pages:\s+7$/m);
    const sizes = [...stdout.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)];
    expect(sizes).toHaveLength(7);
    const mm = (pt: string) => (Number(pt) * 25.4) / 72;
    for (const [, page, width = "", height = ""] of sizes.slice(1)) {
      expect(mm(width), `page ${page} width`).toBeCloseTo(CR80_MM.width, 1);
      expect(Math.abs(mm(width) - CR80_MM.width)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(mm(height) - CR80_MM.height)).toBeLessThanOrEqual(0.1);
    }
    const instructions = await pageText(1);
    expect(instructions).toContain("Tamaño real");
    expect(instructions).toContain("3 carnets");
    expect(progress).toEqual([[3, 3]]);
  });

  it("prints a QR that decodes to the card's verification URL exactly", async () => {
    expect(await decodeQrs(frontPage(0))).toEqual([cards[0]?.verifyUrl]);
  });

  it("prints the signed payload as a second QR on the back", async () => {
    expect(await decodeQrs(frontPage(0) + 1)).toEqual([cards[0]?.signedPayload]);
  });

  it("leaves out the signed QR and its label on a card without a signed payload", async () => {
    const back = await pageText(frontPage(2) + 1);
    expect(back).toContain("Este carnet es personal e intransferible.");
    expect(back).not.toContain("sin conexión");
  });

  it("prints names, document and accents as real text", async () => {
    const text = await pageText(frontPage(0));
    for (const expected of ["Nariño Pérez", "José Luis", "CC 1.085.123.456", "AB-", "7K3M9Q2XW4HT8PJ5"])
      expect(text).toContain(expected);
    expect(await pageText(frontPage(0) + 1)).toContain("carnet.pasto.gov.co/verificar");
  });

  it("wraps a 60-character last name onto two lines inside its box, without cutting it", async () => {
    expect(LONG_LAST_NAMES).toHaveLength(60);
    const page = frontPage(1);
    const text = await pageText(page);
    expect(text).not.toContain(ELLIPSIS);
    const lastNameWords = await wordsBetween(page, 110, 165); // the apellidos box (word tops)
    expect(lastNameWords.map((w) => w.text).join(" ")).toBe(LONG_LAST_NAMES);
    expect(new Set(lastNameWords.map((w) => Math.round(w.yMin))).size).toBe(2);
    // The default design's apellidos box ends at x = 240 + 404 of 856 units, before the QR.
    const right = Math.max(...lastNameWords.map((w) => w.xMax));
    expect(right).toBeLessThanOrEqual((644 / 856) * CR80_PT.width + 0.5);
  });

  it("prints a 90-character cargo whole on two lines, not cut with an ellipsis", async () => {
    expect(LONG_CARGO).toHaveLength(90);
    const page = frontPage(1);
    const text = await pageText(page);
    expect(text).not.toContain(ELLIPSIS);
    expect(text).not.toContain("gesti…");
    const words = await wordsBetween(page, 272, 330); // the cargo box (word tops)
    expect(words.map((w) => w.text).join(" ")).toBe(LONG_CARGO);
    expect(new Set(words.map((w) => Math.round(w.yMin))).size).toBe(2);
    const right = Math.max(...words.map((w) => w.xMax));
    expect(right).toBeLessThanOrEqual((820 / 856) * CR80_PT.width + 0.5);
  });

  it("embeds the card fonts, so every printer and viewer draws the text measured for the layout", async () => {
    const { stdout } = await run("pdffonts", [pdfPath]);
    expect(stdout).toMatch(/\+WorkSans-Bold\s.*\syes\s+yes\s+yes\s/);
    expect(stdout).toMatch(/\+WorkSans-Regular\s.*\syes\s+yes\s+yes\s/);
  });

  it("embeds each photo as its own JPEG bytes", async () => {
    const { stdout } = await run("pdfimages", ["-list", pdfPath]);
    const images = stdout.split("\n").filter((line) => /\bimage\b/.test(line));
    expect(images).toHaveLength(3);
    for (const image of images) expect(image).toMatch(/\s600\s+800\s+rgb\s+3\s+8\s+jpeg\s/);
  });

  it.each([
    ["a viewBox that does not start at 0 0", 'viewBox="100 50 856 539.8"', 'x="740" y="286"'],
    [
      "a QR box inside a transformed group",
      'viewBox="0 0 856 539.8"',
      'x="0" y="0" transform="translate(640 236)"',
    ],
  ])("places the QR where the design puts it, with %s", async (_name, viewBox, position) => {
    const front = DEFAULT_DESIGN.front
      .replace('viewBox="0 0 856 539.8"', viewBox)
      .replace('id="qr" x="640" y="236"', `id="qr" ${position}`);
    const path = join(dir, "moved.pdf");
    await writeFile(path, await renderBatchPdf({ front }, [cards[0] as CardPrintData]));
    await run("pdftoppm", [
      "-r",
      "300",
      "-f",
      "2",
      "-l",
      "2",
      "-png",
      "-singlefile",
      path,
      join(dir, "moved"),
    ]);
    const { stdout } = await run("zbarimg", ["--raw", "-q", join(dir, "moved.png")]);
    expect(stdout.trim()).toBe(cards[0]?.verifyUrl);
  });

  it("refuses a design that does not pass validation", async () => {
    const bad = { front: DEFAULT_DESIGN.front.replace("<svg ", '<svg onload="alert(1)" ') };
    await expect(renderBatchPdf(bad, cards)).rejects.toMatchObject({ code: "designs.invalid_design" });
  });
});

describe("fillDesign", () => {
  it("escapes values so they never become markup", () => {
    const hostile = '<script>alert(1)</script> & "x"';
    const svg = fillDesign(DEFAULT_DESIGN.front, card("7K3M9Q2XW4HT8PJ5", { firstNames: hostile }));
    const doc = parseSvg(svg); // still well-formed XML
    expect(doc.getElementsByTagName("script")).toHaveLength(0);
    expect(doc.getElementById("nombres")?.textContent).toBe(hostile);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; "x"');
  });

  it("fits the photo by covering its box, clipped to it", () => {
    const doc = parseSvg(fillDesign(DEFAULT_DESIGN.front, card("7K3M9Q2XW4HT8PJ5")));
    const image = doc.getElementById("foto")?.getElementsByTagName("image")[0];
    expect(image?.getAttribute("preserveAspectRatio")).toBe("xMidYMid slice");
    expect(image?.getAttribute("clip-path")).toBe("url(#foto-recorte)");
    expect(image?.getAttribute("href")).toMatch(/^data:image\/jpeg;base64,\/9j\//);
  });
});

describe("renderPreviewPng", () => {
  it("rasterises a face about 600 px wide", async () => {
    for (const face of ["front", "back"] as const) {
      const png = await renderPreviewPng(DEFAULT_DESIGN, card("7K3M9Q2XW4HT8PJ5"), face);
      const meta = await sharp(png).metadata();
      expect(meta.format).toBe("png");
      expect(meta.width).toBe(600);
      expect(meta.height).toBe(378);
    }
  });

  it("draws the very lines the PDF prints, in the same place", async () => {
    const card = cards[1] as CardPrintData;
    const page = frontPage(1);
    // Both renderers draw the one layout: the PDF prints exactly its lines...
    const layout = layOutFace(DEFAULT_DESIGN.front, card);
    expect(layout.cargo?.lines).toHaveLength(2);
    const pdfLines = (words: Word[]) => {
      const rows = new Map<number, string[]>();
      for (const w of words) rows.set(Math.round(w.yMin), [...(rows.get(Math.round(w.yMin)) ?? []), w.text]);
      return [...rows.values()].map((row) => row.join(" "));
    };
    expect(pdfLines(await wordsBetween(page, 272, 330))).toEqual(layout.cargo?.lines);
    expect(pdfLines(await wordsBetween(page, 340, 402))).toEqual(layout.dependencia?.lines);
    expect(pdfLines(await wordsBetween(page, 110, 165))).toEqual(layout.apellidos?.lines);
    // ...and the preview puts the same ink in the same place as the printed page, rasterised alike.
    const preview = await renderPreviewPng(DEFAULT_DESIGN, card, "front");
    const printed = join(dir, "printed");
    await run("pdftoppm", [
      ...["-scale-to-x", "600", "-scale-to-y", "378", "-f", `${page}`, "-l", `${page}`],
      ...["-png", "-singlefile", pdfPath, printed],
    ]);
    const fields = {
      names: { left: 236, top: 122, right: 650, bottom: 226 },
      cargo: { left: 236, top: 285, right: 824, bottom: 338 },
      dependencia: { left: 236, top: 358, right: 824, bottom: 410 },
    };
    for (const [name, field] of Object.entries(fields)) {
      const expected = await inkBox(await readFile(`${printed}.png`), field);
      const actual = await inkBox(preview, field);
      for (const side of ["left", "top", "right", "bottom"] as const)
        expect(Math.abs(actual[side] - expected[side]), `${name} ${side}`).toBeLessThanOrEqual(3);
    }
  });
});

type Box = { left: number; top: number; right: number; bottom: number };
/** The bounding box, in pixels of a 600 px wide image, of the dark pixels inside a box given in design units. */
async function inkBox(png: Buffer, field: Box): Promise<Box> {
  const { data, info } = await sharp(png)
    .resize(600, 378, { fit: "fill" })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const k = info.width / 856;
  const ink = { left: Infinity, top: Infinity, right: -1, bottom: -1 };
  for (let y = Math.floor(field.top * k); y < Math.ceil(field.bottom * k); y++)
    for (let x = Math.floor(field.left * k); x < Math.ceil(field.right * k); x++)
      if ((data[y * info.width + x] ?? 255) < 128) {
        ink.left = Math.min(ink.left, x);
        ink.top = Math.min(ink.top, y);
        ink.right = Math.max(ink.right, x);
        ink.bottom = Math.max(ink.bottom, y);
      }
  expect(ink.right, "ink in the field").toBeGreaterThan(0);
  return ink;
}
