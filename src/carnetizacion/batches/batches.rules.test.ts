import { describe, expect, it } from "vitest";
import type { CardState } from "../cards/cards.rules.ts";
import {
  type BatchCardState,
  batchCountsText,
  batchStatusLabel,
  batchUrlRefusal,
  countBatchCards,
} from "./batches.rules.ts";

const cards = (...states: (CardState | "reimpreso")[]): BatchCardState[] =>
  states.map((state) =>
    state === "reimpreso" ? { state: "impresa", reprintedLater: true } : { state, reprintedLater: false },
  );

describe("what a batch's heading says", () => {
  it.each([
    ["generando", cards("impresa", "impresa"), "Generando el PDF", "2 carnets"],
    ["fallida", cards("impresa"), "No se pudo generar el PDF", "1 carnet"],
    ["lista", cards("impresa"), "PDF listo: imprima y revise los carnets", "1 carnet: 1 impreso"],
    [
      "lista",
      cards("impresa", "lista_para_imprimir", "lista_para_entrega", "lista_para_entrega"),
      "PDF listo: imprima y revise los carnets",
      "4 carnets: 1 impreso, 2 listos para entregar y 1 devuelto a la fila",
    ],
    [
      "lista",
      cards("lista_para_entrega", "entregada", "reimpreso"),
      "Carnets listos para entregar",
      "3 carnets: 1 listo para entregar, 1 entregado y 1 devuelto a la fila",
    ],
    [
      "lista",
      cards("entregada", "entregada", "inhabilitada"),
      "Entregado",
      "3 carnets: 2 entregados y 1 inhabilitado",
    ],
    ["lista", cards("lista_para_imprimir"), "Sin carnets pendientes", "1 carnet: 1 devuelto a la fila"],
  ] as const)("a %s batch of %j reads «%s» and «%s»", (state, batchCards, label, text) => {
    const counts = countBatchCards(batchCards);
    expect(batchStatusLabel(state, counts)).toBe(label);
    expect(batchCountsText(batchCards.length, state, counts)).toBe(text);
  });

  it("writes large counts the Colombian way", () => {
    const counts = countBatchCards(
      Array.from({ length: 1200 }, () => ({ state: "impresa" as const, reprintedLater: false })),
    );
    expect(batchCountsText(1200, "lista", counts)).toBe("1.200 carnets: 1.200 impresos");
  });
});

describe("when batches may be made", () => {
  const base = { publicBaseUrl: "http://localhost:3000", publicBaseUrlIsLocal: true };
  it("allows the embedded demo to print with a local address", () => {
    expect(batchUrlRefusal({ ...base, databaseUrl: undefined })).toBeUndefined();
  });
  it("refuses a real database with a local address, saying to set PUBLIC_BASE_URL", () => {
    expect(batchUrlRefusal({ ...base, databaseUrl: "postgres://x/y" })).toContain("PUBLIC_BASE_URL");
  });
  it("allows a real database with a public address", () => {
    expect(
      batchUrlRefusal({
        databaseUrl: "postgres://x/y",
        publicBaseUrl: "https://carnet.pasto.gov.co",
        publicBaseUrlIsLocal: false,
      }),
    ).toBeUndefined();
  });
});
