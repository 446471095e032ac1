import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { people } from "../people/people.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const valid = {
  firstNames: "Ana María",
  lastNames: "Rosero Benavides",
  position: "Profesional universitario",
  email: "ana.rosero@pasto.gov.co",
  phone: "+57 300 123 4567",
  bloodType: "O+",
};

describe("my data", () => {
  it("saves the person's corrections and audits which fields changed", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, person);
    const page = await (await client.get("/mis-datos")).text();
    expect(page).toContain(person.documentNumber);
    expect(page).not.toContain('name="documentNumber"');
    const response = await client.post("/mis-datos", valid);
    expect(response.status).toBe(303);
    const [row] = await ctx.database.db.select().from(people).where(eq(people.id, person.id));
    expect(row).toMatchObject({
      firstNames: "Ana María",
      phone: "3001234567",
      bloodType: "O+",
      email: valid.email,
    });
    const [audit] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "person.data_updated"), eq(auditLog.targetId, person.id)));
    expect(audit?.details).toMatchObject({ phone: { before: null, after: "3001234567" } });
    expect(audit?.actorId).toBe(person.id);
  });

  it("explains each wrong field in Spanish, keeps what was typed and changes nothing", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, person);
    const response = await client.post("/mis-datos", {
      ...valid,
      firstNames: "Cambiado",
      email: "ana@gmail.com",
      phone: "12345",
      bloodType: "Z+",
      documentNumber: "999",
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain("termina en @pasto.gov.co");
    expect(html).toContain("celular de 10 dígitos");
    expect(html).toContain("Elija su grupo sanguíneo y RH.");
    expect(html).toContain('value="Cambiado"');
    const [row] = await ctx.database.db.select().from(people).where(eq(people.id, person.id));
    expect(row?.firstNames).toBe(person.firstNames);
    expect(row?.documentNumber).toBe(person.documentNumber);
  });
});
