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

/** A card not yet printed: when its person leaves, it is cancelled rather than disabled. */
export const isUnprinted = (state: CardState) => state === "solicitada" || state === "lista_para_imprimir";

/** A card that exists on plastic and has not been disabled. */
export const isLive = (state: CardState) =>
  state === "impresa" || state === "lista_para_entrega" || state === "entregada";

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

export interface Readiness {
  dataComplete: boolean;
  photoApproved: boolean;
}

/** A request moves to printing only with complete data and an approved photo. */
export const isReadyToPrint = (r: Readiness) => r.dataComplete && r.photoApproved;
