// What an evidence file is, read from its bytes and never from its name, and whether SIPAP keeps it. An
// evidence file is opened later by OPGI, control interno and, once public, by anyone: the checks keep out
// what can run code when opened (programs renamed as documents, Office macros, LibreOffice scripts, PDF
// JavaScript or launch actions) and what cannot be checked (legacy OLE documents, encrypted PDFs).
// Pure: bytes in, a verdict out (the service stores; sharp re-encodes images in evidence.image.ts).
import { inflateSync } from "node:zlib";
import { fileTypeFromBuffer } from "file-type";
import { formatNumber } from "../../shared/words.ts";
import { extractEntries, inspectZip, type ZipEntry } from "../../shared/zip-guard.ts";

export type EvidenceKind =
  | "pdf"
  | "jpg"
  | "png"
  | "webp"
  | "docx"
  | "xlsx"
  | "pptx"
  | "odt"
  | "ods"
  | "odp"
  | "csv"
  | "txt";

/** The accepted types: the extension a stored file gets and the content type it is served with. */
export const EVIDENCE_TYPES: Record<EvidenceKind, { mime: string; label: string }> = {
  pdf: { mime: "application/pdf", label: "PDF" },
  jpg: { mime: "image/jpeg", label: "Imagen JPEG" },
  png: { mime: "image/png", label: "Imagen PNG" },
  webp: { mime: "image/webp", label: "Imagen WebP" },
  docx: {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    label: "Documento de Word",
  },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "Hoja de Excel" },
  pptx: {
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    label: "Presentación de PowerPoint",
  },
  odt: { mime: "application/vnd.oasis.opendocument.text", label: "Documento de LibreOffice" },
  ods: { mime: "application/vnd.oasis.opendocument.spreadsheet", label: "Hoja de LibreOffice" },
  odp: { mime: "application/vnd.oasis.opendocument.presentation", label: "Presentación de LibreOffice" },
  csv: { mime: "text/csv", label: "Texto separado por comas (CSV)" },
  txt: { mime: "text/plain", label: "Texto" },
};

const KIB = 1024;
const MIB = 1024 * 1024;

/**
 * «850 bytes», «12,5 kB», «20 MB»: in binary units, the ones EVIDENCE_MAX_FILE_MB is written in (so a
 * 20 MB limit reads «20 MB», not «21 MB»).
 */
export function formatFileSize(bytes: number): string {
  if (bytes < KIB) return `${formatNumber(bytes)} bytes`;
  if (bytes < MIB) return `${formatNumber(bytes / KIB, 1)} kB`;
  return `${formatNumber(bytes / MIB, 1)} MB`;
}

/** For the file input's `accept` and the hint under it. */
export const EVIDENCE_ACCEPT =
  ".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,.pptx,.odt,.ods,.odp,.csv,.txt,application/pdf,image/jpeg,image/png,image/webp";
export const EVIDENCE_TYPES_TEXT =
  "PDF; fotos JPEG, PNG o WebP; documentos de Word, Excel o PowerPoint (.docx, .xlsx, .pptx); de LibreOffice (.odt, .ods, .odp); o texto (.txt, .csv)";

export type EvidenceRefusal =
  | "empty"
  | "too_large"
  | "executable"
  | "legacy_office"
  | "macros"
  | "pdf_active"
  | "pdf_encrypted"
  | "pdf_unreadable"
  | "compressed"
  | "corrupt"
  | "type";

export type EvidenceCheck =
  | { ok: true; kind: EvidenceKind; contentType: string; fileName: string; image: boolean }
  | { ok: false; reason: EvidenceRefusal; message: string; detected: string | null };

/** Zip-based documents may not declare more than this once inflated (checked before anything inflates). */
const MAX_DOCUMENT_UNCOMPRESSED = 300 * 1024 * 1024;

/** What file-type calls programs and installers: refused whatever their name says. */
const EXECUTABLES = new Set([
  "exe",
  "elf",
  "macho",
  "msi",
  "apk",
  "jar",
  "class",
  "wasm",
  "dex",
  "deb",
  "rpm",
  "dmg",
  "swf",
  "lnk",
  "cab",
  "xpi",
  "crx",
  "vsix",
]);
const MACRO_ENABLED = new Set(["docm", "dotm", "xlsm", "xltm", "pptm", "potm", "ppsm"]);
const FROM_FILE_TYPE: Record<string, EvidenceKind> = {
  pdf: "pdf",
  jpg: "jpg",
  png: "png",
  webp: "webp",
  docx: "docx",
  xlsx: "xlsx",
  pptx: "pptx",
  odt: "odt",
  ods: "ods",
  odp: "odp",
};
const ZIP_BASED = new Set<EvidenceKind>(["docx", "xlsx", "pptx", "odt", "ods", "odp"]);
const IMAGES = new Set<EvidenceKind>(["jpg", "png", "webp"]);

/**
 * The name as uploaded without folders, control or bidirectional-override characters (a «‮fdp.exe» trick),
 * at most 150 characters; "evidencia" when nothing is left.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const clean = base
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (!clean) return "evidencia";
  if (clean.length <= 150) return clean;
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 && clean.length - dot <= 6 ? clean.slice(dot) : "";
  return clean.slice(0, 150 - ext.length) + ext;
}

/** The name with the extension of what the file is: a PDF called «foto.jpg» downloads as «foto.jpg.pdf». */
export function withExtension(name: string, kind: EvidenceKind): string {
  const lower = name.toLowerCase();
  const same = kind === "jpg" ? [".jpg", ".jpeg"] : [`.${kind}`];
  if (same.some((ext) => lower.endsWith(ext))) return name;
  return `${name}.${kind}`;
}

const refuse = (
  name: string,
  reason: EvidenceRefusal,
  text: string,
  detected: string | null = null,
): EvidenceCheck => ({ ok: false, reason, message: `«${name}» ${text}`, detected });

/** Checks one file against the size limit, its type by content and what it may carry. */
export async function checkEvidenceFile(
  uploadedName: string,
  bytes: Uint8Array,
  maxFileBytes: number,
): Promise<EvidenceCheck> {
  const name = cleanFileName(uploadedName);
  if (bytes.length === 0) return refuse(name, "empty", "está vacío: elija el archivo de nuevo.");
  if (bytes.length > maxFileBytes)
    return refuse(
      name,
      "too_large",
      `pesa ${formatFileSize(bytes.length)}; cada archivo puede pesar como máximo ${formatFileSize(maxFileBytes)}. Redúzcalo (por ejemplo, guarde el PDF en calidad para web) o divídalo.`,
    );
  if (startsWith(bytes, "#!"))
    return refuse(name, "executable", "es un programa (un script), no un documento: no se acepta.", "script");

  let entries: ZipEntry[] | undefined;
  if (startsWith(bytes, "PK\x03\x04")) {
    const inspected = inspectZip(bytes, MAX_DOCUMENT_UNCOMPRESSED);
    if (!inspected.ok)
      return inspected.problem === "too_large"
        ? refuse(
            name,
            "compressed",
            "al abrirse ocuparía demasiado espacio (puede ser un archivo comprimido malicioso): no se acepta.",
            "zip",
          )
        : refuse(
            name,
            "corrupt",
            "está dañado o incompleto: ábralo en su equipo, guárdelo de nuevo y cárguelo.",
          );
    entries = inspected.entries;
  }

  let detected: Awaited<ReturnType<typeof fileTypeFromBuffer>>;
  try {
    detected = await fileTypeFromBuffer(bytes);
  } catch {
    return refuse(
      name,
      "corrupt",
      "está dañado o incompleto: ábralo en su equipo, guárdelo de nuevo y cárguelo.",
    );
  }
  const ext = detected?.ext;
  if (startsWith(bytes, "MZ") || (ext && EXECUTABLES.has(ext)))
    return refuse(
      name,
      "executable",
      "es un programa o instalador, no un documento, aunque su nombre diga otra cosa: no se acepta.",
      ext ?? "exe",
    );
  if (ext === "cfb")
    return refuse(
      name,
      "legacy_office",
      "está en un formato antiguo de Office (.doc, .xls o .ppt) cuyas macros no se pueden revisar. Guárdelo como .docx, .xlsx o PDF y cárguelo de nuevo.",
      "cfb",
    );
  if (ext && MACRO_ENABLED.has(ext))
    return refuse(
      name,
      "macros",
      `es un documento con macros (.${ext}): no se aceptan. Guárdelo sin macros (.docx, .xlsx o .pptx) o como PDF.`,
      ext,
    );
  if (ext === "heic")
    return refuse(
      name,
      "type",
      "es una foto HEIC (de iPhone), que no se acepta: envíela como JPEG (en el iPhone, Ajustes → Cámara → Formatos → Más compatible).",
      "heic",
    );
  if (ext === "zip")
    return refuse(
      name,
      "compressed",
      "es un archivo comprimido (.zip): cargue los documentos uno por uno.",
      "zip",
    );

  const kind = ext ? FROM_FILE_TYPE[ext] : textKind(name, bytes);
  if (!kind)
    return refuse(
      name,
      "type",
      `no es de un tipo aceptado${ext ? ` (es .${ext})` : ""}. Se aceptan: ${EVIDENCE_TYPES_TEXT}.`,
      ext ?? null,
    );

  if (ZIP_BASED.has(kind)) {
    const macro = entries ? macroProblem(bytes, entries) : "corrupt";
    if (macro === "corrupt")
      return refuse(
        name,
        "corrupt",
        "está dañado o incompleto: ábralo en su equipo, guárdelo de nuevo y cárguelo.",
      );
    if (macro)
      return refuse(
        name,
        "macros",
        kind.startsWith("od")
          ? "trae macros o scripts de LibreOffice: no se aceptan. Guárdelo sin macros o como PDF."
          : "trae macros de Office: no se aceptan. Guárdelo sin macros (.docx, .xlsx o .pptx) o como PDF.",
        kind,
      );
  }
  if (kind === "pdf") {
    const active = pdfProblem(bytes);
    if (active === "encrypted")
      return refuse(
        name,
        "pdf_encrypted",
        "está protegido o cifrado y su contenido no se puede revisar. Guárdelo de nuevo sin protección (por ejemplo, Imprimir → Guardar como PDF).",
        "pdf",
      );
    if (active === "unreadable")
      return refuse(
        name,
        "pdf_unreadable",
        "tiene partes que no se pudieron revisar. Guárdelo de nuevo con Imprimir → Guardar como PDF y cárguelo.",
        "pdf",
      );
    if (active)
      return refuse(
        name,
        "pdf_active",
        "trae código JavaScript o acciones que abren otros programas: no se acepta. Guárdelo de nuevo con Imprimir → Guardar como PDF.",
        "pdf",
      );
  }
  const contentType =
    kind === "csv" || kind === "txt"
      ? `${EVIDENCE_TYPES[kind].mime}; charset=${isUtf8(bytes) ? "utf-8" : "windows-1252"}`
      : EVIDENCE_TYPES[kind].mime;
  return { ok: true, kind, contentType, fileName: withExtension(name, kind), image: IMAGES.has(kind) };
}

function startsWith(bytes: Uint8Array, signature: string): boolean {
  if (bytes.length < signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[i] !== signature.charCodeAt(i)) return false;
  return true;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Plain text is taken only under a .txt or .csv name and when it reads as text: no NUL bytes nor control
 * characters other than tab, line breaks and form feed (binary data never passes that).
 */
function textKind(name: string, bytes: Uint8Array): EvidenceKind | undefined {
  const lower = name.toLowerCase();
  const kind = lower.endsWith(".csv") ? "csv" : lower.endsWith(".txt") ? "txt" : undefined;
  if (!kind) return undefined;
  for (const byte of bytes)
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f)
      return undefined;
  return kind;
}

/** Parts that hold macros in OOXML (VBA, Excel 4.0 macro sheets) and in ODF (Basic libraries, scripts). */
const MACRO_PARTS = [
  /(^|\/)vbaProject\.bin$/i,
  /(^|\/)vbaData\.xml$/i,
  /(^|\/)macrosheets\//i,
  /^Basic\//i,
  /^Scripts\//i,
];
const MACRO_DECLARATIONS = /macroEnabled|vbaProject|macrosheet|vnd\.sun\.star\.basic|"Scripts\/|"Basic\//i;

/** "macros" when the archive carries or declares macros; "corrupt" when its manifest cannot be read. */
function macroProblem(bytes: Uint8Array, entries: readonly ZipEntry[]): "macros" | "corrupt" | undefined {
  if (entries.some((entry) => MACRO_PARTS.some((part) => part.test(entry.name)))) return "macros";
  // The manifests are small text; a huge one is not what Office or LibreOffice write.
  const manifests = entries.filter(
    (e) => (e.name === "[Content_Types].xml" || e.name === "META-INF/manifest.xml") && e.size < 2_000_000,
  );
  if (manifests.length === 0) return undefined;
  const extracted = extractEntries(bytes, manifests);
  if (!extracted.ok) return "corrupt";
  for (const data of extracted.files.values())
    if (MACRO_DECLARATIONS.test(Buffer.from(data).toString("utf8"))) return "macros";
  return undefined;
}

/** Names as PDF writes them, with `#xx` escapes undone (a «/J#61vaScript» is still JavaScript). */
const ACTIVE_NAME = /\/(JavaScript|JS|Launch)(?=[\s/<>[\]()%{}]|$)/;
const decodeNames = (text: string) =>
  text.replace(/\/[^\s/<>[\]()%{}]*#[0-9a-fA-F]{2}[^\s/<>[\]()%{}]*/g, (name) =>
    name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
  );
/** Inflated object streams looked into, in all: a PDF that asks for more is refused as unreadable. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

/**
 * "active" for JavaScript or launch actions, in the file or in its compressed object streams (where PDF 1.5+
 * keeps dictionaries); "encrypted" when strings and streams are encrypted (nothing inside can be checked);
 * "unreadable" for an object stream that does not inflate within the budget.
 */
export function pdfProblem(bytes: Uint8Array): "active" | "encrypted" | "unreadable" | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  if (ACTIVE_NAME.test(decodeNames(text))) return "active";
  if (/\/Encrypt(?=[\s/<>[\]()%{}])/.test(text)) return "encrypted";
  let budget = MAX_INFLATED_BYTES;
  const streams = /(?<!end)stream\r?\n/g;
  for (let match = streams.exec(text); match; match = streams.exec(text)) {
    const head = text.slice(Math.max(0, match.index - 2048), match.index);
    const dictionary = decodeNames(head.slice(head.lastIndexOf(" obj") + 1));
    if (!/\/ObjStm\b/.test(dictionary) || !/\/FlateDecode\b/.test(dictionary)) continue;
    const start = match.index + match[0].length;
    const end = text.indexOf("endstream", start);
    if (end < 0 || budget <= 0) return "unreadable";
    let inflated: Buffer;
    try {
      inflated = inflateSync(bytes.subarray(start, end), { maxOutputLength: budget });
    } catch {
      // Too large for the budget, or not deflate at all: what it hides cannot be checked.
      return "unreadable";
    }
    budget -= inflated.length;
    if (ACTIVE_NAME.test(decodeNames(inflated.toString("latin1")))) return "active";
    streams.lastIndex = end;
  }
  return undefined;
}
