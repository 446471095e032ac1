// The card's state machine (docs/DOMAIN.md, "Photo and card states"): pure rules, no I/O.
import type { PhotoState } from "../photos/photos.rules.ts";

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

/** The state of the print batch a card is in (print_batches.state). */
export type PrintBatchState = "generando" | "lista" | "fallida";

/**
 * The label that tells the truth about a card: a card taken into a batch is «impresa» from that moment,
 * but until the batch's PDF exists nobody can have printed it.
 */
export function cardStateLabel(state: CardState, batchState?: PrintBatchState): string {
  if (state === "impresa" && batchState === "generando") return "En lote — generando el PDF";
  if (state === "impresa" && batchState === "fallida") return "En lote — falló el PDF";
  return CARD_STATE_LABELS[state];
}

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

/** What printing needs of a person's record, and whether they are still with the entity. */
export interface PrintPerson extends PrintFields {
  id: string;
  status: "activo" | "desvinculado";
}

/** The person's photos as far as printing cares: is one approved, and what is the latest one doing. */
export interface PhotoSituation {
  approved: boolean;
  latest?: { id: string; state: PhotoState; rejectionReason: string | null } | undefined;
}

export type MissingCode =
  | "desvinculada"
  | "dependencia"
  | "vinculacion"
  | "fin_contrato"
  | "contrato_terminado"
  | "cargo"
  | "grupo_sanguineo"
  | "foto";

/** One thing that stands between a person and a printed card: what, who completes it, and where. */
export interface MissingStep {
  code: MissingCode;
  what: string;
  who: string;
  href?: string;
  linkText?: string;
}

/** «self»: the person reading about their own card; «staff»: SSI reading about someone's. */
export type Audience = "self" | "staff";

/** The data a record lacks for printing (the photo aside), in the order the pages list them. */
export function missingData(person: Omit<PrintPerson, "id">, today: string): MissingCode[] {
  const missing: MissingCode[] = [];
  if (person.status === "desvinculado") missing.push("desvinculada");
  if (!person.dependenciaId) missing.push("dependencia");
  if (!person.vinculacion) missing.push("vinculacion");
  if (person.vinculacion === "ops" && !person.contractEnd) missing.push("fin_contrato");
  if (person.vinculacion === "ops" && person.contractEnd && person.contractEnd < today)
    missing.push("contrato_terminado");
  if (!person.position?.trim()) missing.push("cargo");
  if (!person.bloodType) missing.push("grupo_sanguineo");
  return missing;
}

const dayOf = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function dataStep(code: MissingCode, person: PrintPerson, audience: Audience): MissingStep {
  const self = audience === "self";
  const edit = self
    ? {}
    : { href: `/admin/personas/${person.id}/editar`, linkText: "Completar los datos de la persona" };
  const byProfile = self
    ? { who: "complételo en Mis datos", href: "/mis-datos", linkText: "Ir a Mis datos" }
    : { who: "la persona lo completa en Mis datos, o lo registra SSI", ...edit };
  const contractList = self
    ? "lo registra SSI o su dependencia en la lista de contratistas"
    : "lo registra SSI (o la dependencia en la lista de contratistas)";
  switch (code) {
    case "desvinculada":
      return self
        ? { code, what: "Usted figura como desvinculado de la entidad", who: "si es un error, avise a SSI" }
        : { code, what: "La persona figura como desvinculada", who: "SSI la reactiva si volvió", ...edit };
    case "dependencia":
      return {
        code,
        what: self ? "Falta su dependencia" : "Falta la dependencia",
        who: "la registra SSI",
        ...edit,
      };
    case "vinculacion":
      return {
        code,
        what: `Falta ${self ? "su" : "la"} vinculación (planta o contratista con contrato)`,
        who: "la registra SSI",
        ...edit,
      };
    case "fin_contrato":
      return {
        code,
        what: `Falta la fecha de fin ${self ? "de su" : "del"} contrato`,
        who: contractList.replace(/^lo /, "la "),
        ...edit,
      };
    case "contrato_terminado":
      return {
        code,
        what: `${self ? "Su" : "El"} contrato terminó el ${dayOf(person.contractEnd ?? "")}`,
        who: `el contrato nuevo ${contractList}`,
        ...edit,
      };
    case "cargo":
      return { code, what: `Falta ${self ? "su" : "el"} cargo u objeto del contrato`, ...byProfile };
    case "grupo_sanguineo":
      return { code, what: `Falta ${self ? "su" : "el"} grupo sanguíneo y RH`, ...byProfile };
    case "foto":
      throw new Error("the photo step depends on the photo");
  }
}

function photoStep(person: PrintPerson, photo: PhotoSituation, audience: Audience): MissingStep | undefined {
  if (photo.approved) return undefined;
  const code = "foto";
  const latest = photo.latest;
  if (audience === "self") {
    const myPhoto = { href: "/mi-foto", linkText: "Ir a Mi foto" };
    if (latest?.state === "en_revision")
      return {
        code,
        what: "Su foto está en revisión por SSI",
        who: "usted no tiene que hacer nada; si hay que cambiarla, le avisamos por correo",
      };
    if (latest?.state === "borrador")
      return {
        code,
        what: "Su foto no se ha enviado a revisión",
        who: "envíela o suba otra en Mi foto",
        ...myPhoto,
      };
    if (latest?.state === "rechazada")
      return {
        code,
        what: `Su foto fue rechazada${latest.rejectionReason ? ` (${latest.rejectionReason})` : ""}`,
        who: "suba una foto nueva en Mi foto",
        ...myPhoto,
      };
    return { code, what: "Falta su foto aprobada", who: "suba su foto en Mi foto", ...myPhoto };
  }
  const file = {
    href: `/admin/personas/${person.id}`,
    linkText: "Subir la foto desde la ficha de la persona",
  };
  if (latest?.state === "en_revision")
    return {
      code,
      what: "La foto está en revisión",
      who: "la aprueba o rechaza SSI",
      href: `/ssi/fotos/${latest.id}`,
      linkText: "Revisar la foto",
    };
  if (latest?.state === "borrador")
    return {
      code,
      what: "La foto no se ha enviado a revisión",
      who: "la persona la envía en Mi foto, o SSI sube otra",
      ...file,
    };
  if (latest?.state === "rechazada")
    return {
      code,
      what: "La foto fue rechazada",
      who: "la persona sube otra en Mi foto, o SSI la sube",
      ...file,
    };
  return {
    code,
    what: "Falta la foto aprobada",
    who: "la persona la sube en Mi foto, o SSI la sube",
    ...file,
  };
}

/** Cards for which «what is missing» means something: none requested yet, or not printed yet. */
const awaitsPrint = (card: { state: CardState } | undefined) =>
  !card || card.state === "solicitada" || card.state === "lista_para_imprimir";

/**
 * Everything that stands between the person and a printed card, each with who completes it and where,
 * worded for the person themselves or for SSI. Empty when nothing is missing or the card is printed.
 */
export function missingForPrint(
  person: PrintPerson,
  photo: PhotoSituation,
  card: { state: CardState } | undefined,
  today: string,
  audience: Audience,
): MissingStep[] {
  if (!awaitsPrint(card)) return [];
  const steps = missingData(person, today).map((code) => dataStep(code, person, audience));
  const photoMissing = photoStep(person, photo, audience);
  return photoMissing ? [...steps, photoMissing] : steps;
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
