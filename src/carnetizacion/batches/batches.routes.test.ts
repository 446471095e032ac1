import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn } from "../../../test/factories.ts";
import { makeReadyToPrint, printBatch } from "../../../test/production.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { cards } from "../cards/cards.table.ts";
import { createBatch, findBatch, renderBatch } from "./batches.service.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ env: { PUBLIC_BASE_URL: "https://carnet.pasto.gov.co" } });
});
afterAll(() => ctx.database.close());

const cardState = async (c: TestContext, id: string) =>
  (await c.database.db.select().from(cards).where(eq(cards.id, id)))[0]?.state;
const operator = async (c: TestContext) => signIn(c, await makePerson(c, { roles: ["operador_ssi"] }));
const flashOf = (response: Response) =>
  decodeURIComponent(decodeURIComponent(response.headers.get("set-cookie") ?? ""));
/** The page's text without tags, for sentences that span elements. */
const textOf = async (response: Response) =>
  (await response.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("PUBLIC_BASE_URL and the QR codes' address", () => {
  it("refuses a batch on a real database while PUBLIC_BASE_URL is unset, saying how to fix it", async () => {
    const production = await createTestApp({ env: { DATABASE_URL: "postgres://x/y" } });
    try {
      const { card } = await makeReadyToPrint(production);
      const client = await operator(production);
      const response = await client.post("/ssi/lotes", { which: "marked", cards: [card.id] });
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html).toContain("PUBLIC_BASE_URL");
      expect(html).toContain("No se pueden crear lotes");
      expect(await cardState(production, card.id)).toBe("lista_para_imprimir");
      const list = await (await client.get("/ssi/lotes")).text();
      expect(list).toContain("configure PUBLIC_BASE_URL");
      expect(list).not.toContain('name="which"');
    } finally {
      await production.database.close();
    }
  });

  it("shows on the print page and on each batch the address the QR codes carry", async () => {
    const { card } = await makeReadyToPrint(ctx);
    const client = await operator(ctx);
    const list = await client.get("/ssi/lotes");
    expect(await list.text()).toContain("<code>HTTPS://CARNET.PASTO.GOV.CO/VERIFICAR/</code>");
    const batch = await printBatch(ctx, [card.id]);
    const page = await (await client.get(`/ssi/lotes/${batch.id}`)).text();
    expect(page).toContain("Los códigos QR de este lote llevan a");
    expect(page).toContain("<code>HTTPS://CARNET.PASTO.GOV.CO/VERIFICAR/</code>");
  });
});

describe("a batch's heading and its cards' states tell the truth", () => {
  it("follows the PDF first, then where each card went", async () => {
    const one = await makeReadyToPrint(ctx);
    const two = await makeReadyToPrint(ctx);
    const { database, storage, logger, config } = ctx.deps;
    const batch = await createBatch(database.db, storage, ctx.clock.now(), systemAuditContext, config, [
      one.card.id,
      two.card.id,
    ]);
    const client = await operator(ctx);
    const generating = await textOf(await client.get(`/ssi/lotes/${batch.id}`));
    expect(generating).toContain("Generando el PDF");
    expect(generating).toContain("0 de 2 carnets");
    expect(generating).toContain("En lote — generando el PDF");
    expect(generating).not.toContain(" Impreso ");
    const early = await client.post(`/ssi/lotes/${batch.id}/listos`, {});
    expect(flashOf(early)).toContain("todavía no está listo");
    expect(await cardState(ctx, one.card.id)).toBe("impresa");

    await renderBatch(database.db, storage, logger, () => ctx.clock.now(), config, batch.id);
    const rendered = await textOf(await client.get(`/ssi/lotes/${batch.id}`));
    expect(rendered).toContain("PDF listo: imprima y revise los carnets");
    expect(rendered).toContain("2 carnets: 2 impresos");

    await client.post(`/ssi/carnets/${two.card.id}/mal-impreso`, {});
    expect(await textOf(await client.get(`/ssi/lotes/${batch.id}`))).toContain(
      "2 carnets: 1 impreso y 1 devuelto a la fila",
    );
    ctx.clock.advance(60_000);
    await printBatch(ctx, [two.card.id]);
    const ready = await client.post(`/ssi/lotes/${batch.id}/listos`, {});
    expect(flashOf(ready)).toContain("1 carnet quedó listo para entregar; la persona recibirá un correo.");
    // The reprinted card belongs to its new batch now: marking the old batch ready left it alone.
    expect(await cardState(ctx, two.card.id)).toBe("impresa");
    const after = await textOf(await client.get(`/ssi/lotes/${batch.id}`));
    expect(after).toContain("Carnets listos para entregar");
    expect(after).toContain("2 carnets: 1 listo para entregar y 1 devuelto a la fila");
    expect(after).toContain("Devuelto a la fila (está en un lote más reciente)");
    expect(await textOf(await client.get("/ssi/lotes"))).toContain(
      "2 carnets: 1 listo para entregar y 1 devuelto a la fila Carnets listos para entregar",
    );
  });
});

describe("the print page's Spanish", () => {
  it("counts one card in the singular and names the button properly", async () => {
    const dependencia = await makeDependencia(ctx);
    const { card } = await makeReadyToPrint(ctx, { dependenciaId: dependencia.id });
    const client = await operator(ctx);
    const page = await textOf(await client.get(`/ssi/lotes?dependencia=${dependencia.id}`));
    expect(page).toContain("1 carnet espera impresión");
    expect(page).toContain("Crear lote con el carnet de la lista");
    expect(page).not.toContain("con el de la lista");
    const created = await client.post("/ssi/lotes", { which: "all", all: [card.id] });
    expect(created.status).toBe(303);
    expect(flashOf(created)).toContain("Lote creado con 1 carnet. Generando el PDF");
    // The PDF is the job queue's work, not the request's.
    const batchId = (created.headers.get("location") ?? "").split("/").at(-1) ?? "";
    expect((await findBatch(ctx.database.db, batchId))?.state).toBe("generando");
    await ctx.jobs.runQueued({ names: ["batches.render"] });
    expect((await findBatch(ctx.database.db, batchId))?.state).toBe("lista");
  });
});
