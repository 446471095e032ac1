// Zip guard for uploaded .xlsx/.xlsm files (campaign lists, plans). exceljs inflates whatever an archive holds, so before it sees a
// file, fflate reads the central directory and its filter looks at every entry's declared sizes and method
// without inflating anything: archives that would expand too much (zip bombs) are refused there. The parts
// needed to read cell values are then taken out by fflate's streaming Unzip and inflated by Node's zlib with
// a hard cap at the size the directory declared (a header that lies about its size cannot blow up either;
// zlib is also ~10× faster than inflating in JavaScript). They are re-packed, stored, in a small archive of
// our own: only those parts (macros, images and drawings never reach exceljs), in the order its streaming
// reader needs to parse worksheets directly instead of spilling them, with people's data, to temporary files.
import { inflateRawSync } from "node:zlib";
import {
  type AsyncFlateStreamHandler,
  Unzip,
  type UnzipDecoder,
  unzipSync,
  type Zippable,
  zipSync,
} from "fflate";

/** Total declared uncompressed size of an archive by default. A 10,000-row contratistas list is about 7 MB. */
export const MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
/** Compression ratio refused on entries over LARGE_ENTRY_BYTES; real sheets are ~10:1, link lists ~30:1. */
export const MAX_ENTRY_RATIO = 200;
const LARGE_ENTRY_BYTES = 1024 * 1024;
const MAX_ENTRIES = 10_000;

/** One entry as the central directory declares it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  compression: number;
  /** Declared compressed size. */
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
}

export type ZipProblem = "corrupt" | "too_large";
type Refusal = { ok: false; problem: ZipProblem };

const END_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const END_RECORD_BYTES = 22;
/** The end record plus the longest comment it can carry. */
const END_SEARCH_BYTES = END_RECORD_BYTES + 0xffff;
const CENTRAL_HEADER_BYTES = 46;

/**
 * Checks the end-of-central-directory record before fflate walks the directory: fflate trusts its entry count
 * and reads that many headers without checking their signatures (reads past the end give zeros), so a tiny
 * file claiming millions of entries would block the process or run it out of memory. ZIP64 is refused
 * outright: Excel does not write it for files of the size accepted here.
 */
function checkEndRecord(file: Uint8Array): Refusal | undefined {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const lowest = Math.max(0, file.length - END_SEARCH_BYTES);
  let end = file.length - END_RECORD_BYTES;
  while (end >= lowest && view.getUint32(end, true) !== END_SIGNATURE) end--;
  if (end < lowest) return { ok: false, problem: "corrupt" };
  const signatureAt = (at: number) => (at >= 0 ? view.getUint32(at, true) : 0);
  // The locator sits right before the end record, the ZIP64 end record (without extensible data) before it.
  if (signatureAt(end - 20) === ZIP64_LOCATOR_SIGNATURE || signatureAt(end - 56) === ZIP64_END_SIGNATURE)
    return { ok: false, problem: "too_large" };
  const disk = view.getUint16(end + 4, true);
  const directoryDisk = view.getUint16(end + 6, true);
  const entriesOnDisk = view.getUint16(end + 8, true);
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  // All-ones fields say "see the ZIP64 record".
  if (
    [disk, directoryDisk, entriesOnDisk, count].includes(0xffff) ||
    [directorySize, directoryOffset].includes(0xffffffff)
  )
    return { ok: false, problem: "too_large" };
  if (count > MAX_ENTRIES) return { ok: false, problem: "too_large" };
  // Split archives, and a directory that cannot hold the entries it counts or lies past the end record.
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== count) return { ok: false, problem: "corrupt" };
  if (count * CENTRAL_HEADER_BYTES > directorySize || count * CENTRAL_HEADER_BYTES > file.length)
    return { ok: false, problem: "corrupt" };
  if (directoryOffset + directorySize > end) return { ok: false, problem: "corrupt" };
  return undefined;
}

/** Thrown from fflate's filter to stop its loop at the first refused entry. */
class Refused extends Error {
  constructor(readonly problem: ZipProblem) {
    super(`zip refused: ${problem}`);
  }
}

/**
 * Reads the central directory and checks sizes, ratios and methods. Inflates nothing. A reader that keeps the
 * whole workbook in memory (plans, with their merged cells) passes a lower total than the streaming one.
 */
export function inspectZip(
  file: Uint8Array,
  maxUncompressedBytes = MAX_UNCOMPRESSED_BYTES,
): { ok: true; entries: ZipEntry[] } | Refusal {
  const refused = checkEndRecord(file);
  if (refused) return refused;
  const entries: ZipEntry[] = [];
  let total = 0;
  try {
    unzipSync(file, {
      filter(info) {
        const entry = {
          name: info.name,
          compression: info.compression,
          compressedSize: info.size,
          size: info.originalSize,
        };
        entries.push(entry);
        if (!Number.isSafeInteger(entry.size) || !Number.isSafeInteger(entry.compressedSize))
          throw new Refused("corrupt");
        total += entry.size;
        // A size problem is checked first: it is the one that says why the file cannot be read safely.
        if (entries.length > MAX_ENTRIES || total > maxUncompressedBytes) throw new Refused("too_large");
        if (entry.size > LARGE_ENTRY_BYTES && entry.size > entry.compressedSize * MAX_ENTRY_RATIO)
          throw new Refused("too_large");
        // Methods other than stored/deflate are not something Excel writes.
        if (
          (entry.compression !== 0 && entry.compression !== 8) ||
          (entry.compression === 0 && entry.size !== entry.compressedSize)
        )
          throw new Refused("corrupt");
        return false; // never inflate here
      },
    });
  } catch (error) {
    return { ok: false, problem: error instanceof Refused ? error.problem : "corrupt" };
  }
  return { ok: true, entries };
}

/** Error codes our decoder reports to fflate (outside fflate's own, which are 0 and up). */
const TOO_LARGE = -1;
const CORRUPT = -2;

/** Node's zlib as an fflate decoder: gathers an entry's compressed bytes, then inflates them, capped. */
function cappedInflate(declaredSizes: ReadonlyMap<string, number>) {
  return class CappedInflate implements UnzipDecoder {
    static compression = 8;
    ondata: AsyncFlateStreamHandler = () => {};
    readonly #chunks: Uint8Array[] = [];
    readonly #name: string;
    constructor(name: string) {
      this.#name = name;
    }
    push(chunk: Uint8Array, final: boolean) {
      this.#chunks.push(chunk);
      if (!final) return;
      // One byte past the declared size is enough to tell a liar: zlib stops there.
      const cap = (declaredSizes.get(this.#name) ?? 0) + 1;
      let data: Uint8Array<ArrayBuffer>;
      try {
        data = inflateRawSync(Buffer.concat(this.#chunks), {
          maxOutputLength: cap,
        }) as Uint8Array<ArrayBuffer>;
      } catch (error) {
        const tooLarge = (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
        this.ondata(
          Object.assign(new Error("inflate failed"), { code: tooLarge ? TOO_LARGE : CORRUPT }),
          new Uint8Array(),
          true,
        );
        return;
      }
      this.ondata(null, data, true);
    }
  };
}

/**
 * Inflates the given entries (as inspectZip declared them), never past their declared sizes: an entry that
 * gives more is refused as too large, one that gives less or does not inflate as corrupt.
 */
export function extractEntries(
  file: Uint8Array,
  entries: readonly ZipEntry[],
): { ok: true; files: Map<string, Uint8Array> } | Refusal {
  const wanted = new Map(entries.map((entry) => [entry.name, entry]));
  const files = new Map<string, Uint8Array>();
  let problem: ZipProblem | undefined;
  const unzip = new Unzip((stream) => {
    const entry = wanted.get(stream.name);
    if (!entry || files.has(stream.name)) return; // parts exceljs does not need are skipped, not inflated
    const chunks: Uint8Array[] = [];
    let received = 0;
    stream.ondata = (error, chunk, final) => {
      if (problem) return;
      if (error) {
        problem = error.code === TOO_LARGE ? "too_large" : "corrupt";
        return;
      }
      received += chunk.length;
      if (received > entry.size) {
        problem = "too_large";
        return;
      }
      chunks.push(chunk);
      if (!final) return;
      if (received !== entry.size) problem = "corrupt";
      else files.set(entry.name, Buffer.concat(chunks));
    };
    stream.start();
  });
  unzip.register(cappedInflate(new Map(entries.map((entry) => [entry.name, entry.size]))));
  try {
    unzip.push(file, true);
  } catch {
    problem ??= "corrupt";
  }
  if (problem) return { ok: false, problem };
  if (files.size !== wanted.size) return { ok: false, problem: "corrupt" };
  return { ok: true, files };
}

/** A plain zip of the given parts, stored (they are read once, right away), in the given order. */
export function writeStoredZip(parts: readonly { name: string; data: Uint8Array }[]): Buffer {
  const zippable: Zippable = {};
  for (const part of parts) zippable[part.name] = [part.data, { level: 0 }];
  return Buffer.from(zipSync(zippable));
}
