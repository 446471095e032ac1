import { describe, expect, it } from "vitest";
import { classifyAddress, partitionAddresses } from "./addresses.rules.ts";

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
