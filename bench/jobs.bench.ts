// Job queue throughput and latency: N no-op jobs sent one by one as fast as possible while one worker
// drains them (throughput, and latency under a backlog), then a paced run (one job every 10 ms, below
// capacity: the latency a job sees on a quiet system). Through SIPAP's queue (pg-boss with the app's
// settings: exclusive queue, one job per fetch, LISTEN/NOTIFY) beside a bare `SELECT … FOR UPDATE SKIP
// LOCKED` claim loop over a plain table on the same database.
//   npm run bench:jobs                                   PGlite, and PostgreSQL when one can be had:
//   BENCH_DATABASE_URL=postgres://… npm run bench:jobs   a scratch database on that server, or else a
//                                                        throwaway cluster (initdb on PATH; as root it
//                                                        runs as the `postgres` user)
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { createJobService, type JobDatabase } from "../src/core/jobs/jobs.queue.ts";
import { defineJob } from "../src/core/jobs/jobs.types.ts";
import type { Deps } from "../src/deps.ts";
import { createLogger } from "../src/shared/logger.ts";
import { freePort } from "../test/processes.ts";
import { scratchPostgres } from "./harness.ts";

const N = Number(process.env.BENCH_JOBS ?? 10_000);
const PACED = 500;
const PACE_MS = 10;

interface Run {
  count: number;
  paceMs: number;
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Result {
  sendRate: number;
  drainRate: number;
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;

function summarise(latencies: number[], started: number, sendsDone: number, finished: number): Result {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    sendRate: latencies.length / ((sendsDone - started) / 1000),
    drainRate: latencies.length / ((finished - started) / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

/** SIPAP's queue: send() as routes do, one worker as main.ts starts it. */
async function measureQueue(target: JobDatabase, { count, paceMs }: Run): Promise<Result> {
  const latencies: number[] = [];
  let allDone: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  const noop = defineJob<{ sentAt: number; seq: number }>({
    name: "bench.noop",
    retryLimit: 0,
    async run({ sentAt }) {
      latencies.push(Date.now() - sentAt);
      if (latencies.length === count) allDone();
    },
  });
  const jobs = createJobService(target, [noop], createLogger("warn"), {
    work: true,
    pollingIntervalSeconds: 0.5,
  });
  // A no-op needs none of the app's dependencies.
  await jobs.start({} as Deps);
  await jobs.boss.deleteAllJobs("bench.noop");
  try {
    const started = Date.now();
    for (let seq = 0; seq < count; seq++) {
      await jobs.send("bench.noop", { sentAt: Date.now(), seq });
      if (paceMs) await pause(paceMs);
    }
    const sendsDone = Date.now();
    await finished;
    return summarise(latencies, started, sendsDone, Date.now());
  } finally {
    await jobs.stop(5_000);
  }
}

interface Sql {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** The floor: a plain table, single-row inserts, and one consumer claiming and completing with SKIP LOCKED. */
async function measureBare(producer: Sql, consumer: Sql, { count, paceMs }: Run): Promise<Result> {
  await producer.query("DROP TABLE IF EXISTS bench_bare_jobs");
  await producer.query(
    `CREATE TABLE bench_bare_jobs (id bigserial PRIMARY KEY, state text NOT NULL DEFAULT 'created',
       data jsonb NOT NULL, started_at timestamptz)`,
  );
  await producer.query(
    "CREATE INDEX bench_bare_jobs_created ON bench_bare_jobs (id) WHERE state = 'created'",
  );
  const latencies: number[] = [];
  let sending = true;
  const consume = async () => {
    while (latencies.length < count) {
      const { rows } = await consumer.query(
        `UPDATE bench_bare_jobs SET state = 'active', started_at = now()
         WHERE id = (SELECT id FROM bench_bare_jobs WHERE state = 'created' ORDER BY id
                     FOR UPDATE SKIP LOCKED LIMIT 1)
         RETURNING id, data`,
      );
      const [job] = rows;
      if (!job) {
        // Idle: a short poll, as a hand-written loop would.
        await pause(sending ? 1 : 5);
        continue;
      }
      latencies.push(Date.now() - (job.data as { sentAt: number }).sentAt);
      await consumer.query("UPDATE bench_bare_jobs SET state = 'completed' WHERE id = $1", [job.id]);
    }
  };
  const started = Date.now();
  const draining = consume();
  for (let seq = 0; seq < count; seq++) {
    await producer.query("INSERT INTO bench_bare_jobs (data) VALUES ($1)", [
      JSON.stringify({ sentAt: Date.now(), seq }),
    ]);
    if (paceMs) await pause(paceMs);
  }
  sending = false;
  const sendsDone = Date.now();
  await draining;
  const result = summarise(latencies, started, sendsDone, Date.now());
  await producer.query("DROP TABLE bench_bare_jobs");
  return result;
}

const line = (name: string, full: Result, paced: Result) =>
  `| ${name} | ${Math.round(full.sendRate)} | ${Math.round(full.drainRate)} | ${full.p99} | ${paced.p50} | ${paced.p99} |`;

const SATURATED: Run = { count: N, paceMs: 0 };
const QUIET: Run = { count: PACED, paceMs: PACE_MS };

async function onPglite() {
  const pglite = await PGlite.create();
  const queue = [await measureQueue({ pglite }, SATURATED), await measureQueue({ pglite }, QUIET)] as const;
  const bare = [
    await measureBare(pglite, pglite, SATURATED),
    await measureBare(pglite, pglite, QUIET),
  ] as const;
  await pglite.close();
  return { queue, bare };
}

async function onPostgres(url: string) {
  const target = { connectionString: url };
  const queue = [await measureQueue(target, SATURATED), await measureQueue(target, QUIET)] as const;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // The scratch database is dropped WITH (FORCE) at the end: an idle client's error is expected then.
  pool.on("error", () => {});
  try {
    return {
      queue,
      bare: [await measureBare(pool, pool, SATURATED), await measureBare(pool, pool, QUIET)] as const,
    };
  } finally {
    await pool.end();
  }
}

/** A throwaway PostgreSQL cluster in a temporary directory, when the binaries are installed. */
async function throwawayCluster(): Promise<{ url: string; stop: () => void } | undefined> {
  if (spawnSync("initdb", ["--version"]).status !== 0) return undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), "sipap-bench-pg-"));
  chmodSync(dir, 0o777);
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "ignore" })
      : execFileSync(command, args, { stdio: "ignore" });
  const port = await freePort();
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust"]);
  run("pg_ctl", [
    "-D",
    data,
    "-w",
    "-l",
    path.join(dir, "log"),
    "-o",
    `-p ${port} -k ${dir} -c fsync=on`,
    "start",
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      run("pg_ctl", ["-D", data, "-w", "-m", "fast", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

console.log(
  `${N} no-op jobs sent one by one while one worker drains them, then ${PACED} sent one every ${PACE_MS} ms (node ${process.version})\n`,
);
console.log(
  "| queue | sent jobs/s | drained jobs/s | p99 send→start ms (backlog) | p50 send→start ms (paced) | p99 send→start ms (paced) |",
);
console.log("| --- | --- | --- | --- | --- | --- |");
const embedded = await onPglite();
console.log(line("PGlite: SIPAP queue (pg-boss)", ...embedded.queue));
console.log(line("PGlite: bare SKIP LOCKED loop", ...embedded.bare));

const cluster = process.env.BENCH_DATABASE_URL ? undefined : await throwawayCluster();
const adminUrl = process.env.BENCH_DATABASE_URL ?? cluster?.url;
if (adminUrl) {
  const scratch = await scratchPostgres(adminUrl);
  try {
    const server = await onPostgres(scratch.url);
    console.log(line("PostgreSQL: SIPAP queue (pg-boss)", ...server.queue));
    console.log(line("PostgreSQL: bare SKIP LOCKED loop", ...server.bare));
  } finally {
    await scratch.drop();
    cluster?.stop();
  }
} else console.log("\n(PostgreSQL skipped: set BENCH_DATABASE_URL, or install initdb/pg_ctl)");
