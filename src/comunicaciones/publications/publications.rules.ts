// Pure rules of publication requests (format GTI-F-020): targets, states, the request's code, and the
// library visibility a target means.
import type { Visibility } from "../library/library.rules.ts";

export const TARGETS = ["web", "intranet", "ambos"] as const;
export type Target = (typeof TARGETS)[number];
export const TARGET_LABELS: Record<Target, string> = {
  web: "Sitio web (público)",
  intranet: "Intranet (solo servidores)",
  ambos: "Sitio web e intranet",
};

export const PUB_STATES = ["nuevo", "publicado", "devuelto"] as const;
export type PubState = (typeof PUB_STATES)[number];
export const PUB_STATE_LABELS: Record<PubState, string> = {
  nuevo: "Por publicar",
  publicado: "Publicada",
  devuelto: "Devuelta",
};

/** Web or both: anyone reads it; intranet: only servants with an account. */
export const visibilityFor = (target: Target): Visibility => (target === "intranet" ? "interno" : "publico");

/** PUB-2026-0003: the year it was filed (Bogotá) and its number. */
export function pubCode(number: number, createdAt: Date): string {
  const year = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Bogota", year: "numeric" }).format(
    createdAt,
  );
  return `PUB-${year}-${String(number).padStart(4, "0")}`;
}
