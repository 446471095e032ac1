// Photo processing with sharp: decode safely, orient, measure what the checks need, and produce the
// normalised 3:4 portrait and a metadata-free copy of the original.
import sharp, { type Metadata, type OutputInfo } from "sharp";
import type { DetectedFace, FaceDetector } from "./photos.faces.ts";

/** Images declaring more pixels than this are refused before decoding (decompression bombs). */
export const MAX_INPUT_PIXELS = 50_000_000;
const ANALYSIS_SIDE = 1024;
/** Longest side kept of the original: 8 times what the card prints, and far less to store. */
const ORIGINAL_MAX_SIDE = 2400;
export const PORTRAIT = { width: 600, height: 800 } as const;
export const ACCEPTED_FORMATS = ["jpeg", "png", "webp", "heif"] as const;

export type Rect = { left: number; top: number; width: number; height: number };

export interface Measurements {
  format: string;
  width: number;
  height: number;
  faces: DetectedFace[];
  /** The 3:4 crop around the single face, in original pixels (may reach beyond the image). */
  crop: Rect;
  /** How far the crop reaches beyond the image, as a share of the crop's size, per side. */
  overflow: { top: number; bottom: number; sides: number };
  background?: { lightness: number; chroma: number; spread: number };
  colouredShare?: number;
  redHueShare?: number;
  sharpness?: number;
  faceLightness?: number;
}

export class UndecodableImageError extends Error {
  constructor(readonly reason: "format" | "corrupt" | "too_many_pixels") {
    super(`undecodable image: ${reason}`);
  }
}

/** Reads the header only, so a tiny file declaring 30000×30000 pixels costs nothing. */
async function inspect(input: Buffer) {
  let meta: Metadata;
  try {
    // Header only: no pixel limit here, so an oversized declaration is reported as such just below.
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new UndecodableImageError("format");
  }
  if (!meta.format || !(ACCEPTED_FORMATS as readonly string[]).includes(meta.format))
    throw new UndecodableImageError("format");
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width * height > MAX_INPUT_PIXELS) throw new UndecodableImageError("too_many_pixels");
  const sideways = (meta.orientation ?? 1) >= 5;
  return { format: meta.format, width: sideways ? height : width, height: sideways ? width : height };
}

// Uploads are never processed twice: libvips' operation cache would only hold memory.
sharp.cache(false);

const open = (input: Buffer) =>
  sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" }).rotate();

/** The ID framing around a face: face (mesh) height is half the crop, its top a quarter down. */
function cropAround(face: DetectedFace): Rect {
  const [x, y, w, h] = face.box;
  const height = h / 0.5;
  const width = (height * 3) / 4;
  return { left: x + w / 2 - width / 2, top: y - height * 0.25, width, height };
}

function centreCrop(width: number, height: number): Rect {
  const cropWidth = Math.min(width, (height * 3) / 4);
  const cropHeight = (cropWidth * 4) / 3;
  return {
    left: (width - cropWidth) / 2,
    top: (height - cropHeight) / 2,
    width: cropWidth,
    height: cropHeight,
  };
}

interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}

/** Calls `visit` with the colour of every pixel of a rectangle (clipped to the image). */
function eachPixel(px: Pixels, r: Rect, visit: (red: number, green: number, blue: number) => void) {
  const x0 = Math.max(0, Math.round(r.left));
  const y0 = Math.max(0, Math.round(r.top));
  const x1 = Math.min(px.width, Math.round(r.left + r.width));
  const y1 = Math.min(px.height, Math.round(r.top + r.height));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * px.width + x) * 3;
      visit(px.data[i] ?? 0, px.data[i + 1] ?? 0, px.data[i + 2] ?? 0);
    }
  }
}

/** Mean and spread of lightness and chroma over the pixels of some rectangles. */
function regionStats(px: Pixels, rects: Rect[]) {
  let [n, sumL, sumL2, sumC] = [0, 0, 0, 0];
  for (const r of rects) {
    eachPixel(px, r, (red, green, blue) => {
      const l = 0.299 * red + 0.587 * green + 0.114 * blue;
      n++;
      sumL += l;
      sumL2 += l * l;
      sumC += Math.max(red, green, blue) - Math.min(red, green, blue);
    });
  }
  if (n === 0) return undefined;
  const lightness = sumL / n;
  return { lightness, chroma: sumC / n, spread: Math.sqrt(Math.max(0, sumL2 / n - lightness * lightness)) };
}

/**
 * Colour of the face: the share of its pixels that carry colour (0 in black and white), and among those
 * the share whose hue is red to orange (skin, lips, cheeks, of any skin tone). A sepia print is
 * coloured but all of one yellow-brown hue, so almost none of its pixels are red to orange.
 */
function faceColour(px: Pixels, r: Rect): { colouredShare: number; redHueShare: number } {
  let [coloured, reddish, n] = [0, 0, 0];
  eachPixel(px, r, (red, green, blue) => {
    n++;
    if (Math.max(red, green, blue) - Math.min(red, green, blue) < 15) return;
    coloured++;
    const hue = (Math.atan2(Math.sqrt(3) * (green - blue), 2 * red - green - blue) * 180) / Math.PI;
    if (hue > -30 && hue < 30) reddish++;
  });
  return { colouredShare: n === 0 ? 0 : coloured / n, redHueShare: coloured === 0 ? 0 : reddish / coloured };
}

/**
 * Variance of the Laplacian over the face, at a fixed scale and with the contrast stretched (so a dark
 * but sharp photo is not mistaken for a blurred one): low means out of focus. Works on the small
 * analysis pixels already in memory, never on the full-size photo.
 */
async function faceSharpness(px: Pixels, face: Rect): Promise<number> {
  const left = Math.max(0, Math.round(face.left));
  const top = Math.max(0, Math.round(face.top));
  const region = await sharp(px.data, { raw: { width: px.width, height: px.height, channels: 3 } })
    .extract({
      left,
      top,
      width: Math.max(1, Math.min(px.width - left, Math.round(face.width))),
      height: Math.max(1, Math.min(px.height - top, Math.round(face.height))),
    })
    .resize({ width: 200 })
    .greyscale()
    .normalise()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { data, info } = region;
  let n = 0;
  let sum = 0;
  let sum2 = 0;
  for (let y = 1; y < info.height - 1; y++) {
    for (let x = 1; x < info.width - 1; x++) {
      const i = y * info.width + x;
      const lap =
        4 * (data[i] ?? 0) -
        (data[i - 1] ?? 0) -
        (data[i + 1] ?? 0) -
        (data[i - info.width] ?? 0) -
        (data[i + info.width] ?? 0);
      n++;
      sum += lap;
      sum2 += lap * lap;
    }
  }
  const mean = sum / Math.max(1, n);
  return sum2 / Math.max(1, n) - mean * mean;
}

const scaleRect = (r: Rect, k: number): Rect => ({
  left: r.left * k,
  top: r.top * k,
  width: r.width * k,
  height: r.height * k,
});

/**
 * The photo decoded once: upright, sRGB, on white, at most 2400 px on its longest side (JPEG decoders
 * shrink while decoding, so a 24-megapixel upload never sits in memory at full size). Everything else
 * (measurements, portrait, kept original) is derived from these pixels.
 */
export interface WorkingImage {
  format: string;
  /** Size of the upright original, in its own pixels. */
  width: number;
  height: number;
  pixels: Pixels;
}

export async function decodePhoto(input: Buffer): Promise<WorkingImage> {
  const { format, width, height } = await inspect(input);
  try {
    const { data, info } = await open(input)
      .resize({
        width: ORIGINAL_MAX_SIDE,
        height: ORIGINAL_MAX_SIDE,
        fit: "inside",
        withoutEnlargement: true,
      })
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { format, width, height, pixels: { data, width: info.width, height: info.height } };
  } catch {
    throw new UndecodableImageError("corrupt");
  }
}

const fromPixels = (px: Pixels) =>
  sharp(px.data, { raw: { width: px.width, height: px.height, channels: 3 } });

export async function measurePhoto(image: WorkingImage, detector: FaceDetector): Promise<Measurements> {
  const { format, width, height } = image;
  const analysis: { data: Buffer; info: OutputInfo } = await fromPixels(image.pixels)
    .resize({ width: ANALYSIS_SIDE, height: ANALYSIS_SIDE, fit: "inside", withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const px: Pixels = { data: analysis.data, width: analysis.info.width, height: analysis.info.height };
  const k = width / px.width; // analysis → original pixels
  const found = await detector.detect(px.data, px.width, px.height);
  const faces = found.map((f) => ({
    ...f,
    box: f.box.map((v) => Math.round(v * k)) as DetectedFace["box"],
  }));
  const base = { format, width, height, faces };
  const [face] = faces;
  if (faces.length !== 1 || !face) {
    return { ...base, crop: centreCrop(width, height), overflow: { top: 0, bottom: 0, sides: 0 } };
  }
  const crop = cropAround(face);
  const overflow = {
    top: Math.max(0, -crop.top) / crop.height,
    bottom: Math.max(0, crop.top + crop.height - height) / crop.height,
    sides: Math.max(0, -crop.left, crop.left + crop.width - width) / crop.width,
  };
  const [fx, fy, fw, fh] = face.box;
  const faceRect: Rect = { left: fx, top: fy, width: fw, height: fh };
  // Background: a band above the hair and bands beside the head, above the shoulders.
  const backgroundRects: Rect[] = [
    { left: fx - 0.3 * fw, top: fy - 1.0 * fh, width: 1.6 * fw, height: 0.4 * fh },
    { left: fx - 0.95 * fw, top: fy, width: 0.45 * fw, height: 0.6 * fh },
    { left: fx + 1.5 * fw, top: fy, width: 0.45 * fw, height: 0.6 * fh },
  ];
  const background = regionStats(
    px,
    backgroundRects.map((r) => scaleRect(r, 1 / k)),
  );
  const faceStats = regionStats(px, [scaleRect(faceRect, 1 / k)]);
  return {
    ...base,
    crop,
    overflow,
    background,
    ...faceColour(px, scaleRect(faceRect, 1 / k)),
    sharpness: await faceSharpness(px, scaleRect(faceRect, 1 / k)),
    faceLightness: faceStats?.lightness,
  };
}

/**
 * The normalised portrait in one pass: the part of the 3:4 crop inside the photo, scaled to its place
 * in 600×800, with white where the crop reaches beyond the photo.
 */
export async function renderPortrait(image: WorkingImage, m: Measurements): Promise<Buffer> {
  const k = image.pixels.width / image.width; // original → working pixels
  const c = {
    left: m.crop.left * k,
    top: m.crop.top * k,
    width: m.crop.width * k,
    height: m.crop.height * k,
  };
  const scale = PORTRAIT.width / c.width;
  const inside = {
    left: Math.max(0, Math.floor(c.left)),
    top: Math.max(0, Math.floor(c.top)),
    right: Math.min(image.pixels.width, Math.ceil(c.left + c.width)),
    bottom: Math.min(image.pixels.height, Math.ceil(c.top + c.height)),
  };
  const width = Math.max(1, Math.min(PORTRAIT.width, Math.round((inside.right - inside.left) * scale)));
  const height = Math.max(1, Math.min(PORTRAIT.height, Math.round((inside.bottom - inside.top) * scale)));
  const left = Math.min(PORTRAIT.width - width, Math.max(0, Math.round((inside.left - c.left) * scale)));
  const top = Math.min(PORTRAIT.height - height, Math.max(0, Math.round((inside.top - c.top) * scale)));
  return fromPixels(image.pixels)
    .extract({
      left: inside.left,
      top: inside.top,
      width: inside.right - inside.left,
      height: inside.bottom - inside.top,
    })
    .resize(width, height, { fit: "fill" })
    .extend({
      left,
      top,
      right: PORTRAIT.width - width - left,
      bottom: PORTRAIT.height - height - top,
      background: { r: 255, g: 255, b: 255 },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The original as kept privately: upright, at most 2400 px, without any metadata (GPS, camera). */
export function encodeOriginal(image: WorkingImage): Promise<Buffer> {
  return fromPixels(image.pixels).jpeg({ quality: 90 }).toBuffer();
}
