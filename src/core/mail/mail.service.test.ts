import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn } from "../../../test/factories.ts";
import { startSmtpServer } from "../../../test/smtp.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { deliverDue, queueEmail, smtpTransport } from "./mail.service.ts";
import { outbox } from "./mail.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const FROM = "SIPAP <intranet@pasto.gov.co>";
const messagesTo = (recipient: string) =>
  ctx.database.db.select().from(outbox).where(eq(outbox.recipient, recipient));

async function registerWithEmail(email: string) {
  const operator = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
  const dependencia = await makeDependencia(ctx);
  const response = await operator.post("/admin/personas", {
    documentType: "CC",
    documentNumber: String(1_000_000 + Math.floor(Math.random() * 8_000_000)),
    firstNames: "Rosa",
    lastNames: "Pantoja",
    email,
    dependenciaId: dependencia.id,
  });
  expect(response.status).toBe(201);
  return (await response.text()).match(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/)?.[0] ?? "";
}

describe("e-mail through a real SMTP server", () => {
  it("sends the initial credential to the person alone, then forgets the message body", async () => {
    const smtp = await startSmtpServer();
    try {
      const credential = await registerWithEmail("rosa.pantoja@pasto.gov.co");
      const [queued] = await messagesTo("rosa.pantoja@pasto.gov.co");
      expect(queued).toMatchObject({ status: "pendiente", kind: "credential" });

      const sent = await deliverDue(ctx.database.db, ctx.clock.now(), smtpTransport(smtp.url), FROM);
      expect(sent).toBeGreaterThanOrEqual(1);
      const mail = smtp.received.find((m) => m.to.includes("rosa.pantoja@pasto.gov.co"));
      expect(mail?.to).toEqual(["rosa.pantoja@pasto.gov.co"]);
      expect(mail?.from).toBe("intranet@pasto.gov.co");
      expect(mail?.raw).toContain(credential);
      expect(mail?.raw).toContain("Subject: Su credencial inicial de SIPAP");
      const [after] = await messagesTo("rosa.pantoja@pasto.gov.co");
      expect(after).toMatchObject({ status: "enviado", body: "", attempts: 1 });
    } finally {
      await smtp.close();
    }
  });

  it("retries with growing waits when the server refuses, and gives up after the last try", async () => {
    const smtp = await startSmtpServer({ reject: () => true });
    try {
      await registerWithEmail("sin.buzon@pasto.gov.co");
      const transport = smtpTransport(smtp.url);
      await deliverDue(ctx.database.db, ctx.clock.now(), transport, FROM);
      let [message] = await messagesTo("sin.buzon@pasto.gov.co");
      expect(message).toMatchObject({ status: "pendiente", attempts: 1 });
      expect(message?.lastError).toContain("Buzón no disponible");
      expect(message?.nextAttemptAt.getTime()).toBe(ctx.clock.now().getTime() + 60_000);

      // Not due yet: nothing is tried.
      await deliverDue(ctx.database.db, ctx.clock.now(), transport, FROM);
      [message] = await messagesTo("sin.buzon@pasto.gov.co");
      expect(message?.attempts).toBe(1);

      for (let i = 0; i < 6; i++) {
        ctx.clock.advance(7 * 3_600_000);
        await deliverDue(ctx.database.db, ctx.clock.now(), transport, FROM);
      }
      [message] = await messagesTo("sin.buzon@pasto.gov.co");
      expect(message).toMatchObject({ status: "fallido", attempts: 6 });
    } finally {
      await smtp.close();
    }
  });

  it("sends each message once even when two senders run at the same time", async () => {
    const smtp = await startSmtpServer();
    try {
      const to = ["uno", "dos", "tres"].map((n) => `${n}.${Date.now()}@pasto.gov.co`);
      for (const recipient of to)
        await queueEmail(ctx.database.db, ctx.clock.now(), {
          to: recipient,
          personId: crypto.randomUUID(),
          subject: "Prueba",
          text: "Hola",
          kind: "test",
        });
      const transport = smtpTransport(smtp.url);
      await Promise.all([
        deliverDue(ctx.database.db, ctx.clock.now(), transport, FROM),
        deliverDue(ctx.database.db, ctx.clock.now(), transport, FROM),
      ]);
      for (const recipient of to)
        expect(smtp.received.filter((m) => m.to.includes(recipient))).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it("shows the outbox to administrators when there is no SMTP server, and audits the reading", async () => {
    await registerWithEmail("bandeja@pasto.gov.co");
    const adminPerson = await makePerson(ctx, { roles: ["administrador"] });
    const admin = await signIn(ctx, adminPerson);
    const page = await (await admin.get("/admin/correos")).text();
    expect(page).toContain("No hay un servidor de correo configurado");
    expect(page).toContain("para bandeja@pasto.gov.co");
    expect(page).toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/);
    const reads = await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, "outbox.viewed"));
    expect(reads.map((r) => r.actorId)).toContain(adminPerson.id);
  });
});
