import { describe, expect, it } from "vitest";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import { canSeePerson, checkDocumentNumber, normalizeDocumentNumber } from "./people.rules.ts";

const user = (roles: CurrentUser["roles"], dependenciaId: string | null = "dep-a"): CurrentUser => ({
  id: "viewer",
  sessionId: "s",
  firstNames: "V",
  lastNames: "W",
  dependenciaId,
  roles,
  mustChangePassword: false,
  privacyPending: false,
});

describe("people rules", () => {
  it.each([
    ["1.085.123.456", "1085123456"],
    ["1085 123 456", "1085123456"],
    ["ab-123456", "AB123456"],
  ])("normalizes %j to %j", (typed, normal) => expect(normalizeDocumentNumber(typed)).toBe(normal));

  it.each([
    ["CC", "1085123456", undefined],
    ["CC", "10851234567", "entre 3 y 10 dígitos"],
    ["CC", "AB12345", "sin letras"],
    ["PA", "AB123456", undefined],
    ["PPT", "12", "entre 4 y 15"],
  ] as const)("checks %s %s", (type, number, fragment) => {
    const problem = checkDocumentNumber(type, number);
    if (fragment) expect(problem).toContain(fragment);
    else expect(problem).toBeUndefined();
  });

  it.each([
    [["administrador"], "dep-b", true],
    [["operador_ssi"], "dep-b", true],
    [["enlace"], "dep-a", true],
    [["enlace"], "dep-b", false],
    [["servidor"], "dep-a", false],
    [["planeacion", "servidor"], "dep-a", false],
  ] as const)("%j sees a person of %s: %s", (roles, dependenciaId, expected) => {
    expect(canSeePerson(user([...roles]), { id: "other", dependenciaId })).toBe(expected);
  });

  it("lets an enlace without dependencia see nobody else", () => {
    expect(canSeePerson(user(["enlace"], null), { id: "other", dependenciaId: null })).toBe(false);
  });
});
