// Login throttling is counted in the database: every instance sees the same failures, and attempts that
// arrive at the same moment are all counted, before any of them is verified.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, TEST_PASSWORD } from "../../../test/factories.ts";
import { login } from "./auth.login.ts";
import * as repo from "./auth.repository.ts";
import { FAILURE_MEMORY_MS, lockDurationMs, lockSchedule } from "./auth.rules.ts";

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

describe("login throttling across instances", () => {
  it("locks an address after 20 failures spread over two instances", async () => {
    const other = await createTestApp({ database: ctx.database });
    const address = "192.0.2.71";
    for (let i = 0; i < 20; i++) {
      const app = i % 2 === 0 ? ctx.app : other.app;
      const response = await new TestClient(app, address).post("/ingresar", {
        documentNumber: `32000000${String(i).padStart(2, "0")}`,
        password: "123456",
      });
      expect(response.status).toBe(401);
    }
    const person = await makePerson(ctx);
    for (const app of [ctx.app, other.app]) {
      const response = await new TestClient(app, address).post("/ingresar", {
        documentNumber: person.documentNumber,
        password: TEST_PASSWORD,
      });
      expect(response.status).toBe(429);
    }
  });

  it("counts every one of many attempts that arrive at once, and lets none past the lock", async () => {
    const key = `address:203.0.113.${process.pid % 250}`;
    const now = ctx.clock.now();
    const memory = FAILURE_MEMORY_MS.address;
    const schedule = lockSchedule("address");
    const reservations = await Promise.all(
      Array.from({ length: 25 }, () =>
        repo.reserveThrottleAttempt(ctx.database.db, key, now, memory, schedule),
      ),
    );
    // The 20th attempt earns the address a lock at once: the five after it are refused, and not counted.
    const admitted = reservations.flatMap((r) => (r ? [r.failures] : []));
    expect(admitted.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const row = await repo.findThrottle(ctx.database.db, key);
    expect(row?.failures).toBe(20);
    expect(row?.lockedUntil).toEqual(new Date(now.getTime() + lockDurationMs("address", 20)));
  });

  it("starts again from one after a quiet spell, and gives back an attempt with its lock", async () => {
    const key = "account:quiet";
    const t0 = ctx.clock.now();
    const memory = FAILURE_MEMORY_MS.account;
    const schedule = lockSchedule("account");
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const reserve = (ms: number) =>
      repo.reserveThrottleAttempt(ctx.database.db, key, at(ms), memory, schedule);
    expect(await reserve(0)).toEqual({ failures: 1, lockedUntil: null });
    expect((await reserve(60_000))?.failures).toBe(2);
    expect(await reserve(memory + 120_000)).toEqual({ failures: 1, lockedUntil: null });
    expect((await reserve(memory + 130_000))?.failures).toBe(2);
    // The 3rd failure locks for 30 s: a right password given back lifts that lock and uncounts it.
    const third = await reserve(memory + 140_000);
    expect(third).toEqual({ failures: 3, lockedUntil: at(memory + 170_000) });
    expect(await reserve(memory + 150_000)).toBeUndefined();
    if (third) await repo.releaseThrottleAttempt(ctx.database.db, key, third);
    expect(await repo.findThrottle(ctx.database.db, key)).toMatchObject({ failures: 2, lockedUntil: null });
    // Failing then, the 3rd failure locks again; a refused attempt neither counts nor shortens the lock.
    expect(await reserve(memory + 160_000)).toEqual({ failures: 3, lockedUntil: at(memory + 190_000) });
    expect(await reserve(memory + 189_000)).toBeUndefined();
    expect(await repo.findThrottle(ctx.database.db, key)).toMatchObject({
      failures: 3,
      lockedUntil: at(memory + 190_000),
    });
    expect(await reserve(memory + 190_000)).toEqual({ failures: 4, lockedUntil: at(memory + 250_000) });
  });

  it("does not count a right password against its address (many people sign in from one office)", async () => {
    const now = ctx.clock.now();
    const audit = { actorId: null, ip: "192.0.2.88", requestId: null };
    const attempt = (documentNumber: string, password: string) =>
      login(ctx.database.db, now, audit, ctx.deps.config, { documentNumber, password });
    for (let i = 0; i < 19; i++)
      expect((await attempt(`33000000${String(i).padStart(2, "0")}`, "123456")).kind).toBe("invalid");
    for (const person of [await makePerson(ctx), await makePerson(ctx)])
      expect((await attempt(person.documentNumber, TEST_PASSWORD)).kind).toBe("ok");
    expect(await repo.findThrottle(ctx.database.db, "address:192.0.2.88")).toMatchObject({
      failures: 19,
      lockedUntil: null,
    });
    // The 20th failure still locks the address.
    expect((await attempt("3300000099", "123456")).kind).toBe("invalid");
    expect((await attempt((await makePerson(ctx)).documentNumber, TEST_PASSWORD)).kind).toBe("locked");
  });

  it("verifies no more guesses than the rules allow when many arrive at once", async () => {
    const person = await makePerson(ctx);
    const now = ctx.clock.now();
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 20 ? TEST_PASSWORD : `mala clave ${i}`));
    const before = argon2.verifications;
    // Each from its own address, so only the account's counter stands between the burst and the password.
    const results = await Promise.all(
      guesses.map((password, i) =>
        login(
          ctx.database.db,
          now,
          { actorId: null, ip: `2001:db8::${i + 1}`, requestId: `burst-${i}` },
          ctx.deps.config,
          { documentNumber: person.documentNumber, password },
        ),
      ),
    );
    // An account is locked from its 3rd failure: three guesses verified, the other 37 refused unverified.
    const allowed = lockSchedule("account").findIndex((wait) => wait > 0) + 1;
    expect(allowed).toBe(3);
    expect(argon2.verifications - before).toBe(allowed);
    expect(results.filter((r) => r.kind === "locked")).toHaveLength(guesses.length - allowed);
    expect(results.filter((r) => r.kind === "invalid")).toHaveLength(allowed);
    expect(results[20]?.kind).toBe("locked");
  });
});
