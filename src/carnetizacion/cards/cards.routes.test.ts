import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { makePersonWithPhotoInReview, makeReadyToPrint, printBatch } from "../../../test/production.ts";
import { people } from "../../core/people/people.table.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { stateTransitions } from "../../shared/transitions.table.ts";
import { createBatch } from "../batches/batches.service.ts";
import { approvePhoto } from "../review/review.service.ts";
import { findLatestCard, refreshCardReadiness } from "./cards.service.ts";
import { cards } from "./cards.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ env: { PUBLIC_BASE_URL: "https://carnet.pasto.gov.co" } });
});
afterAll(() => ctx.database.close());

const db = () => ctx.database.db;
const cardRow = async (id: string) => (await db().select().from(cards).where(eq(cards.id, id)))[0];
const operator = async () => signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
const flashOf = (response: Response) =>
  decodeURIComponent(decodeURIComponent(response.headers.get("set-cookie") ?? ""));

/** A servant whose photo SSI approved, but whose vinculación nobody recorded (the demo servant's case). */
async function approvedWithoutVinculacion() {
  const { person, photo } = await makePersonWithPhotoInReview(ctx);
  await db()
    .update(people)
    .set({ vinculacion: null, contractNumber: null, contractStart: null, contractEnd: null })
    .where(eq(people.id, person.id));
  await approvePhoto(db(), ctx.clock.now(), systemAuditContext, photo.id);
  const card = await findLatestCard(db(), person.id);
  if (!card) throw new Error("no card request");
  return { person, photo, card };
}

describe("«Mi carnet» and the SSI card page tell what is missing", () => {
  it("shows the approved photo and the missing vinculación, not «Su foto está en revisión»", async () => {
    const { person, card } = await approvedWithoutVinculacion();
    expect(card.state).toBe("solicitada");
    const page = await (await signIn(ctx, person)).get("/mi-carnet");
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toContain("Su foto está en revisión");
    expect(html).toMatch(/<dt>Su foto<\/dt>\s*<dd>Aprobada<\/dd>/);
    expect(html).toContain(
      "Falta su vinculación (planta o contratista con contrato)</strong>: la registra SSI.",
    );
    expect(html).not.toContain("/editar");
  });

  it("says the photo is in review while it is", async () => {
    const { person } = await makePersonWithPhotoInReview(ctx);
    const html = await (await (await signIn(ctx, person)).get("/mi-carnet")).text();
    expect(html).toContain("Su foto está en revisión por SSI");
    expect(html).toMatch(/<dt>Su foto<\/dt>\s*<dd>En revisión<\/dd>/);
  });

  it("gives SSI the missing step, who completes it and a link to the person's edit page", async () => {
    const { person, card } = await approvedWithoutVinculacion();
    const html = await (await (await operator()).get(`/ssi/carnets/${card.id}`)).text();
    expect(html).toContain(
      "Falta la vinculación (planta o contratista con contrato)</strong>: la registra SSI.",
    );
    expect(html).toContain(`href="/admin/personas/${person.id}/editar"`);
  });

  it("sends the person a photo step with a link to «Mi foto» when there is no photo", async () => {
    const person = await makePerson(ctx);
    const html = await (await (await signIn(ctx, person)).get("/mi-carnet")).text();
    expect(html).toContain("Falta su foto aprobada</strong>: suba su foto en Mi foto.");
    expect(html).toContain('href="/mi-foto"');
  });
});

describe("a request moves to the print queue when its last missing piece arrives", () => {
  it("moves on when staff complete the data, recording why, and not before", async () => {
    const { person, card } = await approvedWithoutVinculacion();
    expect((await refreshCardReadiness(db(), ctx.clock.now(), systemAuditContext, person.id))?.state).toBe(
      "solicitada",
    );
    await db().update(people).set({ vinculacion: "planta" }).where(eq(people.id, person.id));
    const moved = await refreshCardReadiness(db(), ctx.clock.now(), systemAuditContext, person.id);
    expect(moved?.state).toBe("lista_para_imprimir");
    const rows = await db().select().from(stateTransitions).where(eq(stateTransitions.subjectId, card.id));
    expect(rows.at(-1)).toMatchObject({
      fromState: "solicitada",
      toState: "lista_para_imprimir",
      reason: "Foto aprobada y datos completos",
    });
  });

  it("does not queue a contractor whose contract already ended, and says so", async () => {
    const { person, photo } = await makePersonWithPhotoInReview(ctx, { contractEnd: "2026-01-31" });
    await approvePhoto(db(), ctx.clock.now(), systemAuditContext, photo.id);
    expect((await findLatestCard(db(), person.id))?.state).toBe("solicitada");
    const html = await (await (await signIn(ctx, person)).get("/mi-carnet")).text();
    expect(html).toContain("Su contrato terminó el 31/01/2026");
  });

  it("catches up a request whose data was completed by a path that did not say so, when its page is opened", async () => {
    const { person, card } = await approvedWithoutVinculacion();
    await db().update(people).set({ vinculacion: "planta" }).where(eq(people.id, person.id));
    const html = await (await (await signIn(ctx, person)).get("/mi-carnet")).text();
    expect(html).toContain("Listo para imprimir");
    expect((await cardRow(card.id))?.state).toBe("lista_para_imprimir");
  });
});

describe("registering the delivery", () => {
  async function readyForPickup() {
    const { card } = await makeReadyToPrint(ctx);
    await printBatch(ctx, [card.id]);
    const client = await operator();
    expect((await client.post(`/ssi/carnets/${card.id}/listo`, {})).status).toBe(303);
    return { card, client };
  }

  it("offers the lanyard choice with no answer chosen", async () => {
    const { card, client } = await readyForPickup();
    const html = await (await client.get(`/ssi/carnets/${card.id}`)).text();
    expect(html).toContain('name="lanyard" value="entregada"');
    expect(html).not.toMatch(/name="lanyard"[^>]*checked/);
  });

  it("refuses a delivery without the lanyard choice, in Spanish, and changes nothing", async () => {
    const { card, client } = await readyForPickup();
    const response = await client.post(`/ssi/carnets/${card.id}/entregar`, {});
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Indique si se entregó la cinta.");
    expect(await cardRow(card.id)).toMatchObject({ state: "lista_para_entrega", lanyard: null });
  });
});

describe("disabling a card asks for confirmation first", () => {
  it("shows a confirmation page naming the person, the card and the reason", async () => {
    const { person, card } = await makeReadyToPrint(ctx);
    await printBatch(ctx, [card.id]);
    const client = await operator();
    const cardPage = await (await client.get(`/ssi/carnets/${card.id}`)).text();
    // The card page's form posts: the detail never travels in the address.
    expect(cardPage).toContain(`<form method="post" action="/ssi/carnets/${card.id}/inhabilitar"`);
    const response = await client.post(`/ssi/carnets/${card.id}/inhabilitar`, {
      reason: "perdida",
      note: "En el bus",
    });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain(`¿Inhabilitar el carnet de ${person.firstNames} ${person.lastNames}?`);
    expect(html).toContain((await cardRow(card.id))?.code ?? "no code");
    expect(html).toContain("<dd>Impreso</dd>");
    expect(html).toContain("<dd>Pérdida o robo</dd>");
    expect(html).toContain("En el bus");
    expect(html).toContain('name="confirmar" value="si"');
    expect(html).toContain("Sí, inhabilitar");
    expect(html).toContain(`href="/ssi/carnets/${card.id}">Cancelar`);
    expect((await cardRow(card.id))?.state).toBe("impresa");
  });

  it("sends a one-step post without the confirmation to the confirmation page, and changes nothing", async () => {
    const { card } = await makeReadyToPrint(ctx);
    await printBatch(ctx, [card.id]);
    const client = await operator();
    const response = await client.post(`/ssi/carnets/${card.id}/inhabilitar`, { reason: "perdida" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('name="confirmar" value="si"');
    expect((await cardRow(card.id))?.state).toBe("impresa");

    const confirmed = await client.post(`/ssi/carnets/${card.id}/inhabilitar`, {
      reason: "perdida",
      confirmar: "si",
    });
    expect(confirmed.status).toBe(303);
    expect(await cardRow(card.id)).toMatchObject({ state: "inhabilitada", disabledReason: "perdida" });
  });

  it("asks for the reason before confirming", async () => {
    const { card } = await makeReadyToPrint(ctx);
    await printBatch(ctx, [card.id]);
    const response = await (await operator()).get(`/ssi/carnets/${card.id}/inhabilitar?reason=`);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Elija el motivo para inhabilitar el carnet.");
  });
});

describe("a card in a batch whose PDF is not ready", () => {
  it("reads «En lote — generando el PDF», not «Impreso», and cannot be marked ready", async () => {
    const { person, card } = await makeReadyToPrint(ctx);
    const { database, storage, config } = ctx.deps;
    await createBatch(database.db, storage, ctx.clock.now(), systemAuditContext, config, [card.id]);
    const client = await operator();
    const html = await (await client.get(`/ssi/carnets/${card.id}`)).text();
    expect(html).toContain("En lote — generando el PDF");
    expect(html).not.toContain(">Impreso<");
    expect(html).not.toContain("Marcar como listo para entregar");
    const refused = await client.post(`/ssi/carnets/${card.id}/listo`, {});
    expect(flashOf(refused)).toContain("todavía no está listo");
    expect((await cardRow(card.id))?.state).toBe("impresa");
    const own = await (await (await signIn(ctx, person)).get("/mi-carnet")).text();
    expect(own).toContain("En impresión");
    expect(own).not.toContain("Su carnet ya se imprimió");
  });
});

describe("after a card is disabled", () => {
  it("tells the person why, and lets SSI open a new card that goes straight to the print queue", async () => {
    const { person, card } = await makeReadyToPrint(ctx);
    await printBatch(ctx, [card.id]);
    const client = await operator();
    await client.post(`/ssi/carnets/${card.id}/inhabilitar`, { reason: "perdida", confirmar: "si" });
    expect((await cardRow(card.id))?.state).toBe("inhabilitada");

    const own = await (await signIn(ctx, person)).get("/mi-carnet");
    expect(await own.text()).toContain("motivo: pérdida o robo");

    const page = await (await client.get(`/ssi/carnets/${card.id}`)).text();
    expect(page).toContain(`action="/ssi/carnets/${card.id}/nuevo"`);
    ctx.clock.advance(60_000);
    const response = await client.post(`/ssi/carnets/${card.id}/nuevo`, {});
    expect(response.status).toBe(303);
    const fresh = await findLatestCard(db(), person.id);
    expect(fresh?.id).not.toBe(card.id);
    expect(fresh?.state).toBe("lista_para_imprimir");
    expect(response.headers.get("location")).toBe(`/ssi/carnets/${fresh?.id}`);

    // Asking twice opens nothing more.
    const again = await client.post(`/ssi/carnets/${card.id}/nuevo`, {});
    expect(flashOf(again)).toContain("ya tiene un carnet o una solicitud en curso");
    expect((await findLatestCard(db(), person.id))?.id).toBe(fresh?.id);
  });
});
