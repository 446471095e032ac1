// The sending rules, pure: what an SMTP failure means for one recipient (fail now, retry later, or pause the
// whole send because the server itself is away), the summary of a finished send, the stable Message-ID of a
// delivery (a resend after a crash carries the same one), and how long a paused send waits.

export const DELIVERY_STATES = ["pendiente", "enviando", "enviado", "fallido", "descartado"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const DELIVERY_STATE_LABELS: Record<DeliveryState, string> = {
  pendiente: "Por enviar",
  enviando: "Enviándose",
  enviado: "Enviado",
  fallido: "Falló",
  descartado: "No se envía",
};

/**
 * - `permanent`: the server refused this recipient or message (5xx): failed now, with the reason.
 * - `temporary`: a 4xx for this recipient: retried later, counting an attempt.
 * - `ambiguous`: the connection broke after the message was handed over: it may have arrived; retried
 *   (at-least-once) and flagged as a possible duplicate.
 * - `server`: the server cannot be reached or says it is closing (421): the whole send pauses, no attempt
 *   counted, nobody failed for it.
 */
export type FailureKind = "permanent" | "temporary" | "ambiguous" | "server";

const SERVER_CODES = new Set([
  "ECONNECTION",
  "ESOCKET",
  "EDNS",
  "ETIMEDOUT",
  "ECONNREFUSED",
  "EAUTH",
  "ETLS",
]);

export function classifySmtpFailure(error: {
  code?: string | undefined;
  responseCode?: number | undefined;
  command?: string | undefined;
}): FailureKind {
  const { code, responseCode, command } = error;
  if (responseCode === 421) return "server";
  if (responseCode !== undefined && responseCode >= 500) return "permanent";
  if (responseCode !== undefined && responseCode >= 400) return "temporary";
  // Lost after the message body was sent: the server may have accepted it.
  if (
    (code === "ETIMEDOUT" || code === "ESOCKET") &&
    command !== undefined &&
    /^(DATA|\.|BDAT)/i.test(command)
  )
    return "ambiguous";
  if (code !== undefined && SERVER_CODES.has(code)) return "server";
  return "temporary";
}

/** The reason stored and shown for a failure: the server's reply, without addresses or message text. */
export function failureReason(error: { message?: string; response?: string; responseCode?: number }) {
  const text = error.response ?? error.message ?? "Error desconocido";
  return text.replace(/<[^<>@\s]+@[^<>\s]+>/g, "<…>").slice(0, 300);
}

export const messageIdFor = (deliveryId: string, domain: string) => `comm.${deliveryId}@${domain}`;

export interface DeliveryCounts {
  pendiente: number;
  enviando: number;
  enviado: number;
  fallido: number;
  descartado: number;
  /** Sent again after a crash: the recipient may hold two copies. */
  recovered: number;
}

export function summarise(counts: DeliveryCounts) {
  return {
    recipients: counts.pendiente + counts.enviando + counts.enviado + counts.fallido + counts.descartado,
    sent: counts.enviado,
    failed: counts.fallido,
    dropped: counts.descartado,
    duplicateRisk: counts.recovered,
    finished: counts.pendiente === 0 && counts.enviando === 0,
  };
}

// A paused send waits 1 min, 5 min, 30 min, 2 h, then 6 h between tries, as the outbox does.
const PAUSES_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];

/** When the n-th consecutive pause (1-based) ends. */
export const pauseUntil = (n: number, now: Date) =>
  new Date(now.getTime() + (PAUSES_MS[Math.min(n, PAUSES_MS.length) - 1] ?? 60_000));

/** The Spanish text of the send summary, for the notice and the page. */
export function summaryText(s: ReturnType<typeof summarise>) {
  const parts = [
    `${s.sent} enviados`,
    `${s.failed} fallidos`,
    `${s.dropped} no enviados (correo no válido o ausente)`,
  ];
  if (s.duplicateRisk > 0) parts.push(`${s.duplicateRisk} posibles duplicados (reenviados tras un reinicio)`);
  return parts.join(", ");
}
