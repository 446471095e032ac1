// Fixed-window rate limits kept in the database: every instance behind the load balancer counts into the
// same row, and a flood of distinct addresses only adds rows (purged hourly) without resetting anyone's
// count, as the per-process map this replaces did when it grew too big.
import { isIPv6 } from "node:net";
import { lt, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { rateLimits } from "./rate-limit.table.ts";

/** The longest window any limiter may use: the hourly purge keeps rows this recent. */
export const MAX_RATE_WINDOW_MS = 3_600_000;

/**
 * Counts one request for `key` and says whether it is within `limit` per window. One upsert, atomic on
 * PostgreSQL however many instances count at once. A request stamped with an older window (an instance
 * whose clock lags) counts in the current one rather than resetting it.
 */
export async function hitRateLimit(
  db: Db,
  key: string,
  now: Date,
  limit: number,
  windowMs: number,
): Promise<boolean> {
  if (windowMs > MAX_RATE_WINDOW_MS) throw new Error(`rate window ${windowMs} ms exceeds the purge horizon`);
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when excluded.window_start > rate_limits.window_start then 1 else rate_limits.count + 1 end`,
        windowStart: sql`greatest(rate_limits.window_start, excluded.window_start)`,
      },
    })
    .returning({ count: rateLimits.count });
  return (row?.count ?? Number.POSITIVE_INFINITY) <= limit;
}

/**
 * The part of a client address a limit counts by: the whole IPv4 address, or the /64 network of an IPv6
 * one, since a single subscriber usually holds a whole /64 and could otherwise rotate through it.
 */
export function addressBucket(address: string): string {
  if (!isIPv6(address)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = address.includes("::") ? (tail ? tail.split(":") : []) : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = address.includes("::")
    ? [...headGroups, ...Array(missing).fill("0"), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** Drops counters whose window ended long ago (part of the hourly purge). */
export async function purgeRateLimits(db: Db, now: Date) {
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - MAX_RATE_WINDOW_MS)));
}
