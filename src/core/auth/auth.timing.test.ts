// Login must not tell, by the time it takes, whether a document number belongs to someone.
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makePerson, type TestPerson } from "../../../test/factories.ts";
import { generateInitialCredential, hashInitialCredential } from "../../shared/auth/tokens.ts";
import { login } from "./auth.login.ts";
import * as repo from "./auth.repository.ts";

// Counts every argon2 verification, whoever calls it, without changing what it does.
const argon2 = vi.hoisted(() => ({ verifications: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const original = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...original,
    verify: (...args: Parameters<typeof original.verify>) => {
      argon2.verifications++;
      return original.verify(...args);
    },
  };
});

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const WRONG_PASSWORD = "una clave equivocada";
const WRONG_CREDENTIAL = "ABCD-EFGH-JKMN";
const UNKNOWN_DOCUMENT = "4999000111";

// Each attempt from its own address and 5 hours after the previous one: no throttle lock cuts it short.
let attempt = 0;
let now = new Date("2026-03-01T12:00:00Z");
async function timedLogin(documentNumber: string, password: string) {
  attempt++;
  now = new Date(now.getTime() + 5 * 3_600_000);
  const audit = { actorId: null, ip: `192.0.2.${attempt % 250}`, requestId: `timing-${attempt}` };
  const before = argon2.verifications;
  const start = performance.now();
  const result = await login(ctx.database.db, now, audit, ctx.deps.config, { documentNumber, password });
  return { ms: performance.now() - start, verifications: argon2.verifications - before, result };
}

/** A person who got several credentials over time (each used once) and then set a password. */
async function personWithUsedCredentials(): Promise<TestPerson> {
  const person = await makePerson(ctx);
  for (let i = 0; i < 3; i++)
    await repo.insertCredential(ctx.database.db, {
      personId: person.id,
      hash: hashInitialCredential(person.id, generateInitialCredential()),
      issuedAt: ctx.clock.now(),
      expiresAt: new Date(ctx.clock.now().getTime() + 3_600_000),
      usedAt: ctx.clock.now(),
    });
  return person;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

describe("login timing", () => {
  it("does the same argon2 work for an unknown document as for every kind of known account", async () => {
    const withPassword = await makePerson(ctx);
    const withUsedCredentials = await personWithUsedCredentials();
    const firstLogin = await makePerson(ctx, { password: null });
    for (const typed of [WRONG_PASSWORD, WRONG_CREDENTIAL]) {
      const unknown = await timedLogin(UNKNOWN_DOCUMENT, typed);
      expect(unknown.result).toEqual({ kind: "invalid" });
      // One argon2 (the password slot): credentials are SHA-256, compared against padded slots.
      expect(unknown.verifications).toBe(1);
      for (const person of [withPassword, withUsedCredentials, firstLogin]) {
        const known = await timedLogin(person.documentNumber, typed);
        expect(known.result).toEqual({ kind: "invalid" });
        expect(known.verifications, `${typed} for a known account`).toBe(unknown.verifications);
      }
    }
  });

  it("takes about as long for an unknown document as for a known one with a wrong password", async () => {
    const person = await personWithUsedCredentials();
    // Warm up: the dummy hash, the query plans and the JIT.
    for (let i = 0; i < 3; i++) {
      await timedLogin(UNKNOWN_DOCUMENT, WRONG_PASSWORD);
      await timedLogin(person.documentNumber, WRONG_PASSWORD);
    }
    const unknown: number[] = [];
    const known: number[] = [];
    // Interleaved, so a burst of load on the machine weighs on both sides alike; medians ignore outliers.
    for (let i = 0; i < 15; i++) {
      unknown.push((await timedLogin(UNKNOWN_DOCUMENT, WRONG_PASSWORD)).ms);
      known.push((await timedLogin(person.documentNumber, WRONG_PASSWORD)).ms);
    }
    expect(median(unknown)).toBeGreaterThanOrEqual(0.6 * median(known));
    expect(median(known)).toBeGreaterThanOrEqual(0.6 * median(unknown));
  }, 180_000);
});
