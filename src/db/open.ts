// Opens the configured database for the server or the CLI, with messages an operator can act on.
import type { Config } from "../config.ts";
import { type Logger, loggableError } from "../shared/logger.ts";
import { type Database, openPglite, openPostgres } from "./client.ts";
import { DataDirLockedError, lockDataDir } from "./lock.ts";

export class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export interface OpenedDatabase {
  database: Database;
  /** Closes the database and releases the data directory. */
  release(): Promise<void>;
}

export async function openConfiguredDatabase(config: Config, logger: Logger): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const database = await openPostgres(config.databaseUrl, {
      onPoolError: (error) =>
        logger.warn({ err: { message: loggableError(error).message } }, "idle database connection lost"),
    });
    try {
      await database.ping();
    } catch (error) {
      await database.close().catch(() => {});
      const host = new URL(config.databaseUrl).host;
      throw new StartupError(
        `No se pudo conectar a PostgreSQL en ${host}: ${(error as Error).message}.\n` +
          "Revise que el servidor esté encendido y que DATABASE_URL tenga el usuario, la clave y la base correctos.",
        3,
      );
    }
    return { database, release: () => database.close() };
  }

  let unlock: () => void;
  try {
    unlock = lockDataDir(config.dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError)
      throw new StartupError(
        `Otro proceso de SIPAP (PID ${error.pid}) ya está usando la carpeta de datos ${config.dataDir}.\n` +
          "Detenga ese proceso antes de iniciar otro, o use otra carpeta con DATA_DIR. " +
          `Si está seguro de que no hay otro SIPAP en marcha, borre ${error.lockFile}.`,
        4,
      );
    throw error;
  }
  try {
    const database = await openPglite(config.dataDir);
    return {
      database,
      release: async () => {
        await database.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw new StartupError(
      `No se pudo abrir la base de datos embebida en ${config.dataDir}: ${(error as Error).message}`,
      3,
    );
  }
}
