// What an uploaded file is, read from its bytes and never from its name, and whether SIPAP keeps it. Files
// (plan evidence, message attachments, published documents) are opened later by other staff and often by
// anyone: the checks keep out
// what can run code when opened (programs renamed as documents, Office macros, LibreOffice scripts, PDF
// JavaScript, launch actions or attachments, OLE objects, remote templates, links to other programs) and what
// cannot be checked (legacy OLE documents, encrypted PDFs, PDFs in encodings SIPAP does not decode).
// Pure: bytes in, a verdict out (the service stores; sharp re-encodes images in image.ts).
import { fileTypeFromBuffer } from "file-type";
import { formatNumber } from "../words.ts";
import { inspectZip, type ZipEntry } from "../zip-guard.ts";
import { type OfficeProblem, officeProblem } from "./office.ts";
import { type PdfProblem, pdfProblem } from "./pdf-scan.ts";

export type FileKind =
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
export const FILE_TYPES: Record<FileKind, { mime: string; label: string }> = {
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

/** Files one form may send at once: each is read and checked during the request, so they are kept few. */
export const MAX_FILES_PER_UPLOAD = 20;

/** For the file input's `accept` and the hint under it. */
export const FILE_ACCEPT =
  ".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx,.pptx,.odt,.ods,.odp,.csv,.txt,application/pdf,image/jpeg,image/png,image/webp";
export const FILE_TYPES_TEXT =
  "PDF; fotos JPEG, PNG o WebP; documentos de Word, Excel o PowerPoint (.docx, .xlsx, .pptx); de LibreOffice (.odt, .ods, .odp); o texto (.txt, .csv)";

export type FileRefusal =
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

export type FileCheck =
  | { ok: true; kind: FileKind; contentType: string; fileName: string; image: boolean }
  | { ok: false; reason: FileRefusal; message: string; detected: string | null };

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
const FROM_FILE_TYPE: Record<string, FileKind> = {
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
const ZIP_BASED = new Set<FileKind>(["docx", "xlsx", "pptx", "odt", "ods", "odp"]);
const IMAGES = new Set<FileKind>(["jpg", "png", "webp"]);

/**
 * The name as uploaded without folders, control or bidirectional-override characters (a «‮fdp.exe» trick),
 * at most 150 characters; "archivo" when nothing is left.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const clean = base
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (!clean) return "archivo";
  if (clean.length <= 150) return clean;
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 && clean.length - dot <= 6 ? clean.slice(dot) : "";
  return clean.slice(0, 150 - ext.length) + ext;
}

/** The name with the extension of what the file is: a PDF called «foto.jpg» downloads as «foto.jpg.pdf». */
export function withExtension(name: string, kind: FileKind): string {
  const lower = name.toLowerCase();
  const same = kind === "jpg" ? [".jpg", ".jpeg"] : [`.${kind}`];
  if (same.some((ext) => lower.endsWith(ext))) return name;
  return `${name}.${kind}`;
}

const DAMAGED = "está dañado o incompleto: ábralo en su equipo, guárdelo de nuevo y cárguelo.";
const REPRINT = "imprímalo de nuevo como PDF (Archivo → Imprimir → Guardar como PDF) y cárguelo";

const PDF_REFUSALS: Record<PdfProblem, { reason: FileRefusal; text: string }> = {
  active: {
    reason: "pdf_active",
    text: `trae código JavaScript, formularios que envían datos o acciones que abren otros programas o archivos: no se acepta. Para quitarlos, ${REPRINT}.`,
  },
  attachment: {
    reason: "pdf_active",
    text: `trae archivos adjuntos dentro del PDF, que no se aceptan: cargue cada documento por separado o ${REPRINT}.`,
  },
  encrypted: {
    reason: "pdf_encrypted",
    text: "está protegido o cifrado y su contenido no se puede revisar. Guárdelo de nuevo sin protección (por ejemplo, Imprimir → Guardar como PDF).",
  },
  encoding: {
    reason: "pdf_unreadable",
    text: `usa una codificación que SIPAP no puede revisar; ${REPRINT}.`,
  },
  unreadable: {
    reason: "pdf_unreadable",
    text: `al abrirse ocuparía demasiado espacio o tiene partes que no se pudieron revisar; ${REPRINT}.`,
  },
};

/** OLE objects, links and remote templates are recorded as macros are: code that runs from a document. */
const OFFICE_REASONS: Record<OfficeProblem, FileRefusal> = {
  macros: "macros",
  objects: "macros",
  links: "macros",
  template: "macros",
  corrupt: "corrupt",
  too_large: "compressed",
};

function officeMessage(problem: OfficeProblem, kind: FileKind): string {
  switch (problem) {
    case "macros":
      return kind.startsWith("od")
        ? "trae macros o scripts de LibreOffice: no se aceptan. Guárdelo sin macros o como PDF."
        : "trae macros de Office: no se aceptan. Guárdelo sin macros (.docx, .xlsx o .pptx) o como PDF.";
    case "objects":
      return "trae objetos incrustados (OLE) o controles ActiveX, que pueden ejecutar programas: no se aceptan. Quítelos del documento, o guárdelo como PDF, y cárguelo de nuevo.";
    case "links":
      return "tiene vínculos automáticos a otros archivos o programas (a otros libros de Excel, o campos DDE): no se aceptan. Rompa los vínculos (en Excel, Datos → Editar vínculos → Romper vínculo), o guárdelo como PDF, y cárguelo de nuevo.";
    case "template":
      return "toma su plantilla, un marco o una parte de otro documento desde fuera del archivo (una dirección de internet o de la red), por donde pueden entrar macros: no se acepta. Copie el contenido en un documento nuevo, o guárdelo como PDF, y cárguelo.";
    case "too_large":
      return "al abrirse ocuparía demasiado espacio (puede ser un archivo comprimido malicioso): no se acepta.";
    default:
      return DAMAGED;
  }
}

const refuse = (
  name: string,
  reason: FileRefusal,
  text: string,
  detected: string | null = null,
): FileCheck => ({ ok: false, reason, message: `«${name}» ${text}`, detected });

/** Checks one file against the size limit, its type by content and what it may carry. */
export async function checkUploadedFile(
  uploadedName: string,
  bytes: Uint8Array,
  maxFileBytes: number,
  options: { allowed?: readonly FileKind[]; allowedText?: string } = {},
): Promise<FileCheck> {
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
        : refuse(name, "corrupt", DAMAGED);
    entries = inspected.entries;
  }

  let detected: Awaited<ReturnType<typeof fileTypeFromBuffer>>;
  try {
    detected = await fileTypeFromBuffer(bytes);
  } catch {
    return refuse(name, "corrupt", DAMAGED);
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
      `no es de un tipo aceptado${ext ? ` (es .${ext})` : ""}. Se aceptan: ${FILE_TYPES_TEXT}.`,
      ext ?? null,
    );

  if (options.allowed && !options.allowed.includes(kind))
    return refuse(
      name,
      "type",
      `es de un tipo que aquí no se acepta (${FILE_TYPES[kind].label}). Se aceptan: ${options.allowedText ?? options.allowed.map((k) => FILE_TYPES[k].label).join(", ")}.`,
      kind,
    );
  if (ZIP_BASED.has(kind)) {
    const problem = entries ? officeProblem(bytes, entries) : "corrupt";
    if (problem) return refuse(name, OFFICE_REASONS[problem], officeMessage(problem, kind), kind);
  }
  if (kind === "pdf") {
    const problem = pdfProblem(bytes);
    if (problem) return refuse(name, PDF_REFUSALS[problem].reason, PDF_REFUSALS[problem].text, "pdf");
  }
  const contentType =
    kind === "csv" || kind === "txt"
      ? `${FILE_TYPES[kind].mime}; charset=${isUtf8(bytes) ? "utf-8" : "windows-1252"}`
      : FILE_TYPES[kind].mime;
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
function textKind(name: string, bytes: Uint8Array): FileKind | undefined {
  const lower = name.toLowerCase();
  const kind = lower.endsWith(".csv") ? "csv" : lower.endsWith(".txt") ? "txt" : undefined;
  if (!kind) return undefined;
  for (const byte of bytes)
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f)
      return undefined;
  return kind;
}
