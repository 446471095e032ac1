// Comunicaciones' mass send: 5,000 recipients through a real SMTP server (smtp-server on loopback, in this
// process, counting per recipient and per Message-ID).
//   (a) baseline: a bare nodemailer pool with the same maxConnections, 5,000 sendMail → msgs/s
//   (b) SIPAP: the real server (src/main.ts, PGlite in a DATA_DIR) drains a request scheduled for now
//   (c) the same, killed with SIGKILL at 2,500 received and started again: missing (must be 0), duplicates
// On PGlite by default; with BENCH_DATABASE_URL=postgres://… on a scratch database of that server (there a
// dead process's rows come back when their 60 s lease runs out, so (c) waits that long).
// Seeding goes straight to the database (people, one approved request due now); the server's own minute
// sweep (runAtStart) starts it, exactly as in production.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { createDependencia } from "../src/core/dependencias/dependencias.service.ts";
import { openPglite, openPostgres } from "../src/db/client.ts";
import { systemAuditContext } from "../src/shared/audit.ts";
import { makeScheduledRequest, makeServants, startSink } from "../test/comms.ts";
import { freePort, isRunning, type RunningServer, startServer } from "../test/processes.ts";
import { scratchPostgres } from "./harness.ts";

const N = Number(process.env.BENCH_RECIPIENTS ?? 5000);
const C = Number(process.env.COMM_SMTP_CONNECTIONS ?? 4);

const sink = await startSink();
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

async function until(check: () => boolean, timeoutMs: number) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function baseline() {
  const transport = nodemailer.createTransport({
    url: sink.url,
    pool: true,
    maxConnections: C,
    maxMessages: 1000,
  } as never);
  const before = sink.received.length;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: N }, (_, i) =>
      transport.sendMail({
        from: "intranet@pasto.gov.co",
        to: `base${i}@pasto.gov.co`,
        subject: `Aviso para Nombre${i}`,
        text: `Hola Nombre${i}, de la Secretaría de Salud.`,
        html: `<p>Hola <strong>Nombre${i}</strong>, de la Secretaría de Salud.</p>`,
      }),
    ),
  );
  const ms = Date.now() - started;
  transport.close();
  if (sink.received.length - before !== N) throw new Error("baseline lost messages");
  return { ms, perSecond: rate(N, ms) };
}

/** Where the server keeps its data: PGlite in its data directory, or a scratch PostgreSQL database. */
const adminUrl = process.env.BENCH_DATABASE_URL;

/** A data directory (and database) with N servants and one approved request due now. */
async function seed() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "sipap-comms-bench-"));
  const scratch = adminUrl ? await scratchPostgres(adminUrl) : undefined;
  const database = scratch ? await openPostgres(scratch.url) : await openPglite(dataDir);
  await database.migrate();
  const now = new Date();
  const dependencia = await createDependencia(database.db, now, systemAuditContext, {
    name: "Secretaría de Salud",
    acronym: null,
    parentId: null,
    sortOrder: 0,
    active: true,
  });
  if (!("id" in dependencia)) throw new Error(dependencia.message);
  const servants = await makeServants(database.db, N, { dependenciaId: dependencia.id });
  // Registered a month ago, so the server's sweep of missing initial credentials (people registered in the
  // last week) does not mail them all while the send is measured.
  await database.db.execute(sql`UPDATE people SET created_at = now() - interval '30 days'`);
  const [requester, approver] = await makeServants(database.db, 2, {
    dependenciaId: dependencia.id,
    emails: () => null,
  });
  await makeScheduledRequest(database.db, {
    dependenciaId: dependencia.id,
    requestedBy: requester?.id ?? "",
    approvedBy: approver?.id ?? "",
    scheduledAt: new Date(now.getTime() - 60_000),
    body: "Hola {{nombre}}:\n\nLa **Secretaría de Salud** invita a {{nombre_completo}} ({{cargo}}) a la jornada.\n\n- Lugar: CAM Anganoy\n- Hora: 8:00 a. m.\n\nMás en https://www.pasto.gov.co",
  });
  await database.close();
  const env: Record<string, string> = scratch ? { DATABASE_URL: scratch.url } : {};
  const cleanUp = async () => {
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { dataDir, env, cleanUp, emails: servants.map((s) => s.email ?? "") };
}

async function server(dataDir: string, env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const started = await startServer({
    ...env,
    DATA_DIR: dataDir,
    PORT: String(port),
    SMTP_URL: sink.url,
    COMM_SMTP_CONNECTIONS: String(C),
    LOG_LEVEL: "warn",
  });
  if (!isRunning(started)) throw new Error(`SIPAP did not start: ${started.stderr}`);
  return started;
}

// Only Comunicaciones' messages (Message-ID comm.<delivery>@…): anything else the server mails is not measured.
const isComm = (m: { messageId: string }) => m.messageId.startsWith("comm.");
const countOf = (emails: string[]) => {
  const set = new Set(emails);
  return () =>
    sink.received.reduce((n, m) => n + (isComm(m) ? m.to.filter((to) => set.has(to)).length : 0), 0);
};
const perRecipient = () => {
  const counts = new Map<string, number>();
  for (const m of sink.received.filter(isComm))
    for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
};

async function sipap() {
  const { dataDir, env, cleanUp, emails } = await seed();
  const received = countOf(emails);
  const running = await server(dataDir, env);
  await until(() => received() > 0, 120_000);
  const first = Date.now();
  await until(() => received() >= N, 600_000);
  const ms = Date.now() - first;
  await running.stop();
  await cleanUp();
  return { ms, perSecond: rate(N, ms) };
}

async function killed() {
  const { dataDir, env, cleanUp, emails } = await seed();
  const wanted = new Set(emails);
  const received = countOf(emails);
  const first = await server(dataDir, env);
  await until(() => received() >= N / 2, 600_000);
  first.child.kill("SIGKILL");
  await new Promise((resolve) => first.child.once("close", resolve));
  const atKill = received();
  const restarted = Date.now();
  const second = await server(dataDir, env);
  await until(() => received() > atKill, 180_000);
  const recoveryMs = Date.now() - restarted;
  await until(() => {
    const counts = perRecipient();
    return emails.every((e) => (counts.get(e) ?? 0) > 0);
  }, 600_000);
  // Let the last in-flight messages and the summary settle.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await second.stop();
  await cleanUp();
  const final = perRecipient();
  const missing = emails.filter((e) => !final.get(e)).length;
  const duplicates = [...final].filter(([e, n]) => wanted.has(e) && n > 1).reduce((s, [, n]) => s + n - 1, 0);
  const sameId = (() => {
    const byId = new Map<string, number>();
    for (const m of sink.received)
      if (m.to.some((t) => wanted.has(t))) byId.set(m.messageId, (byId.get(m.messageId) ?? 0) + 1);
    return [...byId.values()].filter((n) => n > 1).length;
  })();
  return { atKill, recoveryMs, missing, duplicates, duplicatesWithSameMessageId: sameId };
}

console.log(
  `Comunicaciones: ${N} recipients, ${C} SMTP connections, smtp-server on loopback, ${adminUrl ? "PostgreSQL (BENCH_DATABASE_URL)" : "PGlite"}`,
);
const a = process.env.BENCH_ONLY_KILL ? { perSecond: 1, ms: 0 } : await baseline();
console.log(`(a) bare nodemailer pool: ${a.perSecond} msg/s (${a.ms} ms)`);
const b = process.env.BENCH_ONLY_KILL ? { perSecond: 0, ms: 0 } : await sipap();
console.log(
  `(b) SIPAP server draining a request: ${b.perSecond} msg/s (${b.ms} ms, first to last message), ${Math.round((b.perSecond / a.perSecond) * 100)} % of bare`,
);
if (process.env.BENCH_SKIP_KILL) {
  await sink.close();
  process.exit(0);
}
const c = await killed();
console.log(
  `(c) kill -9 at ${c.atKill} received, restart: missing ${c.missing}, duplicates ${c.duplicates} (same Message-ID: ${c.duplicatesWithSameMessageId}), first message ${c.recoveryMs} ms after restart`,
);
await sink.close();
process.exit(c.missing === 0 ? 0 : 1);
