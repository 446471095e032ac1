// Photo pipeline benchmark (issue 3): the whole pipeline (decode, orient, checks with face detection,
// crop, encode) beside bare sharp doing only decode + resize of the same file; and peak memory with
// 4 uploads at once.   npm run bench:photo
import os from "node:os";
import sharp from "sharp";
import { faceDetector } from "../src/carnetizacion/photos/photos.faces.ts";
import { checkPhoto } from "../src/carnetizacion/photos/photos.service.ts";
import { fixture } from "../test/photos.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 10);

async function timeIt(run: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** A 24-megapixel camera-like JPEG of about 9 MB, built from the fixture portrait with grain. */
async function largePhoto(): Promise<Buffer> {
  const width = 4000;
  const height = 6000;
  const grain = Buffer.alloc(width * height * 3);
  for (let i = 0; i < grain.length; i++) grain[i] = Math.floor(Math.random() * 40);
  const base = await sharp(fixture("portrait-white-bg.jpg")).resize(width, height).raw().toBuffer();
  for (let i = 0; i < base.length; i++)
    base[i] = Math.min(255, Math.max(0, (base[i] ?? 0) + (grain[i] ?? 0) - 20));
  return sharp(base, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

const bareSharp = (input: Buffer) => sharp(input).resize(600, 800).jpeg().toBuffer();

async function peakRss(run: () => Promise<unknown>): Promise<number> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  await run();
  clearInterval(timer);
  return Math.max(peak, process.memoryUsage().rss);
}

console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, sharp ${sharp.versions.sharp}`,
);
const loadStart = performance.now();
await faceDetector();
console.log(`face models loaded once per process in ${Math.round(performance.now() - loadStart)} ms`);

const small = fixture("portrait-white-bg.jpg");
const large = await largePhoto();
console.log(
  "\n| photo | SIPAP pipeline (median) | bare sharp decode + resize | ratio |\n| --- | ---: | ---: | ---: |",
);
for (const [name, input] of [
  ["600×800 JPEG, 77 kB", small],
  [`6000×4000 JPEG, ${(large.length / 2 ** 20).toFixed(1)} MB`, large],
] as const) {
  const pipeline = await timeIt(() => checkPhoto(input));
  const bare = await timeIt(() => bareSharp(input));
  console.log(
    `| ${name} | ${Math.round(pipeline)} ms | ${Math.round(bare)} ms | ${(pipeline / bare).toFixed(1)}× |`,
  );
}

const before = process.memoryUsage().rss;
const rss = await peakRss(() => Promise.all([1, 2, 3, 4].map(() => checkPhoto(large))));
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
console.log(
  `\npeak RSS with 4 large uploads at once: ${mb(rss)} (aim ≤ 400 MB); the process held ${mb(before)} before them, face models included`,
);
