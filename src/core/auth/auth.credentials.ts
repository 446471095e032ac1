// Credentials: the personal initial credential (single-use, expiring, sent by individual e-mail with a
// one-time link), issued one at a time (reset, enrolment) or for a whole list in the background, and the
// password each person then chooses.
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit, recordAuditMany, systemAuditContext } from "../../shared/audit.ts";
import { checkPasswordRules, hashPassword, verifyPassword } from "../../shared/auth/passwords.ts";
import type { CurrentUser, Role } from "../../shared/auth/roles.ts";
import {
  generateInitialCredential,
  generateToken,
  hashInitialCredential,
  hashToken,
} from "../../shared/auth/tokens.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { formatDateTime } from "../../shared/time.ts";
import type { JobQueue } from "../jobs/jobs.types.ts";
import { type Email, queueEmail, queueEmails } from "../mail/mail.service.ts";
import type { NewPersonInput } from "../people/people.schemas.ts";
import * as people from "../people/people.service.ts";
import * as repo from "./auth.repository.ts";

export type CredentialSettings = Pick<Config, "initialCredentialMs" | "publicBaseUrl" | "entity">;

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

/** A new credential for a person and its one-time link (160 random bits), as stored and as sent. */
function newCredential(personId: string, now: Date, settings: CredentialSettings) {
  const credential = generateInitialCredential();
  const linkToken = generateToken();
  return {
    credential,
    hash: hashInitialCredential(personId, credential),
    linkToken,
    linkHash: hashToken(linkToken),
    link: `${settings.publicBaseUrl}/activar/${linkToken}`,
    expiresAt: new Date(now.getTime() + settings.initialCredentialMs),
  };
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
  const issued = newCredential(personId, now, settings);
  await db.transaction(async (tx) => {
    // Takes turns with the list job and the sweep (issueCredentialsWhereMissing), which lock the same row:
    // otherwise one of them could issue a credential beside this one, and the person would hold two.
    await repo.lockPeople(tx, [personId]);
    const person = await people.findPersonById(tx, personId);
    if (!person) throw notFound("La persona");
    if (person.status !== "activo")
      throw new AppError(
        "auth.inactive_person",
        409,
        "La persona está desvinculada: no se le puede entregar una credencial.",
      );
    const byEmail = Boolean(person.email && delivery.email);
    await repo.revokeOpenCredentials(tx, personId, now);
    await repo.deletePassword(tx, personId);
    await repo.deleteSessionsOf(tx, personId);
    await repo.insertCredential(tx, {
      personId,
      hash: issued.hash,
      issuedAt: now,
      expiresAt: issued.expiresAt,
      issuedBy: audit.actorId,
      linkHash: byEmail ? issued.linkHash : null,
    });
    if (person.email && byEmail)
      await queueEmail(tx, now, credentialEmail(person, person.email, issued, issued.link, settings));
    await recordAudit(tx, now, audit, {
      action: "credential.issued",
      targetType: "person",
      targetId: personId,
      details: { expiresAt: issued.expiresAt.toISOString() },
    });
  });
  return { credential: issued.credential, expiresAt: issued.expiresAt };
}

/** The individual message that carries a person's initial credential (never sent to a list). */
function credentialEmail(
  person: { id: string; firstNames: string },
  to: string,
  issued: { credential: string; expiresAt: Date },
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

// People per transaction: short enough that PGlite's single connection is not held for long, big enough
// that 10,000 people take a handful of statements each.
const ISSUE_BATCH = 500;

/**
 * Sends a credential by e-mail to each of `personIds` who has no way in yet (see
 * findPeopleNeedingCredential), and to nobody else: running it twice, or beside the sweep, sends nothing
 * twice, because each batch locks its people's rows before looking. Returns how many were issued.
 */
export async function issueCredentialsWhereMissing(
  db: Db,
  now: Date,
  audit: AuditContext,
  settings: CredentialSettings,
  personIds: readonly string[],
  signal?: AbortSignal,
): Promise<number> {
  let issued = 0;
  for (let i = 0; i < personIds.length; i += ISSUE_BATCH) {
    // Stops between batches (each one committed) when the instance shuts down; a rerun skips what is done.
    signal?.throwIfAborted();
    const batch = personIds.slice(i, i + ISSUE_BATCH);
    issued += await db.transaction(async (tx) => {
      await repo.lockPeople(tx, batch);
      const due = await repo.findPeopleNeedingCredential(tx, batch, now);
      const made = due.map((person) => ({ person, ...newCredential(person.id, now, settings) }));
      await repo.insertCredentials(
        tx,
        made.map((m) => ({
          personId: m.person.id,
          hash: m.hash,
          issuedAt: now,
          expiresAt: m.expiresAt,
          issuedBy: audit.actorId,
          linkHash: m.linkHash,
        })),
      );
      await queueEmails(
        tx,
        now,
        made.map((m) => credentialEmail(m.person, m.person.email ?? "", m, m.link, settings)),
      );
      await recordAuditMany(
        tx,
        now,
        audit,
        made.map((m) => ({
          action: "credential.issued",
          targetType: "person",
          targetId: m.person.id,
          details: { expiresAt: m.expiresAt.toISOString() },
        })),
      );
      return made.length;
    });
  }
  return issued;
}

/** How far back the sweep looks for people registered without a credential. */
export const CREDENTIAL_SWEEP_MS = 7 * 24 * 3_600_000;

/**
 * The hourly sweep: people registered lately without a credential going out (a list applied just before
 * its job could be queued) get theirs now, by individual e-mail.
 */
export async function issueMissingCredentials(
  db: Db,
  now: Date,
  settings: CredentialSettings,
  limit = 2_000,
  signal?: AbortSignal,
) {
  const since = new Date(now.getTime() - CREDENTIAL_SWEEP_MS);
  const ids = await repo.findPeopleWithoutCredential(db, since, limit);
  return issueCredentialsWhereMissing(db, now, systemAuditContext, settings, ids, signal);
}

/** The job that issues a list's credentials; its data holds ids only, never personal data. */
export const ISSUE_LIST_CREDENTIALS = "auth.issue-list-credentials";

export interface IssueListCredentialsData {
  submissionId: string | null;
  /** Who applied the list: the audit rows of the credentials name them as the actor. */
  actorId: string | null;
  personIds: string[];
}

// Ids per job: a few seconds of work, so a retry repeats little and instances share a long list.
const IDS_PER_JOB = 2_000;

/** Queues the credentials of the people a list registered, after the list's transaction committed. */
export async function queueListCredentials(
  jobs: Pick<JobQueue, "send">,
  submissionId: string | null,
  actorId: string | null,
  personIds: readonly string[],
) {
  for (let i = 0; i < personIds.length; i += IDS_PER_JOB)
    await jobs.send<IssueListCredentialsData>(
      ISSUE_LIST_CREDENTIALS,
      { submissionId, actorId, personIds: personIds.slice(i, i + IDS_PER_JOB) },
      submissionId ? { singletonKey: `${submissionId}:${i / IDS_PER_JOB}` } : {},
    );
}
