// The photo's state machine and upload limits: pure rules, no I/O.

// borrador: uploaded, some automatic check failed, not sent yet (the person may send it with an explanation).
export const PHOTO_STATES = ["borrador", "en_revision", "aprobada", "rechazada", "reemplazada"] as const;
export type PhotoState = (typeof PHOTO_STATES)[number];

const NEXT: Record<PhotoState, readonly PhotoState[]> = {
  borrador: ["en_revision", "reemplazada"],
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
  borrador: "Sin enviar",
  en_revision: "En revisión",
  aprobada: "Aprobada",
  rechazada: "Rechazada",
  reemplazada: "Reemplazada",
};

export const MAX_UPLOADS_PER_CAMPAIGN = 5;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
