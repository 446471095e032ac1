import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
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
  renderBatchPdf,
  renderPreviewPng,
} from "./designs.render.ts";
import { CR80_MM, CR80_PT, ELLIPSIS, parseSvg } from "./designs.rules.ts";

const run = promisify(execFile);
const LONG_LAST_NAMES = "Fernández del Castillo Santacruz de los Ángeles Ortega Muñoz";

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
  card("WWMM0123456789XY", { lastNames: LONG_LAST_NAMES, firstNames: "Ana" }),
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

  it("shrinks and cuts a 60-character last name so it stays inside its box", async () => {
    expect(LONG_LAST_NAMES).toHaveLength(60);
    const page = frontPage(1);
    expect(await pageText(page)).toContain(`${ELLIPSIS}`);
    const { stdout } = await run("pdftotext", ["-bbox", "-f", `${page}`, "-l", `${page}`, pdfPath, "-"]);
    const words = [
      ...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</g),
    ];
    const first = words.find((w) => w[4] === "Fernández");
    expect(first).toBeDefined();
    const line = words.filter((w) => Math.abs(Number(w[2]) - Number(first?.[2])) < 1);
    const right = Math.max(...line.map((w) => Number(w[3])));
    // The default design's apellidos box ends at x = 286 + 534 of 856 units.
    expect(right).toBeLessThanOrEqual((820 / 856) * CR80_PT.width + 0.5);
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
});
