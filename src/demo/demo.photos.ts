// Demo photos: varied versions of the fixture portraits (crops, margins, small light and colour changes),
// run through the real photo pipeline (decode, measure, checks, 3:4 portrait, clean original) except the
// face detector: the face position of each portrait was measured once with the real detector
// (demo.service.test.ts checks it still matches) and is moved along with each crop, so hundreds of demo
// photos cost milliseconds each and their stored checks are exactly what SIPAP computes for those files.
import { readFileSync } from "node:fs";
import sharp from "sharp";
import { evaluateChecks, sizeCheck } from "../carnetizacion/photos/photos.checks.ts";
import type { DetectedFace, FaceDetector } from "../carnetizacion/photos/photos.faces.ts";
import {
  decodePhoto,
  encodeOriginal,
  measurePhoto,
  renderPortrait,
} from "../carnetizacion/photos/photos.image.ts";
import type { CheckedPhoto } from "../carnetizacion/photos/photos.service.ts";

export type PortraitName = "white-bg" | "grey-backdrop" | "dark" | "grayscale" | "blurred";

/** What the real detector finds on each 600×800 portrait in ./photos (same person, NASA, public domain). */
export const PORTRAIT_FACES: Record<PortraitName, DetectedFace> = {
  "white-bg": { box: [167, 156, 212, 243], score: 0.91, yaw: 0, pitch: 6.6, roll: 3.5 },
  "grey-backdrop": { box: [167, 157, 212, 243], score: 0.91, yaw: 0.6, pitch: 6.1, roll: 3.3 },
  dark: { box: [167, 157, 214, 244], score: 0.9, yaw: 0.7, pitch: 7.7, roll: 3.7 },
  grayscale: { box: [167, 157, 214, 244], score: 0.86, yaw: 0.2, pitch: 5.2, roll: 3 },
  blurred: { box: [167, 153, 212, 246], score: 0.87, yaw: -0.3, pitch: 7.5, roll: 3.2 },
};

export const portraitFile = (name: PortraitName) =>
  readFileSync(new URL(`./photos/portrait-${name}.jpg`, import.meta.url));

interface Variant {
  /** Pixels taken away (negative: white margin added) on each side of the 600×800 portrait. */
  trim?: { left: number; top: number; right: number; bottom: number };
  /** Scale after trimming. */
  scale?: number;
  brightness?: number;
  /** Per-channel multipliers: a warm or cool cast of a phone camera. */
  cast?: [number, number, number];
}

// Each stays within what the checks accept: the head well framed, the background white enough.
const GOOD_VARIANTS: Variant[] = [
  {},
  { trim: { left: -120, top: -60, right: -120, bottom: -140 }, brightness: 1.03 },
  { trim: { left: 40, top: 30, right: 40, bottom: 70 }, cast: [1.03, 1, 0.96] },
  { scale: 1.3, brightness: 0.97 },
  { trim: { left: -200, top: 0, right: -200, bottom: 0 }, cast: [0.97, 1, 1.03] },
  { trim: { left: 20, top: 0, right: 60, bottom: 40 }, scale: 1.2, brightness: 1.04 },
];

function moveFace(face: DetectedFace, v: Variant): DetectedFace {
  const [x, y, w, h] = face.box;
  const k = v.scale ?? 1;
  const left = v.trim?.left ?? 0;
  const top = v.trim?.top ?? 0;
  return {
    ...face,
    box: [(x - left) * k, (y - top) * k, w * k, h * k].map(Math.round) as DetectedFace["box"],
  };
}

async function applyVariant(input: Buffer, v: Variant): Promise<Buffer> {
  let image = sharp(input);
  const t = v.trim;
  if (t) {
    const grow = { left: -t.left, top: -t.top, right: -t.right, bottom: -t.bottom };
    const cut = { left: Math.max(0, t.left), top: Math.max(0, t.top) };
    const width = 600 - Math.max(0, t.left) - Math.max(0, t.right);
    const height = 800 - Math.max(0, t.top) - Math.max(0, t.bottom);
    image = sharp(await image.extract({ ...cut, width, height }).toBuffer()).extend({
      left: Math.max(0, grow.left),
      top: Math.max(0, grow.top),
      right: Math.max(0, grow.right),
      bottom: Math.max(0, grow.bottom),
      background: "#ffffff",
    });
    image = sharp(await image.toBuffer());
  }
  if (v.scale) {
    const { width = 600 } = await image.clone().metadata();
    image = sharp(await image.resize({ width: Math.round(width * v.scale) }).toBuffer());
  }
  if (v.brightness) image = image.modulate({ brightness: v.brightness });
  if (v.cast) image = image.linear(v.cast, [0, 0, 0]);
  return image.jpeg({ quality: 88 }).toBuffer();
}

/** The real pipeline of photos.service's checkPhoto, with the face already known. */
export async function checkDemoPhoto(upload: Buffer, face: DetectedFace): Promise<CheckedPhoto> {
  const image = await decodePhoto(upload);
  // measurePhoto scales the detector's box up from its analysis copy (longest side 1024): hand it the
  // box in those pixels.
  const analysisScale = Math.min(1, 1024 / Math.max(image.width, image.height));
  const scaled = { ...face, box: face.box.map((v) => v * analysisScale) as DetectedFace["box"] };
  const detector: FaceDetector = { detect: async () => [scaled] };
  const measurements = await measurePhoto(image, detector);
  const checks = [sizeCheck(upload.length), ...evaluateChecks(measurements)];
  const [portrait, original] = await Promise.all([
    renderPortrait(image, measurements),
    encodeOriginal(image),
  ]);
  return { checks, passed: checks.every((c) => c.ok), files: { portrait, original } };
}

export interface DemoPhotoSet {
  /** Photos that pass every check, in several looks. */
  good: CheckedPhoto[];
  /** One photo failing a check, per problem: grey background, too dark, black and white, blurred. */
  failing: Record<Exclude<PortraitName, "white-bg">, CheckedPhoto>;
}

export async function makeDemoPhotos(): Promise<DemoPhotoSet> {
  const base = portraitFile("white-bg");
  const face = PORTRAIT_FACES["white-bg"];
  const good = await Promise.all(
    GOOD_VARIANTS.map(async (v) => checkDemoPhoto(await applyVariant(base, v), moveFace(face, v))),
  );
  const names = ["grey-backdrop", "dark", "grayscale", "blurred"] as const;
  const failing = await Promise.all(names.map((n) => checkDemoPhoto(portraitFile(n), PORTRAIT_FACES[n])));
  return {
    good,
    failing: Object.fromEntries(names.map((n, i) => [n, failing[i]])) as DemoPhotoSet["failing"],
  };
}
