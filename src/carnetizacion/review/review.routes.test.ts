import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn } from "../../../test/factories.ts";
import { fixture } from "../../../test/photos.ts";
import { makePersonWithPhotoInReview } from "../../../test/production.ts";
import { outbox } from "../../core/mail/mail.table.ts";
import { people } from "../../core/people/people.table.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { stateTransitions } from "../../shared/transitions.table.ts";
import { openCampaign } from "../campaigns/campaigns.service.ts";
import { cards } from "../cards/cards.table.ts";
import { photos } from "../photos/photos.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const db = () => ctx.database.db;
const photoRow = async (id: string) => (await db().select().from(photos).where(eq(photos.id, id)))[0];
const cardOf = async (personId: string) =>
  (await db().select().from(cards).where(eq(cards.personId, personId)))[0];
const operator = () => makePerson(ctx, { roles: ["operador_ssi"] });

describe("the photo review queue", () => {
  it("lists photos in review oldest first, filtered by dependencia", async () => {
    const dependencia = await makeDependencia(ctx);
    const first = await makePersonWithPhotoInReview(ctx, { dependenciaId: dependencia.id });
    ctx.clock.advance(60_000);
    const second = await makePersonWithPhotoInReview(ctx, { dependenciaId: dependencia.id });
    const elsewhere = await makePersonWithPhotoInReview(ctx);
    const client = await signIn(ctx, await operator());
    const page = await (await client.get(`/ssi/fotos?dependencia=${dependencia.id}`)).text();
    expect(page.indexOf(first.person.lastNames)).toBeGreaterThan(-1);
    expect(page.indexOf(first.person.lastNames)).toBeLessThan(page.indexOf(second.person.lastNames));
    expect(page).not.toContain(elsewhere.person.lastNames);
    expect(page).toContain(`/ssi/fotos/${first.photo.id}?dependencia=${dependencia.id}`);
  });

  it("filters the queue by campaign: photos sent while it was open", async () => {
    const before = await makePersonWithPhotoInReview(ctx);
    ctx.clock.advance(60_000);
    const campaign = await openCampaign(ctx.database.db, ctx.clock.now(), systemAuditContext, {
      name: "Carnetización de prueba",
      deadline: new Date(ctx.clock.now().getTime() + 10 * 86_400_000),
      reminderDays: 3,
    });
    ctx.clock.advance(60_000);
    const during = await makePersonWithPhotoInReview(ctx);
    const page = await (
      await (await signIn(ctx, await operator())).get(`/ssi/fotos?campana=${campaign.id}`)
    ).text();
    expect(page).toContain(during.person.lastNames);
    expect(page).not.toContain(before.person.lastNames);
    expect(page).toContain(`/ssi/fotos/${during.photo.id}?campana=${campaign.id}`);
  });

  it("shows the portrait beside the original, the checks and the explanation, and audits the view", async () => {
    const { photo } = await makePersonWithPhotoInReview(ctx);
    const reviewer = await operator();
    const client = await signIn(ctx, reviewer);
    const page = await (await client.get(`/ssi/fotos/${photo.id}`)).text();
    expect(page).toContain(`/ssi/fotos/${photo.id}/retrato`);
    expect(page).toContain(`/ssi/fotos/${photo.id}/original`);
    expect(page).toContain("El fondo es blanco y parejo.");
    expect(page).toContain("Elija un motivo");
    expect(page).toContain("Fondo no blanco");
    const original = await client.get(`/ssi/fotos/${photo.id}/original`);
    expect(original.headers.get("content-type")).toBe("image/jpeg");
    const views = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "photo.viewed"), eq(auditLog.targetId, photo.id)));
    expect(views.map((v) => v.actorId)).toEqual([reviewer.id]);
  });
});

describe("approving and rejecting", () => {
  it("approves a photo: the card goes to the print queue and the next photo opens at once", async () => {
    const dependencia = await makeDependencia(ctx);
    const { person, photo } = await makePersonWithPhotoInReview(ctx, { dependenciaId: dependencia.id });
    const next = await makePersonWithPhotoInReview(ctx, { dependenciaId: dependencia.id });
    const reviewer = await operator();
    const client = await signIn(ctx, reviewer);
    const response = await client.post(`/ssi/fotos/${photo.id}/aprobar?dependencia=${dependencia.id}`, {});
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(
      `/ssi/fotos/${next.photo.id}?dependencia=${dependencia.id}`,
    );
    expect(await photoRow(photo.id)).toMatchObject({ state: "aprobada", reviewedBy: reviewer.id });
    expect((await cardOf(person.id))?.state).toBe("lista_para_imprimir");
    const moves = await db().select().from(stateTransitions).where(eq(stateTransitions.subjectId, photo.id));
    expect(moves.map((m) => [m.fromState, m.toState, m.actorId])).toContainEqual([
      "en_revision",
      "aprobada",
      reviewer.id,
    ]);
  });

  it("keeps the card waiting when the person's data is incomplete, and queues it once they complete it", async () => {
    const { person, photo } = await makePersonWithPhotoInReview(ctx);
    await db().update(people).set({ bloodType: null }).where(eq(people.id, person.id));
    await (await signIn(ctx, await operator())).post(`/ssi/fotos/${photo.id}/aprobar`, {});
    expect((await cardOf(person.id))?.state).toBe("solicitada");

    const self = await signIn(ctx, person);
    const [row] = await db().select().from(people).where(eq(people.id, person.id));
    const saved = await self.post("/mis-datos", {
      firstNames: person.firstNames,
      lastNames: person.lastNames,
      email: row?.email ?? "",
      phone: "3001234567",
      bloodType: "A+",
      position: row?.position ?? "",
    });
    expect(saved.status).toBe(303);
    expect((await cardOf(person.id))?.state).toBe("lista_para_imprimir");
  });

  it("rejects with a standard reason and a note; the person is told individually and sees the reason", async () => {
    const { person, photo } = await makePersonWithPhotoInReview(ctx);
    const client = await signIn(ctx, await operator());
    const response = await client.post(`/ssi/fotos/${photo.id}/rechazar`, {
      reason: "Foto tipo selfie",
      note: "Pida a otra persona que le tome la foto.",
    });
    expect(response.status).toBe(303);
    const rejected = await photoRow(photo.id);
    expect(rejected?.state).toBe("rechazada");
    expect(rejected?.rejectionReason).toBe("Foto tipo selfie. Pida a otra persona que le tome la foto.");
    const [row] = await db().select().from(people).where(eq(people.id, person.id));
    const mail = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.recipient, row?.email ?? ""));
    expect(mail).toHaveLength(1);
    expect(mail[0]?.kind).toBe("photo_rejected");
    expect(mail[0]?.body).toContain("Motivo: Foto tipo selfie");

    const self = await signIn(ctx, person);
    expect(await (await self.get("/mi-foto")).text()).toContain("Foto tipo selfie");
    expect(await (await self.get("/mi-carnet")).text()).toContain("Foto tipo selfie");
  });

  it("asks for the reason when none is chosen, and changes nothing", async () => {
    const { photo } = await makePersonWithPhotoInReview(ctx);
    const client = await signIn(ctx, await operator());
    const response = await client.post(`/ssi/fotos/${photo.id}/rechazar`, { reason: "", note: "algo" });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Elija el motivo del rechazo.");
    expect((await photoRow(photo.id))?.state).toBe("en_revision");
  });

  it("lets one of two operators deciding at once win; the other is told and nothing is decided twice", async () => {
    const { photo } = await makePersonWithPhotoInReview(ctx);
    const [one, two] = [await signIn(ctx, await operator()), await signIn(ctx, await operator())];
    const [approve, reject] = await Promise.all([
      one.post(`/ssi/fotos/${photo.id}/aprobar`, {}),
      two.post(`/ssi/fotos/${photo.id}/rechazar`, { reason: "Fondo no blanco" }),
    ]);
    expect([approve.status, reject.status]).toEqual([303, 303]);
    const state = (await photoRow(photo.id))?.state;
    expect(["aprobada", "rechazada"]).toContain(state);
    const decisions = await db()
      .select()
      .from(stateTransitions)
      .where(and(eq(stateTransitions.subjectId, photo.id), eq(stateTransitions.fromState, "en_revision")));
    expect(decisions).toHaveLength(1);
    const [loser, loserResponse] = state === "aprobada" ? [two, reject] : [one, approve];
    const next = await loser.get(loserResponse.headers.get("location") ?? "");
    expect(await next.text()).toContain("Otra persona ya revisó esta foto");
  });

  it("refuses a servant who tries to approve, and records the attempt", async () => {
    const { photo } = await makePersonWithPhotoInReview(ctx);
    const servant = await makePerson(ctx);
    const response = await (await signIn(ctx, servant)).post(`/ssi/fotos/${photo.id}/aprobar`, {});
    expect(response.status).toBe(403);
    expect((await photoRow(photo.id))?.state).toBe("en_revision");
    const denied = await db().select().from(auditLog).where(eq(auditLog.actorId, servant.id));
    expect(denied.map((d) => d.action)).toContain("access.denied");
  });
});

describe("a photo taken at the office", () => {
  it("goes to review as the operator's upload even when a check fails, without using the person's uploads", async () => {
    const person = await makePerson(ctx);
    const reviewer = await operator();
    const client = await signIn(ctx, reviewer);
    const response = await client.postFiles(
      `/admin/personas/${person.id}/foto`,
      {},
      {
        photo: { name: "oficina.jpg", data: fixture("portrait-grey-backdrop.jpg"), type: "image/jpeg" },
      },
    );
    expect(response.status).toBe(303);
    const [photo] = await db().select().from(photos).where(eq(photos.personId, person.id));
    expect(photo).toMatchObject({ state: "en_revision", uploadedBy: reviewer.id, checksPassed: false });
    expect(photo?.explanation).toContain("oficina");
  });

  it("refuses a file that is not an image, with the reason on the person's page", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, await operator());
    const response = await client.postFiles(
      `/admin/personas/${person.id}/foto`,
      {},
      {
        photo: { name: "x.jpg", data: Buffer.from("no soy una foto"), type: "image/jpeg" },
      },
    );
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("JPEG, PNG o WebP");
    expect(await db().select().from(photos).where(eq(photos.personId, person.id))).toEqual([]);
  });
});

describe("the standard rejection reasons", () => {
  it("lets an administrator add and retire reasons; retired ones are not offered", async () => {
    const admin = await signIn(ctx, await makePerson(ctx, { roles: ["administrador"] }));
    expect(
      (await admin.post("/admin/motivos-rechazo", { label: "Lleva uniforme de otra entidad" })).status,
    ).toBe(303);
    const list = await (await admin.get("/admin/motivos-rechazo")).text();
    expect(list).toContain("Lleva uniforme de otra entidad");
    const id =
      /Lleva uniforme de otra entidad<\/td>[\s\S]*?action="\/admin\/motivos-rechazo\/([0-9a-f-]{36})"/.exec(
        list,
      )?.[1];
    expect(id).toBeDefined();
    expect((await admin.post(`/admin/motivos-rechazo/${id}`, { active: "false" })).status).toBe(303);
    const { photo } = await makePersonWithPhotoInReview(ctx);
    const page = await (await signIn(ctx, await operator())).get(`/ssi/fotos/${photo.id}`);
    expect(await page.text()).not.toContain("Lleva uniforme de otra entidad");
    expect((await admin.post("/admin/motivos-rechazo", { label: "x" })).status).toBe(422);
  });
});
