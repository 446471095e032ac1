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

export const DISABLE_REASONS = ["desvinculacion", "perdida", "reemplazo", "vencimiento", "otra"] as const;
export type DisableReason = (typeof DISABLE_REASONS)[number];
export const DISABLE_REASON_LABELS: Record<DisableReason, string> = {
  desvinculacion: "Desvinculación",
  perdida: "Pérdida o robo",
  reemplazo: "Reemplazo (se imprimió otro)",
  vencimiento: "Vencimiento",
  otra: "Otra",
};

export const LANYARD_STATES = ["pendiente", "entregada"] as const;
export type LanyardState = (typeof LANYARD_STATES)[number];

/** Printed cards that are still in circulation: these are the ones a disable or expiry applies to. */
export const isInCirculation = (state: CardState) =>
  state === "impresa" || state === "lista_para_entrega" || state === "entregada";

// Crockford base 32: no I, L, O or U, so a code read aloud or typed is not misread.
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CARD_CODE_LENGTH = 16; // 16 × 5 bits = 80 random bits

/** A new card code from 10 random bytes (80 bits), exactly 16 symbols. */
export function generateCardCode(random: (bytes: number) => Uint8Array): string {
  const bytes = random(10);
  let bits = 0;
  let value = 0;
  let code = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      code += CODE_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return code;
}

/**
 * What a person typed or a QR carried, as a code, or undefined when it cannot be one. Case, spaces and
 * dashes are forgiven, and the letters people confuse with digits (O, I, L) are read as Crockford does.
 */
export function normalizeCardCode(input: string): string | undefined {
  if (input.length > 64) return undefined;
  const code = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return code.length === CARD_CODE_LENGTH && [...code].every((ch) => CODE_ALPHABET.includes(ch))
    ? code
    : undefined;
}

interface PrintFields {
  dependenciaId: string | null;
  position: string | null;
  bloodType: string | null;
  vinculacion: "planta" | "ops" | null;
  contractEnd: string | null;
}

/** What a person's record still lacks before their card can be printed (Spanish labels). */
export function missingForPrint(person: PrintFields): string[] {
  const missing: string[] = [];
  if (!person.dependenciaId) missing.push("dependencia");
  if (!person.position) missing.push("cargo u objeto del contrato");
  if (!person.bloodType) missing.push("grupo sanguíneo y RH");
  if (!person.vinculacion) missing.push("tipo de vinculación");
  if (person.vinculacion === "ops" && !person.contractEnd) missing.push("fecha de fin del contrato");
  return missing;
}

/**
 * Until when a card printed today is valid: a contractor's until the contract ends; an employee's until
 * the configured date, or the end of the year it is printed in.
 */
export function validUntilFor(
  person: Pick<PrintFields, "vinculacion" | "contractEnd">,
  today: string,
  plantaValidUntil: string | undefined,
): string {
  if (person.vinculacion === "ops" && person.contractEnd) return person.contractEnd;
  return plantaValidUntil ?? `${today.slice(0, 4)}-12-31`;
}

export type Verdict = "VIGENTE" | "VENCIDO" | "INHABILITADO";

/**
 * The public verdict for a card: INHABILITADO when disabled or returned (expired cards disabled by the
 * daily job still read VENCIDO), VENCIDO past its validity, VIGENTE for a printed card within it.
 * Cards not printed yet have no public existence (undefined).
 */
export function verdictFor(
  card: { state: CardState; validUntil: string | null; disabledReason: DisableReason | null },
  today: string,
): Verdict | undefined {
  if (card.state === "inhabilitada" || card.state === "devuelta")
    return card.disabledReason === "vencimiento" ? "VENCIDO" : "INHABILITADO";
  if (!isInCirculation(card.state) || !card.validUntil) return undefined;
  return card.validUntil < today ? "VENCIDO" : "VIGENTE";
}
