// Authentication: login with document number and password or a personal initial credential,
// throttling, sessions with idle and absolute expiry, password changes and credential resets.
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, maskDocument, recordAudit, systemAuditContext } from "../../shared/audit.ts";
import {
  checkPasswordRules,
  hashPassword,
  verifyAgainstDummy,
  verifyPassword,
} from "../../shared/auth/passwords.ts";
import type { CurrentUser, Role } from "../../shared/auth/roles.ts";
import {
  generateInitialCredential,
  generateToken,
  hashToken,
  normalizeInitialCredential,
} from "../../shared/auth/tokens.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { formatDateTime } from "../../shared/time.ts";
import { type Email, queueEmail } from "../mail/mail.service.ts";
import type { NewPersonInput } from "../people/people.schemas.ts";
import * as people from "../people/people.service.ts";
import * as repo from "./auth.repository.ts";
import { afterFailure, FAILURE_MEMORY_MS, lockedUntil, type ThrottleKind } from "./auth.rules.ts";

export type SessionSettings = Pick<Config, "sessionIdleMs" | "sessionAbsoluteMs">;
export type CredentialSettings = Pick<Config, "initialCredentialMs" | "publicBaseUrl" | "entity">;

export type LoginResult =
  | { kind: "ok"; token: string; mustChangePassword: boolean }
  | { kind: "invalid" }
  | { kind: "locked"; until: Date }
  | { kind: "credential_expired" }
  | { kind: "credential_used" }
  | { kind: "inactive" };

const accountKey = (documentNumber: string) => `account:${hashToken(documentNumber)}`;
const addressKey = (ip: string) => `address:${ip}`;

async function activeLock(db: Db, keys: string[], now: Date): Promise<Date | undefined> {
  let until: Date | undefined;
  for (const key of keys) {
    const lock = lockedUntil(await repo.findThrottle(db, key), now);
    if (lock && (!until || lock > until)) until = lock;
  }
  return until;
}

async function recordFailure(db: Db, key: string, kind: ThrottleKind, now: Date) {
  await repo.saveThrottle(db, key, afterFailure(kind, await repo.findThrottle(db, key), now));
}

async function startSession(
  db: Db,
  personId: string,
  now: Date,
  settings: SessionSettings,
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

export async function login(
  db: Db,
  now: Date,
  audit: AuditContext,
  settings: SessionSettings,
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

  const person = await people.findPersonByDocument(db, documentNumber);
  if (!person) {
    await verifyAgainstDummy(input.password);
    return fail("unknown_document");
  }

  const succeed = async (mustChangePassword: boolean, method: string): Promise<LoginResult> => {
    if (person.status !== "activo") {
      await recordAudit(db, now, audit, {
        action: "login.refused_inactive",
        targetType: "person",
        targetId: person.id,
      });
      return { kind: "inactive" };
    }
    await repo.clearThrottle(db, keys.account);
    const token = await startSession(db, person.id, now, settings, mustChangePassword);
    await recordAudit(
      db,
      now,
      { ...audit, actorId: person.id },
      {
        action: "login.succeeded",
        targetType: "person",
        targetId: person.id,
        details: { method },
      },
    );
    return { kind: "ok", token, mustChangePassword };
  };

  const passwordHash = await repo.findPasswordHash(db, person.id);
  if (passwordHash && (await verifyPassword(passwordHash, input.password))) return succeed(false, "password");

  const typedCredential = normalizeInitialCredential(input.password);
  for (const credential of await repo.findRecentCredentials(db, person.id)) {
    if (!(await verifyPassword(credential.hash, typedCredential))) continue;
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
    return succeed(true, "initial_credential");
  }
  if (!passwordHash) await verifyAgainstDummy(input.password);
  return fail("wrong_password", person.id);
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
  settings: SessionSettings,
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

/** Removes expired sessions and forgotten failure counters; main.ts runs it every hour. */
export async function purgeExpired(db: Db, now: Date, settings: SessionSettings) {
  await repo.deleteExpiredSessions(db, now, new Date(now.getTime() - settings.sessionIdleMs));
  const longestMemory = Math.max(...Object.values(FAILURE_MEMORY_MS));
  await repo.deleteStaleThrottle(db, new Date(now.getTime() - longestMemory), now);
}

export async function logout(db: Db, now: Date, audit: AuditContext, user: CurrentUser) {
  await repo.deleteSession(db, user.sessionId);
  await recordAudit(db, now, audit, { action: "logout", targetType: "person", targetId: user.id });
}

export type PasswordChangeResult =
  | { ok: true }
  | { ok: false; field: "current" | "password" | "confirm"; message: string };

export async function changePassword(
  db: Db,
  now: Date,
  audit: AuditContext,
  user: CurrentUser,
  input: { current: string; password: string; confirm: string },
): Promise<PasswordChangeResult> {
  const person = await people.findPersonById(db, user.id);
  if (!person) throw notFound("La persona");
  if (!user.mustChangePassword) {
    const hash = await repo.findPasswordHash(db, user.id);
    if (!hash || !(await verifyPassword(hash, input.current)))
      return { ok: false, field: "current", message: "La contraseña actual no es correcta." };
  }
  const problem = checkPasswordRules(input.password, person);
  if (problem) return { ok: false, field: "password", message: problem };
  if (input.password !== input.confirm)
    return {
      ok: false,
      field: "confirm",
      message: "Las dos contraseñas no coinciden. Escríbala igual en ambos campos.",
    };
  const hash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await repo.upsertPassword(tx, user.id, hash, now);
    await repo.revokeOpenCredentials(tx, user.id, now);
    await repo.deleteSessionsOf(tx, user.id, user.sessionId);
    await repo.updateSession(tx, user.sessionId, { mustChangePassword: false });
    await recordAudit(tx, now, audit, {
      action: "password.changed",
      targetType: "person",
      targetId: user.id,
    });
  });
  return { ok: true };
}

export interface IssuedCredential {
  credential: string;
  expiresAt: Date;
}

/**
 * Issues a new personal initial credential: earlier credentials, the password and every session of the
 * person stop working. The credential is returned once and stored only as a hash.
 */
export async function issueInitialCredential(
  db: Db,
  now: Date,
  audit: AuditContext,
  settings: CredentialSettings,
  personId: string,
): Promise<IssuedCredential> {
  const credential = generateInitialCredential();
  const hash = await hashPassword(credential);
  const expiresAt = new Date(now.getTime() + settings.initialCredentialMs);
  // The e-mail also carries a one-time link that signs in with the same credential (160 random bits).
  const linkToken = generateToken();
  await db.transaction(async (tx) => {
    const person = await people.findPersonById(tx, personId);
    if (!person) throw notFound("La persona");
    if (person.status !== "activo")
      throw new AppError(
        "auth.inactive_person",
        409,
        "La persona está desvinculada: no se le puede entregar una credencial.",
      );
    await repo.revokeOpenCredentials(tx, personId, now);
    await repo.deletePassword(tx, personId);
    await repo.deleteSessionsOf(tx, personId);
    await repo.insertCredential(tx, {
      personId,
      hash,
      issuedAt: now,
      expiresAt,
      issuedBy: audit.actorId,
      linkHash: person.email ? hashToken(linkToken) : null,
    });
    if (person.email)
      await queueEmail(
        tx,
        now,
        credentialEmail(
          person,
          person.email,
          { credential, expiresAt },
          `${settings.publicBaseUrl}/activar/${linkToken}`,
          settings,
        ),
      );
    await recordAudit(tx, now, audit, {
      action: "credential.issued",
      targetType: "person",
      targetId: personId,
      details: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { credential, expiresAt };
}

/** The individual message that carries a person's initial credential (never sent to a list). */
function credentialEmail(
  person: { firstNames: string },
  to: string,
  issued: IssuedCredential,
  link: string,
  settings: CredentialSettings,
): Email {
  const { entity } = settings;
  return {
    to,
    kind: "credential",
    subject: "Su credencial inicial de SIPAP",
    text: [
      `Hola, ${person.firstNames}:`,
      "",
      `Para ingresar por primera vez a SIPAP, la plataforma institucional de la ${entity.name}, abra este enlace:`,
      "",
      `    ${link}`,
      "",
      `O ingrese en ${settings.publicBaseUrl}/ingresar con su número de documento y esta credencial inicial:`,
      "",
      `    ${issued.credential}`,
      "",
      `El enlace y la credencial sirven una sola vez y vencen el ${formatDateTime(issued.expiresAt)} (hora de Colombia).`,
      "SIPAP le pedirá crear su propia contraseña.",
      "",
      `Si usted no esperaba este mensaje, escriba a ${entity.supportEmail}.`,
    ].join("\n"),
  };
}

/** Creates a person and their first initial credential in one transaction. */
export async function enrollPerson(
  db: Db,
  now: Date,
  audit: AuditContext,
  settings: CredentialSettings,
  input: NewPersonInput,
  roles: Role[] = ["servidor"],
) {
  return db.transaction(async (tx) => {
    const person = await people.createPerson(tx, now, audit, input, roles);
    const issued = await issueInitialCredential(tx, now, audit, settings, person.id);
    return { person, ...issued };
  });
}

/** A person who left: every session ends and no open credential works any more. */
export async function endAccess(db: Db, now: Date, personId: string) {
  await repo.deleteSessionsOf(db, personId);
  await repo.revokeOpenCredentials(db, personId, now);
}

/**
 * The hourly sweep: people registered without a credential going out (a list applied just before a
 * restart) get theirs now, by individual e-mail. A few per run, so one run never takes long.
 */
export async function issueMissingCredentials(db: Db, now: Date, settings: CredentialSettings, limit = 50) {
  const ids = await repo.findPeopleWithoutCredential(db, limit);
  for (const id of ids) await issueInitialCredential(db, now, systemAuditContext, settings, id);
  return ids.length;
}
