import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn } from "../../../test/factories.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { outbox } from "../mail/mail.table.ts";
import { createPeople } from "../people/people.service.ts";
import { enrollPerson, issueMissingCredentials } from "./auth.credentials.ts";
import { initialCredentials } from "./auth.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ env: { PUBLIC_BASE_URL: "https://sipap.pasto.gov.co" } });
});
afterAll(() => ctx.database.close());

let sequence = 0;
async function enrollWithEmail() {
  const n = `${process.pid}${++sequence}`.slice(-6);
  const email = `ana.${n}@pasto.gov.co`;
  const enrolled = await enrollPerson(ctx.database.db, ctx.clock.now(), systemAuditContext, ctx.deps.config, {
    documentType: "CC",
    documentNumber: `55${n}01`,
    firstNames: "Ana Lucía",
    lastNames: "Rosero",
    email,
    dependenciaId: (await makeDependencia(ctx)).id,
  });
  const [mail] = await ctx.database.db
    .select()
    .from(outbox)
    .where(eq(outbox.recipient, email))
    .orderBy(desc(outbox.createdAt));
  const link = /https:\/\/sipap\.pasto\.gov\.co(\/activar\/[a-z0-9]+)/.exec(mail?.body ?? "")?.[1];
  if (!link) throw new Error("no link in the credential e-mail");
  return { ...enrolled, link, mail };
}

describe("the one-time link in the credential e-mail", () => {
  it("carries the link and the credential; opening the link uses nothing, going on signs in once", async () => {
    const { person, credential, link, mail } = await enrollWithEmail();
    expect(mail?.body).toContain(credential);
    const client = new TestClient(ctx.app);
    const opened = await client.get(link);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain("Hola, Ana Lucía");
    const [row] = await ctx.database.db
      .select()
      .from(initialCredentials)
      .where(eq(initialCredentials.personId, person.id));
    expect(row?.usedAt).toBeNull();

    const signedIn = await client.post(link, {});
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/cambiar-clave");
    expect((await client.get("/cambiar-clave")).status).toBe(200);

    const again = await new TestClient(ctx.app).post(link, {});
    expect(again.status).toBe(404);
    expect(await again.text()).toContain("ya se usó");
    const typed = await new TestClient(ctx.app).post("/ingresar", {
      documentNumber: person.documentNumber,
      password: credential,
    });
    expect(typed.status).toBe(403);
  });

  it("stops working when it expires or a new credential replaces it", async () => {
    const expired = await enrollWithEmail();
    const replaced = await enrollWithEmail();
    const operator = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    expect(
      (await operator.post(`/admin/personas/${replaced.person.id}/credencial`, { entrega: "correo" })).status,
    ).toBe(200);
    expect(await (await new TestClient(ctx.app).get(replaced.link)).text()).toContain("no es válido");

    ctx.clock.advance(ctx.deps.config.initialCredentialMs + 1000);
    const late = await new TestClient(ctx.app).post(expired.link, {});
    expect(late.status).toBe(404);
    expect(await late.text()).toContain("venció");
  });

  it("answers a made-up link with the same page, without signing anyone in", async () => {
    const response = await new TestClient(ctx.app).post("/activar/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", {});
    expect(response.status).toBe(404);
    expect(response.headers.get("set-cookie") ?? "").not.toContain("sipap_session=");
  });
});

describe("the hourly credential sweep", () => {
  it("issues a credential to a person a list registered without one, once", async () => {
    const [person] = await createPeople(
      ctx.database.db,
      ctx.clock.now(),
      systemAuditContext,
      [
        {
          documentType: "CC",
          documentNumber: `66${process.pid}`.slice(0, 10),
          firstNames: "Rosa",
          lastNames: "Benavides",
          email: "rosa.sweep@pasto.gov.co",
          dependenciaId: null,
        },
      ],
      {},
    );
    expect(
      await issueMissingCredentials(ctx.database.db, ctx.clock.now(), ctx.deps.config),
    ).toBeGreaterThanOrEqual(1);
    const issued = await ctx.database.db
      .select()
      .from(initialCredentials)
      .where(eq(initialCredentials.personId, person?.id ?? ""));
    expect(issued).toHaveLength(1);
    expect(
      await ctx.database.db.select().from(outbox).where(eq(outbox.recipient, "rosa.sweep@pasto.gov.co")),
    ).toHaveLength(1);
    expect(await issueMissingCredentials(ctx.database.db, ctx.clock.now(), ctx.deps.config)).toBe(0);
  });
});
