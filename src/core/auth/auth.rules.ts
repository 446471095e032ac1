// Pure rules of login throttling: how long an account or an address waits after repeated failures.

export type ThrottleKind = "account" | "address";

const MINUTE = 60_000;

/** Failures are forgotten after this long without a new one. */
export const FAILURE_MEMORY_MS: Record<ThrottleKind, number> = {
  account: 24 * 60 * MINUTE,
  address: 60 * MINUTE,
};

/**
 * Wait imposed after the n-th consecutive failure. An account slows down from the 3rd failure and is
 * locked for 15 minutes from the 5th, doubling up to 4 hours; an address (many accounts tried from one
 * place) from the 20th failure.
 */
export function lockDurationMs(kind: ThrottleKind, failures: number): number {
  if (kind === "account") {
    if (failures < 3) return 0;
    if (failures === 3) return 30_000;
    if (failures === 4) return MINUTE;
    return Math.min(15 * MINUTE * 2 ** (failures - 5), 240 * MINUTE);
  }
  if (failures < 20) return 0;
  return failures < 40 ? 15 * MINUTE : 60 * MINUTE;
}

/** How many failures lockSchedule spells out: lockDurationMs no longer grows past this many (see its test). */
export const LOCK_SCHEDULE_LENGTH = 40;

/**
 * lockDurationMs as a list, the wait after the 1st, 2nd, … failure, the last one holding for every later
 * failure: the database applies it in the same statement that counts an attempt (reserveThrottleAttempt).
 */
export function lockSchedule(kind: ThrottleKind): number[] {
  return Array.from({ length: LOCK_SCHEDULE_LENGTH }, (_, i) => lockDurationMs(kind, i + 1));
}

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

export function lockedUntil(state: ThrottleState | undefined, now: Date): Date | undefined {
  return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil : undefined;
}

/**
 * Whether typed text (after normalizeInitialCredential) has the shape of an initial credential. Only such
 * text can match one, so only then is the person's credential list checked: the work depends on what was
 * typed, never on whether the account exists.
 */
export function isCredentialShaped(normalized: string): boolean {
  return /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(normalized);
}
