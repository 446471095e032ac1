import { describe, expect, it } from "vitest";
import { readDateCell, readDateText, readRangeCell, readRangeText, readSerial } from "./sheets.dates.ts";
import { writtenDay } from "./sheets.grid.ts";

// Date cells must give their calendar day whatever the server's zone: run these west of UTC.
process.env.TZ = "America/Bogota";

const day = (iso: string, written: string) => ({ kind: "date", iso, written });

describe("a date written as text", () => {
  it.each([
    ["13/01/2022", "2022-01-13"],
    ["1/07/2022", "2022-07-01"],
    ["1/7/2022", "2022-07-01"],
    ["01-02-2026", "2026-02-01"],
    ["01.02.2026", "2026-02-01"],
    ["5/3/22", "2022-03-05"],
    ["31/12/99", "2099-12-31"],
    ["2026-02-01", "2026-02-01"],
    ["13/01/2022 0:00:00", "2022-01-13"],
    [" 13/01/2022. ", "2022-01-13"],
  ])("reads «%s» as %s, day first, two-digit years as 20yy", (text, iso) => {
    expect(readDateText(text)).toEqual(day(iso, text.trim()));
  });

  it("keeps an impossible day as written and says why, never moving it to another day", () => {
    expect(readDateText("31/04/2022")).toEqual({
      kind: "impossible",
      written: "31/04/2022",
      reason: "abril tiene 30 días",
    });
    expect(readDateText("29/02/2022")).toMatchObject({
      kind: "impossible",
      reason: "febrero de 2022 tiene 28 días",
    });
    expect(readDateText("29/02/2024")).toEqual(day("2024-02-29", "29/02/2024"));
    expect(readDateText("12/13/2022")).toMatchObject({ kind: "impossible", reason: "el mes 13 no existe" });
    expect(readDateText("0/05/2022")).toMatchObject({ kind: "impossible", reason: "el día 0 no existe" });
  });

  it.each(["Permanente", "Enero a diciembre", "13/01", "2022", "13/01/22022", "1/1/1850"])(
    "does not take «%s» for a date",
    (text) => {
      expect(readDateText(text)).toEqual({ kind: "invalid", written: text });
    },
  );
});

describe("a date cell", () => {
  it("takes an Excel date's UTC calendar day, as the cell shows it", () => {
    const date = new Date(Date.UTC(2022, 0, 13));
    expect(readDateCell({ text: "13/01/2022", date })).toEqual([day("2022-01-13", "13/01/2022")]);
  });

  it("reads a serial number as an Excel day of the 1900 system", () => {
    expect(readSerial(44574)).toEqual(day("2022-01-13", "44574"));
    expect(readDateCell({ text: "44743", number: 44743 })).toEqual([day("2022-07-01", "44743")]);
    expect(readSerial(12)).toEqual({ kind: "invalid", written: "12" });
  });

  it("reads one date per line, and nothing from an empty cell or one merged from above", () => {
    expect(readDateCell({ text: "01/05/2022\n01/10/2022" })).toEqual([
      day("2022-05-01", "01/05/2022"),
      day("2022-10-01", "01/10/2022"),
    ]);
    expect(readDateCell(undefined)).toEqual([]);
    expect(readDateCell({ text: "13/01/2022", above: true })).toEqual([]);
  });

  it("shows a date the way its number format does, day first, else as d/mm/yyyy", () => {
    const date = new Date(Date.UTC(2022, 3, 1));
    expect(writtenDay(date, "dd/mm/yyyy")).toBe("01/04/2022");
    expect(writtenDay(date, "d/mm/yyyy")).toBe("1/04/2022");
    expect(writtenDay(date, "d-m-yy")).toBe("1-4-22");
    expect(writtenDay(date, "[$-240A]dd/mm/yyyy")).toBe("01/04/2022");
    // Excel's locale short date and LibreOffice's «mm/dd/yy» are shown day first in Colombia.
    expect(writtenDay(date, "mm-dd-yy")).toBe("1/04/2022");
    expect(writtenDay(date, "mm/dd/yy")).toBe("1/04/2022");
    expect(writtenDay(date)).toBe("1/04/2022");
  });
});

describe("a period written in one cell («Cuándo»)", () => {
  it.each([
    ["01/02/2026 - 31/03/2026", "2026-02-01", "2026-03-31"],
    ["01/02/2026 a 31/07/2026", "2026-02-01", "2026-07-31"],
    ["16/12/2026 al 31/12/2026", "2026-12-16", "2026-12-31"],
    ["del 01/02/2026 al 31/07/2026", "2026-02-01", "2026-07-31"],
    ["01/02/2026 – 31/03/2026", "2026-02-01", "2026-03-31"],
    ["01-02-2026 - 31-03-2026", "2026-02-01", "2026-03-31"],
    ["1/2/26-31/3/26", "2026-02-01", "2026-03-31"],
    ["01/02/2026 hasta 31/03/2026.", "2026-02-01", "2026-03-31"],
  ])("reads «%s»", (text, start, end) => {
    const read = readRangeText(text);
    expect(read?.start).toMatchObject({ kind: "date", iso: start });
    expect(read?.end).toMatchObject({ kind: "date", iso: end });
  });

  it("takes a single date as a one-day period", () => {
    const read = readRangeText("31/12/2026");
    expect(read).toMatchObject({
      start: { iso: "2026-12-31" },
      end: { iso: "2026-12-31" },
      written: "31/12/2026",
    });
    const cell = readRangeCell({ text: "31/12/2026", date: new Date(Date.UTC(2026, 11, 31)) });
    expect(cell).toMatchObject([{ start: { iso: "2026-12-31" }, end: { iso: "2026-12-31" } }]);
  });

  it("keeps an impossible side as written", () => {
    expect(readRangeText("01/04/2026 - 31/04/2026")).toMatchObject({
      start: { kind: "date", iso: "2026-04-01" },
      end: { kind: "impossible", written: "31/04/2026" },
      written: "01/04/2026 - 31/04/2026",
    });
  });

  it("reads one period per line and marks what is not a period", () => {
    expect(readRangeCell({ text: "01/02/2026 - 28/02/2026\n01/06/2026 al 30/06/2026" })).toMatchObject([
      { start: { iso: "2026-02-01" }, end: { iso: "2026-02-28" } },
      { start: { iso: "2026-06-01" }, end: { iso: "2026-06-30" } },
    ]);
    for (const text of [
      "Todo el año",
      "01/02/2026 o 31/03/2026",
      "Desde febrero",
      "01/02/2026 - 02/02/2026 - 03/02/2026",
    ])
      expect(readRangeCell({ text })).toEqual([{ kind: "invalid", written: text }]);
  });
});
