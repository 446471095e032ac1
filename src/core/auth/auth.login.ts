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
import { addressBucket } from "../../shared/rate-limit.ts";
import * as people from "../people/people.service.ts";
import * as repo from "./auth.repository.ts";
import {
  FAILURE_MEMORY_MS,
  isCredentialShaped,
  lockedUntil,
  lockSchedule,
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
// IPv6 clients by their /64, which one subscriber usually holds whole (see rate-limit.ts).
const addressKey = (ip: string) => `address:${addressBucket(ip)}`;
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

const LOCK_SCHEDULE: Record<ThrottleKind, number[]> = {
  account: lockSchedule("account"),
  address: lockSchedule("address"),
};

type ThrottleKeys = Record<ThrottleKind, string>;
type Reservations = Record<ThrottleKind, repo.ThrottleReservation>;

/**
 * Counts the attempt as a failure of the account and of the address before anything is verified, in the
 * database shared by every instance, and sets the lock such a failure earns: attempts that arrive while
 * this one is being verified find the lock and are refused, so no burst gets more guesses verified than
 * the rules allow. Refused (nothing left counted) when either key is locked.
 */
async function reserveAttempt(
  db: Db,
  keys: ThrottleKeys,
  now: Date,
): Promise<{ reserved: Reservations } | { until: Date }> {
  const reserve = (kind: ThrottleKind) =>
    repo.reserveThrottleAttempt(db, keys[kind], now, FAILURE_MEMORY_MS[kind], LOCK_SCHEDULE[kind]);
  const account = await reserve("account");
  const address = account && (await reserve("address"));
  if (account && address) return { reserved: { account, address } };
  if (account) await repo.releaseThrottleAttempt(db, keys.account, account);
  // The lock that refused it, unless a right password lifted it meanwhile: then a moment's wait.
  const until = await activeLock(db, [keys.account, keys.address], now);
  return { until: until ?? new Date(now.getTime() + 1_000) };
}

/** Gives back a reserved attempt whose secret was right (used, expired or of a person who left). */
async function releaseAttempt(db: Db, keys: ThrottleKeys, reserved: Reservations) {
  await repo.releaseThrottleAttempt(db, keys.account, reserved.account);
  await repo.releaseThrottleAttempt(db, keys.address, reserved.address);
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
function matchCredential(personId: string, credentials: Credential[], typed: string): Credential | undefined {
  if (!isCredentialShaped(typed)) return undefined;
  const typedHash = hashInitialCredential(personId, typed);
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
  const keys: ThrottleKeys = {
    account: accountKey(documentNumber),
    address: addressKey(audit.ip ?? "desconocida"),
  };
  const attempt = await reserveAttempt(db, keys, now);
  if ("until" in attempt) {
    await recordAudit(db, now, audit, {
      action: "login.throttled",
      details: { document: maskDocument(documentNumber) },
    });
    return { kind: "locked", until: attempt.until };
  }
  const { reserved } = attempt;

  // The failure was counted (and any lock it earns set) when the attempt was reserved.
  const fail = async (reason: string, personId?: string): Promise<LoginResult> => {
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
  if (person && passwordMatches) return succeedLogin(db, now, audit, settings, keys, reserved, person, false);

  const typedCredential = normalizeInitialCredential(input.password);
  const credentials = await repo.findRecentCredentials(db, person?.id ?? NO_PERSON);
  // Hashed with the dummy id for an unknown document: the same SHA-256 work, matching nothing.
  const credential = matchCredential(person?.id ?? NO_PERSON, credentials, typedCredential);
  if (!person) return fail("unknown_document");
  if (!credential) return fail("wrong_password", person.id);

  if (credential.usedAt) {
    await releaseAttempt(db, keys, reserved);
    await recordAudit(db, now, audit, {
      action: "login.credential_reused",
      targetType: "person",
      targetId: person.id,
    });
    return { kind: "credential_used" };
  }
  if (credential.expiresAt <= now) {
    await releaseAttempt(db, keys, reserved);
    await recordAudit(db, now, audit, {
      action: "login.credential_expired",
      targetType: "person",
      targetId: person.id,
    });
    return { kind: "credential_expired" };
  }
  if (person.status === "activo" && !(await repo.markCredentialUsed(db, credential.id, now))) {
    await releaseAttempt(db, keys, reserved);
    return { kind: "credential_used" };
  }
  return succeedLogin(db, now, audit, settings, keys, reserved, person, true);
}

async function succeedLogin(
  db: Db,
  now: Date,
  audit: AuditContext,
  settings: LoginSettings,
  keys: ThrottleKeys,
  reserved: Reservations,
  person: { id: string; status: string },
  withCredential: boolean,
): Promise<LoginResult> {
  if (person.status !== "activo") {
    await releaseAttempt(db, keys, reserved);
    await recordAudit(db, now, audit, {
      action: "login.refused_inactive",
      targetType: "person",
      targetId: person.id,
    });
    return { kind: "inactive" };
  }
  // The account's failures are forgiven; the address keeps its earlier ones but not this attempt.
  await repo.clearThrottle(db, keys.account);
  await repo.releaseThrottleAttempt(db, keys.address, reserved.address);
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
