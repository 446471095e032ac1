// What a PDF may carry that runs or opens something when it is read (part of checks.ts). Viewers
// find objects by their offsets, not by reading the file in order, and since PDF 1.5 keep dictionaries inside
// compressed object streams; so every «N G obj» is read (a fake one inside a string only adds a reading), every
// stream's dictionary is read whole, and every stream that is not an image or a font is decoded and looked
// into too. What SIPAP cannot decode is refused, never trusted; so is a file that decodes to too much.
import { decode, FILTERS, type Filter, type Reading } from "./pdf-streams.ts";

export type PdfProblem = "active" | "attachment" | "encrypted" | "encoding" | "unreadable";

/** Bytes decoded from all of a PDF's streams together: a file asking for more (an inflate bomb) is refused. */
const MAX_DECODED_BYTES = 200 * 1024 * 1024;
/** Streams in one PDF: far more than a real document has, and a bound on the work one file can cost. */
const MAX_STREAMS = 50_000;
/** «stream» words without a dictionary whose guessed decoding fails (each failure costs): past this, refused. */
const MAX_FAILED_GUESSES = 100;

const END = "(?=[\\0\\s/<>\\[\\]()%{}]|$)";
/** JavaScript, launching programs, opening or sending to other files, XFA forms (which carry scripts), Flash. */
const ACTIVE_NAME = new RegExp(
  `/(?:JavaScript|JS|Launch|GoToE|GoToR|SubmitForm|ImportData|XFA|RichMedia)${END}`,
);
const ATTACHMENT_NAME = new RegExp(`/EmbeddedFiles?${END}`);
const ENCRYPT = new RegExp(`/Encrypt${END}`);
const NAME_CHARS = "[^\\0\\t\\n\\f\\r /<>\\[\\]()%{}]";
const ESCAPED_NAME = new RegExp(`/${NAME_CHARS}*#[0-9a-fA-F]{2}${NAME_CHARS}*`, "g");
/** Names as PDF writes them, with `#xx` escapes undone (a «/J#61vaScript» is still JavaScript). */
const decodeNames = (text: string) =>
  text.replace(ESCAPED_NAME, (name) =>
    name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
  );

function namesProblem(text: string): "active" | "attachment" | undefined {
  const names = decodeNames(text);
  if (ACTIVE_NAME.test(names)) return "active";
  if (ATTACHMENT_NAME.test(names)) return "attachment";
  return undefined;
}

/**
 * «N G obj». Starting only where a number starts, each run matched once (a lookahead and its backreference
 * stand for an atomic group): a file of millions of digits takes linear time, not quadratic.
 */
const HEADER =
  /(?<!\d)(?=(\d+))\1(?=([\0\t\n\f\r ]+))\2(?=(\d+))\3(?=([\0\t\n\f\r ]+))\4obj(?=[\0\t\n\f\r /<>[\]()%{}]|$)/g;
/** The keyword that starts a stream's data (viewers accept spaces before the end of line). */
const STREAM = /stream[\0\t\f ]*(?:\r\n|\n|\r)/g;
const STREAM_HERE = /stream[\0\t\f ]*(?:\r\n|\n|\r)/y;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0;
const isDelimiter = (c: number) =>
  c === 40 ||
  c === 41 ||
  c === 60 ||
  c === 62 ||
  c === 91 ||
  c === 93 ||
  c === 123 ||
  c === 125 ||
  c === 47 ||
  c === 37;

/** Past spaces and comments. */
function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) i++;
    else if (c === 37) while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
    else break;
  }
  return i;
}

/**
 * Where the dictionary opening at `at` («<<») ends (`end` undefined when it does not parse), and how far it
 * was read either way.
 */
function dictionaryEnd(text: string, at: number): { end?: number; reached: number } {
  const open: number[] = [];
  let i = at;
  while (i < text.length) {
    i = skipSpace(text, i);
    const c = text.charCodeAt(i);
    if (c === 40) {
      // A literal string: nested parentheses balance, a backslash escapes the next byte.
      let depth = 0;
      for (; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 92) i++;
        else if (s === 40) depth++;
        else if (s === 41 && --depth === 0) break;
      }
      if (i >= text.length) return { reached: i };
      i++;
    } else if (c === 60 && text.charCodeAt(i + 1) === 60) {
      open.push(60);
      i += 2;
    } else if (c === 60) {
      const close = text.indexOf(">", i);
      if (close < 0) return { reached: text.length };
      i = close + 1;
    } else if (c === 62) {
      if (text.charCodeAt(i + 1) !== 62 || open.pop() !== 60) return { reached: i };
      i += 2;
      if (open.length === 0) return { end: i, reached: i };
    } else if (c === 91) {
      open.push(91);
      i++;
    } else if (c === 93) {
      if (open.pop() !== 91) return { reached: i };
      i++;
    } else if (c === 41 || open.length === 0 || Number.isNaN(c)) return { reached: i };
    else {
      i++;
      while (i < text.length && !isSpace(text.charCodeAt(i)) && !isDelimiter(text.charCodeAt(i))) i++;
    }
  }
  return { reached: i };
}

const NUMBER_AFTER: Record<string, RegExp> = Object.fromEntries(
  ["Predictor", "Colors", "BitsPerComponent", "Columns"].map((key) => [
    key,
    new RegExp(`/${key}[\\0\\s]+(\\d+)`),
  ]),
);
const numberAfter = (dictionary: string, key: string, fallback: number) => {
  const found = NUMBER_AFTER[key]?.exec(dictionary);
  return found ? Number(found[1]) : fallback;
};
const FILTER_VALUE = new RegExp(`/Filter${END}[\\0\\s]*(\\[[^\\[\\]]*\\]|/${NAME_CHARS}+|[^\\0\\s/>]+)`, "g");
const NAME = new RegExp(`/(${NAME_CHARS}+)`, "g");
const IMAGE = new RegExp(`/Subtype[\\0\\s]*/Image${END}`);
const FONT = new RegExp(`/Length[123]${END}|/Subtype[\\0\\s]*/(?:Type1C|CIDFontType0C|OpenType)${END}`);
const OBJECT_STREAM = new RegExp(`/ObjStm${END}`);
const INDIRECT_PARAMETERS = /\/DecodeParms[\0\s]+\d+[\0\s]+\d+[\0\s]+R/;

function readDictionary(raw: string): Reading {
  const dictionary = decodeNames(raw);
  const filterValues = [...dictionary.matchAll(FILTER_VALUE)].map((m) => m[1] ?? "");
  let filters: Filter[] | undefined = [];
  if (filterValues.length > 0) {
    // Two /Filter keys that disagree (one in a nested dictionary, say) leave it undecided.
    const names = new Set(filterValues);
    const value = filterValues[0] ?? "";
    filters =
      names.size === 1 && (value.startsWith("/") || value.startsWith("["))
        ? [...value.matchAll(NAME)].map((m) => FILTERS[m[1] ?? ""] ?? "other")
        : undefined;
  }
  const kind = numberAfter(dictionary, "Predictor", 1);
  return {
    objectStream: OBJECT_STREAM.test(dictionary),
    skip: IMAGE.test(dictionary) || Boolean(filters?.includes("image")) || FONT.test(dictionary),
    filters,
    predictor: INDIRECT_PARAMETERS.test(dictionary)
      ? "unknown"
      : kind > 1
        ? {
            kind,
            colors: numberAfter(dictionary, "Colors", 1),
            bits: numberAfter(dictionary, "BitsPerComponent", 8),
            columns: numberAfter(dictionary, "Columns", 1),
          }
        : undefined,
  };
}

/** Every reading of each stream's dictionary, by where its «stream» keyword starts. */
function readStreamDictionaries(text: string): Map<number, Reading[]> | undefined {
  const found = new Map<number, Reading[]>();
  // Each object is read once; fake headers inside strings read parts again. Past this, the file is refused.
  let budget = text.length + 1_000_000;
  for (const header of text.matchAll(HEADER)) {
    const start = skipSpace(text, header.index + header[0].length);
    if (!text.startsWith("<<", start)) continue;
    const { end, reached } = dictionaryEnd(text, start);
    budget -= reached - start;
    if (budget < 0) return undefined;
    if (end === undefined) continue;
    const keyword = skipSpace(text, end);
    STREAM_HERE.lastIndex = keyword;
    if (!STREAM_HERE.test(text)) continue;
    const readings = found.get(keyword) ?? [];
    readings.push(readDictionary(text.slice(start, end)));
    found.set(keyword, readings);
  }
  return found;
}

/**
 * "active" for JavaScript, launch, remote or embedded go-to, form submission or import, XFA or RichMedia;
 * "attachment" for embedded files; "encrypted" when strings and streams are encrypted; "encoding" for an
 * object stream, or a stream that is neither image nor font, that SIPAP cannot decode; "unreadable" for a
 * file that decodes to too much or cannot be read within bounds.
 */
export function pdfProblem(bytes: Uint8Array, maxDecodedBytes = MAX_DECODED_BYTES): PdfProblem | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString("latin1");
  const keywords: RegExpExecArray[] = [];
  for (const match of text.matchAll(STREAM)) {
    const before = text.charCodeAt(match.index - 1);
    if (match.index > 0 && !isSpace(before) && before !== 62) continue;
    if (keywords.push(match) > MAX_STREAMS) return "unreadable";
  }
  const dictionaries = readStreamDictionaries(text);
  if (!dictionaries) return "unreadable";
  const budget = { left: maxDecodedBytes };
  const ends = [...text.matchAll(/endstream/g)].map((match) => match.index);
  const streams: { start: number; end: number; readings: Reading[] }[] = [];
  const hidden: [number, number][] = [];
  let nextEnd = 0;
  for (const [n, match] of keywords.entries()) {
    const start = match.index + match[0].length;
    while (nextEnd < ends.length && (ends[nextEnd] ?? 0) < start) nextEnd++;
    // Data runs to «endstream», and never past the next «stream»: a fake one inside data only makes the
    // stream fail to decode (refused), and nothing is read twice.
    const end = Math.min(ends[nextEnd] ?? text.length, keywords[n + 1]?.index ?? text.length);
    const readings = distinct(dictionaries.get(match.index) ?? []);
    if (!readings) return "unreadable";
    streams.push({ start, end, readings });
    // An image's or font's bytes are not read for names (random bytes spell «/JS» now and then), up to
    // the first object header inside them, where a viewer sent there by an offset would start reading.
    if (readings.length > 0 && readings.every((r) => r.skip && !r.objectStream)) {
      HEADER.lastIndex = start;
      const header = HEADER.exec(text);
      hidden.push([start, Math.min(end, header && header.index < end ? header.index : end)]);
    }
  }
  let visible = "";
  let from = 0;
  for (const [start, end] of hidden) {
    if (start < from) continue;
    visible += `${text.slice(from, start)} `;
    from = end;
  }
  const named = namesProblem(visible + text.slice(from));
  if (named) return named;
  if (ENCRYPT.test(text)) return "encrypted";
  let failedGuesses = 0;

  for (const stream of streams) {
    const objectStream = stream.readings.some((r) => r.objectStream);
    const readings =
      stream.readings.length > 0
        ? stream.readings
        : guessedReadings(buffer.subarray(stream.start, stream.end));
    for (const reading of readings) {
      if (reading.skip && !objectStream) continue;
      if (!reading.filters || reading.filters.some((f) => f === "image" || f === "other")) return "encoding";
      if (reading.filters.length === 0 && !reading.predictor) continue; // its bytes were read as they are
      // Data cut short (by «endstream» bytes inside it, say) does not inflate: refused, not read in part.
      const decoded = decode(buffer.subarray(stream.start, stream.end), reading, budget);
      if (decoded === "too_large") return "unreadable";
      if (typeof decoded === "string") {
        // A «stream» word SIPAP found no dictionary for is tried in every way, and may be no stream at all.
        if (stream.readings.length === 0 && ++failedGuesses <= MAX_FAILED_GUESSES) continue;
        return stream.readings.length === 0 ? "unreadable" : "encoding";
      }
      const inside = namesProblem(decoded.toString("latin1"));
      if (inside) return inside;
    }
  }
  return undefined;
}

/** A stream's readings without repeats; undefined past a handful (fake headers would multiply the decoding). */
function distinct(readings: readonly Reading[]): Reading[] | undefined {
  const seen = new Map(readings.map((reading) => [JSON.stringify(reading), reading]));
  return seen.size > 8 ? undefined : [...seen.values()];
}

/**
 * The ways to read a stream whose dictionary did not parse, as its first bytes suggest (a zlib header, hex
 * digits, ASCII85): whatever decodes is looked into.
 */
function guessedReadings(data: Buffer): Reading[] {
  const reading = (filters: Filter[]): Reading => ({
    objectStream: false,
    skip: false,
    filters,
    predictor: undefined,
  });
  const first = data
    .subarray(0, 64)
    .toString("latin1")
    .replace(/[\0\t\n\f\r ]/g, "");
  const zlib =
    data.length > 1 && ((data[0] ?? 0) & 0x0f) === 8 && (((data[0] ?? 0) << 8) | (data[1] ?? 0)) % 31 === 0;
  return [
    ...(zlib ? [reading(["flate"])] : []),
    ...(first && /^[0-9a-fA-F]+>?/.test(first) ? [reading(["hex"]), reading(["hex", "flate"])] : []),
    ...(first && /^[!-uz]+(~>)?/.test(first) ? [reading(["a85"]), reading(["a85", "flate"])] : []),
  ];
}
