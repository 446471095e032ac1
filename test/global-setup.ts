// Migrates one template database per run; every test file then starts from a copy of it.
// PGlite: a dump of the migrated data directory. PostgreSQL (TEST_DATABASE_URL): CREATE DATABASE … TEMPLATE.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { installJobSchema } from "../src/core/jobs/jobs.queue.ts";
import { openPglite, openPostgres } from "../src/db/client.ts";
import { startS3, TEST_BUCKET, usingS3 } from "./s3.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
    /** The s3rver every test app stores its files in under TEST_STORAGE=s3; "" otherwise. */
    s3Endpoint: string;
  }
}

export const TEMPLATE_PREFIX = "sipap_test";

export default async function setup(project: TestProject) {
  const s3 = usingS3() ? await startS3({ buckets: [TEST_BUCKET] }) : undefined;
  project.provide("s3Endpoint", s3?.endpoint ?? "");
  const stopDatabase = await setupDatabase(project);
  return async () => {
    await stopDatabase();
    await s3?.dispose();
  };
}

async function setupDatabase(project: TestProject): Promise<() => Promise<void> | void> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const templateName = `${TEMPLATE_PREFIX}_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${templateName}`);
    await admin.query(`CREATE DATABASE ${templateName}`);
    const templateUrl = new URL(adminUrl);
    templateUrl.pathname = `/${templateName}`;
    const database = await openPostgres(templateUrl.toString(), { poolSize: 1 });
    await database.migrate();
    await database.close();
    // pg-boss's schema takes seconds to create: once here, and every copy already has it.
    await installJobSchema({ connectionString: templateUrl.toString() });
    project.provide("postgresTemplate", templateName);
    project.provide("pgliteTemplate", "");
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE $1",
        [`${templateName}%`],
      );
      // Copies first: a template cannot be dropped while copies are being made from it.
      for (const { datname } of rows.reverse())
        await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.end();
    };
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), "sipap-template-"));
  const database = await openPglite(undefined);
  await database.migrate();
  if (database.pglite) await installJobSchema({ pglite: database.pglite });
  const dump = await database.pglite?.dumpDataDir("none");
  if (!dump) throw new Error("PGlite dump failed");
  const file = path.join(dir, "template.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide("pgliteTemplate", file);
  project.provide("postgresTemplate", "");
  return () => rmSync(dir, { recursive: true, force: true });
}
