import { describe, expect, it } from "vitest";
import { CARD_STATES, type CardState, canTransition } from "./cards.rules.ts";

// Every allowed move of DOMAIN.md; every other pair must be refused.
const ALLOWED: [CardState, CardState][] = [
  ["solicitada", "lista_para_imprimir"],
  ["solicitada", "cancelada"],
  ["lista_para_imprimir", "impresa"],
  ["lista_para_imprimir", "solicitada"],
  ["lista_para_imprimir", "cancelada"],
  ["impresa", "lista_para_entrega"],
  ["impresa", "lista_para_imprimir"],
  ["impresa", "inhabilitada"],
  ["lista_para_entrega", "entregada"],
  ["lista_para_entrega", "inhabilitada"],
  ["entregada", "inhabilitada"],
  ["inhabilitada", "devuelta"],
];

describe("card state machine", () => {
  const pairs = CARD_STATES.flatMap((from) => CARD_STATES.map((to) => [from, to] as const));
  it.each(pairs)("%s → %s", (from, to) => {
    const expected = ALLOWED.some(([f, t]) => f === from && t === to);
    expect(canTransition(from, to)).toBe(expected);
  });

  it("never lets a disabled, returned or cancelled card come back to life", () => {
    for (const end of ["inhabilitada", "devuelta", "cancelada"] as const)
      for (const live of ["impresa", "lista_para_entrega", "entregada"] as const)
        expect(canTransition(end, live)).toBe(false);
  });
});
