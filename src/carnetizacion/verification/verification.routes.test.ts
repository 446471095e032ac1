import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makeReadyToPrint, printBatch } from "../../../test/production.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { disableCard } from "../cards/cards.service.ts";
import { cards } from "../cards/cards.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ env: { VERIFY_RATE_LIMIT: "12" } });
});
afterAll(() => ctx.database.close());

let address = 0;
/** Each test checks from its own address, so the rate limit of one does not spill into another. */
const visitor = () => new TestClient(ctx.app, `198.51.100.${++address}`);

async function printedCode() {
  const { person, card } = await makeReadyToPrint(ctx);
  await printBatch(ctx, [card.id]);
  const [row] = await ctx.database.db.select().from(cards).where(eq(cards.id, card.id));
  return { person, code: row?.code ?? "" };
}

describe("the public validity check", () => {
  it("accepts a typed code in lower case, with spaces, and sends it to the canonical address", async () => {
    const { code } = await printedCode();
    const client = visitor();
    const typed = `${code.slice(0, 4)} ${code.slice(4, 8)}-${code.slice(8)}`.toLowerCase();
    const form = await client.get(`/verificar?codigo=${encodeURIComponent(typed)}`);
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe(`/verificar/${code}`);
    const lower = await client.get(`/verificar/${code.toLowerCase()}`);
    expect(lower.status).toBe(301);
    expect(lower.headers.get("location")).toBe(`/verificar/${code}`);
    expect(await (await client.get(`/verificar/${code}`)).text()).toContain("VIGENTE");
  });

  it("shows the least data: first name, initial, dependencia, validity, a small photo, never the document", async () => {
    const { person, code } = await printedCode();
    const client = visitor();
    const page = await (await client.get(`/verificar/${code}`)).text();
    expect(page).toContain(`${person.firstNames.split(" ")[0]} ${person.lastNames.charAt(0)}.`);
    expect(page).not.toContain(person.documentNumber);
    expect(page).not.toContain(person.lastNames);
    const photo = await client.get(`/verificar/${code}/foto`);
    expect(photo.headers.get("content-type")).toBe("image/jpeg");
    expect(photo.headers.get("cache-control")).toBe("no-store");
  });

  it("says when the check was made, in Colombian time, without a doubled period", async () => {
    const { code } = await printedCode();
    const page = await (await visitor().get(`/verificar/${code}`)).text();
    // The test clock stands at 2026-02-02T14:00:00Z, 9:00 a. m. in Bogotá.
    expect(page).toMatch(/Consultado el 2 de febrero de 2026 a las 9:00 a\.\sm\., hora de Colombia\./);
    expect(page).not.toMatch(/m\.\./);
    expect(page).not.toContain("Qué hacer con este carnet");
  });

  it("tells what to do with a disabled card and whom to tell", async () => {
    const { code } = await printedCode();
    const [row] = await ctx.database.db.select().from(cards).where(eq(cards.code, code));
    await disableCard(ctx.database.db, ctx.clock.now(), systemAuditContext, row?.id ?? "", "perdida");
    const page = await (await visitor().get(`/verificar/${code}`)).text();
    expect(page).toContain("INHABILITADO");
    expect(page).toContain("No acepte este carnet como identificación.");
    expect(page).toContain(`mailto:${ctx.deps.config.entity.supportEmail}`);
    expect(page).toContain(ctx.deps.config.entity.supportPhone);
    expect(page).toContain('href="tel:+576027244326"');
  });

  it("tells what to do with an expired card", async () => {
    const { code } = await printedCode();
    await ctx.database.db.update(cards).set({ validUntil: "2026-01-31" }).where(eq(cards.code, code));
    const page = await (await visitor().get(`/verificar/${code}`)).text();
    expect(page).toContain("VENCIDO");
    expect(page).toContain("No acepte este carnet como identificación.");
    expect(page).toContain("pida uno nuevo a su dependencia");
  });

  it("hides the photo when the entity turns it off", async () => {
    const { code } = await printedCode();
    const hidden = await createTestApp({ database: ctx.database, env: { VERIFY_SHOW_PHOTO: "false" } });
    const client = new TestClient(hidden.app, "198.51.100.250");
    expect(await (await client.get(`/verificar/${code}`)).text()).not.toContain("/foto");
    expect((await client.get(`/verificar/${code}/foto`)).status).toBe(404);
  });

  it.each([
    ["an unknown code", "7K3M9Q2XW4HT8PJ5"],
    ["a code that is too long", "7K3M9Q2XW4HT8PJ57K3M9Q2XW4HT8PJ5"],
    ["SQL", "' OR 1=1 --"],
    ["HTML", "<script>alert(1)</script>"],
  ])("answers %s with the same not-found page, never echoing the input", async (_, code) => {
    const response = await visitor().get(`/verificar/${encodeURIComponent(code)}`);
    expect(response.status).toBe(404);
    const page = await response.text();
    expect(page).toContain("NO ENCONTRADO");
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("OR 1=1");
  });

  it("limits how many checks one address can make, against walking through codes", async () => {
    const client = visitor();
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await client.get("/verificar/7K3M9Q2XW4HT8PJ5")).status);
    expect(statuses.slice(0, 12).every((s) => s === 404)).toBe(true);
    const limited = await client.get("/verificar/7K3M9Q2XW4HT8PJ5");
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("Espere un minuto");
    ctx.clock.advance(61_000);
    expect((await client.get("/verificar/7K3M9Q2XW4HT8PJ5")).status).toBe(404);
  });

  it("does not show cards that were never printed", async () => {
    const { card } = await makeReadyToPrint(ctx);
    await ctx.database.db.update(cards).set({ code: "ABCDEFGHJKMNPQRS" }).where(eq(cards.id, card.id));
    expect((await visitor().get("/verificar/ABCDEFGHJKMNPQRS")).status).toBe(404);
  });
});
