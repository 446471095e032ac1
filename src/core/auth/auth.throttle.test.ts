// Login throttling is counted in the database: every instance sees the same failures, and failures that
// arrive at the same moment are all counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, TEST_PASSWORD } from "../../../test/factories.ts";
import * as repo from "./auth.repository.ts";
import { FAILURE_MEMORY_MS } from "./auth.rules.ts";

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

  it("counts every one of many failures that arrive at once", async () => {
    const key = `address:203.0.113.${process.pid % 250}`;
    const now = ctx.clock.now();
    const memory = FAILURE_MEMORY_MS.address;
    const counts = await Promise.all(
      Array.from({ length: 25 }, () => repo.countThrottleFailure(ctx.database.db, key, now, memory)),
    );
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect((await repo.findThrottle(ctx.database.db, key))?.failures).toBe(25);
  });

  it("starts again from one after a quiet spell, and never shortens a lock", async () => {
    const key = "account:quiet";
    const t0 = ctx.clock.now();
    const memory = FAILURE_MEMORY_MS.account;
    await repo.countThrottleFailure(ctx.database.db, key, t0, memory);
    expect(
      await repo.countThrottleFailure(ctx.database.db, key, new Date(t0.getTime() + 60_000), memory),
    ).toBe(2);
    expect(
      await repo.countThrottleFailure(
        ctx.database.db,
        key,
        new Date(t0.getTime() + memory + 120_000),
        memory,
      ),
    ).toBe(1);
    const long = new Date(t0.getTime() + 3_600_000);
    await repo.extendThrottleLock(ctx.database.db, key, long);
    await repo.extendThrottleLock(ctx.database.db, key, new Date(t0.getTime() + 60_000));
    expect((await repo.findThrottle(ctx.database.db, key))?.lockedUntil).toEqual(long);
  });
});
