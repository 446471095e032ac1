// A fresh database for one test file, copied from the migrated template (see global-setup.ts).
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openPglite, openPostgres } from "../src/db/client.ts";

let counter = 0;

export const usingPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

/**
 * URL of a new PostgreSQL database (PostgreSQL runs only): a copy of the migrated template, or empty when
 * `empty` is set (for tests of migrating itself). Names start with the template's name so the global
 * teardown finds and drops them.
 */
export async function createPostgresTestDatabaseUrl(options: { empty?: boolean } = {}): Promise<string> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const template = inject("postgresTemplate");
  const name = `${template}_${options.empty ? "e" : "c"}${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${options.empty ? "" : ` TEMPLATE ${template}`}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// The URL each PostgreSQL test database was opened with: the job queue (pg-boss) keeps its own pool on it.
const urls = new WeakMap<Database, string>();
export const testDatabaseUrl = (database: Database) => urls.get(database);

export async function createTestDatabase(): Promise<Database> {
  if (usingPostgres()) {
    const url = await createPostgresTestDatabaseUrl();
    const database = await openPostgres(url, { poolSize: 4 });
    urls.set(database, url);
    return database;
  }
  const tar = readFileSync(inject("pgliteTemplate"));
  const pglite = await PGlite.create({ loadDataDir: new Blob([tar]) });
  return openPglite(undefined, pglite);
}
