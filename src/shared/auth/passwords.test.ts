import { describe, expect, it } from "vitest";
import { checkPasswordRules, hashPassword, verifyPassword } from "./passwords.ts";

const owner = { documentNumber: "1085123456", firstNames: "María José", lastNames: "Ordóñez Pérez" };

describe("password rules (NIST SP 800-63B)", () => {
  it.each([
    ["corta1", "al menos 8 caracteres"],
    ["aaaaaaaaaaaa", "mismo carácter"],
    ["mi1085123456casa", "número de documento"],
    ["soy maria de pasto", "nombres"],
    ["ordonez-secreto-99", "nombres"],
    ["password", "muy común"],
    ["12345678", "muy común"],
    ["iloveyou", "muy común"],
    ["Colombia2026!", "muy común"],
    ["alcaldia123", "muy común"],
    ["x".repeat(129), "como máximo"],
  ])("refuses %j with a message about %s", (password, fragment) => {
    expect(checkPasswordRules(password, owner)).toContain(fragment);
  });

  it.each(["tres perros en la nieve", "Galeras humea de noche", "cafe-con-pandeyuca-7"])(
    "accepts %j",
    (password) => {
      expect(checkPasswordRules(password, owner)).toBeUndefined();
    },
  );
});

describe("password hashing", () => {
  it("stores argon2id hashes that verify only the right password", async () => {
    const hash = await hashPassword("tres perros en la nieve");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "tres perros en la nieve")).toBe(true);
    expect(await verifyPassword(hash, "tres perros en la lluvia")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
});
