import { describe, expect, it } from "vitest";
import { type CurrentUser, ROLES, type Role } from "../../shared/auth/roles.ts";
import {
  canSeePerson,
  checkDocumentNumber,
  maskEmail,
  normalizeDocumentNumber,
  refuseCredentialReset,
  refuseToManage,
} from "./people.rules.ts";

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

// Whose record (data and credential) each role may change, written out role by role: an administrator
// anyone, an SSI operator only people without staff roles, everyone else nobody.
const MAY_MANAGE: Record<Role, readonly Role[]> = {
  administrador: ROLES,
  operador_ssi: ["servidor", "enlace", "responsable_plan", "jefe_dependencia"],
  servidor: [],
  enlace: [],
  comunicaciones: [],
  planeacion: [],
  control_interno: [],
  responsable_plan: [],
  jefe_dependencia: [],
  despacho: [],
  talento_humano: [],
};

const pairs = ROLES.flatMap((actor) =>
  ROLES.map((target) => [actor, target, MAY_MANAGE[actor].includes(target)] as const),
);

describe("who may reset whose credential and edit whose data", () => {
  it.each(pairs)("%s resetting a %s's credential: allowed %s", (actor, target, allowed) => {
    const refusal = refuseCredentialReset({ id: "actor", roles: [actor] }, { id: "target", roles: [target] });
    if (allowed) expect(refusal).toBeUndefined();
    else expect(refusal).toMatch(/administrador|no puede/i);
  });

  it.each(pairs)("%s editing a %s's data: allowed %s", (actor, target, allowed) => {
    expect(refuseToManage([actor], [target]) === undefined).toBe(allowed);
  });

  it.each(ROLES)("%s may never reset their own credential here", (role) => {
    expect(refuseCredentialReset({ id: "same", roles: [role] }, { id: "same", roles: [role] })).toContain(
      "para usted mismo",
    );
  });

  it.each([
    [["operador_ssi"], ["servidor", "enlace", "responsable_plan"], true],
    [["operador_ssi"], ["servidor", "planeacion"], false],
    [["operador_ssi"], ["enlace", "operador_ssi"], false],
    [["servidor", "operador_ssi"], ["servidor"], true],
    [["comunicaciones", "planeacion", "control_interno"], ["servidor"], false],
    [["administrador"], ["administrador", "operador_ssi"], true],
    [["operador_ssi"], [], true],
  ] as const)("%j on a person holding %j: allowed %s", (actor, target, allowed) => {
    expect(refuseCredentialReset({ id: "a", roles: actor }, { id: "t", roles: target }) === undefined).toBe(
      allowed,
    );
  });

  it.each([
    ["lucia.martinez@pasto.gov.co", "l•••@pasto.gov.co"],
    ["a@b.co", "a•••@b.co"],
    ["sin-arroba", "•••"],
  ])("masks %s as %s", (email, masked) => expect(maskEmail(email)).toBe(masked));
});
