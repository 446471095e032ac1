// Scheduling, the calendar and the delivery log through the routes: the gap between mass sends (refused
// naming the other request and the next free slot; single-person notices do not count), unscheduling,
// resuming a paused send, and who reads the log (not another dependencia; a sensitive recipient hidden).
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient, type TestContext } from "../../../test/app.ts";
import { makeScheduledRequest, makeServants, startSink } from "../../../test/comms.ts";
import { makeDependencia, makePerson, signIn, type TestPerson } from "../../../test/factories.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { requestCode } from "../requests/requests.rules.ts";
import { commRequests } from "../requests/requests.table.ts";

let ctx: TestContext;
let sink: Awaited<ReturnType<typeof startSink>>;
let salud: string;
let liaisonPerson: TestPerson;
let ocsPerson: TestPerson;
let liaison: TestClient;
let otherLiaison: TestClient;
let ocs: TestClient;
let otherOcs: TestClient;

beforeAll(async () => {
  sink = await startSink();
  ctx = await createTestApp({ env: { SMTP_URL: sink.url, COMM_SEND_GAP_MINUTES: "30" } });
  salud = (await makeDependencia(ctx, "Secretaría de Salud")).id;
  const educacion = (await makeDependencia(ctx, "Secretaría de Educación")).id;
  liaisonPerson = await makePerson(ctx, { roles: ["enlace"], dependenciaId: salud });
  ocsPerson = await makePerson(ctx, { roles: ["comunicaciones"] });
  liaison = await signIn(ctx, liaisonPerson);
  otherLiaison = await signIn(ctx, await makePerson(ctx, { roles: ["enlace"], dependenciaId: educacion }));
  ocs = await signIn(ctx, ocsPerson);
  otherOcs = await signIn(ctx, await makePerson(ctx, { roles: ["comunicaciones"] }));
});
afterAll(async () => {
  await ctx.database.close();
  await sink.close();
});

const db = () => ctx.database.db;
const approved = (extra: Partial<Parameters<typeof makeScheduledRequest>[1]> = {}) =>
  makeScheduledRequest(db(), {
    dependenciaId: salud,
    requestedBy: liaisonPerson.id,
    approvedBy: ocsPerson.id,
    scheduledAt: ctx.clock.now(),
    state: "aprobado",
    ...extra,
  });
const schedule = (client: TestClient, id: string, time: string, date = "2026-02-10") =>
  client.post(`/comunicaciones/solicitudes/${id}/programar`, { date, time });
const row = async (id: string) => (await db().select().from(commRequests).where(eq(commRequests.id, id)))[0];

describe("scheduling", () => {
  it("keeps mass sends apart, naming the other request and the next free slot", async () => {
    const first = await approved();
    const second = await approved();
    const single = await approved({ audienceKind: "persona", audiencePersonId: liaisonPerson.id });
    expect((await schedule(ocs, first.id, "09:00")).status).toBe(303);
    expect(await row(first.id)).toMatchObject({
      state: "programado",
      scheduledAt: new Date("2026-02-10T14:00:00Z"),
      scheduledBy: ocsPerson.id,
    });

    const refused = await schedule(ocs, second.id, "09:20");
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain(requestCode(first.number, first.createdAt));
    expect(html).toContain("al menos 30 minutos");
    expect(html).toMatch(/siguiente hora libre es 10 de febrero de 2026 a las 9:30 a\. m\./);
    expect((await row(second.id))?.state).toBe("aprobado");

    expect((await schedule(ocs, second.id, "09:30")).status).toBe(303);
    // A notice to one person is not a mass send: it may go at any time.
    expect((await schedule(ocs, single.id, "09:10")).status).toBe(303);

    const calendar = await (await ocs.get("/comunicaciones/calendario")).text();
    expect(calendar).toContain("10/02/2026");
    for (const r of [first, second, single]) expect(calendar).toContain(requestCode(r.number, r.createdAt));

    const actions = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, first.id), eq(auditLog.action, "comm_request.scheduled")));
    expect(actions).toHaveLength(1);
  });

  it("refuses a time already past, and only OCS schedules", async () => {
    const request = await approved();
    const past = await schedule(ocs, request.id, "08:00", "2026-02-01");
    expect(past.status).toBe(422);
    expect(await past.text()).toContain("ya pasaron");
    expect((await schedule(liaison, request.id, "10:00", "2026-03-01")).status).toBe(403);
  });

  it("unschedules back to approved, freeing the slot", async () => {
    const request = await approved();
    expect((await schedule(ocs, request.id, "15:00", "2026-02-11")).status).toBe(303);
    const page = await (await ocs.get(`/comunicaciones/solicitudes/${request.id}`)).text();
    expect(page).toContain("Quitar la programación");
    expect((await ocs.post(`/comunicaciones/solicitudes/${request.id}/desprogramar`, {})).status).toBe(303);
    expect(await row(request.id)).toMatchObject({ state: "aprobado", scheduledAt: null });
    const other = await approved();
    expect((await schedule(ocs, other.id, "15:10", "2026-02-11")).status).toBe(303);
  });
});

describe("the delivery log", () => {
  async function sent(extra: Partial<Parameters<typeof makeScheduledRequest>[1]> = {}) {
    const request = await makeScheduledRequest(db(), {
      dependenciaId: salud,
      requestedBy: liaisonPerson.id,
      approvedBy: ocsPerson.id,
      scheduledAt: ctx.clock.now(),
      ...extra,
    });
    await ctx.jobs.send("sending.dispatch", {});
    await ctx.jobs.runQueued({ names: ["sending.dispatch", "sending.deliver"] });
    expect((await row(request.id))?.state).toBe("enviado");
    return request;
  }

  it("shows the requester and OCS each recipient, filtered by state, and 404 to another dependencia", async () => {
    const dependencia = await makeDependencia(ctx);
    await makeServants(db(), 3, {
      dependenciaId: dependencia.id,
      emails: (i) => (i === 0 ? "externo.log@gmail.com" : `log${i}@pasto.gov.co`),
    });
    const mixed = await makeScheduledRequest(db(), {
      dependenciaId: dependencia.id,
      requestedBy: liaisonPerson.id,
      approvedBy: ocsPerson.id,
      scheduledAt: ctx.clock.now(),
    });
    await ctx.jobs.send("sending.dispatch", {});
    await ctx.jobs.runQueued({ names: ["sending.dispatch", "sending.deliver"] });
    const path = `/comunicaciones/solicitudes/${mixed.id}/envios`;
    for (const reader of [liaison, ocs]) {
      const response = await reader.get(path);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain("log1@pasto.gov.co");
      expect(html).toContain("externo.log@gmail.com");
      expect(html).toContain("Correo que no es institucional");
    }
    const dropped = await (await ocs.get(`${path}?estado=descartado`)).text();
    expect(dropped).toContain("externo.log@gmail.com");
    expect(dropped).not.toContain("log1@pasto.gov.co");
    expect((await otherLiaison.get(path)).status).toBe(404);
    const page = await (await liaison.get(`/comunicaciones/solicitudes/${mixed.id}`)).text();
    expect(page).toContain("Resultado del envío");
  });

  it("hides a sensitive notice's recipient from other OCS members", async () => {
    const recipient = await makeServants(db(), 1, {
      dependenciaId: salud,
      emails: () => "reservado.destino@pasto.gov.co",
    });
    const request = await sent({
      classification: "sensible",
      audienceKind: "persona",
      audiencePersonId: recipient[0]?.id ?? "",
    });
    const path = `/comunicaciones/solicitudes/${request.id}/envios`;
    const other = await otherOcs.get(path);
    expect(other.status).toBe(200);
    const html = await other.text();
    expect(html).toContain("contenido reservado");
    expect(html).not.toContain("reservado.destino@pasto.gov.co");
    expect(await (await liaison.get(path)).text()).toContain("reservado.destino@pasto.gov.co");
  });
});

describe("a paused send", () => {
  it("is resumed by OCS at once, audited", async () => {
    const request = await makeScheduledRequest(db(), {
      dependenciaId: salud,
      requestedBy: liaisonPerson.id,
      approvedBy: ocsPerson.id,
      scheduledAt: ctx.clock.now(),
    });
    const until = new Date(ctx.clock.now().getTime() + 3_600_000);
    await db()
      .update(commRequests)
      .set({ state: "enviando", pausedUntil: until, pauseReason: "Connection refused" })
      .where(eq(commRequests.id, request.id));
    const page = await (await ocs.get(`/comunicaciones/solicitudes/${request.id}`)).text();
    expect(page).toContain("en pausa");
    expect((await liaison.post(`/comunicaciones/solicitudes/${request.id}/reanudar`, {})).status).toBe(403);
    expect((await ocs.post(`/comunicaciones/solicitudes/${request.id}/reanudar`, {})).status).toBe(303);
    expect(await row(request.id)).toMatchObject({ state: "enviando", pausedUntil: null });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, request.id), eq(auditLog.action, "comm_request.resumed")));
    expect(audit).toHaveLength(1);
  });
});
