// The dependencies passed down from main.ts to every route and service.
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import type { Logger } from "./shared/logger.ts";
import type { Storage } from "./shared/storage.ts";
import type { Clock } from "./shared/time.ts";

export interface Deps {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  storage: Storage;
}
