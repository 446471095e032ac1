import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { auditLog } from "../../shared/audit.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

describe("audit log", () => {
  it("is append-only: the database refuses updates, deletes and truncation", async () => {
    await makePerson(ctx);
    const db = ctx.database.db;
    await expect(db.update(auditLog).set({ action: "tampered" })).rejects.toThrow();
    await expect(db.delete(auditLog)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const rows = await db.select().from(auditLog);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.action !== "tampered")).toBe(true);
  });

  it("lets an administrator find failed logins of one person, with address and time", async () => {
    const admin = await makePerson(ctx, { roles: ["administrador"] });
    const person = await makePerson(ctx);
    await new TestClient(ctx.app, "198.18.0.7").post("/ingresar", {
      documentNumber: person.documentNumber,
      password: "mala",
    });
    const client = await signIn(ctx, admin);
    const page = await client.get(`/admin/auditoria?accion=login.failed&persona=${person.documentNumber}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("login.failed");
    expect(html).toContain("198.18.0.7");
    expect(html).toContain("wrong_password");
    expect(html).not.toContain("login.succeeded");
  });

  it("filters by Bogotá dates and explains a badly written date", async () => {
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["administrador"] }));
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Bogota" }).format(ctx.clock.now());
    const inRange = await (
      await client.get(`/admin/auditoria?accion=login.succeeded&desde=${today}&hasta=${today}`)
    ).text();
    expect(inRange).toContain("login.succeeded");
    const before = await (await client.get("/admin/auditoria?accion=login&hasta=2020-01-01")).text();
    expect(before).toContain("No hay registros que coincidan");
    const bad = await client.get("/admin/auditoria?desde=31/12/2026");
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("aaaa-mm-dd");
  });

  it("records that the audit log itself was searched", async () => {
    const admin = await makePerson(ctx, { roles: ["administrador"] });
    const client = await signIn(ctx, admin);
    await client.get("/admin/auditoria?accion=person");
    const rows = await ctx.database.db.select().from(auditLog);
    expect(rows.some((r) => r.action === "audit.searched" && r.actorId === admin.id)).toBe(true);
  });
});
