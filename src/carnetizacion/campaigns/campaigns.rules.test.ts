import { describe, expect, it } from "vitest";
import { parseTypedList } from "../lists/lists.typed.ts";
import {
  type CheckContext,
  checkRows,
  type KnownPerson,
  mismatchedLines,
  namesMatch,
  normalizeBloodType,
  typedNameError,
} from "./campaigns.rules.ts";

const context: CheckContext = {
  dependencia: { id: "d1", name: "Secretaría de Tránsito y Transporte" },
  emailDomain: "pasto.gov.co",
  people: new Map<string, KnownPerson>([
    [
      "1085123456",
      {
        id: "p1",
        dependenciaId: "d1",
        status: "activo",
        hasPrintedCard: true,
        firstNames: "Ana Lucía",
        lastNames: "Pérez Gómez",
        isStaff: false,
      },
    ],
    [
      "1085000000",
      {
        id: "p2",
        dependenciaId: "d2",
        status: "activo",
        hasPrintedCard: true,
        firstNames: "Luis",
        lastNames: "Rosero",
        isStaff: false,
      },
    ],
    [
      "1085999999",
      {
        id: "p3",
        dependenciaId: "d1",
        status: "activo",
        hasPrintedCard: false,
        firstNames: "Jorge",
        lastNames: "Benavides",
        isStaff: false,
      },
    ],
    [
      "1085444444",
      {
        id: "p4",
        dependenciaId: "d1",
        status: "activo",
        hasPrintedCard: true,
        firstNames: "Sonia",
        lastNames: "Burbano",
        isStaff: true,
      },
    ],
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
    [{ documentNumber: "1085444444" }, "personal de la entidad"],
    [{ documentNumber: "12AB" }, "entre 3 y 10 dígitos"],
    [{ contractNumber: "" }, "número de contrato"],
  ])("refuses a contractor row with %j", (overrides, message) => {
    const { problems } = checkRows("contratistas", [contractor(overrides)], context);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 2,
        messages: expect.arrayContaining([expect.stringContaining(message)]),
      }),
    ]);
  });

  it("names the first line of a document repeated in the file", () => {
    const rows = [3, 7].map((line) => ({
      line,
      values: { fullName: "Ana Pérez", documentNumber: "1085123456" },
    }));
    const { valid, problems } = checkRows("desvinculados", rows, context);
    expect(valid).toHaveLength(1);
    expect(problems).toEqual([
      {
        line: 7,
        message: "El documento 1085123456 ya aparece en la fila 3.",
        messages: ["El documento 1085123456 ya aparece en la fila 3."],
        name: "Ana Pérez",
        knownName: "Ana Lucía Pérez Gómez",
      },
    ]);
  });

  it.each([
    // Unknown or another dependencia's: the same words, so a list tells nobody which documents exist.
    ["desvinculados", "1085000000", "no es de una persona de Secretaría de Tránsito y Transporte registrada"],
    ["desvinculados", "123456", "no es de una persona de Secretaría de Tránsito y Transporte registrada"],
    ["desvinculados", "1085444444", "personal de la entidad"],
    ["cintas", "1085999999", "no tiene un carnet impreso"],
  ] as const)("refuses in %s the document %s", (kind, documentNumber, message) => {
    const { problems } = checkRows(kind, [{ line: 4, values: { fullName: "X", documentNumber } }], context);
    expect(problems[0]?.message).toContain(message);
  });

  it("refuses a row typed in the wrong column order, naming the document type in the name column", () => {
    const { valid, problems } = checkRows(
      "desvinculados",
      [{ line: 1, values: { fullName: "CC", documentNumber: "1085123456" } }],
      context,
    );
    expect(valid).toEqual([]);
    expect(problems[0]).toMatchObject({ line: 1, name: "CC", knownName: "Ana Lucía Pérez Gómez" });
    expect(problems[0]?.messages).toEqual([expect.stringContaining("que es un tipo de documento")]);
  });

  it("lists every problem of a row, not only the first", () => {
    const { problems } = checkRows(
      "contratistas",
      [
        contractor({
          contractNumber: "",
          email: "jose@gmail.com",
          bloodType: "Z+",
          documentNumber: "1085000000",
        }),
      ],
      context,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.messages).toEqual([
      expect.stringContaining("otra dependencia"),
      "Falta el número de contrato.",
      expect.stringContaining("@pasto.gov.co"),
      expect.stringContaining("grupo sanguíneo"),
    ]);
    expect(problems[0]).toMatchObject({ name: "José Nariño" });
    // A person of another dependencia: the liaison learns no name from a typed document.
    expect(problems[0]?.knownName).toBeUndefined();
  });

  it("keeps a row whose name does not match SIPAP's, flagged for confirmation, with SIPAP's name", () => {
    const { valid, problems } = checkRows(
      "cintas",
      [{ line: 2, values: { fullName: "PEREZ GOMEZ ANA LUCIA", documentNumber: "1085123456" } }],
      context,
    );
    expect(problems).toEqual([]);
    expect(valid[0]).toMatchObject({ knownName: "Ana Lucía Pérez Gómez" });
    expect(valid[0]?.nameMismatch).toBeUndefined();
    const other = checkRows(
      "desvinculados",
      [{ line: 3, values: { fullName: "Carlos Bravo", documentNumber: "1.085.123.456" } }],
      context,
    );
    expect(other.problems).toEqual([]);
    expect(other.valid[0]).toMatchObject({ knownName: "Ana Lucía Pérez Gómez", nameMismatch: true });
    expect(mismatchedLines(other.valid)).toEqual([3]);
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

const LUCIA = { firstNames: "Lucía", lastNames: "Pérez Gómez" };

describe("matching a typed name with SIPAP's", () => {
  it.each([
    ["LUCIA PEREZ", LUCIA, true],
    ["Lucía Pérez Gómez", LUCIA, true],
    ["Pérez Gómez Lucía", LUCIA, true],
    ["  lucía   pérez  ", LUCIA, true],
    ["Pérez Gómez, Lucía", LUCIA, true],
    ["Lucia Perez-Gomez", LUCIA, true],
    ["Lucía Peres Gómez", LUCIA, true], // one letter off
    ["Lucía", LUCIA, false], // no surname
    ["Pérez Gómez", LUCIA, false], // no given name
    ["Lucía Gómez", LUCIA, false], // second surname only
    ["Carlos Bravo", LUCIA, false],
    ["Lucía Pérez Gómez Rodríguez", LUCIA, false], // a word that is nobody's in the record
    ["L. Pérez Gómez", LUCIA, false], // an initial alone is not a given name
    ["Lucía M. Pérez", { firstNames: "Lucía Mercedes", lastNames: "Pérez" }, true],
    ["Ana Lucía Pérez", { firstNames: "Ana Lucía", lastNames: "Pérez Gómez" }, true],
    ["Lucía Pérez", { firstNames: "Ana Lucía", lastNames: "Pérez Gómez" }, true], // goes by the second name
    ["Ma. José Nariño", { firstNames: "María José", lastNames: "Nariño Muñoz" }, true],
    ["MARIA JOSE NARINO MUNOZ", { firstNames: "María José", lastNames: "Nariño Muñoz" }, true],
    [
      "María de los Ángeles de la Rosa",
      { firstNames: "María de los Ángeles", lastNames: "De la Rosa" },
      true,
    ],
    ["Lucía Pérez Gómez", { firstNames: "Lucía", lastNames: "Pérez" }, true], // SIPAP lacks the 2nd surname
    ["Pérez Gómez Lucía", { firstNames: "Lucía Pérez Gómez", lastNames: "" }, true], // all in one field
    ["Lucía", { firstNames: "Lucía Pérez Gómez", lastNames: "" }, false],
    ["Jose Gonzales", { firstNames: "José", lastNames: "González" }, true],
    ["Ana Paz", { firstNames: "Ana", lastNames: "Paz" }, true],
    ["Ana Paz", { firstNames: "Ana", lastNames: "Díaz" }, false], // short words must be exact
    ["", LUCIA, false],
  ])("%j against %j: %s", (typed, known, expected) => {
    expect(namesMatch(typed, known)).toBe(expected);
  });

  it.each([
    ["CC", "tipo de documento"],
    ["C.C.", "tipo de documento"],
    ["Cédula de ciudadanía", "tipo de documento"],
    ["pasaporte", "tipo de documento"],
    ["1085333444", "hay números"],
    ["Lucía Pérez 3", "hay números"],
    ["   ", "Escriba el nombre"],
    ["Lucía Pérez", undefined],
    ["Cecilia", undefined],
  ])("the name %j is an error: %s", (typed, expected) => {
    const error = typedNameError(typed);
    if (expected === undefined) expect(error).toBeUndefined();
    else expect(error).toContain(expected);
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
