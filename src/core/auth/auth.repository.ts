import { and, desc, eq, isNotNull, isNull, lt, ne, or } from "drizzle-orm";
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

export async function findThrottle(db: Db, key: string): Promise<ThrottleState | undefined> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  return row;
}

export async function saveThrottle(db: Db, key: string, state: ThrottleState) {
  await db
    .insert(loginThrottle)
    .values({ key, ...state })
    .onConflictDoUpdate({ target: loginThrottle.key, set: state });
}

export async function clearThrottle(db: Db, key: string) {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** Active people with an e-mail who never got a credential nor set a password (e.g. a list's run cut short). */
export async function findPeopleWithoutCredential(db: Db, limit: number) {
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .leftJoin(passwords, eq(passwords.personId, people.id))
    .leftJoin(initialCredentials, eq(initialCredentials.personId, people.id))
    .where(
      and(
        eq(people.status, "activo"),
        isNotNull(people.email),
        isNull(passwords.personId),
        isNull(initialCredentials.id),
      ),
    )
    .limit(limit);
  return rows.map((r) => r.id);
}
