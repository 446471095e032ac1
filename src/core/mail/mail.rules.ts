// When to try a failed e-mail again: 1 min, 5 min, 30 min, 2 h, 6 h; then it is marked as failed.
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];

/** After the n-th failed attempt: when to retry, or undefined to give up. */
export function retryAt(attempts: number, now: Date): Date | undefined {
  const wait = BACKOFF_MS[attempts - 1];
  return wait === undefined ? undefined : new Date(now.getTime() + wait);
}
