// A pooled SMTP sender for mass mail (Comunicaciones): several connections kept open, one message per
// recipient. A message has exactly one `to` and no cc/bcc field at all, so a recipient list can never leak
// into a header. Errors keep nodemailer's `code` and the server's `responseCode`, which callers classify
// (a 5xx for one recipient is not a server outage).
import nodemailer from "nodemailer";

export interface OutgoingMail {
  from: string;
  /** One address: each message goes to one person. */
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Without the angle brackets, e.g. comm.<id>@pasto.gov.co; the same on a resend. */
  messageId?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface SmtpSender {
  send(mail: OutgoingMail): Promise<{ messageId: string; response: string }>;
  close(): void;
}

export interface SmtpFailure extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
}

export function createSmtpSender(url: string, options: { maxConnections: number }): SmtpSender {
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: options.maxConnections,
    // A pooled connection is reused for many messages; the server may still close it, then a new one opens.
    maxMessages: 1000,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  } as never);
  return {
    async send(mail) {
      const info = await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.messageId ? { messageId: `<${mail.messageId}>` } : {}),
        ...(mail.attachments ? { attachments: mail.attachments } : {}),
        // The envelope names the one recipient, whatever the headers say.
        envelope: { from: addressOf(mail.from), to: [mail.to] },
      });
      return { messageId: String(info.messageId ?? ""), response: String(info.response ?? "") };
    },
    close() {
      transporter.close();
    },
  };
}

/** `SIPAP <intranet@pasto.gov.co>` → `intranet@pasto.gov.co` (the envelope sender). */
function addressOf(from: string) {
  const match = /<([^<>]+)>\s*$/.exec(from);
  return (match?.[1] ?? from).trim();
}
