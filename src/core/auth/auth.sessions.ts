// Sessions: resolving the cookie to a person with idle and absolute expiry, signing out, ending a person's
// access, and the hourly purge of what has expired (signing in lives in auth.login.ts, credentials and
// passwords in auth.credentials.ts).
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import { hashToken } from "../../shared/auth/tokens.ts";
import { purgeRateLimits } from "../../shared/rate-limit.ts";
import * as people from "../people/people.service.ts";
import * as repo from "./auth.repository.ts";
import { FAILURE_MEMORY_MS } from "./auth.rules.ts";

export type SessionSettings = Pick<Config, "sessionIdleMs" | "sessionAbsoluteMs">;

/** Resolves the session cookie to the person, enforcing idle and absolute expiry. */
export async function validateSession(
  db: Db,
  now: Date,
  settings: SessionSettings,
  token: string,
): Promise<CurrentUser | undefined> {
  const id = hashToken(token);
  const session = await repo.findSession(db, id);
  if (!session) return undefined;
  if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > settings.sessionIdleMs) {
    await repo.deleteSession(db, id);
    return undefined;
  }
  const person = await people.findPersonById(db, session.personId);
  if (person?.status !== "activo") {
    await repo.deleteSession(db, id);
    return undefined;
  }
  // One write a minute at most: enough for idle expiry, light on the database.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await repo.touchSession(db, id, now);
  return {
    id: person.id,
    sessionId: id,
    firstNames: person.firstNames,
    lastNames: person.lastNames,
    dependenciaId: person.dependenciaId,
    roles: await people.findRoles(db, person.id),
    mustChangePassword: session.mustChangePassword,
    privacyPending: person.privacyAcceptedAt === null,
  };
}

/**
 * How long a finished credential (used, revoked or expired) is kept: long enough for a late login with it
 * to be told "ya se usó" / "venció" rather than "incorrecta", and for the missing-credential sweep (which
 * looks back CREDENTIAL_SWEEP_MS) never to mistake a purged credential for one never issued.
 */
export const FINISHED_CREDENTIAL_RETENTION_MS = 30 * 24 * 3_600_000;

/**
 * Removes expired sessions, finished credentials past their retention, forgotten failure counters and
 * old rate-limit windows. Idempotent: the hourly job runs it on one instance at a time.
 */
export async function purgeExpired(db: Db, now: Date, settings: SessionSettings) {
  await repo.deleteExpiredSessions(db, now, new Date(now.getTime() - settings.sessionIdleMs));
  await repo.deleteFinishedCredentials(db, new Date(now.getTime() - FINISHED_CREDENTIAL_RETENTION_MS));
  const longestMemory = Math.max(...Object.values(FAILURE_MEMORY_MS));
  await repo.deleteStaleThrottle(db, new Date(now.getTime() - longestMemory), now);
  await purgeRateLimits(db, now);
}

export async function logout(db: Db, now: Date, audit: AuditContext, user: CurrentUser) {
  await repo.deleteSession(db, user.sessionId);
  await recordAudit(db, now, audit, { action: "logout", targetType: "person", targetId: user.id });
}

/** A person who left: every session ends and no open credential works any more. */
export async function endAccess(db: Db, now: Date, personId: string) {
  await repo.deleteSessionsOf(db, personId);
  await repo.revokeOpenCredentials(db, personId, now);
}
