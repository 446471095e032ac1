import { describe, expect, it } from "vitest";
import {
  generateInitialCredential,
  generateToken,
  hashInitialCredential,
  hashToken,
  normalizeInitialCredential,
  safeEqual,
} from "./tokens.ts";

describe("tokens", () => {
  it("makes initial credentials of 12 unambiguous characters in groups of four", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const credential = generateInitialCredential();
      expect(credential).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
      seen.add(credential);
    }
    expect(seen.size).toBe(500);
  });

  it("accepts a credential typed in lower case, with spaces or without dashes", () => {
    expect(normalizeInitialCredential("k7mq xp9r 2hwt")).toBe("K7MQ-XP9R-2HWT");
    expect(normalizeInitialCredential("K7MQXP9R2HWT")).toBe("K7MQ-XP9R-2HWT");
    expect(normalizeInitialCredential("una contraseña")).toBe("una contraseña");
  });

  it("hashes session tokens so the stored value differs from the cookie", () => {
    const token = generateToken();
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
  });

  it("hashes an initial credential with the person's id as salt", () => {
    const person = "5b0c3f8e-4a1d-4c2b-9e7f-1a2b3c4d5e6f";
    const other = "0e1d2c3b-4a59-4687-9a8b-7c6d5e4f3a2b";
    const hash = hashInitialCredential(person, "K7MQ-XP9R-2HWT");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashToken(`sipap-initial-credential\0${person}\0K7MQ-XP9R-2HWT`));
    expect(hashInitialCredential(person, "K7MQ-XP9R-2HWT")).toBe(hash);
    // The same credential stores differently for someone else, and differs from the unsalted digest.
    expect(hashInitialCredential(other, "K7MQ-XP9R-2HWT")).not.toBe(hash);
    expect(hash).not.toBe(hashToken("K7MQ-XP9R-2HWT"));
  });

  it("compares secrets without short-circuiting on length or content", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });
});
