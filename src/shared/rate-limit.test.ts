// Rate limits live in the database: every instance counts into the same row, and no number of distinct
// addresses makes the limiter forget one.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../test/app.ts";
import { rateLimits } from "./rate-limit.table.ts";
import { addressBucket, hitRateLimit } from "./rate-limit.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ env: { VERIFY_RATE_LIMIT: "6" } });
});
afterAll(() => ctx.database.close());

const db = () => ctx.database.db;
const MINUTE = 60_000;
const t0 = new Date("2026-02-02T14:00:00Z");

describe("the shared rate limiter", () => {
  it("is shared by two app instances on one database", async () => {
    const other = await createTestApp({ database: ctx.database, env: { VERIFY_RATE_LIMIT: "6" } });
    const address = "192.0.2.61";
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const app = i % 2 === 0 ? ctx.app : other.app;
      statuses.push((await new TestClient(app, address).get("/verificar/7K3M9Q2XW4HT8PJ5")).status);
    }
    expect(statuses).toEqual(Array(6).fill(404));
    expect((await new TestClient(other.app, address).get("/verificar/7K3M9Q2XW4HT8PJ5")).status).toBe(429);
    expect((await new TestClient(ctx.app, address).get("/verificar/7K3M9Q2XW4HT8PJ5")).status).toBe(429);
    expect((await new TestClient(ctx.app, "192.0.2.62").get("/verificar/7K3M9Q2XW4HT8PJ5")).status).toBe(404);
  });

  it("keeps counting an attacker's address while 60,000 other addresses come and go", async () => {
    const attacker = "verify:203.0.113.66";
    for (let i = 0; i < 30; i++) expect(await hitRateLimit(db(), attacker, t0, 30, MINUTE)).toBe(true);
    // 59,000 of them in one statement, as the window's traffic would leave them (through the limiter one by
    // one they take about a minute on PGlite), then 1,000 more through the limiter itself.
    await db().execute(
      sql`insert into rate_limits (key, window_start, count) select 'verify:10.1.' || n, ${t0}, 1 from generate_series(1, 59000) n`,
    );
    await Promise.all(
      Array.from({ length: 1_000 }, (_, i) => hitRateLimit(db(), `verify:10.2.${i}`, t0, 30, MINUTE)),
    );
    expect(await hitRateLimit(db(), attacker, t0, 30, MINUTE)).toBe(false);
    expect((await db().select().from(rateLimits)).length).toBeGreaterThanOrEqual(60_001);
  });

  it("starts each window from zero, and counts a lagging instance's request in the current one", async () => {
    const key = "verify:203.0.113.67";
    expect(await hitRateLimit(db(), key, t0, 2, MINUTE)).toBe(true);
    expect(await hitRateLimit(db(), key, t0, 2, MINUTE)).toBe(true);
    expect(await hitRateLimit(db(), key, t0, 2, MINUTE)).toBe(false);
    const next = new Date(t0.getTime() + MINUTE);
    expect(await hitRateLimit(db(), key, next, 2, MINUTE)).toBe(true);
    // Another instance whose clock is a few seconds behind still counts in the new window.
    expect(await hitRateLimit(db(), key, new Date(next.getTime() - 2_000), 2, MINUTE)).toBe(true);
    expect(await hitRateLimit(db(), key, next, 2, MINUTE)).toBe(false);
  });

  it("lets exactly the limit through when requests arrive at once", async () => {
    const key = "verify:203.0.113.68";
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => hitRateLimit(db(), key, t0, 25, MINUTE)),
    );
    expect(answers.filter(Boolean)).toHaveLength(25);
  });

  it("refuses a window longer than the hourly purge keeps", async () => {
    await expect(hitRateLimit(db(), "verify:x", t0, 1, 2 * 3_600_000)).rejects.toThrow(/purge/);
  });
});

describe("the address a limit counts by", () => {
  it.each([
    ["203.0.113.10", "203.0.113.10"],
    ["::ffff:203.0.113.10", "203.0.113.10"],
    ["2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64"],
    ["2001:0db8:00aa:00bb:ffff::1", "2001:db8:aa:bb::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
  ])("counts %s as %s", (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });

  it("counts every address of one IPv6 /64 together on the public check", async () => {
    const app = await createTestApp({ database: ctx.database, env: { VERIFY_RATE_LIMIT: "3" } });
    const statuses = [];
    for (let i = 1; i <= 5; i++) {
      const client = new TestClient(app.app, `2001:db8:1:2::${i.toString(16)}`);
      statuses.push((await client.get("/verificar/7K3M9Q2XW4HT8PJ5")).status);
    }
    expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});
