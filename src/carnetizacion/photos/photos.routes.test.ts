import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { fixture, pdfFile } from "../../../test/photos.ts";
import { people } from "../../core/people/people.table.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { openCampaign } from "../campaigns/campaigns.service.ts";
import { cards } from "../cards/cards.table.ts";
import { photos } from "./photos.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const upload = (client: TestClient, data: Buffer, name = "foto.jpg") =>
  client.postFiles("/mi-foto", {}, { photo: { name, data, type: "image/jpeg" } });
const photosOf = (personId: string) =>
  ctx.database.db.select().from(photos).where(eq(photos.personId, personId));
const cardsOf = (personId: string) =>
  ctx.database.db.select().from(cards).where(eq(cards.personId, personId));

describe("my photo", () => {
  it("sends a photo that passes every check to review and opens the card request", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, person);
    const response = await upload(client, fixture("portrait-white-bg.jpg"));
    expect(response.status).toBe(303);
    const [photo] = await photosOf(person.id);
    expect(photo).toMatchObject({ state: "en_revision", checksPassed: true, uploadedBy: person.id });
    expect((await cardsOf(person.id)).map((c) => c.state)).toEqual(["solicitada"]);

    const page = await (await client.get("/mi-foto")).text();
    expect(page).toContain("Estado: En revisión");
    expect(page).toContain("El fondo es blanco y parejo.");
    const portrait = await client.get("/mi-foto/retrato");
    expect(portrait.headers.get("content-type")).toBe("image/jpeg");
    const meta = await sharp(Buffer.from(await portrait.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([600, 800]);

    const card = await (await client.get("/mi-carnet")).text();
    expect(card).toContain("Solicitado");
    expect(card).toContain("Foto: En revisión");
  });

  it("keeps a photo that fails a check as a draft the person can send with an explanation", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, person);
    await upload(client, fixture("portrait-grey-backdrop.jpg"));
    const [draft] = await photosOf(person.id);
    expect(draft).toMatchObject({ state: "borrador", checksPassed: false });
    expect(await cardsOf(person.id)).toEqual([]);
    const page = await (await client.get("/mi-foto")).text();
    expect(page).toContain("Párese frente a una pared blanca");

    const short = await client.post("/mi-foto/enviar", { explanation: "no" });
    expect(short.status).toBe(422);
    const sent = await client.post("/mi-foto/enviar", {
      explanation: "No tengo pared blanca en casa ni puedo ir a la oficina.",
    });
    expect(sent.status).toBe(303);
    const [photo] = await photosOf(person.id);
    expect(photo).toMatchObject({
      state: "en_revision",
      explanation: expect.stringContaining("pared blanca"),
    });
    expect((await cardsOf(person.id)).map((c) => c.state)).toEqual(["solicitada"]);
  });

  it("replaces a pending photo with a new one, leaving one pending", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, person);
    await upload(client, fixture("portrait-grey-backdrop.jpg"));
    await upload(client, fixture("portrait-white-bg.jpg"));
    const states = (await photosOf(person.id)).map((p) => p.state).sort();
    expect(states).toEqual(["en_revision", "reemplazada"]);
  });

  it("refuses a PDF renamed .jpg with the accepted formats, and stores nothing", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, person);
    const response = await upload(client, pdfFile(), "foto.jpg");
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("JPEG, PNG o WebP");
    expect(await photosOf(person.id)).toEqual([]);
  });

  it("refuses a body over 10 MB from its declared length, and stores nothing", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, person);
    const response = await upload(client, Buffer.alloc(12 * 1024 * 1024, 1));
    expect(response.status).toBe(413);
    const page = await response.text();
    // Answered inside «Mi foto»: the menu, the error summary and the message beside the field.
    expect(page).toContain('aria-label="Menú principal"');
    expect(page).toContain("<h1>Mi foto</h1>");
    expect(page).toMatch(/class="field-error"[^>]*>[\s\S]*más de 10 MB/);
    expect(page).toContain('action="/mi-foto"');
    expect(await photosOf(person.id)).toEqual([]);
  });

  it("keeps one consistent pending photo when two uploads arrive at once", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, person);
    const results = await Promise.all([
      upload(client, fixture("portrait-white-bg.jpg")),
      upload(client, fixture("portrait-exif-rotated.jpg")),
    ]);
    for (const r of results) expect([303, 409]).toContain(r.status);
    const pending = (await photosOf(person.id)).filter((p) => p.state === "en_revision");
    expect(pending).toHaveLength(1);
    expect((await cardsOf(person.id)).filter((c) => c.state === "solicitada")).toHaveLength(1);
  });

  it("stops a person who left from uploading", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, person);
    await ctx.database.db.update(people).set({ status: "desvinculado" }).where(eq(people.id, person.id));
    const response = await upload(client, fixture("portrait-white-bg.jpg"));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/^\/ingresar/);
    expect(await photosOf(person.id)).toEqual([]);
  });

  it("limits a person to 5 uploads, then sends them to the office", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, person);
    const small = await sharp(fixture("portrait-grey-backdrop.jpg")).jpeg({ quality: 60 }).toBuffer();
    for (let i = 0; i < 5; i++) expect((await upload(client, small)).status).toBe(303);
    const sixth = await upload(client, small);
    expect(sixth.status).toBe(409);
    expect(await sixth.text()).toContain("Acérquese a la Subsecretaría");
    expect(await photosOf(person.id)).toHaveLength(5);

    // A new campaign gives the uploads back.
    ctx.clock.advance(60_000);
    await openCampaign(ctx.database.db, ctx.clock.now(), systemAuditContext, {
      name: "Carnetización 2027",
      deadline: new Date(ctx.clock.now().getTime() + 30 * 86_400_000),
      reminderDays: 3,
    });
    ctx.clock.advance(60_000);
    expect((await upload(client, small)).status).toBe(303);
  });
});

describe("another person's photo", () => {
  it("is refused to a servant by URL (403, audited) and shown to SSI (audited as a view)", async () => {
    const owner = await makePerson(ctx);
    await upload(await signIn(ctx, owner), fixture("portrait-white-bg.jpg"));
    const curious = await signIn(ctx, await makePerson(ctx));
    const refused = await curious.get(`/admin/personas/${owner.id}/foto`);
    expect(refused.status).toBe(403);
    const denied = await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, "access.denied"));
    expect(denied.some((row) => (row.details as { path?: string }).path?.includes(owner.id))).toBe(true);

    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const shown = await (await signIn(ctx, operator)).get(`/admin/personas/${owner.id}/foto`);
    expect(shown.headers.get("content-type")).toBe("image/jpeg");
    const views = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "person.viewed"), eq(auditLog.targetId, owner.id)));
    expect(views.map((v) => v.actorId)).toContain(operator.id);
  });
});

describe("checking before upload (preview)", () => {
  it("answers the same checks as JSON and stores nothing", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, person);
    const response = await client.postFiles(
      "/mi-foto/revisar",
      {},
      { photo: { name: "f.jpg", data: fixture("portrait-grayscale.jpg"), type: "image/jpeg" } },
    );
    expect(response.status).toBe(200);
    const result = (await response.json()) as { passed: boolean; checks: { id: string; ok: boolean }[] };
    expect(result.passed).toBe(false);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(["a_color"]);
    expect(await photosOf(person.id)).toEqual([]);
  });

  it("serves the preview script, built from src/islands", async () => {
    const response = await ctx.app.request("/static/islands/photo-preview.js");
    expect(response.headers.get("content-type")).toContain("javascript");
    expect(await response.text()).toContain("/mi-foto/revisar");
  });
});
