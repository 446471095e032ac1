// The Excel templates dependencias download to send their lists: one sheet to fill in (typed columns and
// drop-down lists so fewer rows come back with errors) and one with instructions in plain Spanish.

import ExcelJS from "exceljs";
import { formatNumber } from "../../shared/words.ts";
import {
  type ColumnType,
  LIST_COLUMNS,
  type ListColumn,
  type ListKind,
  listTitle,
  MAX_LIST_BYTES,
  MAX_LIST_ROWS,
} from "./lists.columns.ts";

const SHEET_NAMES: Record<ListKind, string> = {
  desvinculados: "Desvinculados",
  contratistas: "Contratistas sin carnet",
  cintas: "Cinta pendiente",
};
/** Rows drawn as an empty table; column formats and validations reach every row a file may hold. */
const FORMATTED_ROWS = 50;
const LAST_ROW = MAX_LIST_ROWS + 1;
const DOCUMENT_TYPES = ["CC", "CE", "PPT", "PA"];
const BLOOD_TYPES = ["O+", "O-", "A+", "A-", "B+", "B-", "AB+", "AB-"];
const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = { date: "dd/mm/yyyy", document: "@", phone: "@" };

interface TemplateOptions {
  dependencias: string[];
  emailDomain: string;
}

/** What to write in each column and an example, for the instructions sheet. */
function describe(column: ListColumn, domain: string, dependencias: string[]): [string, string] {
  switch (column.key) {
    case "fullName":
      return [
        "Nombres y apellidos completos, como aparecen en el documento de identidad.",
        "José Nariño Muñoz",
      ];
    case "documentNumber":
      return ["Número del documento de identidad, sin puntos ni espacios.", "1085123456"];
    case "documentType":
      return [
        "CC (cédula de ciudadanía), CE (cédula de extranjería), PPT (permiso por protección temporal) o PA (pasaporte). Elíjalo de la lista.",
        "CC",
      ];
    case "firstNames":
      return ["Nombres, como aparecen en el documento de identidad.", "José María"];
    case "lastNames":
      return ["Apellidos, como aparecen en el documento de identidad.", "Nariño Muñoz"];
    case "dependencia":
      return [
        "Dependencia donde la persona presta sus servicios. Elíjala de la lista. Si la deja vacía, se toma la dependencia de quien envía la lista.",
        dependencias[0] ?? "Secretaría de Tránsito",
      ];
    case "contractNumber":
      return [
        "Número del contrato de prestación de servicios, como aparece en el contrato.",
        "OPS-2026-0153",
      ];
    case "contractStart":
      return ["Fecha en que empieza el contrato, como día/mes/año.", "15/01/2026"];
    case "contractEnd":
      return ["Fecha en que termina el contrato, como día/mes/año.", "20/12/2026"];
    case "email":
      return [`Correo institucional de la persona; debe terminar en @${domain}.`, `jose.narino@${domain}`];
    case "phone":
      return ["Número de celular de 10 dígitos, sin espacios.", "3001234567"];
    case "bloodType":
      return ["Grupo sanguíneo y RH: O+, O-, A+, A-, B+, B-, AB+ o AB-. Elíjalo de la lista.", "O+"];
    default:
      return ["", ""];
  }
}

function listValidation(formula: string, title: string, error: string): ExcelJS.DataValidation {
  return {
    type: "list",
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: title,
    error,
  };
}

function validationFor(
  column: ListColumn,
  dependenciasRange: string | undefined,
): ExcelJS.DataValidation | undefined {
  if (column.type === "documentType")
    return listValidation(
      `"${DOCUMENT_TYPES.join(",")}"`,
      "Tipo de documento",
      "Elija CC, CE, PPT o PA de la lista.",
    );
  if (column.type === "bloodType")
    return listValidation(
      `"${BLOOD_TYPES.join(",")}"`,
      "Grupo sanguíneo",
      "Elija el grupo sanguíneo de la lista, por ejemplo O+.",
    );
  if (column.key === "dependencia" && dependenciasRange)
    return listValidation(dependenciasRange, "Dependencia", "Elija la dependencia de la lista.");
  if (column.type === "date")
    return {
      type: "date",
      operator: "between",
      allowBlank: true,
      formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "Fecha",
      error: "Escriba la fecha como día/mes/año, por ejemplo 20/02/2026.",
    };
  return undefined;
}

function addInstructions(
  workbook: ExcelJS.Workbook,
  kind: ListKind,
  sheetName: string,
  options: TemplateOptions,
) {
  const columns = LIST_COLUMNS[kind];
  const domain = options.emailDomain.replace(/^@/, "");
  const sheet = workbook.addWorksheet("Instrucciones");
  sheet.columns = [{ width: 26 }, { width: 70 }, { width: 26 }, { width: 14 }];
  sheet.addRow([`Cómo diligenciar la lista: ${listTitle(kind)}`]).font = { bold: true, size: 14 };
  const notes = [
    `Escriba una persona por fila en la hoja «${sheetName}», desde la fila 2. No cambie ni borre los títulos de la primera fila.`,
    `Las filas vacías no se tienen en cuenta. Un archivo puede tener hasta ${formatNumber(MAX_LIST_ROWS)} filas y pesar hasta ${formatNumber(MAX_LIST_BYTES / 1024 / 1024)} MB.`,
    ...(columns.some((column) => column.type === "date")
      ? ["Escriba las fechas como día/mes/año, por ejemplo 20/02/2026."]
      : []),
    ...(columns.some((column) => column.type === "email")
      ? [`El correo debe ser el institucional, terminado en @${domain}.`]
      : []),
    "Cuando usted suba el archivo, el sistema revisará cada fila y le mostrará las filas con errores y el motivo, antes de aplicar cualquier cambio. No se aplica nada hasta que todas las filas estén bien: la lista se aplica completa o no se aplica.",
  ];
  for (const note of notes) sheet.addRow([note]);
  sheet.addRow([]);
  const header = sheet.addRow(["Columna", "Qué escribir", "Ejemplo", "¿Obligatoria?"]);
  header.font = { bold: true };
  for (const column of columns) {
    const [help, example] = describe(column, domain, options.dependencias);
    sheet.addRow([column.header, help, example, column.required ? "Sí" : "No"]).alignment = {
      wrapText: true,
      vertical: "top",
    };
  }
}

/** An .xlsx template for one list: its sheet, an «Instrucciones» sheet and a hidden «Listas» sheet. */
export async function buildTemplate(kind: ListKind, options: TemplateOptions): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "SIPAP";
  const columns = LIST_COLUMNS[kind];
  const sheetName = SHEET_NAMES[kind];
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column) => {
    const numFmt = NUMBER_FORMATS[column.type];
    return {
      header: column.header,
      key: column.key,
      width: column.width,
      ...(numFmt ? { style: { numFmt } } : {}),
    };
  });
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF004884" } };
  header.alignment = { vertical: "middle", wrapText: true };
  header.height = 30;
  const border: Partial<ExcelJS.Borders> = {
    top: { style: "thin", color: { argb: "FFBFBFBF" } },
    bottom: { style: "thin", color: { argb: "FFBFBFBF" } },
    left: { style: "thin", color: { argb: "FFBFBFBF" } },
    right: { style: "thin", color: { argb: "FFBFBFBF" } },
  };
  for (let line = 2; line <= FORMATTED_ROWS + 1; line++)
    columns.forEach((column, at) => {
      const cell = sheet.getCell(line, at + 1);
      cell.border = border;
      const numFmt = NUMBER_FORMATS[column.type];
      if (numFmt) cell.numFmt = numFmt;
    });

  addInstructions(workbook, kind, sheetName, options);

  // A long list of dependencias does not fit in an inline list (255 characters): it lives in a hidden sheet.
  let dependenciasRange: string | undefined;
  if (options.dependencias.length > 0 && columns.some((column) => column.key === "dependencia")) {
    const lists = workbook.addWorksheet("Listas", { state: "hidden" });
    for (const name of options.dependencias) lists.addRow([name]);
    dependenciasRange = `Listas!$A$1:$A$${options.dependencias.length}`;
  }
  // exceljs' typings omit the worksheet-level collection, which keeps one range instead of a rule per cell.
  const validations = (
    sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }
  ).dataValidations;
  columns.forEach((column, at) => {
    const rule = validationFor(column, dependenciasRange);
    const letter = sheet.getColumn(at + 1).letter;
    if (rule) validations.add(`${letter}2:${letter}${LAST_ROW}`, rule);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
