// Entry point: config → database → migrations → demo data on first start → job queue → HTTP server.
// Background work lives in each module's `<module>.jobs.ts` (listed in jobs.ts); here the queue only starts.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "./app.tsx";
import { ConfigError, loadConfig, startupWarnings } from "./config.ts";
import { createJobService, type JobService, jobDatabase } from "./core/jobs/jobs.queue.ts";
import { countPeople } from "./core/people/people.service.ts";
import { openStorage } from "./core/storage/storage.open.ts";
import { openConfiguredDatabase, StartupError } from "./db/open.ts";
import { formatDemoCredentials, loadDemoData } from "./demo/demo.service.ts";
import type { Deps } from "./deps.ts";
import { JOBS } from "./jobs.ts";
import { systemAuditContext } from "./shared/audit.ts";
import { createLogger, loggableError } from "./shared/logger.ts";
import { systemClock } from "./shared/time.ts";

// On SIGTERM running jobs get this long to finish before they are released for a retry elsewhere; the
// whole shutdown is cut short after SHUTDOWN_LIMIT_MS whatever happens (orchestrators kill at ~30 s).
const JOBS_STOP_MS = 15_000;
const SHUTDOWN_LIMIT_MS = 25_000;

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const storage = openStorage(config.storage);
  // On the terminal (stderr), where whoever starts SIPAP reads it, not in the buffered JSON log.
  for (const warning of startupWarnings(config)) console.warn(`\n${warning}\n`);
  const { database, release } = await openConfiguredDatabase(config, logger);
  let server: ReturnType<typeof serve> | undefined;
  let jobs: JobService | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const limit = setTimeout(() => {
      logger.error({ signal }, "shutdown took too long: exiting anyway");
      logger.flush();
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    limit.unref();
    // No new connections; requests under way finish (awaited below, before the database closes under
    // them), idle keep-alive connections are dropped.
    const requestsDone = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (server && "closeIdleConnections" in server) server.closeIdleConnections();
    const requestsWait = new Promise<void>((resolve) => setTimeout(resolve, JOBS_STOP_MS).unref());
    // No new jobs; running ones finish or, after the wait, go back to the queue for another instance.
    const jobsDone = (jobs?.stop(JOBS_STOP_MS) ?? Promise.resolve()).catch((error) =>
      logger.warn({ err: loggableError(error) }, "job queue did not stop cleanly"),
    );
    await Promise.all([Promise.race([requestsDone, requestsWait]), jobsDone]);
    await release();
    logger.flush();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    await database.migrate();
    if (database.driver === "pglite" && (await countPeople(database.db)) === 0) {
      const demo = await loadDemoData(
        database,
        systemClock.now(),
        systemAuditContext,
        config,
        storage,
        logger,
      );
      if (demo.story) logger.info({ people: demo.story.people, ms: demo.story.ms }, "demo data loaded");
      const text = formatDemoCredentials(demo.credentials, config.publicBaseUrl);
      const file = path.join(config.dataDir, "demo-accounts.txt");
      writeFileSync(file, text, { mode: 0o600 });
      console.log(`\n${text}\n(Esta lista quedó también en ${file})\n`);
    }
    jobs = createJobService(jobDatabase(database, config.databaseUrl), JOBS, logger, { work: true });
    const deps: Deps = { config, database, clock: systemClock, logger, storage, jobs };
    if (stopping) return;
    await jobs.start(deps);
    server = serve({ fetch: createApp(deps).fetch, port: config.port, hostname: config.host }, () => {
      console.log(
        `SIPAP está listo en http://${config.host === "127.0.0.1" ? "localhost" : config.host}:${config.port}`,
      );
    });
  } catch (error) {
    await jobs?.stop(1_000).catch(() => {});
    await release();
    throw error;
  }
  server.on("error", async (error: NodeJS.ErrnoException) => {
    await jobs?.stop(1_000).catch(() => {});
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
