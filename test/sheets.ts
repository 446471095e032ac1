// What the spreadsheet tests of the lists share: a contractor row, Excel's dates and workbooks as bytes.
import type ExcelJS from "exceljs";

/** A calendar day as exceljs reads a date cell (midnight UTC). */
export const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));

export async function toXlsx(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One row of list 2 (contractors) as SIPAP reads it. */
export const CONTRATISTA = {
  documentType: "CC",
  documentNumber: "1085123456",
  firstNames: "José María",
  lastNames: "Nariño Muñoz",
  dependencia: "Secretaría de Tránsito",
  contractNumber: "OPS-2026-0153",
  contractStart: "2026-01-15",
  contractEnd: "2026-12-20",
  email: "jose.narino@pasto.gov.co",
  phone: "3001234567",
  bloodType: "O+",
};
