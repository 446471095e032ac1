// Photos taken as evidence carry EXIF: the phone, the time and often the GPS position of whoever took them.
// Before hashing and storing, each image is decoded and written again by sharp (which writes no metadata
// unless asked), turned upright first so the stripped orientation tag is not missed.
import sharp from "sharp";
import type { FileKind } from "./checks.ts";

/** Images declaring more pixels than this are refused before decoding (decompression bombs). */
const MAX_INPUT_PIXELS = 60_000_000;

sharp.cache(false);

/** The image without metadata, in its own format; undefined when it cannot be decoded. */
export async function reencodeImage(bytes: Buffer, kind: FileKind): Promise<Buffer | undefined> {
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" }).rotate();
    if (kind === "png") return await image.png({ compressionLevel: 9 }).toBuffer();
    if (kind === "webp") return await image.webp({ quality: 90 }).toBuffer();
    return await image.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
  } catch {
    return undefined;
  }
}
