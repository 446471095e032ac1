// E-mail: written to the outbox with the change it reports, delivered in the background over SMTP
// (nodemailer) with retries, so a slow or absent mail server never blocks a request.
import nodemailer from "nodemailer";
import type { Db } from "../../db/client.ts";
import * as repo from "./mail.repository.ts";
import { retryAt } from "./mail.rules.ts";

export interface Email {
  to: string;
  /** Every message concerns one person: the recipient. */
  personId: string;
  subject: string;
  text: string;
  kind: string;
}

const messageOf = (at: Date, email: Email) => ({
  recipient: email.to,
  personId: email.personId,
  subject: email.subject,
  body: email.text,
  kind: email.kind,
  nextAttemptAt: at,
  createdAt: at,
});

export async function queueEmail(db: Db, at: Date, email: Email) {
  await repo.insertMessage(db, messageOf(at, email));
}

/** Many individual messages in one statement (each still goes to one person). */
export async function queueEmails(db: Db, at: Date, emails: Email[]) {
  await repo.insertMessages(
    db,
    emails.map((email) => messageOf(at, email)),
  );
}

export interface MailTransport {
  send(message: { from: string; to: string; subject: string; text: string }): Promise<void>;
}

/** SMTP through a pooled nodemailer transport, e.g. smtp://user:password@mail.pasto.gov.co:587. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url, { pool: true, maxConnections: 2 } as never);
  return {
    async send(message) {
      await transporter.sendMail(message);
    },
  };
}

/**
 * Sends what is due, one message per recipient. A sent message keeps its metadata but loses its body:
 * it may carry a credential, which has no business staying in the database once delivered.
 */
export async function deliverDue(db: Db, now: Date, transport: MailTransport, from: string, limit = 20) {
  let sent = 0;
  const lease = new Date(now.getTime() + 5 * 60_000);
  for (const message of await repo.claimDue(db, now, lease, limit)) {
    try {
      await transport.send({ from, to: message.recipient, subject: message.subject, text: message.body });
      await repo.updateMessage(db, message.id, {
        status: "enviado",
        sentAt: now,
        attempts: message.attempts + 1,
        body: "",
        lastError: null,
      });
      sent++;
    } catch (error) {
      const attempts = message.attempts + 1;
      const next = retryAt(attempts, now);
      await repo.updateMessage(db, message.id, {
        attempts,
        status: next ? "pendiente" : "fallido",
        nextAttemptAt: next ?? now,
        lastError: (error as Error).message.slice(0, 300),
      });
    }
  }
  return sent;
}

export const listOutbox = (db: Db) => repo.listMessages(db, 200);
