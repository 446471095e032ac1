// A sender that dies mid-send (in-process: its promises simply never settle, as after kill -9) and a second
// instance that takes over: nobody is lost, and the only possible duplicate is a message whose 250 arrived
// just before its row was committed — sent again with the same Message-ID and counted as «posible duplicado».
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makeScheduledRequest, makeServants, startSink } from "../../../test/comms.ts";
import { makeDependencia, makePerson } from "../../../test/factories.ts";
import { createSmtpSender, type OutgoingMail, type SmtpSender } from "../../core/mail/mail.pool.ts";
import { commRequests } from "../requests/requests.table.ts";
import { deliverRequest, type MailSender } from "./sending.deliver.ts";
import { dispatch } from "./sending.service.ts";
import { commDeliveries } from "./sending.table.ts";

let ctx: TestContext;
let sink: Awaited<ReturnType<typeof startSink>>;
let smtp: SmtpSender;
let ids: { requester: string; ocs: string };

beforeAll(async () => {
  sink = await startSink();
  ctx = await createTestApp();
  smtp = createSmtpSender(sink.url, { maxConnections: 4 });
  ids = {
    requester: (await makePerson(ctx, { roles: ["enlace"], password: null })).id,
    ocs: (await makePerson(ctx, { roles: ["comunicaciones"], password: null })).id,
  };
});
afterAll(async () => {
  smtp.close();
  await ctx.database.close();
  await sink.close();
});

const db = () => ctx.database.db;
const hang = () => new Promise<never>(() => {});
const options = (bootId: string) => ({
  bootId,
  from: "intranet@pasto.gov.co",
  domain: "pasto.gov.co",
  window: 8,
  // The dead instance never renews its lease: only the clock decides.
  heartbeatMs: 3_600_000,
});
const sweep = (bootId: string) =>
  dispatch(db(), ctx.clock.now(), {
    bootId,
    singleProcess: Boolean(ctx.database.pglite),
    domains: ["pasto.gov.co"],
    queueSender: async () => undefined,
  });
const rowsOf = (id: string) => db().select().from(commDeliveries).where(eq(commDeliveries.requestId, id));

async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("timed out waiting");
}

async function startedRequest(n: number) {
  const dependencia = await makeDependencia(ctx);
  const servants = await makeServants(db(), n, { dependenciaId: dependencia.id });
  const request = await makeScheduledRequest(db(), {
    dependenciaId: dependencia.id,
    requestedBy: ids.requester,
    approvedBy: ids.ocs,
    scheduledAt: ctx.clock.now(),
  });
  await sweep("boot-a");
  return { request, emails: servants.map((s) => s.email ?? "") };
}

describe("a sender that dies", () => {
  it("before SMTP: the next instance sends every recipient exactly once, flagging only the hung rows", async () => {
    const { request, emails } = await startedRequest(200);
    let handed = 0;
    const hung: string[] = [];
    const dying: MailSender = {
      send: (mail: OutgoingMail) => {
        if (++handed > 30) {
          hung.push(mail.to);
          return hang();
        }
        return smtp.send(mail);
      },
    };
    const before = sink.received.length;
    void deliverRequest(db(), ctx.clock, dying, ctx.deps.storage, request.id, options("boot-a"));
    await until(async () => {
      const rows = await rowsOf(request.id);
      return (
        sink.received.length - before === 30 &&
        hung.length > 0 &&
        rows.filter((r) => r.state === "enviando").length === hung.length &&
        rows.filter((r) => r.state === "enviado").length === 30
      );
    });
    // Only rows about to be sent are claimed: at most the in-flight window is left behind.
    expect(hung.length).toBeLessThanOrEqual(8);

    ctx.clock.advance(61_000);
    expect((await sweep("boot-b")).recovered).toBe(hung.length);
    await deliverRequest(db(), ctx.clock, smtp, ctx.deps.storage, request.id, options("boot-b"));

    const counts = sink.perRecipient();
    expect(emails.map((e) => counts.get(e))).toEqual(emails.map(() => 1));
    const rows = await rowsOf(request.id);
    expect(
      rows
        .filter((r) => r.recovered)
        .map((r) => r.email)
        .sort(),
    ).toEqual([...hung].sort());
    const [done] = await db().select().from(commRequests).where(eq(commRequests.id, request.id));
    expect(done).toMatchObject({ state: "enviado", sentCount: 200, duplicateRiskCount: hung.length });
  });

  it("after the server's 250: that recipient gets two copies with one Message-ID, counted as a possible duplicate", async () => {
    const { request, emails } = await startedRequest(40);
    let accepted = 0;
    const dying: MailSender = {
      send: async (mail: OutgoingMail) => {
        const info = await smtp.send(mail);
        // The 250 arrived, then the process died before its row was committed.
        if (++accepted === 10) return hang();
        return info;
      },
    };
    const before = sink.received.length;
    void deliverRequest(db(), ctx.clock, dying, ctx.deps.storage, request.id, options("boot-a"));
    await until(async () => {
      const rows = await rowsOf(request.id);
      return sink.received.length - before === 40 && rows.filter((r) => r.state === "enviado").length === 39;
    });

    ctx.clock.advance(61_000);
    expect((await sweep("boot-b")).recovered).toBe(1);
    await deliverRequest(db(), ctx.clock, smtp, ctx.deps.storage, request.id, options("boot-b"));

    const counts = sink.perRecipient();
    const twice = emails.filter((e) => counts.get(e) === 2);
    expect(twice).toHaveLength(1);
    expect(emails.filter((e) => counts.get(e) === 1)).toHaveLength(39);
    const copies = sink.received.filter((m) => m.to.includes(twice[0] ?? ""));
    expect(copies[0]?.messageId).toBeTruthy();
    expect(copies[1]?.messageId).toBe(copies[0]?.messageId);
    const [done] = await db().select().from(commRequests).where(eq(commRequests.id, request.id));
    expect(done).toMatchObject({ state: "enviado", sentCount: 40, duplicateRiskCount: 1 });
  });
});
