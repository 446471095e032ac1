import { describe, expect, it } from "vitest";
import { type CheckContext, checkRows, normalizeBloodType } from "./campaigns.rules.ts";
import { parseTypedList } from "./campaigns.typed.ts";

const context: CheckContext = {
  dependencia: { id: "d1", name: "Secretaría de Tránsito y Transporte" },
  emailDomain: "pasto.gov.co",
  people: new Map([
    ["1085123456", { id: "p1", dependenciaId: "d1", status: "activo", hasPrintedCard: true }],
    ["1085000000", { id: "p2", dependenciaId: "d2", status: "activo", hasPrintedCard: true }],
    ["1085999999", { id: "p3", dependenciaId: "d1", status: "activo", hasPrintedCard: false }],
  ]),
};

const contractor = (overrides: Record<string, string> = {}) => ({
  line: 2,
  values: {
    documentType: "Cédula de ciudadanía",
    documentNumber: "1.085.777.001",
    firstNames: "José",
    lastNames: "Nariño",
    dependencia: "SECRETARIA DE TRANSITO Y TRANSPORTE",
    contractNumber: "OPS-1",
    contractStart: "2026-01-15",
    contractEnd: "2026-12-31",
    email: "Jose.Narino@pasto.gov.co",
    phone: "300 123 4567",
    bloodType: "o +",
    ...overrides,
  },
});

describe("checking list rows", () => {
  it("accepts a contractor row as people write it, normalised", () => {
    const { valid, problems } = checkRows("contratistas", [contractor()], context);
    expect(problems).toEqual([]);
    expect(valid[0]?.values).toMatchObject({
      documentType: "CC",
      documentNumber: "1085777001",
      email: "jose.narino@pasto.gov.co",
      phone: "3001234567",
      bloodType: "O+",
    });
  });

  it.each([
    [{ contractEnd: "2026-01-10" }, "posterior a la de inicio"],
    [{ contractStart: "31/02/2026" }, "no es una fecha válida"],
    [{ email: "jose@gmail.com" }, "@pasto.gov.co"],
    [{ bloodType: "Z+" }, "grupo sanguíneo"],
    [{ documentType: "NIT" }, "CC, CE, PPT o PA"],
    [{ dependencia: "Secretaría de Salud" }, "no es la suya"],
    [{ documentNumber: "1085000000" }, "otra dependencia"],
    [{ documentNumber: "12AB" }, "entre 3 y 10 dígitos"],
    [{ contractNumber: "" }, "número de contrato"],
  ])("refuses a contractor row with %j", (overrides, message) => {
    const { problems } = checkRows("contratistas", [contractor(overrides)], context);
    expect(problems).toEqual([{ line: 2, message: expect.stringContaining(message) }]);
  });

  it("names the first line of a document repeated in the file", () => {
    const rows = [3, 7].map((line) => ({ line, values: { fullName: "Ana", documentNumber: "1085123456" } }));
    const { valid, problems } = checkRows("desvinculados", rows, context);
    expect(valid).toHaveLength(1);
    expect(problems).toEqual([{ line: 7, message: "El documento 1085123456 ya aparece en la fila 3." }]);
  });

  it.each([
    ["desvinculados", "1085000000", "otra dependencia"],
    ["desvinculados", "123456", "No hay nadie"],
    ["cintas", "1085999999", "no tiene un carnet impreso"],
  ] as const)("refuses in %s the document %s", (kind, documentNumber, message) => {
    const { problems } = checkRows(kind, [{ line: 4, values: { fullName: "X", documentNumber } }], context);
    expect(problems[0]?.message).toContain(message);
  });

  it.each([
    ["O+", "O+"],
    ["ab -", "AB-"],
    ["A POSITIVO", "A+"],
    ["b negativo", "B-"],
    ["C+", undefined],
  ])("reads the blood group %j", (typed, expected) => {
    expect(normalizeBloodType(typed)).toBe(expected);
  });
});

describe("typed lists", () => {
  it("reads lines pasted from a spreadsheet (tabs) or typed with semicolons, skipping blank lines", () => {
    const result = parseTypedList("Ana Paz\t1085123456\n\nLuis Rosero; 1.085.999.999\n", "desvinculados");
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 1, values: { fullName: "Ana Paz", documentNumber: "1085123456" } },
        { line: 3, values: { fullName: "Luis Rosero", documentNumber: "1.085.999.999" } },
      ],
    });
  });

  it("turns dd/mm/yyyy dates into ISO dates and refuses an empty or too long list", () => {
    const typed = parseTypedList("CC;1;A;B;;OPS;5/1/2026;31/12/2026;a@pasto.gov.co;;O+", "contratistas");
    expect(typed.ok && typed.rows[0]?.values).toMatchObject({
      contractStart: "2026-01-05",
      contractEnd: "2026-12-31",
    });
    expect(parseTypedList(" \n ", "cintas").ok).toBe(false);
    expect(parseTypedList("a;1\n".repeat(201), "cintas").ok).toBe(false);
  });
});
