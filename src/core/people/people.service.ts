// People: everyone who works for the municipality, their roles, and who may see their data.
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit, recordAuditMany } from "../../shared/audit.ts";
import type { CurrentUser, Role } from "../../shared/auth/roles.ts";
import { conflict, forbidden, notFound } from "../../shared/errors.ts";
import * as repo from "./people.repository.ts";
import { canSeePerson } from "./people.rules.ts";
import type { NewPersonInput } from "./people.schemas.ts";
import type { NewPerson, Person } from "./people.table.ts";

// Rows of the list and the history, for the views (which never import the repository).
export type { PersonListRow, PersonMoveRow } from "./people.repository.ts";
export { normalizeDocumentNumber } from "./people.rules.ts";
export type { Person } from "./people.table.ts";

export const findPersonByDocument = repo.findPersonByDocument;
export const findPersonById = repo.findPersonById;
export const findRoles = repo.findRoles;
export const findRolesOfPeople = repo.findRolesOfPeople;
export { holdsOnlyOrdinaryRoles } from "./people.rules.ts";
export const findMoves = repo.findMoves;

export const PAGE_SIZE = 50;

/**
 * Called inside the transaction that changed a person's data (by their own hand in «Mis datos» or by staff),
 * so an area can react in the same transaction: carnetización re-checks whether the card request can go
 * to print. Core knows no area; src/areas.ts subscribes them (docs/ARCHITECTURE.md, "Areas and core").
 */
export type PersonChangedListener = (
  db: Db,
  at: Date,
  audit: AuditContext,
  personId: string,
) => Promise<unknown>;
const personChangedListeners: PersonChangedListener[] = [];

export function onPersonChanged(listener: PersonChangedListener): void {
  if (!personChangedListeners.includes(listener)) personChangedListeners.push(listener);
}

export async function notifyPersonChanged(db: Db, at: Date, audit: AuditContext, personId: string) {
  for (const listener of personChangedListeners) await listener(db, at, audit, personId);
}

/** The person accepted the privacy notice (the audit row, with the notice's version, is the caller's). */
export async function markPrivacyAccepted(db: Db, at: Date, personId: string) {
  await repo.updatePerson(db, personId, { privacyAcceptedAt: at });
}

export async function createPerson(
  db: Db,
  at: Date,
  audit: AuditContext,
  input: NewPersonInput,
  roles: Role[] = ["servidor"],
): Promise<Person> {
  if (await repo.findPersonByDocument(db, input.documentNumber))
    throw conflict("people.duplicate_document", "Ya existe una persona con ese número de documento.");
  const person = await repo.insertPerson(db, { ...input, createdAt: at, updatedAt: at });
  await repo.replaceRoles(db, person.id, roles, audit.actorId, at);
  await recordAudit(db, at, audit, {
    action: "person.created",
    targetType: "person",
    targetId: person.id,
    details: { roles, dependenciaId: input.dependenciaId },
  });
  return person;
}

export async function setRoles(db: Db, at: Date, audit: AuditContext, personId: string, roles: Role[]) {
  await db.transaction(async (tx) => {
    const person = await repo.findPersonById(tx, personId);
    if (!person) throw notFound("La persona");
    const before = await repo.findRoles(tx, personId);
    if (audit.actorId === personId && before.includes("administrador") && !roles.includes("administrador"))
      throw conflict("people.self_demotion", "No puede quitarse a sí mismo el rol de administrador.");
    await repo.replaceRoles(tx, personId, roles, audit.actorId, at);
    await recordAudit(tx, at, audit, {
      action: "person.roles_changed",
      targetType: "person",
      targetId: personId,
      details: { before, after: roles },
    });
  });
}

/** Loads a person for a staff page; refuses and audits when the viewer may not see them. */
export async function viewPerson(
  db: Db,
  at: Date,
  audit: AuditContext,
  viewer: CurrentUser,
  personId: string,
) {
  const person = await repo.findPersonById(db, personId);
  if (!person) throw notFound("La persona");
  if (!canSeePerson(viewer, person)) {
    await recordAudit(db, at, audit, {
      action: "person.view_denied",
      targetType: "person",
      targetId: personId,
    });
    throw forbidden("Solo puede ver a las personas de su propia dependencia.");
  }
  await recordAudit(db, at, audit, { action: "person.viewed", targetType: "person", targetId: personId });
  return { person, roles: await repo.findRoles(db, personId) };
}

/** Lists people (document numbers included), so the search itself is audited as staff access. */
export async function listPeople(
  db: Db,
  at: Date,
  audit: AuditContext,
  filter: { query: string; dependenciaId?: string; page: number },
) {
  await recordAudit(db, at, audit, { action: "people.listed", details: { ...filter } });
  return repo.searchPeople(db, {
    query: filter.query || undefined,
    dependenciaId: filter.dependenciaId,
    limit: PAGE_SIZE,
    offset: (filter.page - 1) * PAGE_SIZE,
  });
}

export async function countPeople(db: Db): Promise<number> {
  return repo.countPeople(db);
}

export const findPeopleByDocuments = repo.findPeopleByDocuments;
export const findActiveWithRole = repo.findActiveWithRole;

/**
 * Changes a person's recorded data (from a dependencia's list), auditing each field's before and after.
 * Returns whether anything changed, so applying the same list twice changes nothing.
 */
export async function updatePersonData(
  db: Db,
  at: Date,
  audit: AuditContext,
  person: Person,
  set: Partial<Pick<Person, UpdatableField>>,
  source?: Record<string, unknown>,
): Promise<boolean> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [field, after] of Object.entries(set) as [UpdatableField, unknown][])
    if (after !== undefined && person[field] !== after) changes[field] = { before: person[field], after };
  if (Object.keys(changes).length === 0) return false;
  const values = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.after]));
  await repo.updatePerson(db, person.id, { ...values, updatedAt: at });
  await recordAudit(db, at, audit, {
    action: "person.data_updated",
    targetType: "person",
    targetId: person.id,
    details: { ...changes, ...source },
  });
  return true;
}

type UpdatableField =
  | "firstNames"
  | "lastNames"
  | "email"
  | "phone"
  | "bloodType"
  | "position"
  | "dependenciaId"
  | "status"
  | "vinculacion"
  | "contractNumber"
  | "contractStart"
  | "contractEnd";

/** Registers many people at once (a dependencia's list): one statement per 500, each audited. */
export async function createPeople(
  db: Db,
  at: Date,
  audit: AuditContext,
  inputs: NewPerson[],
  source: Record<string, unknown>,
) {
  const created = await repo.insertPeople(
    db,
    inputs.map((input) => ({ ...input, createdAt: at, updatedAt: at })),
    "servidor",
    audit.actorId,
    at,
  );
  await recordAuditMany(
    db,
    at,
    audit,
    created.map((person) => ({
      action: "person.created",
      targetType: "person",
      targetId: person.id,
      details: { roles: ["servidor"], dependenciaId: person.dependenciaId, ...source },
    })),
  );
  return created;
}
