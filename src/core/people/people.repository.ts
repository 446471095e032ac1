import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.ts";
import type { Role } from "../../shared/auth/roles.ts";
import { isRole } from "../../shared/auth/roles.ts";
import { isUuid } from "../../shared/ids.ts";
import { dependencias } from "../dependencias/dependencias.table.ts";
import {
  type NewPerson,
  type NewPersonMove,
  type Person,
  people,
  personMoves,
  personRoles,
} from "./people.table.ts";

export async function findPersonById(db: Db, id: string): Promise<Person | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(people).where(eq(people.id, id));
  return row;
}

export async function findPersonByDocument(db: Db, documentNumber: string): Promise<Person | undefined> {
  const [row] = await db.select().from(people).where(eq(people.documentNumber, documentNumber));
  return row;
}

export async function findRoles(db: Db, personId: string): Promise<Role[]> {
  const rows = await db
    .select({ role: personRoles.role })
    .from(personRoles)
    .where(eq(personRoles.personId, personId))
    .orderBy(asc(personRoles.role));
  return rows.map((r) => r.role).filter(isRole);
}

/** The roles of several people at once, by person id (people without roles are absent). */
export async function findRolesOfPeople(db: Db, personIds: string[]): Promise<Map<string, Role[]>> {
  const byPerson = new Map<string, Role[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await db
    .select({ personId: personRoles.personId, role: personRoles.role })
    .from(personRoles)
    .where(inArray(personRoles.personId, personIds));
  for (const row of rows)
    if (isRole(row.role)) byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), row.role]);
  return byPerson;
}

export async function insertPerson(db: Db, values: NewPerson): Promise<Person> {
  const [row] = await db.insert(people).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function replaceRoles(
  db: Db,
  personId: string,
  roles: Role[],
  grantedBy: string | null,
  at: Date,
) {
  await db.delete(personRoles).where(eq(personRoles.personId, personId));
  if (roles.length > 0)
    await db.insert(personRoles).values(roles.map((role) => ({ personId, role, grantedBy, grantedAt: at })));
}

export interface PeopleFilter {
  query?: string;
  dependenciaId?: string;
  limit: number;
  offset: number;
}

export async function searchPeople(db: Db, filter: PeopleFilter) {
  const conditions: SQL[] = [];
  if (filter.dependenciaId) conditions.push(eq(people.dependenciaId, filter.dependenciaId));
  if (filter.query) {
    const pattern = `%${filter.query.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const names = sql`(${people.firstNames} || ' ' || ${people.lastNames})`;
    const match = or(ilike(names, pattern), ilike(people.documentNumber, pattern));
    if (match) conditions.push(match);
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const rows = await db
    .select({
      id: people.id,
      documentType: people.documentType,
      documentNumber: people.documentNumber,
      firstNames: people.firstNames,
      lastNames: people.lastNames,
      status: people.status,
      dependencia: dependencias.name,
    })
    .from(people)
    .leftJoin(dependencias, eq(dependencias.id, people.dependenciaId))
    .where(where)
    .orderBy(asc(people.lastNames), asc(people.firstNames))
    .limit(filter.limit + 1)
    .offset(filter.offset);
  return { rows: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
}

export type PersonListRow = Awaited<ReturnType<typeof searchPeople>>["rows"][number];

export async function countPeople(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(people);
  return row?.n ?? 0;
}

export function findPeopleByDocuments(db: Db, documentNumbers: string[]) {
  if (documentNumbers.length === 0) return Promise.resolve([]);
  return db.select().from(people).where(inArray(people.documentNumber, documentNumbers));
}

export async function updatePerson(db: Db, id: string, set: Partial<NewPerson>) {
  await db.update(people).set(set).where(eq(people.id, id));
}

/** Active people holding a role (e.g. every liaison, for campaign reminders). */
export function findActiveWithRole(db: Db, role: Role) {
  return db
    .select({
      id: people.id,
      firstNames: people.firstNames,
      email: people.email,
      dependenciaId: people.dependenciaId,
    })
    .from(people)
    .innerJoin(personRoles, eq(personRoles.personId, people.id))
    .where(and(eq(personRoles.role, role), eq(people.status, "activo")));
}

/** Inserts many people (with one role) in batches; returns them in the order given. */
export async function insertPeople(
  db: Db,
  values: NewPerson[],
  role: Role,
  grantedBy: string | null,
  at: Date,
) {
  const inserted: Person[] = [];
  for (let i = 0; i < values.length; i += 500) {
    const rows = await db
      .insert(people)
      .values(values.slice(i, i + 500))
      .returning();
    await db
      .insert(personRoles)
      .values(rows.map((p) => ({ personId: p.id, role, grantedBy, grantedAt: at })));
    inserted.push(...rows);
  }
  return inserted;
}

export async function insertMove(db: Db, values: NewPersonMove) {
  await db.insert(personMoves).values(values);
}

/** A person's dependencia changes, newest first, with the names of both dependencias and of who moved them. */
export function findMoves(db: Db, personId: string) {
  const from = alias(dependencias, "from_dependencia");
  const to = alias(dependencias, "to_dependencia");
  const mover = alias(people, "mover");
  return db
    .select({
      id: personMoves.id,
      movedAt: personMoves.movedAt,
      fromName: from.name,
      toName: to.name,
      moverFirstNames: mover.firstNames,
      moverLastNames: mover.lastNames,
    })
    .from(personMoves)
    .leftJoin(from, eq(from.id, personMoves.fromDependenciaId))
    .leftJoin(to, eq(to.id, personMoves.toDependenciaId))
    .leftJoin(mover, eq(mover.id, personMoves.movedBy))
    .where(eq(personMoves.personId, personId))
    .orderBy(desc(personMoves.movedAt), desc(personMoves.id));
}

export type PersonMoveRow = Awaited<ReturnType<typeof findMoves>>[number];
