// What every reader of uploaded spreadsheets (campaign lists, plans) does before it looks at a cell: tell the
// format from the bytes (never from the name, people rename files), refuse what exceljs cannot read with a
// message that says what to do, and hand over a small archive re-packed from the parts that passed the zip
// guard (zip-guard.ts), so exceljs never inflates anything the guard has not measured.
import {
  extractEntries,
  inspectZip,
  MAX_UNCOMPRESSED_BYTES,
  writeStoredZip,
  type ZipEntry,
} from "./zip-guard.ts";

export type FileSignature = "zip" | "ole" | "pdf" | "other";

const startsWith = (file: Uint8Array, bytes: number[]) => bytes.every((byte, at) => file[at] === byte);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];

/** zip: .xlsx, .xlsm, .ods, .docx…; ole: the old .xls, or any Office file protected with a password. */
export function fileSignature(file: Uint8Array): FileSignature {
  if (startsWith(file, ZIP)) return "zip";
  if (startsWith(file, OLE)) return "ole";
  if (startsWith(file, PDF)) return "pdf";
  return "other";
}

const SAVE_AS_XLSX = 'guárdelo de nuevo como "Libro de Excel (.xlsx)" e inténtelo otra vez.';
export const SPREADSHEET_MESSAGES = {
  oldXls:
    'El archivo está en el formato antiguo de Excel (.xls). Ábralo en Excel o LibreOffice y guárdelo como "Libro de Excel (.xlsx)".',
  protected: `El archivo está protegido con contraseña. Ábralo en Excel, quítele la contraseña y ${SAVE_AS_XLSX}`,
  xlsb: 'El archivo está en el formato binario de Excel (.xlsb). Ábralo en Excel y guárdelo como "Libro de Excel (.xlsx)".',
  ods: 'El archivo está en el formato de LibreOffice (.ods). Ábralo en LibreOffice y guárdelo como "Excel 2007-365 (.xlsx)".',
  unsafe: `El archivo no se pudo leer de forma segura: su contenido comprimido es demasiado grande o está mal formado. Ábralo en Excel, ${SAVE_AS_XLSX}`,
  unreadable: `No pudimos leer el archivo: puede estar dañado. Ábralo en Excel, ${SAVE_AS_XLSX}`,
} as const;

/**
 * A refusal. Without a message the file is simply not a spreadsheet (a Word file, an image): the caller
 * says in its own words what it accepts.
 */
export type WorkbookRefusal = { ok: false; message?: string };

const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

/**
 * A workbook that passed the guard: `zip` for exceljs' streaming reader, and the inflated parts it was made of
 * (xl/workbook.xml, its relations, xl/worksheets/sheetN.xml…) for what that reader does not give, such as
 * merged cells and the order of the tabs.
 */
export interface OpenedWorkbook {
  ok: true;
  zip: Buffer;
  parts: ReadonlyMap<string, Uint8Array>;
}

/**
 * Checks the archive and keeps only what holds cell values (workbook, relations, shared strings, styles for
 * dates, worksheets), in the order exceljs' streaming reader needs. Macros, images and drawings never reach
 * exceljs.
 */
function prepareWorkbook(file: Buffer, maxUncompressedBytes: number): OpenedWorkbook | WorkbookRefusal {
  const directory = inspectZip(file, maxUncompressedBytes);
  if (!directory.ok)
    return {
      ok: false,
      message:
        directory.problem === "too_large" ? SPREADSHEET_MESSAGES.unsafe : SPREADSHEET_MESSAGES.unreadable,
    };
  const byName = new Map(directory.entries.map((entry) => [entry.name, entry]));
  const workbook = byName.get("xl/workbook.xml");
  const relations = byName.get("xl/_rels/workbook.xml.rels");
  if (!workbook || !relations) {
    if (byName.has("xl/workbook.bin")) return { ok: false, message: SPREADSHEET_MESSAGES.xlsb };
    if (byName.has("content.xml")) return { ok: false, message: SPREADSHEET_MESSAGES.ods };
    return { ok: false };
  }
  const sheetNumber = (entry: ZipEntry) =>
    Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.name)?.[1] ?? -1);
  const sheets = directory.entries.filter((entry) => sheetNumber(entry) >= 0);
  sheets.sort((a, b) => sheetNumber(a) - sheetNumber(b));
  const sharedStrings = byName.get("xl/sharedStrings.xml");
  const styles = byName.get("xl/styles.xml");
  const parts = [
    relations,
    workbook,
    ...(sharedStrings ? [sharedStrings] : []),
    ...(styles ? [styles] : []),
    ...sheets,
  ];
  const extracted = extractEntries(file, parts);
  if (!extracted.ok)
    return {
      ok: false,
      message:
        extracted.problem === "too_large" ? SPREADSHEET_MESSAGES.unsafe : SPREADSHEET_MESSAGES.unreadable,
    };
  const data = (entry: ZipEntry) => extracted.files.get(entry.name) ?? new Uint8Array();
  return {
    ok: true,
    parts: extracted.files,
    zip: writeStoredZip([
      { name: relations.name, data: data(relations) },
      { name: workbook.name, data: data(workbook) },
      // exceljs' streaming reader needs shared strings before the sheets, even an empty table.
      { name: "xl/sharedStrings.xml", data: sharedStrings ? data(sharedStrings) : EMPTY_SHARED_STRINGS },
      ...(styles ? [{ name: styles.name, data: data(styles) }] : []),
      ...sheets.map((sheet) => ({ name: sheet.name, data: data(sheet) })),
    ]),
  };
}

/**
 * An uploaded file as a guarded, re-packed .xlsx archive, or why not. Password-protected .xlsx files are OLE
 * containers holding an "EncryptedPackage" stream; any other OLE file is taken for the old .xls.
 */
export function openWorkbook(
  file: Buffer,
  maxUncompressedBytes = MAX_UNCOMPRESSED_BYTES,
): OpenedWorkbook | WorkbookRefusal {
  switch (fileSignature(file)) {
    case "zip":
      return prepareWorkbook(file, maxUncompressedBytes);
    case "ole":
      return {
        ok: false,
        message: file.includes(Buffer.from("EncryptedPackage", "utf16le"))
          ? SPREADSHEET_MESSAGES.protected
          : SPREADSHEET_MESSAGES.oldXls,
      };
    default:
      return { ok: false };
  }
}
