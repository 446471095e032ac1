import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn, type TestPerson } from "../../../test/factories.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { ROLES, type Role } from "../../shared/auth/roles.ts";
import { outbox } from "../mail/mail.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const CREDENTIAL = /[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}/;
const db = () => ctx.database.db;
const audited = (action: string, targetId: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
const mailsTo = (recipient: string) => db().select().from(outbox).where(eq(outbox.recipient, recipient));
/** A signed-in session still works: the password page answers instead of sending to the login. */
const sessionWorks = async (client: TestClient) => (await client.get("/cambiar-clave")).status === 200;
const reset = (client: TestClient, target: { id: string }, entrega?: string) =>
  client.post(`/admin/personas/${target.id}/credencial`, entrega ? { entrega } : {});

// Who may reset whom, role by role (the rule's own unit test walks the same table).
const MAY_RESET: Record<Role, readonly Role[]> = {
  administrador: ROLES,
  operador_ssi: ["servidor", "enlace", "responsable_plan", "jefe_dependencia"],
  servidor: [],
  enlace: [],
  comunicaciones: [],
  planeacion: [],
  control_interno: [],
  responsable_plan: [],
  jefe_dependencia: [],
  despacho: [],
  talento_humano: [],
};

describe("credential reset: who may reset whom", () => {
  it("refuses every forbidden actor and target role pair with 403, and the target's session keeps working", async () => {
    const actors = new Map<Role, TestClient>();
    const targets = new Map<Role, { person: TestPerson; client: TestClient }>();
    let ip = 1;
    for (const role of ROLES) {
      actors.set(role, await signIn(ctx, await makePerson(ctx, { roles: [role] }), `10.7.1.${ip++}`));
      const person = await makePerson(ctx, { roles: [role], email: `t${role}@pasto.gov.co` });
      targets.set(role, { person, client: await signIn(ctx, person, `10.7.2.${ip++}`) });
    }
    for (const actorRole of ROLES)
      for (const targetRole of ROLES) {
        if (MAY_RESET[actorRole].includes(targetRole)) continue;
        const target = targets.get(targetRole);
        const actor = actors.get(actorRole);
        if (!target || !actor) throw new Error("missing fixture");
        for (const entrega of ["en_persona", "correo"]) {
          const response = await reset(actor, target.person, entrega);
          const pair = `${actorRole} → ${targetRole} (${entrega})`;
          expect(response.status, pair).toBe(403);
          expect(await response.text(), pair).not.toMatch(CREDENTIAL);
        }
      }
    for (const [role, target] of targets) {
      expect(await sessionWorks(target.client), `${role}'s session`).toBe(true);
      expect(await audited("credential.issued", target.person.id), role).toHaveLength(1);
    }
    // Refusals inside the rule (not only at the door) are audited against the target.
    const admin = targets.get("administrador")?.person;
    if (!admin) throw new Error("missing admin");
    expect(await audited("credential.reset_denied", admin.id)).toHaveLength(2);
  });

  it.each(["administrador", "operador_ssi"] as const)(
    "refuses a %s resetting their own credential",
    async (role) => {
      const person = await makePerson(ctx, { roles: [role], email: `self.${role}@pasto.gov.co` });
      const client = await signIn(ctx, person);
      const page = await (await client.get(`/admin/personas/${person.id}`)).text();
      expect(page).not.toContain(`/admin/personas/${person.id}/credencial`);
      const response = await reset(client, person, "en_persona");
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("para usted mismo");
      expect(await sessionWorks(client)).toBe(true);
      expect(await audited("credential.reset_denied", person.id)).toHaveLength(1);
    },
  );

  it("shows the reset form only to whoever may reset that person", async () => {
    const operator = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    const admin = await makePerson(ctx, { roles: ["administrador"] });
    const servant = await makePerson(ctx);
    expect(await (await operator.get(`/admin/personas/${servant.id}`)).text()).toContain(
      `action="/admin/personas/${servant.id}/credencial"`,
    );
    expect(await (await operator.get(`/admin/personas/${admin.id}`)).text()).not.toContain("/credencial");
    const byAdmin = await signIn(ctx, await makePerson(ctx, { roles: ["administrador"] }));
    expect(await (await byAdmin.get(`/admin/personas/${admin.id}`)).text()).toContain(
      `action="/admin/personas/${admin.id}/credencial"`,
    );
  });
});

describe("credential reset: delivery", () => {
  it("sends the new credential by e-mail to the person and shows staff only the masked address", async () => {
    const email = `lucia.reset${Date.now()}@pasto.gov.co`;
    const person = await makePerson(ctx, { email });
    const personClient = await signIn(ctx, person);
    const before = (await mailsTo(email)).length;
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    const form = await (await client.get(`/admin/personas/${person.id}`)).text();
    expect(form).toContain('name="entrega" value="correo"');
    expect(form).toContain('name="entrega" value="en_persona"');
    expect(form).not.toMatch(/name="entrega"[^>]*checked/);

    const response = await reset(client, person, "correo");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain("l•••@pasto.gov.co");
    expect(html).not.toContain(email);
    expect(html).not.toMatch(CREDENTIAL);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(before + 1);
    const mail = mails.at(-1);
    expect(mail?.body).toContain("/activar/");
    const credential = mail?.body.match(CREDENTIAL)?.[0];
    expect(credential).toBeDefined();
    expect(await sessionWorks(personClient)).toBe(false);
    const login = await new TestClient(ctx.app, "10.7.3.1").post("/ingresar", {
      documentNumber: person.documentNumber,
      password: credential ?? "",
    });
    expect(login.headers.get("location")).toBe("/cambiar-clave");
    const [row] = await audited("credential.emailed", person.id);
    expect(row?.details).toEqual({ email: "l•••@pasto.gov.co" });
    expect(await audited("credential.handed_over", person.id)).toHaveLength(0);
  });

  it("shows the credential once for an in-person handover, records it as such and e-mails nothing", async () => {
    const email = `mano${Date.now()}@pasto.gov.co`;
    const person = await makePerson(ctx, { email });
    const before = (await mailsTo(email)).length;
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const client = await signIn(ctx, operator);
    const response = await reset(client, person, "en_persona");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    const credential = html.match(CREDENTIAL)?.[0];
    expect(credential).toBeDefined();
    expect(html).toContain("la entregó en persona");
    expect(await mailsTo(email)).toHaveLength(before);
    const [row] = await audited("credential.handed_over", person.id);
    expect(row?.actorId).toBe(operator.id);
    expect(await audited("credential.emailed", person.id)).toHaveLength(0);
    const login = await new TestClient(ctx.app, "10.7.3.2").post("/ingresar", {
      documentNumber: person.documentNumber,
      password: credential ?? "",
    });
    expect(login.headers.get("location")).toBe("/cambiar-clave");
  });

  it("asks for the delivery choice and changes nothing when none was made", async () => {
    const person = await makePerson(ctx, { email: `sin.eleccion${Date.now()}@pasto.gov.co` });
    const personClient = await signIn(ctx, person);
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    const response = await reset(client, person);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Elija cómo entregar la credencial");
    expect(await sessionWorks(personClient)).toBe(true);
    expect(await audited("credential.issued", person.id)).toHaveLength(1);
  });

  it("offers only the in-person handover to a person without e-mail and refuses the e-mail choice", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    const page = await (await client.get(`/admin/personas/${person.id}`)).text();
    expect(page).not.toContain('value="correo"');
    expect(page).toContain("no tiene correo institucional registrado");
    const response = await reset(client, person, "correo");
    expect(response.status).toBe(409);
    expect(await response.text()).not.toMatch(CREDENTIAL);
    expect(await audited("credential.issued", person.id)).toHaveLength(1);
  });
});
