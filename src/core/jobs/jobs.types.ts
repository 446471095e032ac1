// The contract between the job queue (core/jobs) and the modules that define jobs in `<module>.jobs.ts`.
// Every module exports a list of JobDefinition; src/jobs.ts gathers them and main.ts starts the queue.
import type { Deps } from "../../deps.ts";

export interface JobContext {
  /** The same dependencies routes get (database, clock, storage, logger, config, jobs). */
  deps: Deps;
  /** Aborted when the instance is shutting down: long jobs stop at the next safe point and are retried. */
  signal: AbortSignal;
  /** No retry follows if this attempt fails: the moment to record a failure where people see it. */
  finalAttempt: boolean;
}

export interface JobDefinition<T extends object = object> {
  /** "<module>.<what>", e.g. "mail.deliver"; also the pg-boss queue name. */
  name: string;
  /** Spanish name for administrators on the «Tareas» page; the name above when missing. */
  title?: string;
  /** Five-field cron in America/Bogota; when set, the job runs once per tick across all instances. */
  cron?: string;
  /**
   * Also queued once when an instance starts (still once across instances), for sweeps that pick up
   * work a stopped instance left behind without waiting for the next tick.
   */
  runAtStart?: boolean;
  /** Attempts after the first failure (default 3), with exponential backoff from retryDelaySeconds. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** How long one attempt may run before another instance may take it over (default 15 minutes). */
  expireInSeconds?: number;
  /**
   * For long jobs: the worker proves it is alive this often, and a job whose instance died (kill -9)
   * is retried elsewhere after this long instead of after expireInSeconds. At least 10.
   */
  heartbeatSeconds?: number;
  run(data: T, context: JobContext): Promise<void>;
}

export interface SendOptions {
  /**
   * At most one queued-or-active job per key (e.g. one render per batch). Without a key, a job whose data
   * equals that of one already waiting or running is not queued again.
   */
  singletonKey?: string;
  startAfterSeconds?: number;
}

export interface JobQueue {
  /** Queues a job; resolves to its id, or null when a job with the same singletonKey is already waiting. */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
}

/** What the «Tareas» page needs beyond sending. */
export interface JobAdmin {
  /** Puts a failed job back in the queue; false when it is not failed or an equal job is already queued. */
  retry(name: string, id: string): Promise<boolean>;
  /** Every job this instance knows. */
  readonly definitions: readonly JobDefinition[];
}

/** The queue as routes and jobs get it in `deps.jobs`. */
export type Jobs = JobQueue & JobAdmin;

/** Typed helper so each module's list keeps its data types. */
export const defineJob = <T extends object>(definition: JobDefinition<T>): JobDefinition =>
  definition as unknown as JobDefinition;
