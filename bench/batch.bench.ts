// Print-batch benchmark: a 500-card PDF (front and back, photos, QR codes) from the SVG design through
// svg-to-pdfkit, beside bare pdfkit drawing the same text, photos and QR modules straight onto CR80 pages
// with no SVG. Median of 3 runs after a warm-up.   npx tsx bench/batch.bench.ts
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import sharp from "sharp";
import {
  type CardPrintData,
  DEFAULT_DESIGN,
  renderBatchPdf,
} from "../src/carnetizacion/designs/designs.render.ts";
import { CR80_PT, qrPathData } from "../src/carnetizacion/designs/designs.rules.ts";
import { fixture } from "../test/photos.ts";

const CARDS = Number(process.env.BENCH_CARDS ?? 500);
const RUNS = 3;

/** One distinct 600 × 800 JPEG per card (brightness nudged per card), so no two photos share bytes. */
async function photos(count: number): Promise<Buffer[]> {
  const base = await sharp(fixture("portrait-white-bg.jpg")).resize(600, 800).toBuffer();
  const out: Buffer[] = [];
  for (let i = 0; i < count; i += 8) {
    const batch = Array.from({ length: Math.min(8, count - i) }, (_, j) =>
      sharp(base)
        .modulate({ brightness: 1 + (i + j) / 20_000 })
        .jpeg({ quality: 85 + ((i + j) % 5) })
        .toBuffer(),
    );
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

function cards(photoList: Buffer[]): CardPrintData[] {
  return photoList.map((photo, i) => {
    const code = `7K3M9Q2XW4${String(i).padStart(6, "0")}`;
    return {
      photo,
      firstNames: i % 7 === 0 ? "María de los Ángeles Guadalupe" : "José Luis",
      lastNames: i % 11 === 0 ? "Fernández del Castillo Santacruz de los Ángeles" : "Nariño Pérez",
      document: `CC 1.085.${String(100 + (i % 900)).padStart(3, "0")}.456`,
      dependencia: "Secretaría de Gobierno",
      position: "Profesional universitario",
      bloodType: "O+",
      validUntil: "31/12/2027",
      code,
      verifyUrl: `HTTPS://CARNET.PASTO.GOV.CO/VERIFICAR/${code}`,
      signedPayload: `SIPAP1.${code}.20271231.${"k4Jx9_Qm-2ZpT7wV".repeat(5)}`,
      entityName: "Alcaldía de Pasto",
    };
  });
}

type Run = [value: string, x: number, y: number, size: number, color: string, font?: string, anchor?: string];
const B = "Helvetica-Bold";
const BACK_TEXT: Run[] = [
  ["Este carnet es personal e intransferible.", 36, 136, 26, "#004884", B],
  ["Identifica a su portador como servidor de la", 36, 172, 24, "#1f1f1f"],
  ["entidad mientras esté vigente. Llévelo en un", 36, 202, 24, "#1f1f1f"],
  ["lugar visible y devuélvalo al terminar su vínculo.", 36, 232, 24, "#1f1f1f"],
  ["Si lo encuentra, devuélvalo", 36, 284, 26, "#004884", B],
  ["en cualquier sede de la entidad que lo expidió.", 36, 316, 24, "#1f1f1f"],
  ["Verifique este carnet en", 36, 368, 26, "#004884", B],
  ["carnet.pasto.gov.co/verificar", 36, 400, 24, "#1f1f1f"],
  ["o escanee el código QR de la cara frontal.", 36, 430, 24, "#1f1f1f"],
  ["Verificación", 710, 364, 21.5, "#595959", "Helvetica", "middle"],
  ["sin conexión", 710, 390, 21.5, "#595959", "Helvetica", "middle"],
];
const frontText = (card: CardPrintData): Run[] => [
  [card.entityName, 36, 64, 34, "#ffffff", B],
  ["Carnet institucional", 36, 92, 22, "#ffffff"],
  ["SERVIDOR PÚBLICO", 820, 92, 22, "#ffffff", B, "end"],
  [card.lastNames, 286, 170, 44, "#004884", B],
  [card.firstNames, 286, 214, 36, "#004884"],
  [card.document, 286, 258, 28, "#1f1f1f"],
  ["CARGO", 286, 298, 21.5, "#595959"],
  [card.position, 286, 326, 27, "#1f1f1f", B],
  ["DEPENDENCIA", 286, 362, 21.5, "#595959"],
  [card.dependencia, 286, 390, 25, "#1f1f1f"],
  ["VIGENTE HASTA", 286, 432, 21.5, "#595959"],
  [card.validUntil, 286, 462, 28, "#1f1f1f", B],
  ["RH", 500, 432, 21.5, "#595959"],
  [card.bloodType, 500, 462, 28, "#1f1f1f", B],
  [card.code, 732, 446, 22, "#1f1f1f", "Courier-Bold", "middle"],
];

/** The baseline: every element of the default design drawn with plain pdfkit calls, in its units (0.1 mm). */
async function renderBare(list: CardPrintData[]): Promise<Buffer> {
  const pdf = new PDFDocument({ autoFirstPage: false, margin: 0 });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => pdf.on("end", () => resolve(Buffer.concat(chunks))));
  const page = () =>
    pdf.addPage({ size: [CR80_PT.width, CR80_PT.height], margin: 0 }).scale(CR80_PT.width / 856);
  const texts = (runs: Run[]) => {
    for (const [value, x, y, size, color, font = "Helvetica", anchor] of runs) {
      const width = anchor ? pdf.font(font).fontSize(size).widthOfString(value) : 0;
      const left = anchor === "end" ? x - width : anchor === "middle" ? x - width / 2 : x;
      pdf.fillColor(color).font(font).fontSize(size);
      pdf.text(value, left, y, { lineBreak: false, baseline: "alphabetic" });
    }
  };
  const bands = (headerHeight: number) => {
    pdf.rect(0, 0, 856, 539.8).fill("#ffffff").rect(0, 0, 856, 14).fill("#3366CC");
    pdf.rect(0, 14, 856, headerHeight).fill("#004884").rect(0, 494, 856, 32).fill("#004884");
    pdf.rect(0, 526, 856, 13.8).fill("#3366CC");
  };
  const qr = (value: string, x: number, y: number, side: number) => {
    const { modules } = QRCode.create(value, { errorCorrectionLevel: "M" });
    const m = side / (modules.size + 8);
    pdf.rect(x, y, side, side).fill("#ffffff");
    pdf
      .save()
      .translate(x + 4 * m, y + 4 * m)
      .scale(m);
    pdf.path(qrPathData(modules.size, (r, c) => modules.get(r, c) === 1)).fill("#000000");
    pdf.restore();
  };
  for (const [i, card] of list.entries()) {
    page();
    bands(92);
    pdf.save().rect(36, 130, 222, 296).clip();
    pdf.image(card.photo, 36, 130, { cover: [222, 296], align: "center", valign: "center" }).restore();
    pdf.rect(36, 130, 222, 296).lineWidth(3).stroke("#004884");
    texts(frontText(card));
    qr(card.verifyUrl, 640, 236, 184);
    page();
    bands(70);
    texts([[card.entityName, 36, 60, 30, "#ffffff", B], ...BACK_TEXT]);
    qr(card.signedPayload ?? "", 596, 112, 228);
    if ((i + 1) % 10 === 0) await new Promise(setImmediate); // same yielding as the app, for fairness
  }
  pdf.end();
  return done;
}

async function median(run: () => Promise<Buffer>): Promise<{ ms: number; bytes: number; maxLagMs: number }> {
  await run(); // warm-up: font metrics, module loading
  const results: { ms: number; bytes: number; maxLagMs: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const start = performance.now();
    const pdf = await run();
    const ms = performance.now() - start;
    lag.disable();
    results.push({ ms, bytes: pdf.length, maxLagMs: lag.max / 1e6 });
  }
  results.sort((a, b) => a.ms - b.ms);
  return results[Math.floor(results.length / 2)] as { ms: number; bytes: number; maxLagMs: number };
}

console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}`);
const list = cards(await photos(CARDS));
const photoBytes = list.reduce((sum, card) => sum + card.photo.length, 0);
console.log(
  `${CARDS} cards, front and back (${CARDS * 2} CR80 pages); ${CARDS} distinct photos, ${(photoBytes / 2 ** 20).toFixed(1)} MB of JPEG in all`,
);
const app = await median(() => renderBatchPdf(DEFAULT_DESIGN, list));
const bare = await median(() => renderBare(list));
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
console.log(
  "\n| renderer | time (median of 3) | PDF size | longest event-loop block |\n| --- | ---: | ---: | ---: |",
);
console.log(
  `| SIPAP \`renderBatchPdf\` (SVG design → svg-to-pdfkit) | ${Math.round(app.ms)} ms | ${mb(app.bytes)} | ${Math.round(app.maxLagMs)} ms |`,
);
console.log(
  `| bare pdfkit, same content drawn directly | ${Math.round(bare.ms)} ms | ${mb(bare.bytes)} | ${Math.round(bare.maxLagMs)} ms |`,
);
console.log(`| ratio | ${(app.ms / bare.ms).toFixed(2)}× | | |`);
console.log(
  `\naims: ≤ 2× bare pdfkit (${app.ms <= 2 * bare.ms ? "met" : "not met"}), ≤ 5 s for ${CARDS} cards (${app.ms <= 5000 ? "met" : "not met"})`,
);
