// Words of consultations, pure.
import type { OFFICES, OPINIONS } from "./consultations.schemas.ts";

export type Office = (typeof OFFICES)[number];
export type Opinion = (typeof OPINIONS)[number];

export const OFFICE_LABELS: Record<Office, string> = {
  talento_humano: "Talento Humano",
  ssi: "Oficina de Sistemas (SSI)",
};

/** The role whose holders answer for an office. */
export const OFFICE_ROLES: Record<Office, "talento_humano" | "operador_ssi"> = {
  talento_humano: "talento_humano",
  ssi: "operador_ssi",
};

export const OPINION_LABELS: Record<Opinion, string> = {
  favorable: "Favorable",
  con_observaciones: "Favorable con observaciones",
  desfavorable: "Desfavorable",
};
