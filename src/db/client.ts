// One Drizzle database over either driver: embedded PGlite (default) or PostgreSQL (DATABASE_URL).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  driver: "pglite" | "postgres";
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance, for backup and test cloning; undefined on PostgreSQL. */
  pglite?: PGlite;
}

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export function pgliteDataDir(dataDir: string): string {
  return path.join(dataDir, "pgdata");
}

export async function openPglite(dataDir: string | undefined, existing?: PGlite): Promise<Database> {
  let client = existing;
  if (!client) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    client = await PGlite.create(dataDir ? pgliteDataDir(dataDir) : undefined);
  }
  const pglite = client;
  const db = drizzlePglite({ client: pglite, schema }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    pglite,
    ping: async () => {
      await pglite.query("select 1");
    },
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: () => pglite.close(),
  };
}

export interface PostgresOptions {
  poolSize?: number;
  onPoolError?: (error: Error) => void;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on("error", (error) => options.onPoolError?.(error));
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  return {
    db,
    driver: "postgres",
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    migrate: () => migratePostgres(url, db),
    close: () => pool.end(),
  };
}

// Any fixed number, the same in every SIPAP version: the session-level advisory lock migrations run under.
export const MIGRATION_LOCK = 7_301_000;

/**
 * Instances starting together on one PostgreSQL take turns: each waits for the lock, and whoever comes
 * second finds every migration applied and does nothing (without it, both try to create the same tables
 * and one fails). The lock is held by its own connection, outside the pool, so a pool of one still has a
 * connection for the migrator. PGlite needs none of this: one process holds the data directory (lock.ts).
 */
async function migratePostgres(url: string, db: Db) {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  try {
    await holder.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrateNodePg(db as never, { migrationsFolder });
  } finally {
    // Ending the connection releases the lock too; unlocking first is just tidier for poolers.
    await holder.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await holder.end();
  }
}

/** Connection failures, as opposed to errors in a query: the app answers 503 for these. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    const code = typeof e.code === "string" ? e.code : "";
    const message = typeof e.message === "string" ? e.message : "";
    if (
      [
        "ECONNREFUSED",
        "ECONNRESET",
        "ETIMEDOUT",
        "ENOTFOUND",
        "EPIPE",
        "57P01",
        "57P03",
        "08006",
        "08001",
      ].includes(code)
    )
      return true;
    if (
      /PGlite is closed|Connection terminated|timeout exceeded when trying to connect|Client was closed/i.test(
        message,
      )
    )
      return true;
    current = e.cause;
  }
  return false;
}
