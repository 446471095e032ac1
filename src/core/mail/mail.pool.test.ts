// The pooled sender against a real SMTP server: one recipient per message, text and html parts, a custom
// Message-ID, attachments, and errors that keep the SMTP reply code for the caller to classify.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../test/processes.ts";
import { startSmtpServer } from "../../../test/smtp.ts";
import { createSmtpSender, type SmtpFailure } from "./mail.pool.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let refuse = false;
beforeAll(async () => {
  smtp = await startSmtpServer({ reject: () => refuse });
});
afterAll(() => smtp.close());

describe("createSmtpSender", () => {
  it("sends one message to one recipient, multipart text and html, with the given Message-ID", async () => {
    const sender = createSmtpSender(smtp.url, { maxConnections: 2 });
    try {
      const result = await sender.send({
        from: "SIPAP <intranet@pasto.gov.co>",
        to: "ana@pasto.gov.co",
        subject: "Jornada de vacunación",
        text: "Hola Ana",
        html: "<p>Hola <strong>Ana</strong></p>",
        messageId: "comm.123@pasto.gov.co",
        attachments: [{ filename: "aviso.txt", content: Buffer.from("adjunto"), contentType: "text/plain" }],
      });
      expect(result.response).toMatch(/^250/);
      const message = smtp.received.at(-1);
      expect(message?.to).toEqual(["ana@pasto.gov.co"]);
      expect(message?.from).toBe("intranet@pasto.gov.co");
      expect(message?.raw).toContain("Message-ID: <comm.123@pasto.gov.co>");
      expect(message?.raw).toContain("multipart/alternative");
      expect(message?.raw).toContain("text/html");
      expect(message?.raw).toContain("filename=aviso.txt");
      expect(message?.raw).not.toMatch(/^(cc|bcc):/im);
    } finally {
      sender.close();
    }
  });

  it("keeps the server's reply code when a recipient is refused", async () => {
    const sender = createSmtpSender(smtp.url, { maxConnections: 1 });
    refuse = true;
    try {
      const error = (await sender
        .send({ from: "intranet@pasto.gov.co", to: "x@pasto.gov.co", subject: "a", text: "b" })
        .catch((e: unknown) => e)) as SmtpFailure;
      expect(error.responseCode).toBeGreaterThanOrEqual(500);
      expect(error.code).toBe("EENVELOPE");
    } finally {
      refuse = false;
      sender.close();
    }
  });

  it("reports a server that does not answer with a connection code", async () => {
    const sender = createSmtpSender(`smtp://127.0.0.1:${await freePort()}`, { maxConnections: 1 });
    try {
      const error = (await sender
        .send({ from: "intranet@pasto.gov.co", to: "x@pasto.gov.co", subject: "a", text: "b" })
        .catch((e: unknown) => e)) as SmtpFailure;
      expect(["ECONNECTION", "ESOCKET"]).toContain(error.code);
      expect(error.responseCode).toBeUndefined();
    } finally {
      sender.close();
    }
  });
});
