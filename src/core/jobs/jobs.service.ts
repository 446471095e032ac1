// «Tareas»: what the background job queue holds, for administrators. A job that failed after its retries
// stays visible here with its error, and can be put back in the queue (audited).
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { conflict, notFound } from "../../shared/errors.ts";
import * as repo from "./jobs.repository.ts";
import type { Jobs } from "./jobs.types.ts";

export type { FailedJob, JobState } from "./jobs.repository.ts";

export interface QueueSummary {
  name: string;
  title: string;
  cron?: string;
  counts: Record<repo.JobState, number>;
}

const emptyCounts = (): Record<repo.JobState, number> => ({
  created: 0,
  retry: 0,
  active: 0,
  completed: 0,
  cancelled: 0,
  failed: 0,
});

// pg-boss's own queues (its cron dispatch): not SIPAP's work, nothing an administrator can act on.
const isInternalQueue = (name: string) => name.startsWith("__pgboss__");

/** Every queue with its jobs per state, and the latest failed jobs with their error. */
export async function jobsOverview(db: Db, jobs: Jobs) {
  const titles = new Map(jobs.definitions.map((d) => [d.name, d]));
  const stored = (await repo.listQueueNames(db)).filter((name) => !isInternalQueue(name));
  const names = new Set([...jobs.definitions.map((d) => d.name), ...stored]);
  const queues = new Map<string, QueueSummary>();
  for (const name of [...names].sort()) {
    const definition = titles.get(name);
    queues.set(name, {
      name,
      title: definition?.title ?? name,
      cron: definition?.cron,
      counts: emptyCounts(),
    });
  }
  for (const row of await repo.countJobsByQueueAndState(db)) {
    const queue = queues.get(row.name);
    if (queue) queue.counts[row.state] = row.count;
  }
  const failed = (await repo.listFailedJobs(db, 100))
    .filter((job) => !isInternalQueue(job.name))
    .map((job) => ({
      ...job,
      title: titles.get(job.name)?.title ?? job.name,
    }));
  return { queues: [...queues.values()], failed };
}

/** Puts a failed job back in the queue, now; refused when it is no longer failed or an equal one waits. */
export async function retryFailedJob(db: Db, jobs: Jobs, at: Date, audit: AuditContext, id: string) {
  const job = await repo.findJob(db, id);
  if (!job) throw notFound("La tarea");
  if (job.state !== "failed")
    throw conflict(
      "jobs.not_failed",
      "Esta tarea ya no está fallida: otra persona la reintentó o ya terminó.",
    );
  if (!(await jobs.retry(job.name, job.id)))
    throw conflict(
      "jobs.already_queued",
      "Ya hay una tarea igual esperando o en curso: no hace falta reintentar esta.",
    );
  await recordAudit(db, at, audit, {
    action: "job.retried",
    targetType: "job",
    targetId: job.id,
    details: { queue: job.name },
  });
  return job;
}
