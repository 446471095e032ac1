// The card's state machine (DOMAIN.md, "Photo and card states"): pure rules, no I/O.

export const CARD_STATES = [
  "solicitada",
  "lista_para_imprimir",
  "impresa",
  "lista_para_entrega",
  "entregada",
  "inhabilitada",
  "devuelta",
  "cancelada",
] as const;

export type CardState = (typeof CARD_STATES)[number];

const NEXT: Record<CardState, readonly CardState[]> = {
  solicitada: ["lista_para_imprimir", "cancelada"],
  lista_para_imprimir: ["impresa", "solicitada", "cancelada"],
  // Back to lista_para_imprimir is a misprint (counted).
  impresa: ["lista_para_entrega", "lista_para_imprimir", "inhabilitada"],
  lista_para_entrega: ["entregada", "inhabilitada"],
  entregada: ["inhabilitada"],
  inhabilitada: ["devuelta"],
  devuelta: [],
  cancelada: [],
};

export function canTransition(from: CardState, to: CardState): boolean {
  return NEXT[from].includes(to);
}

/** Ended cards: a person whose cards are all ended may get a new request. */
export const isEnded = (state: CardState) =>
  state === "inhabilitada" || state === "devuelta" || state === "cancelada";

export const CARD_STATE_LABELS: Record<CardState, string> = {
  solicitada: "Solicitado",
  lista_para_imprimir: "Listo para imprimir",
  impresa: "Impreso",
  lista_para_entrega: "Listo para entregar",
  entregada: "Entregado",
  inhabilitada: "Inhabilitado",
  devuelta: "Devuelto",
  cancelada: "Cancelado",
};
