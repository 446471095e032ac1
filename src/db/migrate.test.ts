// Instances starting together migrate once, under an advisory lock, without errors.
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createPostgresTestDatabaseUrl, usingPostgres } from "../../test/db.ts";
import { type Database, migrationsFolder, openPglite, openPostgres } from "./client.ts";

const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
  entries: unknown[];
};

async function appliedMigrations(database: Database) {
  const result = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return (result as unknown as { rows: { n: number }[] }).rows[0]?.n;
}

describe("migrations", () => {
  if (usingPostgres())
    it("run once when two instances start together on an empty PostgreSQL database", async () => {
      const url = await createPostgresTestDatabaseUrl({ empty: true });
      // Pools of one, as small as an instance may have: the lock must not take the migrator's connection.
      const instances = [await openPostgres(url, { poolSize: 1 }), await openPostgres(url, { poolSize: 1 })];
      try {
        await Promise.all(instances.map((instance) => instance.migrate()));
        expect(await appliedMigrations(instances[0] as Database)).toBe(journal.entries.length);
        const locks = await (instances[1] as Database).db.execute(
          // This database's only: the server's other test databases take advisory locks of their own.
          sql`select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
              where l.locktype = 'advisory' and d.datname = current_database()`,
        );
        expect((locks as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
      } finally {
        await Promise.all(instances.map((instance) => instance.close()));
      }
    });
  else
    it("run once on the embedded database, and starting again changes nothing", async () => {
      // One process holds PGlite's data directory (lock.ts), so there is no second instance to wait for.
      const database = await openPglite(undefined);
      try {
        await database.migrate();
        await database.migrate();
        expect(await appliedMigrations(database)).toBe(journal.entries.length);
      } finally {
        await database.close();
      }
    });
});
