import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn } from "../../../test/factories.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { people } from "./people.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const audited = async (action: string, targetId: string) =>
  ctx.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));

describe("people for SSI and administrators", () => {
  it("registers a person and shows their personal initial credential once, then it works to log in", async () => {
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const dependencia = await makeDependencia(ctx);
    const client = await signIn(ctx, operator);
    const response = await client.post("/admin/personas", {
      documentType: "CC",
      documentNumber: "1.085.000.111",
      firstNames: "Rosa Elena",
      lastNames: "Pantoja Ruales",
      email: "rosa.pantoja@pasto.gov.co",
      dependenciaId: dependencia.id,
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    const credential = html.match(/[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}/)?.[0];
    expect(credential).toBeDefined();
    const [stored] = await ctx.database.db
      .select()
      .from(people)
      .where(eq(people.documentNumber, "1085000111"));
    expect(stored?.firstNames).toBe("Rosa Elena");

    const newcomer = new TestClient(ctx.app, "10.1.1.1");
    const login = await newcomer.post("/ingresar", {
      documentNumber: "1085000111",
      password: credential ?? "",
    });
    expect(login.headers.get("location")).toBe("/cambiar-clave");
  });

  it("keeps the form and explains each problem when the data is wrong or the document exists", async () => {
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const client = await signIn(ctx, operator);
    const invalid = await client.post("/admin/personas", {
      documentType: "CC",
      documentNumber: "12AB",
      firstNames: "",
      lastNames: "Solo Apellido",
      email: "no-es-correo",
      dependenciaId: "",
    });
    expect(invalid.status).toBe(422);
    const html = await invalid.text();
    for (const message of [
      "sin letras",
      "Escriba los nombres.",
      "Escriba un correo válido",
      "Elija la dependencia.",
    ])
      expect(html).toContain(message);
    expect(html).toContain('value="Solo Apellido"');

    const duplicate = await client.post("/admin/personas", {
      documentType: "CC",
      documentNumber: operator.documentNumber,
      firstNames: "Otra",
      lastNames: "Persona",
      email: "",
      dependenciaId: operator.dependenciaId,
    });
    expect(duplicate.status).toBe(422);
    expect(await duplicate.text()).toContain("Ya existe una persona con ese número de documento.");
  });

  it("requires the contract of an OPS contractor, with an end after its start", async () => {
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const client = await signIn(ctx, operator);
    const base = {
      documentType: "CC",
      documentNumber: "1085000222",
      firstNames: "Luis",
      lastNames: "Ortega",
      email: "",
      dependenciaId: operator.dependenciaId,
      position: "Apoyo a la gestión",
      vinculacion: "ops",
    };
    const missing = await client.post("/admin/personas", {
      ...base,
      contractNumber: "",
      contractStart: "",
      contractEnd: "",
    });
    expect(missing.status).toBe(422);
    const html = await missing.text();
    expect(html).toContain("Escriba el número del contrato.");
    expect(html).toContain("Escriba la fecha de inicio");
    const backwards = await client.post("/admin/personas", {
      ...base,
      contractNumber: "OPS-2026-114",
      contractStart: "2026-06-30",
      contractEnd: "2026-01-15",
    });
    expect(await backwards.text()).toContain("posterior a la de inicio");
    const ok = await client.post("/admin/personas", {
      ...base,
      contractNumber: "OPS-2026-114",
      contractStart: "2026-01-15",
      contractEnd: "2026-12-31",
    });
    expect(ok.status).toBe(201);
    const [stored] = await ctx.database.db
      .select()
      .from(people)
      .where(eq(people.documentNumber, "1085000222"));
    expect(stored).toMatchObject({
      vinculacion: "ops",
      contractNumber: "OPS-2026-114",
      contractEnd: "2026-12-31",
    });
  });

  it("audits each view of a person's data and each search by staff", async () => {
    const admin = await makePerson(ctx, { roles: ["administrador"] });
    const person = await makePerson(ctx);
    const client = await signIn(ctx, admin);
    const page = await client.get(`/admin/personas/${person.id}`);
    expect(await page.text()).toContain(person.documentNumber);
    expect(await audited("person.viewed", person.id)).toHaveLength(1);
    const list = await client.get(`/admin/personas?q=${encodeURIComponent(person.lastNames)}`);
    expect(await list.text()).toContain(person.lastNames);
    const searches = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "people.listed"));
    expect(searches.some((r) => r.actorId === admin.id)).toBe(true);
  });

  it("lets an administrator change roles, audited with before and after", async () => {
    const admin = await makePerson(ctx, { roles: ["administrador"] });
    const person = await makePerson(ctx);
    const client = await signIn(ctx, admin);
    const response = await client.post(`/admin/personas/${person.id}/roles`, {
      roles: ["servidor", "enlace", "no_existe"],
    });
    expect(response.status).toBe(303);
    const page = await client.get(`/admin/personas/${person.id}`);
    expect(await page.text()).toContain("Enlace de dependencia");
    const [row] = await audited("person.roles_changed", person.id);
    expect(row?.details).toEqual({ before: ["servidor"], after: ["servidor", "enlace"] });
    expect(row?.actorId).toBe(admin.id);
  });

  it("does not let an administrator remove their own administrator role", async () => {
    const admin = await makePerson(ctx, { roles: ["administrador"] });
    const client = await signIn(ctx, admin);
    const response = await client.post(`/admin/personas/${admin.id}/roles`, { roles: ["servidor"] });
    expect(response.status).toBe(409);
    expect((await client.get("/admin/auditoria")).status).toBe(200);
  });

  it("resets a credential: the old password and sessions stop working and the new credential works", async () => {
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const person = await makePerson(ctx);
    const personClient = await signIn(ctx, person);
    const client = await signIn(ctx, operator);
    const response = await client.post(`/admin/personas/${person.id}/credencial`, { entrega: "en_persona" });
    expect(response.status).toBe(200);
    const credential = (await response.text()).match(
      /[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}/,
    )?.[0];
    expect((await personClient.get("/cambiar-clave")).status).toBe(303);
    const oldPassword = await new TestClient(ctx.app, "10.2.2.2").post("/ingresar", {
      documentNumber: person.documentNumber,
      password: person.password ?? "",
    });
    expect(oldPassword.status).toBe(401);
    const fresh = await new TestClient(ctx.app, "10.2.2.3").post("/ingresar", {
      documentNumber: person.documentNumber,
      password: credential ?? "",
    });
    expect(fresh.headers.get("location")).toBe("/cambiar-clave");
    expect(await audited("credential.issued", person.id)).toHaveLength(2);
  });
});

describe("people for a liaison (enlace)", () => {
  it("lists only the people of the liaison's own dependencia", async () => {
    const mine = await makeDependencia(ctx);
    const other = await makeDependencia(ctx);
    const liaison = await makePerson(ctx, { roles: ["enlace"], dependenciaId: mine.id });
    const colleague = await makePerson(ctx, { dependenciaId: mine.id });
    const stranger = await makePerson(ctx, { dependenciaId: other.id });
    const client = await signIn(ctx, liaison);
    const list = await (await client.get("/dependencia/personas")).text();
    expect(list).toContain(colleague.lastNames);
    expect(list).not.toContain(stranger.lastNames);
    const sneaky = await (await client.get(`/dependencia/personas?dependencia=${other.id}`)).text();
    expect(sneaky).not.toContain(stranger.lastNames);
  });

  it("refuses another dependencia's person by URL with 403 and audits the attempt", async () => {
    const liaison = await makePerson(ctx, { roles: ["enlace"] });
    const stranger = await makePerson(ctx);
    const client = await signIn(ctx, liaison);
    const response = await client.get(`/dependencia/personas/${stranger.id}`);
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).not.toContain(stranger.documentNumber);
    expect(await audited("person.view_denied", stranger.id)).toHaveLength(1);
    const colleague = await makePerson(ctx, { dependenciaId: liaison.dependenciaId });
    expect((await client.get(`/dependencia/personas/${colleague.id}`)).status).toBe(200);
  });
});
