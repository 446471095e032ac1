// Staff edit of a person's record (SSI and administrators) and credential resets. Kept apart from
// people.service.ts because these use cases call the auth service, which itself uses people.service.ts:
// putting them there would make an import cycle.

import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import type { Role } from "../../shared/auth/roles.ts";
import { conflict, forbidden, notFound } from "../../shared/errors.ts";
import type { FormErrors } from "../../shared/forms.ts";
import { type CredentialSettings, issueInitialCredential } from "../auth/auth.credentials.ts";
import * as repo from "./people.repository.ts";
import { maskEmail, refuseCredentialReset, refuseToManage } from "./people.rules.ts";
import type { EditPersonInput } from "./people.schemas.ts";
import { notifyPersonChanged } from "./people.service.ts";
import type { Person } from "./people.table.ts";

/** Who is acting: their id and roles, as loaded from the session. */
export interface Actor {
  id: string;
  roles: readonly Role[];
}

const EDITABLE = [
  "documentType",
  "documentNumber",
  "firstNames",
  "lastNames",
  "email",
  "phone",
  "bloodType",
  "dependenciaId",
  "position",
  "vinculacion",
  "contractNumber",
  "contractStart",
  "contractEnd",
] as const satisfies readonly (keyof Person & keyof EditPersonInput)[];

type Changes = Record<string, { before: unknown; after: unknown }>;

export type EditResult = { ok: true; changed: string[] } | { ok: false; errors: FormErrors };

/** Loads a person for the edit form, refusing (and auditing) when the actor may not change them. */
export async function findPersonToEdit(
  db: Db,
  at: Date,
  audit: AuditContext,
  actor: Actor,
  personId: string,
) {
  const person = await repo.findPersonById(db, personId);
  if (!person) throw notFound("La persona");
  const refusal = refuseToManage(actor.roles, await repo.findRoles(db, personId));
  if (refusal) await refuse(db, at, audit, personId, "people.edit", refusal);
  // The form shows all of the person's data: opening it is a staff view like any other.
  await recordAudit(db, at, audit, { action: "person.viewed", targetType: "person", targetId: personId });
  return person;
}

/** An operator may take the photo of someone they manage, never put a face on staff's card. */
export async function checkMayUploadPhoto(
  db: Db,
  at: Date,
  audit: AuditContext,
  actor: Actor,
  personId: string,
) {
  const refusal = refuseToManage(actor.roles, await repo.findRoles(db, personId));
  if (refusal) await refuse(db, at, audit, personId, "people.uploadPhoto", refusal);
}

async function refuse(
  db: Db,
  at: Date,
  audit: AuditContext,
  personId: string,
  route: string,
  message: string,
): Promise<never> {
  await recordAudit(db, at, audit, {
    action: "access.denied",
    targetType: "person",
    targetId: personId,
    details: { route },
  });
  throw forbidden(message);
}

/**
 * Saves SSI's or an administrator's changes to a person: one audit row listing each changed field before
 * and after; a new dependencia is a move kept in the person's history. Completing the data may be what the
 * card request was waiting for, so the areas are told in the same transaction (notifyPersonChanged).
 */
export async function editPerson(
  db: Db,
  at: Date,
  audit: AuditContext,
  actor: Actor,
  personId: string,
  input: EditPersonInput,
): Promise<EditResult> {
  const outcome = await db.transaction(async (tx) => {
    const person = await repo.findPersonById(tx, personId);
    if (!person) throw notFound("La persona");
    const refusal = refuseToManage(actor.roles, await repo.findRoles(tx, personId));
    if (refusal) return { refusal };
    if (input.documentNumber !== person.documentNumber) {
      const holder = await repo.findPersonByDocument(tx, input.documentNumber);
      if (holder && holder.id !== person.id)
        return {
          result: {
            ok: false,
            errors: { documentNumber: "Ya existe otra persona con ese número de documento." },
          } as const,
        };
    }
    const changes: Changes = {};
    for (const field of EDITABLE)
      if (person[field] !== input[field]) changes[field] = { before: person[field], after: input[field] };
    const changed = Object.keys(changes);
    if (changed.length === 0) return { result: { ok: true, changed } as const };
    await repo.updatePerson(tx, personId, {
      ...Object.fromEntries(changed.map((field) => [field, changes[field]?.after])),
      updatedAt: at,
    });
    await recordAudit(tx, at, audit, {
      action: "person.updated",
      targetType: "person",
      targetId: personId,
      details: changes,
    });
    if (changes.dependenciaId)
      await repo.insertMove(tx, {
        personId,
        fromDependenciaId: person.dependenciaId,
        toDependenciaId: input.dependenciaId,
        movedBy: actor.id,
        movedAt: at,
      });
    await notifyPersonChanged(tx, at, audit, personId);
    return { result: { ok: true, changed } as const };
  });
  if ("refusal" in outcome && outcome.refusal)
    return refuse(db, at, audit, personId, "people.update", outcome.refusal);
  if (!("result" in outcome) || !outcome.result) throw new Error("person edit returned nothing");
  return outcome.result;
}

/** How a new credential reaches the person: by e-mail (the default) or shown once at the desk. */
export type CredentialDelivery = "correo" | "en_persona";

export type ResetResult =
  | { delivery: "correo"; person: Person; sentTo: string }
  | { delivery: "en_persona"; person: Person; credential: string; expiresAt: Date };

/**
 * Issues a new initial credential for a person, if the actor may: an administrator for anyone but
 * themself, an SSI operator only for people without staff roles. By e-mail, the credential never reaches
 * the staff member's screen; in person, it is shown once and the handover is recorded as such.
 */
export async function resetCredential(
  db: Db,
  at: Date,
  audit: AuditContext,
  settings: CredentialSettings,
  actor: Actor,
  personId: string,
  delivery: CredentialDelivery,
): Promise<ResetResult> {
  const outcome = await db.transaction(async (tx) => {
    const person = await repo.findPersonById(tx, personId);
    if (!person) throw notFound("La persona");
    const roles = await repo.findRoles(tx, personId);
    const refusal = refuseCredentialReset(actor, { id: personId, roles });
    if (refusal) return { refusal };
    if (delivery === "correo" && !person.email)
      throw conflict(
        "people.no_email",
        "La persona no tiene correo institucional registrado. Entréguele la credencial en persona o registre su correo en «Editar datos».",
      );
    const issued = await issueInitialCredential(tx, at, audit, settings, personId, {
      email: delivery === "correo",
    });
    const sentTo = person.email ? maskEmail(person.email) : "";
    await recordAudit(tx, at, audit, {
      action: delivery === "correo" ? "credential.emailed" : "credential.handed_over",
      targetType: "person",
      targetId: personId,
      details: delivery === "correo" ? { email: sentTo } : {},
    });
    return {
      result:
        delivery === "correo"
          ? ({ delivery, person, sentTo } as const)
          : ({ delivery, person, credential: issued.credential, expiresAt: issued.expiresAt } as const),
    };
  });
  if ("refusal" in outcome && outcome.refusal) {
    await recordAudit(db, at, audit, {
      action: "credential.reset_denied",
      targetType: "person",
      targetId: personId,
      details: { delivery },
    });
    throw forbidden(outcome.refusal);
  }
  if (!("result" in outcome) || !outcome.result) throw new Error("credential reset returned nothing");
  return outcome.result;
}
