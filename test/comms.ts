// Factories for Comunicaciones: many servants at once (direct inserts, no passwords) and a request already
// approved and scheduled, as the review steps would leave it, for the sending tests and the bench.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { commRequests } from "../src/comunicaciones/requests/requests.table.ts";
import { people } from "../src/core/people/people.table.ts";
import type { Db } from "../src/db/client.ts";

let sequence = 0;

/** `n` active servants of a dependencia, with institutional addresses (or the given ones). */
export async function makeServants(
  db: Db,
  n: number,
  options: { dependenciaId: string; emails?: (i: number) => string | null; position?: string },
) {
  const batch = ++sequence;
  const rows = Array.from({ length: n }, (_, i) => ({
    documentType: "CC" as const,
    documentNumber: `9${process.pid % 1000}${batch}${String(i).padStart(6, "0")}`.slice(0, 15),
    firstNames: `Nombre${i}`,
    lastNames: `Apellido ${batch}-${i}`,
    email: options.emails ? options.emails(i) : `s${batch}.${i}@pasto.gov.co`,
    dependenciaId: options.dependenciaId,
    position: options.position ?? "Profesional universitario",
    vinculacion: "planta" as const,
  }));
  const inserted = [];
  for (let i = 0; i < rows.length; i += 1000)
    inserted.push(
      ...(await db
        .insert(people)
        .values(rows.slice(i, i + 1000))
        .returning()),
    );
  return inserted;
}

/** A request to a dependencia, approved by `approverId` and scheduled at `scheduledAt`. */
export async function makeScheduledRequest(
  db: Db,
  values: {
    dependenciaId: string;
    requestedBy: string;
    approvedBy: string;
    scheduledAt: Date;
    subject?: string;
    body?: string;
    audienceKind?: "todos" | "filtro" | "persona";
    audiencePersonId?: string;
    state?: "programado" | "aprobado";
    classification?: "general" | "sensible";
  },
) {
  const [row] = await db
    .insert(commRequests)
    .values({
      dependenciaId: values.dependenciaId,
      requestedBy: values.requestedBy,
      purpose: "Prueba de envío",
      classification: values.classification ?? "general",
      audienceKind: values.audienceKind ?? "filtro",
      audienceDependenciaIds: values.audienceKind ? [] : [values.dependenciaId],
      audiencePersonId: values.audiencePersonId ?? null,
      desiredAt: values.scheduledAt,
      subject: values.subject ?? "Aviso para {{nombre}}",
      body: values.body ?? "Hola {{nombre}} ({{nombre_completo}}), de {{dependencia}}, {{cargo}}.",
      state: values.state ?? "programado",
      reviewerId: values.approvedBy,
      approvedBy: values.approvedBy,
      approvedAt: values.scheduledAt,
      approvedContentVersion: 1,
      scheduledAt: values.state === "aprobado" ? null : values.scheduledAt,
      scheduledBy: values.state === "aprobado" ? null : values.approvedBy,
      createdAt: values.scheduledAt,
      updatedAt: values.scheduledAt,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export interface SinkMessage {
  from: string;
  to: string[];
  raw: string;
  messageId: string;
}

/** An SMTP sink counting per recipient and per Message-ID; can refuse recipients (550) and move ports. */
export async function startSink(options: { refuse?: (address: string) => boolean; port?: number } = {}) {
  const received: SinkMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // Many connections at once, as a real relay accepts them.
    maxClients: 100,
    // Closing does not wait for pooled client connections to leave (a test stops the "server" mid-send).
    closeTimeout: 50,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) {
        const error = new Error("Buzón inexistente (prueba)") as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: /^Message-ID:\s*<([^>]+)>/im.exec(raw)?.[1] ?? "",
        });
        callback();
      });
    },
  });
  // A client killed mid-session (the bench's kill -9) resets its socket: not the sink's failure.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  const perRecipient = () => {
    const counts = new Map<string, number>();
    for (const m of received) for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
    return counts;
  };
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    perRecipient,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
