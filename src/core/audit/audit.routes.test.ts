import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { makeReadyToPrint, printBatch } from "../../../test/production.ts";
import { cards } from "../../carnetizacion/cards/cards.table.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { recordAuditMany } from "../../shared/audit.ts";
import { XLSX_TYPE } from "../../shared/xlsx.ts";
import { people } from "../people/people.table.ts";

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
    expect(html).toContain("Ingreso fallido");
    expect(html).not.toContain(">login.failed<");
    expect(html).toContain("198.18.0.7");
    expect(html).toContain("Motivo: clave equivocada");
    expect(html).not.toContain("wrong_password");
    expect(html).toContain(`${person.firstNames} ${person.lastNames} (CC ${person.documentNumber})`);
    expect(html).not.toMatch(/<td[^>]*>Ingreso<\/td>/);
  });

  it("filters by Bogotá dates and explains a badly written date", async () => {
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["administrador"] }));
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Bogota" }).format(ctx.clock.now());
    const inRange = await (
      await client.get(`/admin/auditoria?accion=login.succeeded&desde=${today}&hasta=${today}`)
    ).text();
    expect(inRange).toMatch(/<td[^>]*>Ingreso<\/td>/);
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

describe("the audit page, readable", () => {
  it("shows people and cards by name and details as «campo: antes → después», never ids or JSON", async () => {
    const admin = await makePerson(ctx, { roles: ["administrador"] });
    const { person, card } = await makeReadyToPrint(ctx);
    await printBatch(ctx, [card.id]);
    const [printed] = await ctx.database.db.select().from(cards).where(eq(cards.id, card.id));
    await (await signIn(ctx, person)).post("/mis-datos", {
      firstNames: person.firstNames,
      lastNames: person.lastNames,
      position: "Técnico operativo",
      email: `p${person.documentNumber}@pasto.gov.co`,
      phone: "3001234567",
      bloodType: "O+",
    });
    const client = await signIn(ctx, admin);
    await client.get(`/ssi/carnets/${card.id}`);
    const owner = `${person.firstNames} ${person.lastNames} (CC ${person.documentNumber})`;
    const html = await (await client.get(`/admin/auditoria?persona=${person.documentNumber}`)).text();
    expect(html).toContain("Consulta de un carnet");
    expect(html).toContain(`Carnet ${printed?.code} de ${escapeHtml(owner)}`);
    expect(html).toContain(`${admin.firstNames} ${admin.lastNames} (CC ${admin.documentNumber})`);
    expect(html).toContain("Estado: Listo para imprimir → Impreso");
    expect(html).toContain("Cargo u objeto: Profesional universitario → Técnico operativo");
    expect(html).not.toContain(card.id);
    expect(html).not.toMatch(/&quot;|\{"|>card\.impresa</);
  });

  it("filters by an action chosen by its Spanish name", async () => {
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["administrador"] }));
    const html = await (await client.get("/admin/auditoria?accion=login.succeeded")).text();
    expect(html).toMatch(/<option value="login.succeeded" selected="">Ingreso<\/option>/);
    expect(html).toContain('<option value="audit.exported">Exportación de la auditoría</option>');
    expect(html).not.toContain("Consulta de la auditoría</td>");
  });

  it("pages through 50 rows at a time with links that work without JavaScript", async () => {
    const admin = await makePerson(ctx, { roles: ["administrador"] });
    await recordAuditMany(
      ctx.database.db,
      ctx.clock.now(),
      { actorId: admin.id, ip: null, requestId: null },
      Array.from({ length: 60 }, (_, i) => ({
        action: "rejection_reason.added",
        details: { label: `m${i}` },
      })),
    );
    const client = await signIn(ctx, admin);
    const first = await (await client.get("/admin/auditoria?accion=rejection_reason.added")).text();
    expect(first.match(/<tr>/g)?.length).toBe(51); // header + 50
    expect(first).toContain("Motivo: m59");
    expect(first).toContain(
      'href="?accion=rejection_reason.added&amp;persona=&amp;desde=&amp;hasta=&amp;pagina=2"',
    );
    expect(first).toContain(">Siguientes<");
    const second = await (await client.get("/admin/auditoria?accion=rejection_reason.added&pagina=2")).text();
    expect(second).toContain("Registros 51 a 60");
    expect(second).toContain("Motivo: m0");
    expect(second).toContain(">Anteriores<");
    expect(second).not.toContain(">Siguientes<");
  });

  it("exports the current filter to xlsx, neutralising formula-like text, and audits the export", async () => {
    const admin = await makePerson(ctx, { roles: ["administrador"] });
    const tricky = await makePerson(ctx);
    await ctx.database.db.update(people).set({ firstNames: "=HYPERLINK(1)" }).where(eq(people.id, tricky.id));
    await new TestClient(ctx.app).post("/ingresar", {
      documentNumber: tricky.documentNumber,
      password: "mala",
    });
    const client = await signIn(ctx, admin);
    const response = await client.get(
      `/admin/auditoria.xlsx?accion=login.failed&persona=${tricky.documentNumber}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(XLSX_TYPE);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(2);
    const values = ((sheet?.getRow(2).values ?? []) as unknown[]).map(String);
    expect(values).toContain("Ingreso fallido");
    expect(values.some((v) => v.startsWith("'=HYPERLINK(1)"))).toBe(true);
    expect(values.some((v) => v.startsWith("=HYPERLINK"))).toBe(false);
    const exported = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "audit.exported"), eq(auditLog.actorId, admin.id)));
    expect(exported[0]?.details).toMatchObject({ action: "login.failed", personId: tricky.id, rows: 1 });
  });

  it("lets only administrators export", async () => {
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const client = await signIn(ctx, operator);
    expect((await client.get("/admin/auditoria.xlsx")).status).toBe(403);
  });
});

function escapeHtml(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}
