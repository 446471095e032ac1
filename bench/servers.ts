// The servers the HTTP benchmark compares, each run in its own process:
//   sipap        the real app on a fresh migrated database (PGlite in memory, or DATABASE_URL)
//   bare-static  bare node:http answering fixed bytes (the login page's HTML, read from SIPAP first)
//   bare-ping    bare node:http running the same database ping as /healthz, same driver
//   sipap-verify the real app with one printed card; sends the card's code to the parent when ready
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "../src/app.tsx";
import { type Config, loadConfig } from "../src/config.ts";
import { createJobService, jobDatabase } from "../src/core/jobs/jobs.queue.ts";
import { localStorage } from "../src/core/storage/storage.local.ts";
import type { Storage } from "../src/core/storage/storage.types.ts";
import { type Database, openPglite, openPostgres } from "../src/db/client.ts";
import type { Deps } from "../src/deps.ts";
import { JOBS } from "../src/jobs.ts";
import { createLogger } from "../src/shared/logger.ts";
import { systemClock } from "../src/shared/time.ts";
import { seedPrintedCard } from "./seed.ts";

const [kind, portText, bodyFile] = process.argv.slice(2);
process.on("SIGINT", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
const port = Number(portText);

async function openDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  const database = url ? await openPostgres(url, { poolSize: 10 }) : await openPglite(undefined);
  await database.migrate();
  return database;
}

/** The app's dependencies, with the real job queue (no workers: nothing runs beside the measured requests). */
async function appDeps(database: Database, config: Config, storage: Storage): Promise<Deps> {
  const logger = createLogger("info");
  const jobs = createJobService(jobDatabase(database, process.env.DATABASE_URL), JOBS, logger, {
    work: false,
  });
  const deps: Deps = { config, database, clock: systemClock, logger, storage, jobs };
  await jobs.start(deps);
  return deps;
}

function ready() {
  process.send?.("ready");
}

if (kind === "sipap") {
  const database = await openDatabase();
  const config = loadConfig({ ...process.env, PORT: String(port), LOG_LEVEL: "info" });
  // Logs go to stdout as in production; the parent discards them.
  const storage = localStorage(mkdtempSync(path.join(os.tmpdir(), "sipap-bench-files-")));
  const app = createApp(await appDeps(database, config, storage));
  serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, ready);
} else if (kind === "sipap-verify") {
  const database = await openDatabase();
  const code = await seedPrintedCard(database);
  const config = loadConfig({ ...process.env, PORT: String(port), LOG_LEVEL: "info" });
  const storage = localStorage(mkdtempSync(path.join(os.tmpdir(), "sipap-bench-files-")));
  const app = createApp(await appDeps(database, config, storage));
  serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => process.send?.(code));
} else if (kind === "bare-static") {
  const body = readFileSync(bodyFile ?? "");
  createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=UTF-8", "content-length": body.length });
    res.end(body);
  }).listen(port, "127.0.0.1", ready);
} else if (kind === "bare-ping") {
  const database = await openDatabase();
  const body = JSON.stringify({ status: "ok" });
  createServer((_req, res) => {
    database.ping().then(
      () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(body);
      },
      () => {
        res.writeHead(503);
        res.end();
      },
    );
  }).listen(port, "127.0.0.1", ready);
} else {
  console.error(`unknown server kind: ${kind}`);
  process.exit(2);
}
