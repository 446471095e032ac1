import { describe, expect, it } from "vitest";
import { checkListLines, classifyAddress, parsePastedList, partitionAddresses } from "./addresses.rules.ts";

const DOMAINS = ["pasto.gov.co"];

describe("classifyAddress", () => {
  it.each([
    ["ana.rosero@pasto.gov.co", { ok: true, email: "ana.rosero@pasto.gov.co" }],
    ["  Ana.Rosero@PASTO.gov.co ", { ok: true, email: "ana.rosero@pasto.gov.co" }],
    ["ana@gmail.com", { ok: false, reason: "dominio_externo" }],
    ["ana@hotmail.com", { ok: false, reason: "dominio_externo" }],
    ["ana@educacion.pasto.gov.co", { ok: false, reason: "dominio_externo" }],
    ["ana@pasto.gov.co.evil.com", { ok: false, reason: "dominio_externo" }],
    ["ana@xpasto.gov.co", { ok: false, reason: "dominio_externo" }],
    ["ana@pasto.gov.co@gmail.com", { ok: false, reason: "correo_invalido" }],
    ["ana pasto.gov.co", { ok: false, reason: "correo_invalido" }],
    ["ana@pasto", { ok: false, reason: "correo_invalido" }],
    ["", { ok: false, reason: "sin_correo" }],
    [null, { ok: false, reason: "sin_correo" }],
  ])("classifies %j", (email, expected) => {
    expect(classifyAddress(email, DOMAINS)).toEqual(expected);
  });

  it("accepts every configured domain exactly", () => {
    expect(classifyAddress("a@sed.pasto.gov.co", ["pasto.gov.co", "sed.pasto.gov.co"]).ok).toBe(true);
  });
});

describe("partitionAddresses", () => {
  it("keeps the first of repeated addresses and lists the rest with their reason", () => {
    const { deliverable, dropped } = partitionAddresses(
      [
        { email: "a@pasto.gov.co", id: 1 },
        { email: "A@Pasto.gov.co", id: 2 },
        { email: "b@gmail.com", id: 3 },
        { email: null, id: 4 },
        { email: "mal", id: 5 },
      ],
      DOMAINS,
    );
    expect(deliverable.map((d) => d.id)).toEqual([1]);
    expect(dropped.map((d) => [d.id, d.reason])).toEqual([
      [2, "duplicado"],
      [3, "dominio_externo"],
      [4, "sin_correo"],
      [5, "correo_invalido"],
    ]);
  });
});

describe("parsePastedList", () => {
  it("reads bare addresses, «Nombre <correo>», «;» rows and rows pasted from Excel, skipping the header", () => {
    const lines = parsePastedList(
      [
        "Correo\tNombre\tDependencia",
        "ana@pasto.gov.co\tAna Rosero\tSalud",
        "",
        "Luis Pérez <luis@pasto.gov.co>",
        "maria@pasto.gov.co;María Díaz;Educación",
        "pedro@gmail.com",
      ].join("\n"),
    );
    expect(lines.map((l) => [l.position, l.email, l.name, l.dependenciaName])).toEqual([
      [1, "ana@pasto.gov.co", "Ana Rosero", "Salud"],
      [2, "luis@pasto.gov.co", "Luis Pérez", null],
      [3, "maria@pasto.gov.co", "María Díaz", "Educación"],
      [4, "pedro@gmail.com", null, null],
    ]);
  });

  it("finds the columns by header name in any order, and an address in another column without one", () => {
    const byHeader = parsePastedList("Nombre;Dependencia;Correo electrónico\nAna;Salud;ana@pasto.gov.co");
    expect(byHeader[0]).toMatchObject({ email: "ana@pasto.gov.co", name: "Ana", dependenciaName: "Salud" });
    const swapped = parsePastedList("Ana Rosero\tana@pasto.gov.co");
    expect(swapped[0]).toMatchObject({ email: "ana@pasto.gov.co", name: "Ana Rosero" });
  });
});

describe("checkListLines", () => {
  it("marks external domains, look-alikes, bad addresses and repeats, keeping the first", () => {
    const checked = checkListLines(
      parsePastedList(
        [
          "a@pasto.gov.co",
          "b@gmail.com",
          "c@hotmail.com",
          "d@pasto.gov.co.evil.com",
          "no es un correo",
          "A@PASTO.GOV.CO",
        ].join("\n"),
      ),
      DOMAINS,
    );
    expect(checked.map((l) => l.problem)).toEqual([
      null,
      "dominio_externo",
      "dominio_externo",
      "dominio_externo",
      "correo_invalido",
      "duplicado",
    ]);
  });
});
