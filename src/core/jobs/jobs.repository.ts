// Reads pg-boss's own tables (schema pgboss) for the «Tareas» page; pg-boss writes them, SIPAP never does.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";

export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

export interface QueueCount {
  name: string;
  state: JobState;
  count: number;
}

export interface FailedJob {
  id: string;
  name: string;
  error: string;
  attempts: number;
  createdOn: Date;
  failedOn: Date | null;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** How many jobs each queue holds in each state (pg-boss keeps finished ones for a while). */
export async function countJobsByQueueAndState(db: Db): Promise<QueueCount[]> {
  const result = await db.execute(
    sql`select name, state::text as state, count(*)::int as count from pgboss.job group by name, state`,
  );
  return rowsOf<QueueCount>(result);
}

/** The queues pg-boss knows, whether or not they hold jobs now. */
export async function listQueueNames(db: Db): Promise<string[]> {
  const result = await db.execute(sql`select name from pgboss.queue order by name`);
  return rowsOf<{ name: string }>(result).map((row) => row.name);
}

const failedColumns = sql`id::text as id, name, coalesce(output->>'message', output->'value'->>'message', '') as error,
  retry_count + 1 as attempts, created_on as "createdOn", completed_on as "failedOn"`;

/** Failed jobs, the latest first, with the message of their last error (never their data). */
export async function listFailedJobs(db: Db, limit: number): Promise<FailedJob[]> {
  const result = await db.execute(
    sql`select ${failedColumns} from pgboss.job where state = 'failed' order by completed_on desc nulls last limit ${limit}`,
  );
  return rowsOf<FailedJob>(result).map(withDates);
}

export async function findJob(db: Db, id: string): Promise<(FailedJob & { state: JobState }) | undefined> {
  if (!isUuid(id)) return undefined;
  const result = await db.execute(
    sql`select ${failedColumns}, state::text as state from pgboss.job where id = ${id}::uuid`,
  );
  const [row] = rowsOf<FailedJob & { state: JobState }>(result);
  return row && { ...withDates(row), state: row.state };
}

// node-postgres parses timestamps; PGlite's raw rows may carry strings.
function withDates<T extends FailedJob>(row: T): T {
  return {
    ...row,
    createdOn: new Date(row.createdOn),
    failedOn: row.failedOn ? new Date(row.failedOn) : null,
  };
}
