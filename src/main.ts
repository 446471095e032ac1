// Entry point: config → database → migrations → demo data on first start → HTTP server.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "./app.tsx";
import { sendReminders } from "./carnetizacion/campaigns/campaigns.tracking.ts";
import { expireCards } from "./carnetizacion/cards/cards.service.ts";
import { ConfigError, loadConfig, startupWarnings } from "./config.ts";
import { issueMissingCredentials, purgeExpired } from "./core/auth/auth.service.ts";
import { deliverDue, smtpTransport } from "./core/mail/mail.service.ts";
import { countPeople } from "./core/people/people.service.ts";
import { openConfiguredDatabase, StartupError } from "./db/open.ts";
import { formatDemoCredentials, loadDemoData } from "./demo/demo.service.ts";
import { systemAuditContext } from "./shared/audit.ts";
import { createLogger, loggableError } from "./shared/logger.ts";
import { localStorage } from "./shared/storage.ts";
import { systemClock } from "./shared/time.ts";

const HOUR = 3_600_000;

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // On the terminal (stderr), where whoever starts SIPAP reads it, not in the buffered JSON log.
  for (const warning of startupWarnings(config)) console.warn(`\n${warning}\n`);
  const { database, release } = await openConfiguredDatabase(config, logger);
  let server: ReturnType<typeof serve> | undefined;
  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    server?.close();
    await release();
    logger.flush();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    await database.migrate();
    if (database.driver === "pglite" && (await countPeople(database.db)) === 0) {
      const files = localStorage(path.join(config.dataDir, "files"));
      const demo = await loadDemoData(
        database.db,
        systemClock.now(),
        systemAuditContext,
        config,
        files,
        logger,
      );
      if (demo.story) logger.info({ people: demo.story.people, ms: demo.story.ms }, "demo data loaded");
      const text = formatDemoCredentials(demo.credentials, config.publicBaseUrl);
      const file = path.join(config.dataDir, "demo-accounts.txt");
      writeFileSync(file, text, { mode: 0o600 });
      console.log(`\n${text}\n(Esta lista quedó también en ${file})\n`);
    }
  } catch (error) {
    await release();
    throw error;
  }

  const storage = localStorage(path.join(config.dataDir, "files"));
  const app = createApp({ config, database, clock: systemClock, logger, storage });
  // Hourly and idempotent: expired sessions and credentials go, cards past their validity are disabled
  // (at most an hour after midnight in Bogotá), liaisons get their campaign reminders (once each), and
  // people a list registered get their initial credential if the run after the list was cut short.
  const runHousekeeping = () =>
    Promise.all([
      purgeExpired(database.db, systemClock.now(), config),
      expireCards(database.db, systemClock.now()).then((n) => {
        if (n > 0) logger.info({ cards: n }, "expired cards disabled");
      }),
      sendReminders(database.db, systemClock.now(), config).then((n) => {
        if (n > 0) logger.info({ reminders: n }, "campaign reminders queued");
      }),
      issueMissingCredentials(database.db, systemClock.now(), config).then((n) => {
        if (n > 0) logger.info({ credentials: n }, "missing initial credentials issued");
      }),
    ]).catch((error: Error) =>
      logger.warn({ err: { message: loggableError(error).message } }, "housekeeping failed"),
    );
  void runHousekeeping();
  const housekeeping = setInterval(runHousekeeping, HOUR);
  housekeeping.unref();
  if (config.smtpUrl) {
    const transport = smtpTransport(config.smtpUrl);
    const mail = setInterval(() => {
      deliverDue(database.db, systemClock.now(), transport, config.mailFrom).catch((error: Error) =>
        logger.warn({ err: { message: loggableError(error).message } }, "mail delivery failed"),
      );
    }, 10_000);
    mail.unref();
  }
  server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
    console.log(
      `SIPAP está listo en http://${config.host === "127.0.0.1" ? "localhost" : config.host}:${config.port}`,
    );
  });
  server.on("error", async (error: NodeJS.ErrnoException) => {
    await release();
    const message =
      error.code === "EADDRINUSE"
        ? `El puerto ${config.port} ya está en uso. Detenga el otro programa o elija otro puerto con PORT.`
        : `No se pudo abrir el servidor HTTP: ${error.message}`;
    console.error(message);
    process.exit(5);
  });
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
    process.exit(error instanceof StartupError ? error.exitCode : 2);
  }
  console.error("SIPAP no pudo iniciar:", error);
  process.exit(1);
});
