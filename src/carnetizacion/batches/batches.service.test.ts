import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { pageSizesMm, pageText, readQrCodes } from "../../../test/pdf.ts";
import { makeReadyToPrint, printBatch } from "../../../test/production.ts";
import { getBuffer } from "../../core/storage/storage.types.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { AppError } from "../../shared/errors.ts";
import { cards } from "../cards/cards.table.ts";
import { photos } from "../photos/photos.table.ts";
import { verifyPayload } from "../verification/verification.service.ts";
import { createBatch, findBatch, renderBatch } from "./batches.service.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ env: { PUBLIC_BASE_URL: "https://carnet.pasto.gov.co" } });
});
afterAll(() => ctx.database.close());

const db = () => ctx.database.db;
const cardRow = async (id: string) => (await db().select().from(cards).where(eq(cards.id, id)))[0];
const batchPdf = async (batchId: string) => {
  const batch = await findBatch(db(), batchId);
  const pdf = batch?.fileKey && (await getBuffer(ctx.deps.storage, batch.fileKey));
  if (!pdf) throw new Error(`batch ${batch?.state}: ${batch?.error}`);
  return pdf;
};
/** The QR's URL, opened in the app as a phone's browser would. */
const open = (url: string) => new TestClient(ctx.app, "198.51.100.7").get(new URL(url).pathname);

describe("printing a batch and checking the printed card", () => {
  it("prints CR80 pages whose QR, read at 300 dpi, opens VIGENTE, then INHABILITADO once disabled", async () => {
    const { person, card } = await makeReadyToPrint(ctx, { contractEnd: "2026-12-31" });
    const other = await makeReadyToPrint(ctx);
    const batch = await printBatch(ctx, [card.id, other.card.id]);
    const pdf = await batchPdf(batch.id);

    const printed = await cardRow(card.id);
    expect(printed).toMatchObject({ state: "impresa", validUntil: "2026-12-31" });
    expect(printed?.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);

    const sizes = await pageSizesMm(pdf);
    expect(sizes).toHaveLength(1 + 2 * 2); // instructions, then front and back of each card
    for (const size of sizes.slice(1)) {
      expect(Math.abs(size.width - 85.6)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(size.height - 53.98)).toBeLessThanOrEqual(0.1);
    }
    expect(await pageText(pdf, 1)).toMatch(/100 %|tamaño real/i);
    expect(await pageText(pdf, 2)).toContain(person.documentNumber.slice(-3));

    const [url] = await readQrCodes(pdf, 2);
    expect(url).toBe(`HTTPS://CARNET.PASTO.GOV.CO/VERIFICAR/${printed?.code}`);
    const valid = await open(url ?? "");
    const page = await valid.text();
    expect(valid.status).toBe(200);
    expect(page).toContain("VIGENTE");
    expect(page).toContain(`Prueba ${person.lastNames.charAt(0)}.`);
    expect(page).toContain("31/12/2026");
    expect(page).not.toContain(person.documentNumber);
    expect(page).not.toContain(person.lastNames);

    const operator = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    expect(
      (await operator.post(`/ssi/carnets/${card.id}/inhabilitar`, { reason: "perdida", confirmar: "si" }))
        .status,
    ).toBe(303);
    expect(await (await open(url ?? "")).text()).toContain("INHABILITADO");
    const again = await operator.post(`/ssi/carnets/${card.id}/inhabilitar`, {
      reason: "perdida",
      confirmar: "si",
    });
    expect(decodeURIComponent(decodeURIComponent(again.headers.get("set-cookie") ?? ""))).toContain(
      "ya estaba inhabilitado",
    );
  });

  it("shows VENCIDO once the card passes its validity, also after the daily job disables it", async () => {
    const { card } = await makeReadyToPrint(ctx, { contractEnd: "2026-03-31" });
    const batch = await printBatch(ctx, [card.id]);
    const [url] = await readQrCodes(await batchPdf(batch.id), 2);
    expect(await (await open(url ?? "")).text()).toContain("VIGENTE");
    ctx.clock.advance(60 * 86_400_000); // to early April
    expect(await (await open(url ?? "")).text()).toContain("VENCIDO");
    const { expireCards } = await import("../cards/cards.service.ts");
    expect(await expireCards(db(), ctx.clock.now())).toBeGreaterThanOrEqual(1);
    expect(await cardRow(card.id)).toMatchObject({ state: "inhabilitada", disabledReason: "vencimiento" });
    expect(await (await open(url ?? "")).text()).toContain("VENCIDO");
  });

  it("carries on the back a signed payload that checks offline against the published key", async () => {
    const { card } = await makeReadyToPrint(ctx);
    const batch = await printBatch(ctx, [card.id]);
    const [payload] = await readQrCodes(await batchPdf(batch.id), 3);
    const keys = await (await new TestClient(ctx.app).get("/.well-known/sipap-carnet-keys.json")).json();
    const claims = verifyPayload(payload ?? "", keys);
    expect(claims?.c).toBe((await cardRow(card.id))?.code);
    const tampered = (payload ?? "").replace(/\.([^.]+)\./, (_, claimsPart: string) => {
      const forged = { ...JSON.parse(Buffer.from(claimsPart, "base64url").toString()), v: "2099-12-31" };
      return `.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.`;
    });
    expect(verifyPayload(tampered, keys)).toBeUndefined();
  });
});

describe("what a batch refuses", () => {
  it("refuses a batch with a card whose photo is missing, naming the person, and changes nothing", async () => {
    const ok = await makeReadyToPrint(ctx);
    const broken = await makeReadyToPrint(ctx);
    await db()
      .update(photos)
      .set({ portraitKey: "photos/missing/gone.jpg" })
      .where(eq(photos.id, broken.photo.id));
    const attempt = createBatch(
      db(),
      ctx.deps.storage,
      ctx.clock.now(),
      systemAuditContext,
      ctx.deps.config,
      [ok.card.id, broken.card.id],
    );
    await expect(attempt).rejects.toThrow(AppError);
    await expect(attempt).rejects.toMatchObject({
      userMessage: expect.stringContaining(broken.person.lastNames),
    });
    expect((await cardRow(ok.card.id))?.state).toBe("lista_para_imprimir");
  });

  it("refuses cards already taken by another batch", async () => {
    const { card } = await makeReadyToPrint(ctx);
    await printBatch(ctx, [card.id]);
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    const response = await client.post("/ssi/lotes", { which: "marked", cards: [card.id] });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("ya no están listos para imprimir");
  });

  it("sends a misprint back to the queue, counted, and reprints it with the same code", async () => {
    const { card } = await makeReadyToPrint(ctx);
    await printBatch(ctx, [card.id]);
    const code = (await cardRow(card.id))?.code;
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    expect((await client.post(`/ssi/carnets/${card.id}/mal-impreso`, {})).status).toBe(303);
    expect(await cardRow(card.id)).toMatchObject({ state: "lista_para_imprimir", misprints: 1 });
    await printBatch(ctx, [card.id]);
    expect(await cardRow(card.id)).toMatchObject({ state: "impresa", code });
  });

  it("reprints a lost card as a new card and disables the old one as replaced", async () => {
    const { person, card } = await makeReadyToPrint(ctx);
    await printBatch(ctx, [card.id]);
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    expect((await client.post(`/ssi/carnets/${card.id}/reimprimir`, { note: "Se le perdió" })).status).toBe(
      303,
    );
    const all = await db().select().from(cards).where(eq(cards.personId, person.id));
    expect(all.map((c) => [c.state, c.disabledReason]).sort()).toEqual([
      ["inhabilitada", "reemplazo"],
      ["lista_para_imprimir", null],
    ]);
    expect(all.find((c) => c.state === "lista_para_imprimir")?.replacesCardId).toBe(card.id);
  });
});

describe("the operator's print pages", () => {
  it("creates a batch from the marked cards, shows progress, and serves the PDF again, audited", async () => {
    const { card } = await makeReadyToPrint(ctx);
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    expect(await (await client.get("/ssi/lotes")).text()).toContain(`value="${card.id}"`);
    const created = await client.post("/ssi/lotes", { which: "marked", cards: [card.id] });
    expect(created.status).toBe(303);
    const location = created.headers.get("location") ?? "";
    const progress = async () =>
      (
        await ctx.app.request(location, {
          headers: { accept: "application/json", cookie: `sipap_session=${client.cookie("sipap_session")}` },
        })
      ).json();
    // The request only queued the rendering; the job queue renders it.
    expect(await progress()).toMatchObject({ state: "generando", done: 0, total: 1 });
    expect(await ctx.jobs.runQueued({ names: ["batches.render"] })).toEqual({ completed: 1, failed: 0 });
    expect(await progress()).toMatchObject({ state: "lista", done: 1, total: 1 });
    const download = await client.get(`${location}/pdf`);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await download.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    const ready = await client.post(`${location}/listos`, {});
    expect(ready.status).toBe(303);
    expect((await cardRow(card.id))?.state).toBe("lista_para_entrega");
  });

  it("records a failed rendering with a plain message, and renders it again when asked", async () => {
    const { card, photo } = await makeReadyToPrint(ctx);
    const [row] = await db().select().from(photos).where(eq(photos.id, photo.id));
    const batch = await createBatch(
      db(),
      ctx.deps.storage,
      ctx.clock.now(),
      systemAuditContext,
      ctx.deps.config,
      [card.id],
    );
    // The photo's file disappears between choosing the cards and rendering them.
    await db().update(photos).set({ portraitKey: "photos/missing/gone.jpg" }).where(eq(photos.id, photo.id));
    const { database, storage, logger, config } = ctx.deps;
    await expect(
      renderBatch(database.db, storage, logger, () => ctx.clock.now(), config, batch.id),
    ).rejects.toThrow("lost its photo");
    expect(await findBatch(db(), batch.id)).toMatchObject({ state: "fallida", fileKey: null });
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    expect(await (await client.get(`/ssi/lotes/${batch.id}`)).text()).toContain("No se pudo generar el PDF");

    await db()
      .update(photos)
      .set({ portraitKey: row?.portraitKey ?? "" })
      .where(eq(photos.id, photo.id));
    expect((await client.post(`/ssi/lotes/${batch.id}/generar`, {})).status).toBe(303);
    await ctx.jobs.runQueued({ names: ["batches.render"] });
    expect((await findBatch(db(), batch.id))?.state).toBe("lista");
  });

  it("asks to mark a card before creating an empty batch", async () => {
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    const response = await client.post("/ssi/lotes", { which: "marked" });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Marque al menos un carnet");
  });
});
