import { describe, expect, it } from "vitest";
import { afterFailure, lockDurationMs, lockedUntil } from "./auth.rules.ts";

const MIN = 60_000;

describe("login throttling rules", () => {
  it.each([
    ["account", 1, 0],
    ["account", 2, 0],
    ["account", 3, 30_000],
    ["account", 4, MIN],
    ["account", 5, 15 * MIN],
    ["account", 6, 30 * MIN],
    ["account", 12, 240 * MIN],
    ["address", 19, 0],
    ["address", 20, 15 * MIN],
    ["address", 45, 60 * MIN],
  ] as const)("%s after %i failures waits %i ms", (kind, failures, wait) => {
    expect(lockDurationMs(kind, failures)).toBe(wait);
  });

  it("counts consecutive failures and locks from the third on an account", () => {
    const t0 = new Date("2026-02-02T14:00:00Z");
    let state = afterFailure("account", undefined, t0);
    state = afterFailure("account", state, t0);
    expect(lockedUntil(state, t0)).toBeUndefined();
    state = afterFailure("account", state, t0);
    expect(state.failures).toBe(3);
    expect(lockedUntil(state, t0)?.getTime()).toBe(t0.getTime() + 30_000);
    expect(lockedUntil(state, new Date(t0.getTime() + 30_001))).toBeUndefined();
  });

  it("forgets old failures after a day without new ones", () => {
    const t0 = new Date("2026-02-02T14:00:00Z");
    const old = { failures: 9, lastFailureAt: t0, lockedUntil: null };
    expect(afterFailure("account", old, new Date(t0.getTime() + 25 * 60 * MIN)).failures).toBe(1);
    expect(afterFailure("account", old, new Date(t0.getTime() + 60 * MIN)).failures).toBe(10);
  });
});
