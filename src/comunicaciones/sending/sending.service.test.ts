// Sending through a real SMTP server: one message per recipient (one RCPT, no Cc/Bcc), from COMM_FROM, the
// fields filled for each; non-institutional addresses dropped and listed; a refused mailbox failed with the
// reason; the server down pauses the send without charging attempts, and it resumes later, once per person.
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makeScheduledRequest, makeServants, startSink } from "../../../test/comms.ts";
import { makeDependencia, makePerson } from "../../../test/factories.ts";
import { outbox } from "../../core/mail/mail.table.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { commAttachments, commRequestEvents, commRequests } from "../requests/requests.table.ts";
import { commDeliveries } from "./sending.table.ts";

const FROM = "comunicaciones@pasto.gov.co";
let ctx: TestContext;
let sink: Awaited<ReturnType<typeof startSink>>;
let requesterId: string;
let ocsId: string;

beforeAll(async () => {
  sink = await startSink({ refuse: (address) => address.startsWith("lleno") });
  ctx = await createTestApp({
    env: { SMTP_URL: sink.url, COMM_FROM: `Comunicaciones <${FROM}>`, COMM_SMTP_CONNECTIONS: "2" },
  });
  requesterId = (
    await makePerson(ctx, { roles: ["enlace"], email: "enlace.salud@pasto.gov.co", password: null })
  ).id;
  ocsId = (await makePerson(ctx, { roles: ["comunicaciones"], password: null })).id;
});
afterAll(async () => {
  await ctx.database.close();
  await sink.close();
});

const db = () => ctx.database.db;
const run = async () => {
  await ctx.jobs.send("sending.dispatch", {});
  await ctx.jobs.runQueued({ names: ["sending.dispatch", "sending.deliver"] });
};
const requestRow = async (id: string) =>
  (await db().select().from(commRequests).where(eq(commRequests.id, id)))[0];
const deliveries = (id: string) =>
  db()
    .select()
    .from(commDeliveries)
    .where(eq(commDeliveries.requestId, id))
    .orderBy(asc(commDeliveries.name));
const scheduled = (dependenciaId: string) =>
  makeScheduledRequest(db(), {
    dependenciaId,
    requestedBy: requesterId,
    approvedBy: ocsId,
    scheduledAt: ctx.clock.now(),
  });

describe("sending a scheduled request", () => {
  it("sends each recipient one message of their own and drops what is not institutional", async () => {
    const dependencia = await makeDependencia(ctx, "Secretaría de Salud");
    const servants = await makeServants(db(), 6, {
      dependenciaId: dependencia.id,
      emails: (i) => (i === 4 ? `persona${i}@gmail.com` : i === 5 ? null : `salud${i}@pasto.gov.co`),
    });
    const request = await scheduled(dependencia.id);
    const before = sink.received.length;
    await run();
    const messages = sink.received.slice(before);
    expect(messages).toHaveLength(4);
    for (const [i, servant] of servants.slice(0, 4).entries()) {
      const mine = messages.filter((m) => m.to.includes(`salud${i}@pasto.gov.co`));
      expect(mine).toHaveLength(1);
      const message = mine[0];
      expect(message?.to).toEqual([`salud${i}@pasto.gov.co`]);
      expect(message?.from).toBe(FROM);
      expect(message?.raw).toMatch(new RegExp(`^From: Comunicaciones <${FROM}>`, "m"));
      expect(message?.raw).toMatch(/^To: salud\d@pasto\.gov\.co$/m);
      expect(message?.raw).not.toMatch(/^(cc|bcc):/im);
      expect(message?.raw).toContain(`Subject: Aviso para ${servant.firstNames}`);
      expect(message?.raw).toContain(
        `Hola ${servant.firstNames} (${servant.firstNames} ${servant.lastNames})`,
      );
      expect(message?.raw).toContain("Secretar");
      expect(message?.raw).toContain("Profesional universitario");
      expect(message?.messageId).toMatch(/^comm\.[0-9a-f-]{36}@pasto\.gov\.co$/);
    }
    const rows = await deliveries(request.id);
    expect(rows.filter((r) => r.state === "descartado").map((r) => [r.email, r.dropReason])).toEqual([
      ["persona4@gmail.com", "dominio_externo"],
      [null, "sin_correo"],
    ]);
    expect(await requestRow(request.id)).toMatchObject({
      state: "enviado",
      sentCount: 4,
      droppedCount: 2,
      failedCount: 0,
      duplicateRiskCount: 0,
      recipientsCount: 6,
    });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, request.id))
      .orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(["comm_request.send_started", "comm_request.sent"]);
    const notices = await db().select().from(outbox).where(eq(outbox.recipient, "enlace.salud@pasto.gov.co"));
    expect(notices.some((n) => n.subject.includes("enviada") && n.body.includes("4 enviados"))).toBe(true);
  });

  it("does not start a request before its time", async () => {
    const dependencia = await makeDependencia(ctx);
    await makeServants(db(), 2, { dependenciaId: dependencia.id });
    const request = await makeScheduledRequest(db(), {
      dependenciaId: dependencia.id,
      requestedBy: requesterId,
      approvedBy: ocsId,
      scheduledAt: new Date(ctx.clock.now().getTime() + 3_600_000),
    });
    await run();
    expect((await requestRow(request.id))?.state).toBe("programado");
    expect(await deliveries(request.id)).toHaveLength(0);
  });

  it("marks a mailbox the server refuses (5xx) as failed, with the reason, and finishes", async () => {
    const dependencia = await makeDependencia(ctx);
    await makeServants(db(), 3, {
      dependenciaId: dependencia.id,
      emails: (i) =>
        i === 0 ? "lleno.buzon@pasto.gov.co" : `ok${i}.${dependencia.id.slice(0, 6)}@pasto.gov.co`,
    });
    const request = await scheduled(dependencia.id);
    await run();
    const failed = (await deliveries(request.id)).filter((r) => r.state === "fallido");
    expect(failed.map((r) => r.email)).toEqual(["lleno.buzon@pasto.gov.co"]);
    expect(failed[0]?.lastError).toContain("550");
    expect(await requestRow(request.id)).toMatchObject({ state: "enviado", sentCount: 2, failedCount: 1 });
  });
});

describe("mailed attachments", () => {
  it("attaches the request's «mensaje» files read from storage, not the removed or support ones", async () => {
    const dependencia = await makeDependencia(ctx);
    await makeServants(db(), 2, { dependenciaId: dependencia.id });
    const request = await scheduled(dependencia.id);
    const file = (name: string, purpose: "mensaje" | "soporte", removed = false) => ({
      requestId: request.id,
      purpose,
      fileName: name,
      contentType: "text/plain",
      size: 7,
      sha256: "x",
      storageKey: `comunicaciones/solicitudes/${request.id}/${name}`,
      createdAt: ctx.clock.now(),
      removedAt: removed ? ctx.clock.now() : null,
    });
    for (const row of [
      file("circular.txt", "mensaje"),
      file("viejo.txt", "mensaje", true),
      file("nota.txt", "soporte"),
    ]) {
      await ctx.deps.storage.put(row.storageKey, Buffer.from("adjunto"));
      await db().insert(commAttachments).values(row);
    }
    const before = sink.received.length;
    await run();
    const messages = sink.received.slice(before);
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message.raw).toContain("filename=circular.txt");
      expect(message.raw).not.toContain("viejo.txt");
      expect(message.raw).not.toContain("nota.txt");
    }
  });
});

describe("the SMTP server down", () => {
  it("pauses without charging attempts, then resumes and sends each recipient once", async () => {
    const dependencia = await makeDependencia(ctx);
    await makeServants(db(), 5, { dependenciaId: dependencia.id });
    const request = await scheduled(dependencia.id);
    const { port } = sink;
    await sink.close();
    await run();
    const paused = await requestRow(request.id);
    expect(paused?.state).toBe("enviando");
    expect(paused?.pausedUntil?.getTime()).toBe(ctx.clock.now().getTime() + 60_000);
    expect(paused?.pauseReason).toBeTruthy();
    const rows = await deliveries(request.id);
    expect(rows.map((r) => [r.state, r.attempts])).toEqual(rows.map(() => ["pendiente", 0]));
    const events = await db()
      .select()
      .from(commRequestEvents)
      .where(and(eq(commRequestEvents.requestId, request.id), eq(commRequestEvents.kind, "envio_pausado")));
    expect(events).toHaveLength(1);

    sink = await startSink({ port });
    // Still paused: the next sweep sends nothing.
    await run();
    expect(sink.received).toHaveLength(0);
    ctx.clock.advance(61_000);
    await run();
    expect(sink.received).toHaveLength(5);
    expect([...sink.perRecipient().values()]).toEqual([1, 1, 1, 1, 1]);
    expect(await requestRow(request.id)).toMatchObject({ state: "enviado", sentCount: 5, pausedUntil: null });
    expect((await deliveries(request.id)).map((r) => r.attempts)).toEqual([1, 1, 1, 1, 1]);
  });
});
