// Everything stored about one person, read for their own download. Every query is keyed by that person's
// id (or by ids derived from it): nothing here takes an id from the request.
import { and, asc, desc, eq, inArray, isNotNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { stateTransitions } from "../../shared/transitions.table.ts";
import { dependencias } from "../dependencias/dependencias.table.ts";
import { outbox } from "../mail/mail.table.ts";
import { people, personMoves, personRoles } from "../people/people.table.ts";

export async function findPerson(db: Db, personId: string) {
  const [row] = await db
    .select({ person: people, dependencia: dependencias.name })
    .from(people)
    .leftJoin(dependencias, eq(dependencias.id, people.dependenciaId))
    .where(eq(people.id, personId));
  return row;
}

export function findRoleGrants(db: Db, personId: string) {
  return db
    .select({ role: personRoles.role, grantedAt: personRoles.grantedAt })
    .from(personRoles)
    .where(eq(personRoles.personId, personId))
    .orderBy(asc(personRoles.grantedAt));
}

export function findMoves(db: Db, personId: string) {
  return db
    .select({
      movedAt: personMoves.movedAt,
      from: sql<
        string | null
      >`(select name from ${dependencias} where id = ${personMoves.fromDependenciaId})`,
      to: sql<string | null>`(select name from ${dependencias} where id = ${personMoves.toDependenciaId})`,
    })
    .from(personMoves)
    .where(eq(personMoves.personId, personId))
    .orderBy(asc(personMoves.movedAt));
}

/** State changes of the given records (all the person's own: cards, photos…), with who made them. */
export function findTransitions(db: Db, subjectIds: string[]) {
  if (subjectIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      subjectType: stateTransitions.subjectType,
      subjectId: stateTransitions.subjectId,
      from: stateTransitions.fromState,
      to: stateTransitions.toState,
      reason: stateTransitions.reason,
      at: stateTransitions.at,
      actorId: stateTransitions.actorId,
    })
    .from(stateTransitions)
    .where(inArray(stateTransitions.subjectId, subjectIds))
    .orderBy(asc(stateTransitions.id));
}

/** E-mails addressed to the person's address (one recipient per message, always). */
export function findEmailsTo(db: Db, personId: string) {
  return db
    .select({
      subject: outbox.subject,
      body: outbox.body,
      kind: outbox.kind,
      status: outbox.status,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(eq(outbox.personId, personId))
    .orderBy(asc(outbox.createdAt));
}

/**
 * Audit rows by someone else about the person or the records they own (their cards and photos, the lists
 * that name them, such as downloading a list's file): who saw or changed what.
 */
export function findAccessByOthers(db: Db, personId: string, subjects: { type: string; ids: string[] }[]) {
  const about = or(
    and(eq(auditLog.targetType, "person"), eq(auditLog.targetId, personId)),
    ...subjects
      .filter((subject) => subject.ids.length > 0)
      .map((subject) => and(eq(auditLog.targetType, subject.type), inArray(auditLog.targetId, subject.ids))),
  );
  return db
    .select({
      at: auditLog.at,
      action: auditLog.action,
      targetType: auditLog.targetType,
      actorId: auditLog.actorId,
    })
    .from(auditLog)
    .where(and(about, isNotNull(auditLog.actorId), ne(auditLog.actorId, personId)))
    .orderBy(asc(auditLog.id));
}

/** Each acceptance of the privacy notice, with the version of the text accepted. */
export function findPrivacyAcceptances(db: Db, personId: string) {
  return db
    .select({ at: auditLog.at, details: auditLog.details })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, "privacy.accepted"),
        eq(auditLog.targetType, "person"),
        eq(auditLog.targetId, personId),
      ),
    )
    .orderBy(asc(auditLog.id));
}

/** What the person did in SIPAP themselves (logins, changes), newest first, up to a limit. */
export function findOwnActivity(db: Db, personId: string, limit: number) {
  return db
    .select({ at: auditLog.at, action: auditLog.action, ip: auditLog.ip })
    .from(auditLog)
    .where(eq(auditLog.actorId, personId))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

/** Names and current roles of the staff (and anyone else) who acted on the person's data. */
export async function findActors(db: Db, ids: string[]) {
  const actors = new Map<string, { name: string; roles: string[] }>();
  if (ids.length === 0) return actors;
  const rows = await db
    .select({
      id: people.id,
      firstNames: people.firstNames,
      lastNames: people.lastNames,
      role: personRoles.role,
    })
    .from(people)
    .leftJoin(personRoles, eq(personRoles.personId, people.id))
    .where(inArray(people.id, ids));
  for (const row of rows) {
    const actor = actors.get(row.id) ?? { name: `${row.firstNames} ${row.lastNames}`, roles: [] };
    if (row.role) actor.roles.push(row.role);
    actors.set(row.id, actor);
  }
  return actors;
}
