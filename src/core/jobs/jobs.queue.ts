// The job queue: pg-boss on SIPAP's own database, so queued work survives restarts and several instances
// share it (a job is claimed by one of them with SKIP LOCKED). On PGlite it shares the embedded instance
// through pg-boss's PGlite adapter; on PostgreSQL it keeps a small pool of its own.
import { createHash } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { type ConstructorOptions, fromPglite, type Job, PgBoss } from "pg-boss";
import type { Database } from "../../db/client.ts";
import type { Deps } from "../../deps.ts";
import { type Logger, loggableError } from "../../shared/logger.ts";
import type { JobDefinition, Jobs, SendOptions } from "./jobs.types.ts";

/** pg-boss keeps its tables in this schema, outside Drizzle's migrations. */
export const JOBS_SCHEMA = "pgboss";
export const JOBS_TIMEZONE = "America/Bogota";

const DEFAULT_RETRY_LIMIT = 3;
const DEFAULT_RETRY_DELAY_SECONDS = 30;
const DEFAULT_EXPIRE_SECONDS = 15 * 60;

/** Where pg-boss keeps its tables: inside the embedded PGlite instance, or on PostgreSQL. */
export type JobDatabase = { pglite: PGlite } | { connectionString: string };

export function jobDatabase(database: Database, databaseUrl: string | undefined): JobDatabase {
  if (database.pglite) return { pglite: database.pglite };
  if (!databaseUrl) throw new Error("the job queue needs DATABASE_URL on PostgreSQL");
  return { connectionString: databaseUrl };
}

function bossOptions(target: JobDatabase): ConstructorOptions {
  if ("pglite" in target) return { db: fromPglite(target.pglite), backend: "pglite", schema: JOBS_SCHEMA };
  // A handful of connections: workers poll one at a time, and the app's own pool stays for requests.
  return {
    connectionString: target.connectionString,
    max: 4,
    schema: JOBS_SCHEMA,
    application_name: "sipap-jobs",
  };
}

/** Creates pg-boss's schema once (the test template); a server's start() does the same by itself. */
export async function installJobSchema(target: JobDatabase): Promise<void> {
  const boss = new PgBoss({ ...bossOptions(target), supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false });
}

export interface JobServiceOptions {
  /**
   * Servers: poll for jobs and run them, turn schedules into jobs and supervise expired ones. Tests leave
   * it off and run what is queued with runQueued(), so nothing runs behind their back.
   */
  work: boolean;
  /** How often an idle worker asks for a job (seconds); LISTEN/NOTIFY usually wakes it sooner. */
  pollingIntervalSeconds?: number;
  /** With `work`, only these jobs get a worker (browser tests render batches, nothing else runs). */
  workOnly?: string[];
}

export interface RunSummary {
  completed: number;
  failed: number;
}

export interface JobService extends Jobs {
  /** Creates the queues and schedules; with `work`, starts the workers. `deps` is what each job gets. */
  start(deps: Deps): Promise<void>;
  /** Stops taking jobs, waits up to `timeoutMs` for running ones, then releases what is left for a retry. */
  stop(timeoutMs: number): Promise<void>;
  /**
   * Runs what is queued now, in this process, until nothing is left (tests and the CLI). With
   * `ignoreStartAfter`, one attempt at every waiting job, also those waiting for a retry's backoff.
   */
  runQueued(options?: { names?: string[]; ignoreStartAfter?: boolean }): Promise<RunSummary>;
  readonly boss: PgBoss;
}

/**
 * The key that keeps a job from being queued twice: the caller's, or one derived from the data (hashed:
 * data may hold thousands of ids, too long for an index entry). Empty data shares the schedule's key, so
 * a "run now" never doubles a scheduled run.
 */
export function singletonKeyFor(data: object, options: SendOptions = {}): string | undefined {
  if (options.singletonKey) return options.singletonKey;
  if (Object.keys(data).length === 0) return undefined;
  return `data:${createHash("sha256").update(JSON.stringify(data)).digest("base64url")}`;
}

/** A job's failure as stored and shown on «Tareas»: never a query's parameters (personal data). */
function storableError(error: unknown): Error {
  const safe = loggableError(error);
  const stored = new Error(safe.message.slice(0, 500));
  stored.name = safe.name ?? "Error";
  stored.stack = safe.stack;
  return stored;
}

export function createJobService(
  target: JobDatabase,
  definitions: readonly JobDefinition[],
  logger: Logger,
  options: JobServiceOptions,
): JobService {
  const names = new Set<string>();
  for (const definition of definitions) {
    if (names.has(definition.name)) throw new Error(`job ${definition.name} is defined twice`);
    names.add(definition.name);
  }
  const boss = new PgBoss({
    ...bossOptions(target),
    supervise: options.work,
    schedule: options.work,
    useListenNotify: options.work,
  });
  // An unhandled 'error' event would end the process; pg-boss reports connection trouble this way.
  boss.on("error", (error) => logger.warn({ err: loggableError(error) }, "job queue error"));
  let deps: Deps | undefined;
  const byName = new Map(definitions.map((d) => [d.name, d]));

  const execute = async (definition: JobDefinition, job: Job<object>) => {
    if (!deps) throw new Error("job queue not started");
    const started = Date.now();
    try {
      const finalAttempt = job.retryCount >= (definition.retryLimit ?? DEFAULT_RETRY_LIMIT);
      const signal = job.signal ?? new AbortController().signal;
      await definition.run(job.data ?? {}, { deps, signal, finalAttempt });
      logger.debug({ job: definition.name, jobId: job.id, ms: Date.now() - started }, "job done");
    } catch (error) {
      logger.warn(
        { job: definition.name, jobId: job.id, attempt: job.retryCount + 1, err: loggableError(error) },
        "job failed",
      );
      throw storableError(error);
    }
  };

  const service: JobService = {
    boss,
    definitions,

    async start(startDeps) {
      deps = startDeps;
      await boss.start();
      for (const definition of definitions) {
        await boss.createQueue(definition.name, {
          // One queued-or-running job per key (see singletonKeyFor); scheduled sweeps never overlap.
          policy: "exclusive",
          retryLimit: definition.retryLimit ?? DEFAULT_RETRY_LIMIT,
          retryDelay: definition.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS,
          retryBackoff: true,
          retryDelayMax: 6 * 3600,
          expireInSeconds: definition.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
          ...(definition.heartbeatSeconds ? { heartbeatSeconds: definition.heartbeatSeconds } : {}),
          // A scheduled sweep leaves a row a minute: keep a day of them, not pg-boss's default week.
          deleteAfterSeconds: definition.cron ? 86_400 : 7 * 86_400,
          notify: true,
        });
        // createQueue leaves an existing queue as it was: settings changed in code still apply.
        await boss.updateQueue(definition.name, {
          retryLimit: definition.retryLimit ?? DEFAULT_RETRY_LIMIT,
          retryDelay: definition.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS,
          expireInSeconds: definition.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
          heartbeatSeconds: definition.heartbeatSeconds ?? null,
        });
        if (definition.cron)
          await boss.schedule(definition.name, definition.cron, {}, { tz: JOBS_TIMEZONE, missed: "once" });
      }
      // A job removed from the code (or its cron) must not keep firing into a queue nobody works.
      for (const schedule of await boss.getSchedules())
        if (!byName.get(schedule.name)?.cron) await boss.unschedule(schedule.name, schedule.key);
      if (!options.work) return;
      if ("pglite" in target) await releaseOrphans(boss, logger);
      const polling = options.pollingIntervalSeconds ?? 2;
      const { workOnly } = options;
      for (const definition of definitions.filter((d) => !workOnly || workOnly.includes(d.name))) {
        let workerId = "";
        workerId = await boss.work<object>(
          definition.name,
          {
            pollingIntervalSeconds: polling,
            // NOTIFY wakes a worker for a new job, not for a retry whose backoff ended: keep polling.
            notifyPollingIntervalSeconds: Math.max(polling, 5),
          },
          async ([job]) => {
            if (!job) return;
            // One job at a time (a batch would share one outcome), but a backlog is worked through
            // without the polling pause pg-boss makes after each single-job fetch.
            try {
              await execute(definition, job);
            } finally {
              if (workerId) boss.notifyWorker(workerId);
            }
          },
        );
        if (definition.runAtStart) await boss.send(definition.name, {});
      }
    },

    async stop(timeoutMs) {
      await boss.stop({ graceful: true, timeout: timeoutMs });
    },

    async send(name, data, sendOptions = {}) {
      if (!byName.has(name)) throw new Error(`unknown job ${name}`);
      const singletonKey = singletonKeyFor(data, sendOptions);
      return boss.send(name, data, {
        ...(singletonKey ? { singletonKey } : {}),
        ...(sendOptions.startAfterSeconds ? { startAfter: sendOptions.startAfterSeconds } : {}),
      });
    },

    async retry(name, id) {
      if (!byName.has(name)) return false;
      try {
        const result = (await boss.retry(name, id)) as { affected?: number };
        if ((result.affected ?? 0) === 0) return false;
        // The last failure left a backoff wait on the job: an administrator's retry runs now.
        await boss.update(name, undefined, { id, startAfter: new Date() });
        return true;
      } catch (error) {
        // 23505: an equal job is already queued (exclusive queue); the retry is not needed.
        if ((error as { code?: string }).code === "23505") return false;
        throw error;
      }
    },

    async runQueued(runOptions = {}) {
      const summary: RunSummary = { completed: 0, failed: 0 };
      const wanted = definitions.filter((d) => !runOptions.names || runOptions.names.includes(d.name));
      // Bounded: a job that keeps queueing itself must not hang a test. Ignoring backoff, a failed job
      // would be due again at once: one pass, so each call is one attempt.
      const passes = runOptions.ignoreStartAfter ? 1 : 50;
      for (let pass = 0; pass < passes; pass++) {
        let ran = 0;
        for (const definition of wanted) {
          const jobs = await boss.fetch<object>(definition.name, {
            batchSize: 20,
            ignoreStartAfter: runOptions.ignoreStartAfter ?? false,
          });
          for (const job of jobs) {
            ran++;
            try {
              await execute(definition, job);
              await boss.complete(definition.name, { id: job.id, retryCount: job.retryCount });
              summary.completed++;
            } catch (error) {
              await boss.fail(definition.name, { id: job.id, retryCount: job.retryCount }, error as object);
              summary.failed++;
            }
          }
        }
        if (ran === 0) break;
      }
      return summary;
    },
  };
  return service;
}

/**
 * PGlite is opened by one process at a time (DATA_DIR lock), so a job still marked active at start-up
 * belongs to an instance that died (kill -9, power cut): it is failed now, which queues its retry, instead
 * of waiting for its expiry. On PostgreSQL other instances may be alive: heartbeats and expiry handle it.
 */
async function releaseOrphans(boss: PgBoss, logger: Logger) {
  const { rows } = await boss
    .getDb()
    .executeSql(`SELECT name, id, retry_count FROM ${JOBS_SCHEMA}.job WHERE state = 'active'`);
  for (const row of rows as { name: string; id: string; retry_count: number }[])
    await boss.fail(
      row.name,
      { id: row.id, retryCount: row.retry_count },
      { message: "SIPAP se detuvo mientras la tarea corría; se reintenta al reiniciar." },
    );
  if (rows.length > 0) logger.warn({ jobs: rows.length }, "jobs left active by a stopped instance retried");
}
