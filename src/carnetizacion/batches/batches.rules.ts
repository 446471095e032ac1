// Print batches: pure rules for what a batch's page says about it, and when batches may be made at all.

import { countOf } from "../../shared/words.ts";
import type { CardState, PrintBatchState } from "../cards/cards.rules.ts";

/** The QR's URL: upper case, so the QR encodes it in the compact alphanumeric mode. */
export const verifyUrl = (publicBaseUrl: string, code: string) =>
  `${publicBaseUrl}/VERIFICAR/${code}`.toUpperCase();

interface UrlSettings {
  databaseUrl: string | undefined;
  publicBaseUrl: string;
  publicBaseUrlIsLocal: boolean;
}

/**
 * Why no batch may be made now, or undefined. Outside the embedded demo a local PUBLIC_BASE_URL would put
 * this server's own address in every QR code, and printed cards cannot be fixed afterwards.
 */
export function batchUrlRefusal(settings: UrlSettings): string | undefined {
  if (!settings.databaseUrl || !settings.publicBaseUrlIsLocal) return undefined;
  return (
    `No se pueden crear lotes: los códigos QR llevarían la dirección ${settings.publicBaseUrl}, que no ` +
    "abre desde otro equipo ni desde un celular. Pida al administrador del servidor que configure " +
    "PUBLIC_BASE_URL con la dirección pública de SIPAP (por ejemplo https://sipap.pasto.gov.co) y reinicie SIPAP."
  );
}

export interface BatchCardState {
  state: CardState;
  /** The card went back to the queue from this batch and was put in a later one. */
  reprintedLater: boolean;
}

export interface BatchCounts {
  impresos: number;
  listos: number;
  entregados: number;
  devueltos: number;
  inhabilitados: number;
}

/** Where the cards of a batch are now; a card sent back to the queue counts there, even if reprinted. */
export function countBatchCards(cards: BatchCardState[]): BatchCounts {
  const counts: BatchCounts = { impresos: 0, listos: 0, entregados: 0, devueltos: 0, inhabilitados: 0 };
  for (const card of cards) {
    if (card.reprintedLater || card.state === "lista_para_imprimir" || card.state === "solicitada")
      counts.devueltos++;
    else if (card.state === "impresa") counts.impresos++;
    else if (card.state === "lista_para_entrega") counts.listos++;
    else if (card.state === "entregada") counts.entregados++;
    else counts.inhabilitados++;
  }
  return counts;
}

/** The batch's status line: the PDF first, then how far its cards have gone. */
export function batchStatusLabel(state: PrintBatchState, counts: BatchCounts): string {
  if (state === "generando") return "Generando el PDF";
  if (state === "fallida") return "No se pudo generar el PDF";
  if (counts.impresos > 0) return "PDF listo: imprima y revise los carnets";
  if (counts.listos > 0) return "Carnets listos para entregar";
  if (counts.entregados > 0) return "Entregado";
  return "Sin carnets pendientes";
}

const list = new Intl.ListFormat("es-CO", { type: "conjunction" });

/** «12 carnets: 3 impresos, 8 listos para entregar y 1 devuelto a la fila». */
export function batchCountsText(total: number, state: PrintBatchState, counts: BatchCounts): string {
  const cards = countOf(total, "carnet", "carnets");
  if (state !== "lista") return cards;
  const parts = [
    counts.impresos && countOf(counts.impresos, "impreso", "impresos"),
    counts.listos && countOf(counts.listos, "listo para entregar", "listos para entregar"),
    counts.entregados && countOf(counts.entregados, "entregado", "entregados"),
    counts.devueltos && countOf(counts.devueltos, "devuelto a la fila", "devueltos a la fila"),
    counts.inhabilitados && countOf(counts.inhabilitados, "inhabilitado", "inhabilitados"),
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? `${cards}: ${list.format(parts)}` : cards;
}
