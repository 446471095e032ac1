import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn } from "../../../test/factories.ts";
import { makeReadyToPrint, printBatch } from "../../../test/production.ts";
import { outbox } from "../../core/mail/mail.table.ts";
import { people } from "../../core/people/people.table.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { openCampaign } from "../campaigns/campaigns.service.ts";
import { cards } from "../cards/cards.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const db = () => ctx.database.db;
const operator = async () => signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));

/** A printed card, taken through delivery up to `until`. */
async function deliveredCard(dependenciaId: string, lanyard: "pendiente" | "entregada") {
  const ready = await makeReadyToPrint(ctx, { dependenciaId });
  await printBatch(ctx, [ready.card.id]);
  const client = await operator();
  await client.post(`/ssi/carnets/${ready.card.id}/listo`, {});
  await client.post(`/ssi/carnets/${ready.card.id}/entregar`, { lanyard });
  return ready;
}

describe("delivery and lanyards", () => {
  it("tells the person individually when the card is ready, and records a pending lanyard", async () => {
    const dependencia = await makeDependencia(ctx);
    const { person, card } = await deliveredCard(dependencia.id, "pendiente");
    const [row] = await db().select().from(people).where(eq(people.id, person.id));
    const mail = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipient, row?.email ?? ""), eq(outbox.kind, "card_ready")));
    expect(mail).toHaveLength(1);
    expect((await db().select().from(cards).where(eq(cards.id, card.id)))[0]).toMatchObject({
      state: "entregada",
      lanyard: "pendiente",
    });
    const client = await operator();
    const list = await (await client.get(`/ssi/cintas-pendientes?dependencia=${dependencia.id}`)).text();
    expect(list).toContain(person.lastNames);
    expect((await client.post(`/ssi/carnets/${card.id}/cinta`, {})).status).toBe(303);
    expect(
      await (await client.get(`/ssi/cintas-pendientes?dependencia=${dependencia.id}`)).text(),
    ).not.toContain(person.lastNames);
  });
});

describe("disabling a card", () => {
  it("asks for the reason when none is chosen, and leaves the card as it was", async () => {
    const { card } = await deliveredCard((await makeDependencia(ctx)).id, "entregada");
    const response = await (await operator()).post(`/ssi/carnets/${card.id}/inhabilitar`, { reason: "" });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Elija el motivo para inhabilitar el carnet.");
    expect((await db().select().from(cards).where(eq(cards.id, card.id)))[0]?.state).toBe("entregada");
  });
});

describe("what a liaison sees", () => {
  it("shows a liaison only the cards to recover of their own dependencia", async () => {
    const mine = await makeDependencia(ctx);
    const theirs = await makeDependencia(ctx);
    const own = await deliveredCard(mine.id, "entregada");
    const other = await deliveredCard(theirs.id, "entregada");
    const client = await operator();
    await client.post(`/ssi/carnets/${own.card.id}/inhabilitar`, {
      reason: "desvinculacion",
      confirmar: "si",
    });
    await client.post(`/ssi/carnets/${other.card.id}/inhabilitar`, {
      reason: "desvinculacion",
      confirmar: "si",
    });

    const liaison = await signIn(ctx, await makePerson(ctx, { roles: ["enlace"], dependenciaId: mine.id }));
    // Asking for another dependencia changes nothing: the list is always the liaison's own.
    const page = await (await liaison.get(`/ssi/carnets-por-recuperar?dependencia=${theirs.id}`)).text();
    expect(page).toContain(own.person.lastNames);
    expect(page).not.toContain(other.person.lastNames);
    expect(page).not.toContain(`/ssi/carnets/${own.card.id}`);

    expect((await client.post(`/ssi/carnets/${own.card.id}/devolver`, {})).status).toBe(303);
    expect(await (await liaison.get("/ssi/carnets-por-recuperar")).text()).not.toContain(
      own.person.lastNames,
    );
    expect((await liaison.get("/ssi/carnets")).status).toBe(403);
  });
});

describe("dashboard and exports", () => {
  it("counts cards by state for each dependencia", async () => {
    const dependencia = await makeDependencia(ctx);
    await makeReadyToPrint(ctx, { dependenciaId: dependencia.id });
    await makeReadyToPrint(ctx, { dependenciaId: dependencia.id });
    const page = await (await (await operator()).get("/ssi")).text();
    const row = new RegExp(`<th scope="row">${dependencia.name}</th>((?:<td[^>]*>\\d+</td>)+)`).exec(
      page,
    )?.[1];
    const counts = [...(row ?? "").matchAll(/>(\d+)</g)].map((m) => Number(m[1]));
    // solicitada, lista_para_imprimir, …, total
    expect(counts[1]).toBe(2);
    expect(counts.at(-1)).toBe(2);
    expect(page).toContain('role="img"');
  });

  it("limits the counts to the cards requested during a campaign", async () => {
    const dependencia = await makeDependencia(ctx);
    await makeReadyToPrint(ctx, { dependenciaId: dependencia.id });
    ctx.clock.advance(60_000);
    const campaign = await openCampaign(db(), ctx.clock.now(), systemAuditContext, {
      name: "Carnetización del tablero",
      deadline: new Date(ctx.clock.now().getTime() + 10 * 86_400_000),
      reminderDays: 3,
    });
    ctx.clock.advance(60_000);
    await makeReadyToPrint(ctx, { dependenciaId: dependencia.id });
    const page = await (await (await operator()).get(`/ssi?campana=${campaign.id}`)).text();
    const row = new RegExp(`<th scope="row">${dependencia.name}</th>((?:<td[^>]*>\\d+</td>)+)`).exec(
      page,
    )?.[1];
    expect([...(row ?? "").matchAll(/>(\d+)</g)].map((m) => Number(m[1])).at(-1)).toBe(1);
  });

  it("exports a list to xlsx with formula-like values neutralised, and audits the export", async () => {
    const dependencia = await makeDependencia(ctx);
    const { person } = await makeReadyToPrint(ctx, { dependenciaId: dependencia.id });
    await db()
      .update(people)
      .set({ firstNames: '=HYPERLINK("http://evil")' })
      .where(eq(people.id, person.id));
    const viewer = await makePerson(ctx, { roles: ["operador_ssi"] });
    const client = await signIn(ctx, viewer);
    const response = await client.get(`/ssi/carnets.xlsx?dependencia=${dependencia.id}`);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getCell("C2").value).toBe(person.documentNumber);
    expect(sheet?.getCell("D2").value).toBe('\'=HYPERLINK("http://evil")');
    expect(sheet?.getCell("D2").formula).toBeUndefined();
    expect(sheet?.getCell("F2").value).toBe("Listo para imprimir");
    const exports = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, viewer.id), eq(auditLog.action, "cards.exported")));
    expect(exports).toHaveLength(1);
  });
});

describe("cards to recover", () => {
  it("leaves out a card disabled as lost: nobody can ask for it back", async () => {
    const dependencia = await makeDependencia(ctx);
    const lost = await deliveredCard(dependencia.id, "entregada");
    const left = await deliveredCard(dependencia.id, "entregada");
    const client = await operator();
    for (const [card, reason] of [
      [lost.card.id, "perdida"],
      [left.card.id, "desvinculacion"],
    ] as const)
      await client.post(`/ssi/carnets/${card}/inhabilitar`, { reason, confirmar: "si" });
    const page = await (await client.get(`/ssi/carnets-por-recuperar?dependencia=${dependencia.id}`)).text();
    expect(page).toContain(left.person.lastNames);
    expect(page).not.toContain(lost.person.lastNames);
  });
});

describe("dashboard and menu", () => {
  it("leads SSI to the open campaign from the menu and the dashboard, with how many dependencias are done", async () => {
    const campaign = await openCampaign(db(), ctx.clock.now(), systemAuditContext, {
      name: "Carnetización de prueba del tablero",
      deadline: new Date(ctx.clock.now().getTime() + 20 * 86_400_000),
      reminderDays: 3,
    });
    const page = await (await (await operator()).get("/ssi")).text();
    expect(page).toMatch(/<a href="\/ssi\/campanas"[^>]*>Campañas<\/a>/);
    expect(page).toContain("Campaña abierta: Carnetización de prueba del tablero.");
    expect(page.replace(/\s+/g, " ")).toMatch(/De \d+ dependencias?, 0 enviaron sus tres listas\./);
    expect(page).toContain(`href="/ssi/campanas/${campaign.id}"`);
  });

  it("does not show the campaigns entry to a servant", async () => {
    const page = await (await signIn(ctx, await makePerson(ctx))).get("/").then((r) => r.text());
    expect(page).not.toContain('href="/ssi/campanas"');
  });
});
