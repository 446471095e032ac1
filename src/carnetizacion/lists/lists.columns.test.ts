// How header labels and cell values are normalised before the rows are checked.

import { describe, expect, it } from "vitest";
import { utc } from "../../../test/sheets.ts";
import { LIST_COLUMNS, LIST_KINDS, normalizeLabel, normalizeValue } from "./lists.columns.ts";

// Dates must come out as the calendar day whatever the server's zone: run these tests west of UTC.
process.env.TZ = "America/Bogota";

describe("values", () => {
  it.each([
    ["date", utc(2026, 2, 20), "2026-02-20"],
    ["date", 46073, "2026-02-20"],
    ["date", "20/02/2026", "2026-02-20"],
    ["date", "5/2/2026", "2026-02-05"],
    ["date", "05-02-2026", "2026-02-05"],
    ["date", "2026-02-05", "2026-02-05"],
    ["date", "20/02/2026 00:00:00", "2026-02-20"],
    ["date", "31/02/2026", "31/02/2026"],
    ["date", "febrero 20", "febrero 20"],
    ["document", "1.085.123.456", "1085123456"],
    ["document", " 1 085 123,456 ", "1085123456"],
    ["document", 1085123456, "1085123456"],
    ["document", "pa 123456", "PA123456"],
    ["phone", 3001234567, "3001234567"],
    ["phone", "(300) 123-4567", "3001234567"],
    ["email", { text: "Ana@Pasto.gov.co", hyperlink: "mailto:Ana@Pasto.gov.co" }, "ana@pasto.gov.co"],
    ["text", { richText: [{ text: "José " }, { text: "Nariño" }] }, "José Nariño"],
    ["text", { formula: "A1", result: 12 }, "12"],
    ["text", { error: "#N/A" }, ""],
    ["text", 1234.5, "1234.5"],
    ["documentType", "Cédula de extranjería", "CE"],
    ["documentType", "c.c.", "CC"],
    ["documentType", "Pasaporte", "PA"],
    ["documentType", "TI", "TI"],
    ["bloodType", "0+", "O+"],
    ["bloodType", "ab rh negativo", "AB-"],
    ["bloodType", "C+", "C+"],
  ] as const)("normalises a %s %j to %j", (type, value, expected) => {
    expect(normalizeValue(type, value)).toBe(expected);
  });

  it.each([
    ["N° de Cédula (sin puntos)*", "numerocedula"],
    ["NÚMERO DE CÉDULA:", "numerocedula"],
    ["Grupo sanguíneo y RH", "gruposanguineorh"],
    ["  Correo   electrónico ", "correoelectronico"],
  ])("matches the header %j loosely", (header, expected) => {
    expect(normalizeLabel(header)).toBe(expected);
  });

  it.each(LIST_KINDS)("never gives two %s columns the same header", (kind) => {
    const labels = LIST_COLUMNS[kind].flatMap((column) => [
      ...new Set([column.header, ...column.aliases, ...(column.parts ?? []).flat()].map(normalizeLabel)),
    ]);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
