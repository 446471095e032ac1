// The dependencies passed down from main.ts to every route and service.
import type { Config } from "./config.ts";
import type { Jobs } from "./core/jobs/jobs.types.ts";
import type { Storage } from "./core/storage/storage.types.ts";
import type { Database } from "./db/client.ts";
import type { Logger } from "./shared/logger.ts";
import type { Clock } from "./shared/time.ts";

export interface Deps {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  storage: Storage;
  /** The job queue (pg-boss on the same database): background work is sent here, never started in-process. */
  jobs: Jobs;
}
