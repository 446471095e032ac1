// Decoding a PDF stream as a viewer would (part of pdf-scan.ts): Flate (zlib), ASCIIHex and ASCII85,
// in the order the dictionary lists them, then a PNG or TIFF predictor. Every other filter is not decoded:
// the caller refuses what it must read and cannot.
import { inflateSync } from "node:zlib";

export type Filter = "flate" | "hex" | "a85" | "image" | "other";
export const FILTERS: Record<string, Filter> = {
  FlateDecode: "flate",
  Fl: "flate",
  ASCIIHexDecode: "hex",
  AHx: "hex",
  ASCII85Decode: "a85",
  A85: "a85",
  DCTDecode: "image",
  DCT: "image",
  JPXDecode: "image",
  CCITTFaxDecode: "image",
  CCF: "image",
  JBIG2Decode: "image",
};

export interface Reading {
  objectStream: boolean;
  /** An image or a font program: not decoded, and its bytes are not read as text. */
  skip: boolean;
  /** Undefined when the dictionary names its filters in a way SIPAP cannot follow (an indirect object). */
  filters: Filter[] | undefined;
  predictor: { kind: number; colors: number; bits: number; columns: number } | undefined | "unknown";
}

type Decoded = Buffer | "invalid" | "too_large";

function decodeHex(data: Buffer): Decoded {
  const text = data.toString("latin1");
  const end = text.indexOf(">");
  const digits = (end < 0 ? text : text.slice(0, end)).replace(/[\0\t\n\f\r ]/g, "");
  if (/[^0-9a-fA-F]/.test(digits)) return "invalid";
  return Buffer.from(digits.length % 2 ? `${digits}0` : digits, "hex");
}

function decodeAscii85(data: Buffer): Decoded {
  const text = data.toString("latin1");
  const end = text.indexOf("~>");
  const chars = (end < 0 ? text : text.slice(0, end)).replace(/[\0\t\n\f\r ]/g, "");
  if (/[^!-uz]/.test(chars)) return "invalid";
  const out = Buffer.alloc(chars.length * 4);
  let length = 0;
  let group: number[] = [];
  const flush = (count: number) => {
    let value = 0;
    for (let j = 0; j < 5; j++) value = value * 85 + (group[j] ?? 84);
    for (let j = 0; j < count; j++) out[length++] = (value >>> (24 - 8 * j)) & 255;
    group = [];
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i);
    if (c === 122 && group.length === 0)
      length += 4; // «z»: four zero bytes
    else if (c === 122) return "invalid";
    else if (group.push(c - 33) === 5) flush(4);
  }
  if (group.length === 1) return "invalid";
  if (group.length > 0) flush(group.length - 1);
  return out.subarray(0, length);
}

/** PNG (10–15) and TIFF (2) predictors, applied after Flate: what the viewer reads is the undone rows. */
function undoPredictor(
  data: Buffer,
  p: { kind: number; colors: number; bits: number; columns: number },
): Decoded {
  const pixel = Math.max(1, Math.ceil((p.colors * p.bits) / 8));
  const row = Math.ceil((p.colors * p.bits * p.columns) / 8);
  if (row < 1 || row > 1 << 24) return "invalid";
  if (p.kind === 2) {
    if (p.bits !== 8) return "invalid";
    const out = Buffer.from(data);
    for (let i = 0; i < out.length; i++)
      if (i % row >= pixel) out[i] = ((out[i] ?? 0) + (out[i - pixel] ?? 0)) & 255;
    return out;
  }
  if (p.kind < 10) return "invalid";
  const rows = Math.ceil(data.length / (row + 1));
  const out = Buffer.alloc(rows * row);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (row + 1)];
    for (let i = 0; i < row; i++) {
      const raw = data[r * (row + 1) + 1 + i] ?? 0;
      const left = i >= pixel ? (out[r * row + i - pixel] ?? 0) : 0;
      const up = r > 0 ? (out[(r - 1) * row + i] ?? 0) : 0;
      const corner = r > 0 && i >= pixel ? (out[(r - 1) * row + i - pixel] ?? 0) : 0;
      const guess = left + up - corner;
      const paeth =
        Math.abs(guess - left) <= Math.abs(guess - up) && Math.abs(guess - left) <= Math.abs(guess - corner)
          ? left
          : Math.abs(guess - up) <= Math.abs(guess - corner)
            ? up
            : corner;
      const add = [0, left, up, (left + up) >> 1, paeth][type ?? 0];
      if (add === undefined) return "invalid";
      out[r * row + i] = (raw + add) & 255;
    }
  }
  return out;
}

export function decode(data: Buffer, reading: Reading, budget: { left: number }): Decoded {
  let current = data;
  for (const filter of reading.filters ?? []) {
    let next: Decoded;
    if (filter === "hex") next = decodeHex(current);
    else if (filter === "a85") next = decodeAscii85(current);
    else if (filter !== "flate") return "invalid";
    else if (current.length < 16 && current.toString("latin1").trim() === "") next = Buffer.alloc(0);
    else
      try {
        next = inflateSync(current, { maxOutputLength: Math.max(1, budget.left) });
      } catch (error) {
        const code = (error as { code?: string }).code;
        return code === "ERR_BUFFER_TOO_LARGE" ? "too_large" : "invalid";
      }
    if (typeof next === "string") return next;
    budget.left -= next.length;
    if (budget.left < 0) return "too_large";
    current = next;
  }
  if (reading.predictor === "unknown") return "invalid";
  return reading.predictor ? undoPredictor(current, reading.predictor) : current;
}
