import {
  and,
  desc,
  eq,
  exists,
  gt,
  inArray,
  isNotNull,
  isNull,
  lt,
  ne,
  notExists,
  notInArray,
  or,
  sql,
} from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { people } from "../people/people.table.ts";
import type { ThrottleState } from "./auth.rules.ts";
import { initialCredentials, loginThrottle, passwords, type Session, sessions } from "./auth.table.ts";

export async function findPasswordHash(db: Db, personId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ hash: passwords.hash })
    .from(passwords)
    .where(eq(passwords.personId, personId));
  return row?.hash;
}

export async function upsertPassword(db: Db, personId: string, hash: string, at: Date) {
  await db
    .insert(passwords)
    .values({ personId, hash, changedAt: at })
    .onConflictDoUpdate({ target: passwords.personId, set: { hash, changedAt: at } });
}

export async function deletePassword(db: Db, personId: string) {
  await db.delete(passwords).where(eq(passwords.personId, personId));
}

/** How many of a person's latest credentials a login checks (login pads to this many for equal timing). */
export const RECENT_CREDENTIALS = 3;

/** The latest credentials not revoked, used or not: a used one must still be recognised to say so. */
export async function findRecentCredentials(db: Db, personId: string) {
  return db
    .select()
    .from(initialCredentials)
    .where(and(eq(initialCredentials.personId, personId), isNull(initialCredentials.revokedAt)))
    .orderBy(desc(initialCredentials.issuedAt))
    .limit(RECENT_CREDENTIALS);
}

export async function insertCredential(db: Db, values: typeof initialCredentials.$inferInsert) {
  await db.insert(initialCredentials).values(values);
}

export async function insertCredentials(db: Db, values: (typeof initialCredentials.$inferInsert)[]) {
  if (values.length > 0) await db.insert(initialCredentials).values(values);
}

/**
 * Locks the people rows, so two runs issuing credentials to the same person take turns. Always in id
 * order, so two runs whose lists overlap cannot each hold a row the other waits for (a deadlock).
 */
export async function lockPeople(db: Db, ids: readonly string[]) {
  if (ids.length > 0)
    await db
      .select({ id: people.id })
      .from(people)
      .where(inArray(people.id, [...ids]))
      .orderBy(people.id)
      .for("update");
}

/**
 * Of `ids`, the active people with an e-mail who can sign in by no other means: no password, and no
 * credential that is waiting unused or was used (a used one means they are setting their password now).
 */
export async function findPeopleNeedingCredential(db: Db, ids: string[], now: Date) {
  if (ids.length === 0) return [];
  const live = db
    .select({ personId: initialCredentials.personId })
    .from(initialCredentials)
    .where(
      and(
        inArray(initialCredentials.personId, ids),
        isNull(initialCredentials.revokedAt),
        or(isNotNull(initialCredentials.usedAt), gt(initialCredentials.expiresAt, now)),
      ),
    );
  return db
    .select({ id: people.id, firstNames: people.firstNames, email: people.email })
    .from(people)
    .leftJoin(passwords, eq(passwords.personId, people.id))
    .where(
      and(
        inArray(people.id, ids),
        eq(people.status, "activo"),
        isNotNull(people.email),
        isNull(passwords.personId),
        notInArray(people.id, live),
      ),
    );
}

/** Credentials used, revoked or expired before `before`: past the time anyone could still try them. */
export async function deleteFinishedCredentials(db: Db, before: Date) {
  await db
    .delete(initialCredentials)
    .where(
      or(
        lt(initialCredentials.expiresAt, before),
        lt(initialCredentials.usedAt, before),
        lt(initialCredentials.revokedAt, before),
      ),
    );
}

export async function revokeOpenCredentials(db: Db, personId: string, at: Date) {
  await db
    .update(initialCredentials)
    .set({ revokedAt: at })
    .where(
      and(
        eq(initialCredentials.personId, personId),
        isNull(initialCredentials.usedAt),
        isNull(initialCredentials.revokedAt),
      ),
    );
}

export async function findCredentialByLink(db: Db, linkHash: string) {
  const [row] = await db.select().from(initialCredentials).where(eq(initialCredentials.linkHash, linkHash));
  return row;
}

/** Marks a credential used; false when a concurrent login used it first. */
export async function markCredentialUsed(db: Db, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(initialCredentials)
    .set({ usedAt: at })
    .where(and(eq(initialCredentials.id, id), isNull(initialCredentials.usedAt)))
    .returning({ id: initialCredentials.id });
  return rows.length === 1;
}

export async function insertSession(db: Db, values: Session) {
  await db.insert(sessions).values(values);
}

export async function findSession(db: Db, id: string): Promise<Session | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row;
}

export async function touchSession(db: Db, id: string, at: Date) {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function updateSession(db: Db, id: string, set: Partial<Pick<Session, "mustChangePassword">>) {
  await db.update(sessions).set(set).where(eq(sessions.id, id));
}

export async function deleteSession(db: Db, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOf(db: Db, personId: string, exceptId?: string) {
  const others = exceptId ? ne(sessions.id, exceptId) : undefined;
  await db.delete(sessions).where(and(eq(sessions.personId, personId), others));
}

export async function deleteExpiredSessions(db: Db, now: Date, idleCutoff: Date) {
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff)));
}

/** Counters whose last failure is older than `before` and that hold no lock any more. */
export async function deleteStaleThrottle(db: Db, before: Date, now: Date) {
  await db
    .delete(loginThrottle)
    .where(
      and(
        lt(loginThrottle.lastFailureAt, before),
        or(isNull(loginThrottle.lockedUntil), lt(loginThrottle.lockedUntil, now)),
      ),
    );
}

/** A login attempt counted before its secret is checked: the key's failures with it, and its lock. */
export interface ThrottleReservation {
  failures: number;
  lockedUntil: Date | null;
}

/**
 * Reserves one login attempt on a key before the secret is checked, in a single statement, so attempts
 * arriving at once on one or several instances take turns on the row: when the key is locked nothing is
 * counted and the answer is undefined; otherwise the attempt is counted as a failure (the consecutive
 * failures restart from one after `memoryMs` without any) and the lock that failure earns, from `schedule`
 * (the wait after the 1st, 2nd, … failure, its last entry holding for later ones), is set at once. So an
 * attempt that comes while earlier ones are still being checked finds their lock already in place, and no
 * more attempts are checked than the rules allow; one whose secret was right is given back
 * (releaseThrottleAttempt) or its counter cleared.
 */
export async function reserveThrottleAttempt(
  db: Db,
  key: string,
  now: Date,
  memoryMs: number,
  schedule: readonly number[],
): Promise<ThrottleReservation | undefined> {
  if (schedule.length === 0 || !schedule.every((wait) => Number.isSafeInteger(wait) && wait >= 0))
    throw new Error("invalid lock schedule");
  const forgetBefore = new Date(now.getTime() - memoryMs);
  const failures = sql`(case when login_throttle.last_failure_at > ${forgetBefore} then login_throttle.failures + 1 else 1 end)`;
  // Whole numbers checked above, so they can be written into the statement.
  const wait = sql`(${sql.raw(`array[${schedule.join(",")}]::bigint[]`)})[least(${failures}, ${sql.raw(String(schedule.length))})]`;
  const firstWait = schedule[0] ?? 0;
  const [row] = await db
    .insert(loginThrottle)
    .values({
      key,
      failures: 1,
      lastFailureAt: now,
      lockedUntil: firstWait > 0 ? new Date(now.getTime() + firstWait) : null,
    })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures,
        lastFailureAt: sql`greatest(login_throttle.last_failure_at, excluded.last_failure_at)`,
        lockedUntil: sql`case when ${wait} > 0 then ${now}::timestamptz + ${wait} * interval '1 millisecond' else login_throttle.locked_until end`,
      },
      setWhere: sql`login_throttle.locked_until is null or login_throttle.locked_until <= ${now}`,
    })
    .returning({ failures: loginThrottle.failures, lockedUntil: loginThrottle.lockedUntil });
  return row;
}

/**
 * Gives back a reserved attempt that turned out not to be a failure: uncounts it and lifts the lock it set
 * (no attempt on the key was let through since, so no later failure set that lock).
 */
export async function releaseThrottleAttempt(db: Db, key: string, reservation: ThrottleReservation) {
  const lock = reservation.lockedUntil;
  await db
    .update(loginThrottle)
    .set({
      failures: sql`greatest(login_throttle.failures - 1, 0)`,
      ...(lock
        ? {
            lockedUntil: sql`case when login_throttle.locked_until = ${lock} then null else login_throttle.locked_until end`,
          }
        : {}),
    })
    .where(eq(loginThrottle.key, key));
}

export async function findThrottle(db: Db, key: string): Promise<ThrottleState | undefined> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  return row;
}

export async function clearThrottle(db: Db, key: string) {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** The row migration 0010 left for a person whose argon2 credential it retired (the sweep replaces it). */
export const RETIRED_CREDENTIAL_HASH = "retired:argon2";

/**
 * Active people with an e-mail who never got a credential nor set a password (e.g. a list applied just
 * before its job was queued), or whose credential migration 0010 retired. Only people registered since
 * `since`: finished credentials are purged after a while, and someone registered long ago without one
 * must not suddenly get an e-mail.
 */
export async function findPeopleWithoutCredential(db: Db, since: Date, limit: number) {
  const credentialsOf = (retired: boolean) =>
    db
      .select({ one: sql`1` })
      .from(initialCredentials)
      .where(
        and(
          eq(initialCredentials.personId, people.id),
          retired
            ? eq(initialCredentials.hash, RETIRED_CREDENTIAL_HASH)
            : ne(initialCredentials.hash, RETIRED_CREDENTIAL_HASH),
        ),
      );
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .leftJoin(passwords, eq(passwords.personId, people.id))
    .where(
      and(
        eq(people.status, "activo"),
        isNotNull(people.email),
        isNull(passwords.personId),
        notExists(credentialsOf(false)),
        or(gt(people.createdAt, since), exists(credentialsOf(true))),
      ),
    )
    .limit(limit);
  return rows.map((r) => r.id);
}
