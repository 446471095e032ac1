// Dates as offices write them in a plan: Excel date cells, serial numbers, and text day/month/year with one
// or two digits («1/07/2022», «13/01/2022», «1/7/22»), one period per line, or a whole period in one cell
// («01/02/2026 - 31/03/2026», «01/02/2026 a 31/07/2026», «16/12/2026 al 31/12/2026»). A date that cannot exist
// («31/04/2022») is not moved to another day: it is reported and kept as written.
import { MONTH_NAMES } from "../../shared/time.ts";
import { type GridCell, writtenDay } from "./sheets.grid.ts";

export type DateRead =
  | { kind: "date"; iso: string; written: string }
  /** Looks like a date but the day does not exist; `reason` says why, in Spanish («abril tiene 30 días»). */
  | { kind: "impossible"; written: string; reason: string }
  | { kind: "invalid"; written: string };

const pad = (value: number) => String(value).padStart(2, "0");
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function dayOf(year: number, month: number, day: number, written: string): DateRead {
  if (year < 1900 || year > 2100) return { kind: "invalid", written };
  if (month < 1 || month > 12) return { kind: "impossible", written, reason: `el mes ${month} no existe` };
  const last = daysIn(year, month);
  if (day < 1 || day > last) {
    const name = MONTH_NAMES[month - 1] ?? "";
    const reason =
      day < 1
        ? `el día ${day} no existe`
        : month === 2
          ? `febrero de ${year} tiene ${last} días`
          : `${name} tiene ${last} días`;
    return { kind: "impossible", written, reason };
  }
  return { kind: "date", iso: `${year}-${pad(month)}-${pad(day)}`, written };
}

const DAY_FIRST = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$/;
const YEAR_FIRST = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** A time after the day, as LibreOffice or a copy from another program may leave it. */
const TIME = /\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s*m\.?)?$/i;

/** One date written as text. Two-digit years are 20yy. */
export function readDateText(text: string): DateRead {
  const written = text.trim();
  const bare = written.replace(TIME, "").replace(/[.,;]+$/, "");
  const dayFirst = DAY_FIRST.exec(bare);
  if (dayFirst) {
    const year = Number(dayFirst[4]);
    return dayOf(year < 100 ? 2000 + year : year, Number(dayFirst[3]), Number(dayFirst[1]), written);
  }
  const yearFirst = YEAR_FIRST.exec(bare);
  if (yearFirst) return dayOf(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]), written);
  return { kind: "invalid", written };
}

/** An Excel serial day (1900 system) in a cell not formatted as a date; 1910–2100 only. */
export function readSerial(serial: number): DateRead {
  const written = String(serial);
  if (serial < 3654 || serial > 73050) return { kind: "invalid", written };
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial + 1e-9) * 86_400_000);
  return dayOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), written);
}

/** exceljs builds a date cell at UTC midnight of its calendar day: the UTC fields are that day anywhere. */
export const readDateValue = (date: Date, written = writtenDay(date)): DateRead =>
  dayOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), written);

/** The dates of one date cell: one per line when written as text. Empty cell → []. */
export function readDateCell(cell: GridCell | undefined): DateRead[] {
  if (!cell || cell.above) return [];
  if (cell.date) return [readDateValue(cell.date, cell.text)];
  if (cell.number !== undefined) return [readSerial(cell.number)];
  if (cell.text === "") return [];
  return cell.text.split("\n").map(readDateText);
}

const DATE_TOKEN = /\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*(?:\d{4}|\d{2})(?!\d)|\d{4}-\d{1,2}-\d{1,2}/g;
/** What may stand between the two dates of a period, or before the first. */
const BETWEEN = /^(?:-|–|—|a|al|hasta|hasta el|y el|\/)$/i;
const BEFORE = /^(?:del?|desde(?: el)?|entre(?: el)?)?$/i;

export interface RangeRead {
  start: DateRead;
  end: DateRead;
  /** The line as written. */
  written: string;
}

/**
 * One period written in one line («01/02/2026 - 31/03/2026», «del 01/02/2026 al 31/07/2026»). A single date
 * is a period of that one day. Anything else is undefined.
 */
export function readRangeText(line: string): RangeRead | undefined {
  const text = line.trim().replace(/[.;]+$/, "");
  const tokens = [...text.matchAll(DATE_TOKEN)];
  const [first, second] = tokens;
  if (!first || tokens.length > 2) return undefined;
  const firstAt = first.index ?? 0;
  if (!BEFORE.test(text.slice(0, firstAt).trim())) return undefined;
  const afterFirst = firstAt + first[0].length;
  if (!second) {
    if (text.slice(afterFirst).trim() !== "") return undefined;
    const date = readDateText(first[0]);
    return { start: date, end: date, written: text };
  }
  const secondAt = second.index ?? 0;
  if (!BETWEEN.test(text.slice(afterFirst, secondAt).trim().replace(/\s+/g, " "))) return undefined;
  if (text.slice(secondAt + second[0].length).trim() !== "") return undefined;
  return { start: readDateText(first[0]), end: readDateText(second[0]), written: text };
}

/** The periods of a «Cuándo» cell: one per line; a date cell is a one-day period. */
export function readRangeCell(
  cell: GridCell | undefined,
): (RangeRead | { kind: "invalid"; written: string })[] {
  if (!cell || cell.above) return [];
  if (cell.date || cell.number !== undefined) {
    const date = cell.date ? readDateValue(cell.date, cell.text) : readSerial(cell.number ?? 0);
    return [{ start: date, end: date, written: date.written }];
  }
  return cell.text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => readRangeText(line) ?? { kind: "invalid" as const, written: line.trim() });
}
