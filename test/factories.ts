// Factories: the data each test needs, with unique values so tests never collide.

import { eq } from "drizzle-orm";
import { enrollPerson } from "../src/core/auth/auth.credentials.ts";
import { upsertPassword } from "../src/core/auth/auth.repository.ts";
import { createDependencia } from "../src/core/dependencias/dependencias.service.ts";
import { people } from "../src/core/people/people.table.ts";
import { systemAuditContext } from "../src/shared/audit.ts";
import { hashPassword } from "../src/shared/auth/passwords.ts";
import type { Role } from "../src/shared/auth/roles.ts";
import { TestClient, type TestContext } from "./app.ts";

let sequence = 0;
const unique = () => `${process.pid % 1000}${++sequence}${Math.floor(Math.random() * 1000)}`;

export async function makeDependencia(ctx: TestContext, name = `Dependencia ${unique()}`) {
  const result = await createDependencia(ctx.database.db, ctx.clock.now(), systemAuditContext, {
    name,
    acronym: null,
    parentId: null,
    sortOrder: 0,
    active: true,
  });
  if (!("id" in result)) throw new Error(result.message);
  return result;
}

export const TEST_PASSWORD = "una frase larga de prueba";

export interface TestPerson {
  id: string;
  documentNumber: string;
  firstNames: string;
  lastNames: string;
  credential: string;
  password: string | undefined;
  dependenciaId: string;
}

/** A person with the given roles; with `password`, their initial credential was already replaced. */
export async function makePerson(
  ctx: TestContext,
  options: {
    roles?: Role[];
    dependenciaId?: string;
    password?: string | null;
    noticeAccepted?: boolean;
    email?: string;
    firstNames?: string;
  } = {},
): Promise<TestPerson> {
  const dependenciaId = options.dependenciaId ?? (await makeDependencia(ctx)).id;
  const documentNumber = `7${unique()}`.slice(0, 10);
  const enrolled = await enrollPerson(
    ctx.database.db,
    ctx.clock.now(),
    systemAuditContext,
    ctx.deps.config,
    {
      documentType: "CC",
      documentNumber,
      firstNames: options.firstNames ?? "Prueba",
      lastNames: `Persona ${unique()}`,
      email: options.email ?? null,
      dependenciaId,
    },
    options.roles ?? ["servidor"],
  );
  const password = options.password === null ? undefined : (options.password ?? TEST_PASSWORD);
  if (password)
    await upsertPassword(ctx.database.db, enrolled.person.id, await hashPassword(password), ctx.clock.now());
  if (options.noticeAccepted ?? Boolean(password))
    await ctx.database.db
      .update(people)
      .set({ privacyAcceptedAt: ctx.clock.now() })
      .where(eq(people.id, enrolled.person.id));
  return {
    id: enrolled.person.id,
    documentNumber,
    firstNames: enrolled.person.firstNames,
    lastNames: enrolled.person.lastNames,
    credential: enrolled.credential,
    password,
    dependenciaId,
  };
}

/** A client logged in as the person (with their password). */
export async function signIn(ctx: TestContext, person: TestPerson, ip?: string): Promise<TestClient> {
  const client = new TestClient(ctx.app, ip);
  const response = await client.post("/ingresar", {
    documentNumber: person.documentNumber,
    password: person.password ?? "",
  });
  if (response.status !== 303) throw new Error(`login failed with ${response.status}`);
  return client;
}
