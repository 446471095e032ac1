// What the public may see of a card, and the format of the signed payload on the card's back.

/** First name and the first surname's initial: enough to match a card to its bearer, no more. */
export function publicName(firstNames: string, lastNames: string): string {
  const first = firstNames.trim().split(/\s+/)[0] ?? "";
  const initial = lastNames.trim().charAt(0).toUpperCase();
  return initial ? `${first} ${initial}.` : first;
}

export const PAYLOAD_PREFIX = "SIPAP1";

export interface CardClaims {
  /** Key id: which published key verifies the signature. */
  k: string;
  /** Card code. */
  c: string;
  /** Public name (first name + initial). */
  n: string;
  /** Dependencia. */
  d: string;
  /** Valid until, yyyy-mm-dd. */
  v: string;
}

/** "SIPAP1.<claims as base64url JSON>": the exact bytes that are signed. */
export function signedPart(claims: CardClaims): string {
  return `${PAYLOAD_PREFIX}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
}

/** Splits "SIPAP1.<claims>.<signature>"; undefined when it is not one. */
export function parsePayload(
  payload: string,
): { signed: string; claims: CardClaims; signature: Buffer } | undefined {
  const parts = payload.split(".");
  if (parts.length !== 3 || parts[0] !== PAYLOAD_PREFIX || !parts[1] || !parts[2]) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as CardClaims;
    return { signed: `${parts[0]}.${parts[1]}`, claims, signature: Buffer.from(parts[2], "base64url") };
  } catch {
    return undefined;
  }
}
