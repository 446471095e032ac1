// Authentication: sessions with idle and absolute expiry, password changes and credential resets
// (signing in itself, with its throttling, lives in auth.login.ts).
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit, systemAuditContext } from "../../shared/audit.ts";
import { checkPasswordRules, hashPassword, verifyPassword } from "../../shared/auth/passwords.ts";
import type { CurrentUser, Role } from "../../shared/auth/roles.ts";
import { generateInitialCredential, generateToken, hashToken } from "../../shared/auth/tokens.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { formatDateTime } from "../../shared/time.ts";
import { type Email, queueEmail } from "../mail/mail.service.ts";
import type { NewPersonInput } from "../people/people.schemas.ts";
import * as people from "../people/people.service.ts";
import * as repo from "./auth.repository.ts";
import { FAILURE_MEMORY_MS } from "./auth.rules.ts";

export type SessionSettings = Pick<Config, "sessionIdleMs" | "sessionAbsoluteMs">;
export type CredentialSettings = Pick<Config, "initialCredentialMs" | "publicBaseUrl" | "entity">;

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
  /** `email: false`: handed over in person, so no copy goes by e-mail. */
  delivery: { email: boolean } = { email: true },
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
      linkHash: person.email && delivery.email ? hashToken(linkToken) : null,
    });
    if (person.email && delivery.email)
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
  person: { id: string; firstNames: string },
  to: string,
  issued: IssuedCredential,
  link: string,
  settings: CredentialSettings,
): Email {
  const { entity } = settings;
  return {
    to,
    personId: person.id,
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
