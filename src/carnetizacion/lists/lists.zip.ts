// Zip guard for uploaded .xlsx/.xlsm files. exceljs inflates whatever an archive holds, so before it sees a
// file we read the central directory ourselves and refuse archives that would expand too much (zip bombs),
// without inflating anything. The parts needed to read cell values are then inflated once with a hard cap
// (so a header that lies about its size cannot blow up either) and re-packed in a small archive of our own:
// only those parts (macros, images and drawings never reach exceljs), in the order its streaming reader
// needs to parse worksheets directly instead of spilling them, with people's data, to temporary files.
import { crc32, inflateRawSync } from "node:zlib";

/** Total declared uncompressed size of an archive. A 10,000-row contratistas list is about 7 MB. */
export const MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
/** Compression ratio refused on entries over LARGE_ENTRY_BYTES; real sheets are ~10:1, link lists ~30:1. */
export const MAX_ENTRY_RATIO = 200;
const LARGE_ENTRY_BYTES = 1024 * 1024;
const MAX_ENTRIES = 10_000;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  /** Declared uncompressed size. */
  size: number;
  compressed: Buffer;
}

export type ZipProblem = "corrupt" | "too_large";
export type ZipDirectory = { ok: true; entries: ZipEntry[] } | { ok: false; problem: ZipProblem };

function findEndOfDirectory(file: Buffer): number {
  const lowest = Math.max(0, file.length - 22 - 0xffff);
  for (let at = file.length - 22; at >= lowest; at--) if (file.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  return -1;
}

/** ZIP64 sizes live in an extra field; offsets only appear for the fields marked 0xFFFFFFFF. */
function readZip64Sizes(extra: Buffer, size: number, compressedSize: number): [number, number] {
  for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
    if (extra.readUInt16LE(at) !== 1) continue;
    let field = at + 4;
    const next = () => {
      const value = field + 8 <= extra.length ? Number(extra.readBigUInt64LE(field)) : Number.NaN;
      field += 8;
      return value;
    };
    const realSize = size === ZIP64_MARK ? next() : size;
    return [realSize, compressedSize === ZIP64_MARK ? next() : compressedSize];
  }
  return [Number.NaN, Number.NaN];
}

/** Reads the central directory and checks sizes and ratios. Inflates nothing. */
export function readZipDirectory(file: Buffer): ZipDirectory {
  const end = findEndOfDirectory(file);
  if (end < 0) return { ok: false, problem: "corrupt" };
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  // Only archives over 4 GB or 65,535 entries need a ZIP64 directory: no list does.
  if (count === 0xffff || at === ZIP64_MARK) return { ok: false, problem: "too_large" };
  if (count > MAX_ENTRIES) return { ok: false, problem: "too_large" };
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let index = 0; index < count; index++) {
    if (at + 46 > end || file.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      return { ok: false, problem: "corrupt" };
    const flags = file.readUInt16LE(at + 8);
    const method = file.readUInt16LE(at + 10);
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const local = file.readUInt32LE(at + 42);
    const name = file.toString("utf8", at + 46, at + 46 + nameLength);
    let size = file.readUInt32LE(at + 24);
    let compressedSize = file.readUInt32LE(at + 20);
    if (size === ZIP64_MARK || compressedSize === ZIP64_MARK) {
      const extra = file.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
      [size, compressedSize] = readZip64Sizes(extra, size, compressedSize);
    }
    const entry = { name, method, crc: file.readUInt32LE(at + 16), size };
    at += 46 + nameLength + extraLength + file.readUInt16LE(at + 32);

    if (!Number.isSafeInteger(size) || !Number.isSafeInteger(compressedSize))
      return { ok: false, problem: "corrupt" };
    total += size;
    if (total > MAX_UNCOMPRESSED_BYTES) return { ok: false, problem: "too_large" };
    if (size > LARGE_ENTRY_BYTES && size > compressedSize * MAX_ENTRY_RATIO)
      return { ok: false, problem: "too_large" };
    // Encrypted entries (flag bit 0) and methods other than stored/deflate are not something Excel writes.
    if (flags & 1 || (method !== 0 && method !== 8) || (method === 0 && size !== compressedSize))
      return { ok: false, problem: "corrupt" };
    if (local + 30 > file.length || file.readUInt32LE(local) !== LOCAL_SIGNATURE)
      return { ok: false, problem: "corrupt" };
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    if (start + compressedSize > file.length) return { ok: false, problem: "corrupt" };
    entries.push({ ...entry, compressed: file.subarray(start, start + compressedSize) });
  }
  return { ok: true, entries };
}

/** Inflates an entry, never past its declared size, and checks its CRC. */
export function inflateEntry(
  entry: ZipEntry,
): { ok: true; data: Buffer } | { ok: false; problem: ZipProblem } {
  let data: Buffer;
  try {
    data =
      entry.method === 0
        ? entry.compressed
        : inflateRawSync(entry.compressed, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    const tooLarge = (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
    return { ok: false, problem: tooLarge ? "too_large" : "corrupt" };
  }
  if (data.length !== entry.size || crc32(data) !== entry.crc) return { ok: false, problem: "corrupt" };
  return { ok: true, data };
}

/** Writes a plain zip (no data descriptors, no ZIP64) of already compressed entries, in the given order. */
export function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_SIGNATURE, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0
    header.writeUInt16LE(0x0800, 6); // names in UTF-8
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.compressed.length, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_SIGNATURE, 0);
    central.writeUInt16LE(20, 4);
    header.copy(central, 6, 4, 30); // same fields from "version needed" to "name length"
    central.writeUInt32LE(offset, 42);
    locals.push(header, name, entry.compressed);
    centrals.push(central, name);
    offset += 30 + name.length + entry.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD_SIGNATURE, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
