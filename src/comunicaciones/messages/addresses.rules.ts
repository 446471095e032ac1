// Which addresses Comunicaciones may write to: only the entity's own domains, exactly (no subdomains, no
// look-alikes such as pasto.gov.co.evil.com), one message per address. Pure.

export type DropReason = "sin_correo" | "dominio_externo" | "correo_invalido";

const SYNTAX = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export const DROP_REASON_LABELS: Record<DropReason | "duplicado", string> = {
  sin_correo: "Sin correo registrado",
  dominio_externo: "Correo que no es institucional",
  correo_invalido: "Correo mal escrito",
  duplicado: "Repetido",
};

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** The address to write to, or why it is dropped. */
export function classifyAddress(
  email: string | null | undefined,
  allowedDomains: readonly string[],
): { ok: true; email: string } | { ok: false; reason: DropReason } {
  if (email === null || email === undefined || email.trim() === "")
    return { ok: false, reason: "sin_correo" };
  const address = normaliseEmail(email);
  if (!SYNTAX.test(address)) return { ok: false, reason: "correo_invalido" };
  const domain = address.slice(address.lastIndexOf("@") + 1);
  const allowed = allowedDomains.map((d) => d.trim().toLowerCase());
  return allowed.includes(domain) ? { ok: true, email: address } : { ok: false, reason: "dominio_externo" };
}

export interface Candidate {
  email: string | null;
}

/**
 * Splits candidates into those who get a message and those dropped (with the reason); an address met a
 * second time is dropped as `duplicado`, the first occurrence kept.
 */
export function partitionAddresses<T extends Candidate>(
  candidates: readonly T[],
  allowedDomains: readonly string[],
) {
  const seen = new Set<string>();
  const deliverable: (T & { email: string })[] = [];
  const dropped: (T & { reason: DropReason | "duplicado" })[] = [];
  for (const candidate of candidates) {
    const result = classifyAddress(candidate.email, allowedDomains);
    if (!result.ok) dropped.push({ ...candidate, reason: result.reason });
    else if (seen.has(result.email)) dropped.push({ ...candidate, reason: "duplicado" });
    else {
      seen.add(result.email);
      deliverable.push({ ...candidate, email: result.email });
    }
  }
  return { deliverable, dropped };
}
