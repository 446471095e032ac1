import { describe, expect, it } from "vitest";
import { LOCK_SCHEDULE_LENGTH, lockDurationMs, lockedUntil, lockSchedule } from "./auth.rules.ts";

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

  it.each(["account", "address"] as const)("spells out every %s wait in the lock schedule", (kind) => {
    const schedule = lockSchedule(kind);
    expect(schedule).toHaveLength(LOCK_SCHEDULE_LENGTH);
    schedule.forEach((wait, i) => {
      expect(wait).toBe(lockDurationMs(kind, i + 1));
    });
    // Past the schedule the wait no longer grows, so its last entry stands for every later failure.
    for (let failures = LOCK_SCHEDULE_LENGTH; failures < 200; failures++)
      expect(lockDurationMs(kind, failures)).toBe(schedule.at(-1));
  });

  it("holds a lock until it ends and not a millisecond longer", () => {
    const t0 = new Date("2026-02-02T14:00:00Z");
    const state = { failures: 3, lastFailureAt: t0, lockedUntil: new Date(t0.getTime() + 30_000) };
    expect(lockedUntil(state, t0)?.getTime()).toBe(t0.getTime() + 30_000);
    expect(lockedUntil(state, new Date(t0.getTime() + 30_000))).toBeUndefined();
    expect(lockedUntil(undefined, t0)).toBeUndefined();
  });
});
