// Signing in: document number with a password or a personal initial credential (throttled), or the
// one-time link of the credential e-mail. Sessions live in auth.sessions.ts, credentials in auth.credentials.ts.
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, maskDocument, recordAudit } from "../../shared/audit.ts";
import { verifyAgainstDummy, verifyPassword } from "../../shared/auth/passwords.ts";
import {
  generateToken,
  hashInitialCredential,
  hashToken,
  normalizeInitialCredential,
  safeEqual,
} from "../../shared/auth/tokens.ts";
import * as people from "../people/people.service.ts";
import * as repo from "./auth.repository.ts";
import {
  FAILURE_MEMORY_MS,
  isCredentialShaped,
  lockDurationMs,
  lockedUntil,
  type ThrottleKind,
} from "./auth.rules.ts";

type LoginSettings = Pick<Config, "sessionAbsoluteMs">;

export type LoginResult =
  | { kind: "ok"; token: string; mustChangePassword: boolean }
  | { kind: "invalid" }
  | { kind: "locked"; until: Date }
  | { kind: "credential_expired" }
  | { kind: "credential_used" }
  | { kind: "inactive" };

const accountKey = (documentNumber: string) => `account:${hashToken(documentNumber)}`;
const addressKey = (ip: string) => `address:${ip}`;
// Looked up when the document is unknown, so both paths run the same queries.
const NO_PERSON = "00000000-0000-0000-0000-000000000000";

async function activeLock(db: Db, keys: string[], now: Date): Promise<Date | undefined> {
  let until: Date | undefined;
  for (const key of keys) {
    const lock = lockedUntil(await repo.findThrottle(db, key), now);
    if (lock && (!until || lock > until)) until = lock;
  }
  return until;
}

/** Counts a failure in the database, shared by every instance, and locks the key once it has too many. */
async function recordFailure(db: Db, key: string, kind: ThrottleKind, now: Date) {
  const failures = await repo.countThrottleFailure(db, key, now, FAILURE_MEMORY_MS[kind]);
  const wait = lockDurationMs(kind, failures);
  if (wait > 0) await repo.extendThrottleLock(db, key, new Date(now.getTime() + wait));
}

async function startSession(
  db: Db,
  personId: string,
  now: Date,
  settings: LoginSettings,
  mustChange: boolean,
) {
  const token = generateToken();
  await repo.insertSession(db, {
    id: hashToken(token),
    personId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + settings.sessionAbsoluteMs),
    mustChangePassword: mustChange,
  });
  return token;
}

/** One argon2 verification, against the dummy hash when there is nothing real to check. */
async function verifyOrDummy(hash: string | undefined, typed: string): Promise<boolean> {
  if (hash) return verifyPassword(hash, typed);
  await verifyAgainstDummy(typed);
  return false;
}

type Credential = Awaited<ReturnType<typeof repo.findRecentCredentials>>[number];

// Stands in for a missing credential: no SHA-256 digest is this string (nor is an old argon2 hash).
const NO_CREDENTIAL = "-".repeat(64);

/**
 * The credential the typed text matches. Text shaped like a credential is hashed once and compared, in
 * constant time, with exactly RECENT_CREDENTIALS stored hashes (padding for missing ones), so a miss costs
 * the same for an unknown document, a person with no credential and a person with several.
 */
function matchCredential(credentials: Credential[], typed: string): Credential | undefined {
  if (!isCredentialShaped(typed)) return undefined;
  const typedHash = hashInitialCredential(typed);
  let match: Credential | undefined;
  for (let slot = 0; slot < repo.RECENT_CREDENTIALS; slot++) {
    const credential = credentials[slot];
    if (safeEqual(credential?.hash ?? NO_CREDENTIAL, typedHash) && !match) match = credential;
  }
  return match;
}

export async function login(
  db: Db,
  now: Date,
  audit: AuditContext,
  settings: LoginSettings,
  input: { documentNumber: string; password: string },
): Promise<LoginResult> {
  const documentNumber = people.normalizeDocumentNumber(input.documentNumber);
  const keys = { account: accountKey(documentNumber), address: addressKey(audit.ip ?? "desconocida") };
  const until = await activeLock(db, [keys.account, keys.address], now);
  if (until) {
    await recordAudit(db, now, audit, {
      action: "login.throttled",
      details: { document: maskDocument(documentNumber) },
    });
    return { kind: "locked", until };
  }

  const fail = async (reason: string, personId?: string): Promise<LoginResult> => {
    await recordFailure(db, keys.account, "account", now);
    await recordFailure(db, keys.address, "address", now);
    await recordAudit(db, now, audit, {
      action: "login.failed",
      targetType: personId ? "person" : undefined,
      targetId: personId,
      details: { reason, ...(personId ? {} : { document: maskDocument(documentNumber) }) },
    });
    return { kind: "invalid" };
  };

  // The same queries and the same argon2 work whether or not the document belongs to someone, and
  // whatever the account holds (a password, credentials or both): only what was typed changes the work.
  const person = await people.findPersonByDocument(db, documentNumber);
  const passwordHash = await repo.findPasswordHash(db, person?.id ?? NO_PERSON);
  const passwordMatches = await verifyOrDummy(passwordHash, input.password);
  if (person && passwordMatches) return succeedLogin(db, now, audit, settings, keys.account, person, false);

  const typedCredential = normalizeInitialCredential(input.password);
  const credentials = await repo.findRecentCredentials(db, person?.id ?? NO_PERSON);
  const credential = matchCredential(credentials, typedCredential);
  if (!person) return fail("unknown_document");
  if (!credential) return fail("wrong_password", person.id);

  if (credential.usedAt) {
    await recordAudit(db, now, audit, {
      action: "login.credential_reused",
      targetType: "person",
      targetId: person.id,
    });
    return { kind: "credential_used" };
  }
  if (credential.expiresAt <= now) {
    await recordAudit(db, now, audit, {
      action: "login.credential_expired",
      targetType: "person",
      targetId: person.id,
    });
    return { kind: "credential_expired" };
  }
  if (person.status === "activo" && !(await repo.markCredentialUsed(db, credential.id, now)))
    return { kind: "credential_used" };
  return succeedLogin(db, now, audit, settings, keys.account, person, true);
}

async function succeedLogin(
  db: Db,
  now: Date,
  audit: AuditContext,
  settings: LoginSettings,
  accountThrottleKey: string,
  person: { id: string; status: string },
  withCredential: boolean,
): Promise<LoginResult> {
  if (person.status !== "activo") {
    await recordAudit(db, now, audit, {
      action: "login.refused_inactive",
      targetType: "person",
      targetId: person.id,
    });
    return { kind: "inactive" };
  }
  await repo.clearThrottle(db, accountThrottleKey);
  const token = await startSession(db, person.id, now, settings, withCredential);
  await recordAudit(
    db,
    now,
    { ...audit, actorId: person.id },
    {
      action: "login.succeeded",
      targetType: "person",
      targetId: person.id,
      details: { method: withCredential ? "initial_credential" : "password" },
    },
  );
  return { kind: "ok", token, mustChangePassword: withCredential };
}

export type LinkLoginResult =
  | { kind: "ok"; token: string }
  | { kind: "invalid" | "credential_used" | "credential_expired" | "inactive" };

/** Who a one-time link belongs to, to greet them before they use it (opening it uses nothing up). */
export async function checkLink(db: Db, now: Date, linkToken: string) {
  const credential = await repo.findCredentialByLink(db, hashToken(linkToken));
  if (!credential || credential.revokedAt) return { kind: "invalid" } as const;
  if (credential.usedAt) return { kind: "credential_used" } as const;
  if (credential.expiresAt <= now) return { kind: "credential_expired" } as const;
  const person = await people.findPersonById(db, credential.personId);
  if (person?.status !== "activo") return { kind: "inactive" } as const;
  return { kind: "ok", credential, person } as const;
}

/**
 * Signs in with the one-time link from the credential e-mail: uses up the credential (and so the link) and
 * starts a session that must first set a password. A POST, so mail scanners that open links use nothing.
 */
export async function loginWithLink(
  db: Db,
  now: Date,
  audit: AuditContext,
  settings: LoginSettings,
  linkToken: string,
): Promise<LinkLoginResult> {
  const checked = await checkLink(db, now, linkToken);
  if (checked.kind !== "ok") return checked;
  const { credential, person } = checked;
  if (!(await repo.markCredentialUsed(db, credential.id, now))) return { kind: "credential_used" };
  const token = await startSession(db, person.id, now, settings, true);
  await recordAudit(
    db,
    now,
    { ...audit, actorId: person.id },
    { action: "login.succeeded", targetType: "person", targetId: person.id, details: { method: "link" } },
  );
  return { kind: "ok", token };
}
