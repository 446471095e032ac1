// The photo's state machine and upload limits: pure rules, no I/O.

export const PHOTO_STATES = ["en_revision", "aprobada", "rechazada", "reemplazada"] as const;
export type PhotoState = (typeof PHOTO_STATES)[number];

const NEXT: Record<PhotoState, readonly PhotoState[]> = {
  en_revision: ["aprobada", "rechazada", "reemplazada"],
  // An approved photo is kept for reprints until a newer one is approved.
  aprobada: ["reemplazada"],
  rechazada: [],
  reemplazada: [],
};

export function canTransitionPhoto(from: PhotoState, to: PhotoState): boolean {
  return NEXT[from].includes(to);
}

export const PHOTO_STATE_LABELS: Record<PhotoState, string> = {
  en_revision: "En revisión",
  aprobada: "Aprobada",
  rechazada: "Rechazada",
  reemplazada: "Reemplazada",
};

export const MAX_UPLOADS_PER_CAMPAIGN = 5;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
