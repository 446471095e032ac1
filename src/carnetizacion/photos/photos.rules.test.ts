import { describe, expect, it } from "vitest";
import { canTransitionPhoto, PHOTO_STATES } from "./photos.rules.ts";

const ALLOWED = new Set([
  "borrador→en_revision",
  "borrador→reemplazada",
  "en_revision→aprobada",
  "en_revision→rechazada",
  "en_revision→reemplazada",
  "aprobada→reemplazada",
]);

describe("photo state machine", () => {
  const pairs = PHOTO_STATES.flatMap((from) => PHOTO_STATES.map((to) => [from, to] as const));
  it.each(pairs)("%s → %s", (from, to) => {
    expect(canTransitionPhoto(from, to)).toBe(ALLOWED.has(`${from}→${to}`));
  });
});
