// The outbox sweep as the job queue runs it: it sends over SMTP only where SMTP is configured.
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { startSmtpServer } from "../../../test/smtp.ts";
import { queueEmail } from "./mail.service.ts";
import { outbox } from "./mail.table.ts";

const contexts: TestContext[] = [];
afterAll(async () => {
  for (const ctx of contexts) await ctx.database.close();
});

async function queueOne(ctx: TestContext, to: string) {
  await queueEmail(ctx.database.db, ctx.clock.now(), {
    to,
    personId: crypto.randomUUID(),
    subject: "Su carnet está listo",
    text: "Puede recogerlo en la SSI.",
    kind: "test",
  });
}
const statusOf = async (ctx: TestContext, to: string) =>
  (await ctx.database.db.select().from(outbox).where(eq(outbox.recipient, to)))[0]?.status;

describe("the mail.deliver job", () => {
  it("sends the due outbox through SMTP when it is configured", async () => {
    const smtp = await startSmtpServer();
    try {
      const ctx = await createTestApp({ env: { SMTP_URL: smtp.url } });
      contexts.push(ctx);
      await queueOne(ctx, "lista.carnet@pasto.gov.co");
      // What the every-minute schedule sends.
      await ctx.jobs.send("mail.deliver", {});
      expect(await ctx.jobs.runQueued({ names: ["mail.deliver"] })).toEqual({ completed: 1, failed: 0 });
      expect(smtp.received.map((m) => m.to)).toEqual([["lista.carnet@pasto.gov.co"]]);
      expect(await statusOf(ctx, "lista.carnet@pasto.gov.co")).toBe("enviado");
    } finally {
      await smtp.close();
    }
  });

  it("leaves the outbox to administrators when there is no SMTP server", async () => {
    const ctx = await createTestApp();
    contexts.push(ctx);
    await queueOne(ctx, "sin.smtp@pasto.gov.co");
    await ctx.jobs.send("mail.deliver", {});
    expect(await ctx.jobs.runQueued({ names: ["mail.deliver"] })).toEqual({ completed: 1, failed: 0 });
    expect(await statusOf(ctx, "sin.smtp@pasto.gov.co")).toBe("pendiente");
  });
});
