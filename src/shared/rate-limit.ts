// A fixed-window counter per key (client address), kept in memory: cheap enough to run on every public
// request. Each app instance counts on its own, which is fine against enumeration from one address.
export interface RateLimiter {
  /** True when the key may go on; false once it used up its window. */
  allow(key: string, now: number): boolean;
}

export function createRateLimiter(limit: number, windowMs: number, maxKeys = 50_000): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    allow(key, now) {
      let entry = windows.get(key);
      if (!entry || now - entry.start >= windowMs) {
        // Forget everything once the map grows too big: a flood of addresses must not exhaust memory.
        if (!entry && windows.size >= maxKeys) windows.clear();
        entry = { start: now, count: 0 };
        windows.set(key, entry);
      }
      entry.count++;
      return entry.count <= limit;
    },
  };
}
