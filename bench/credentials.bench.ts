// Initial credentials for a 10,000-row list (issue 8): SIPAP's job (SHA-256, 500 people a transaction, with
// their e-mails and audit rows) beside the argon2id hashing the old code did per credential (a sample,
// scaled), the old one-transaction-per-person loop (a sample, scaled, hashing aside), and a bare loop of
// random bytes + SHA-256 doing only the cryptography.
//   npm run bench:credentials                                  PGlite
//   BENCH_DATABASE_URL=postgres://… npm run bench:credentials  PGlite and PostgreSQL (scratch database)

import { randomUUID } from "node:crypto";
import { loadConfig } from "../src/config.ts";
import { issueCredentialsWhereMissing, issueInitialCredential } from "../src/core/auth/auth.credentials.ts";
import { createPeople } from "../src/core/people/people.service.ts";
import { type Database, openPglite, openPostgres } from "../src/db/client.ts";
import { systemAuditContext } from "../src/shared/audit.ts";
import { hashPassword } from "../src/shared/auth/passwords.ts";
import {
  generateInitialCredential,
  generateToken,
  hashInitialCredential,
  hashToken,
} from "../src/shared/auth/tokens.ts";
import { scratchPostgres } from "./harness.ts";

const PEOPLE = Number(process.env.BENCH_ROWS ?? 10_000);
const ARGON2_SAMPLE = 100;
const LOOP_SAMPLE = 300;
const config = loadConfig({ DATA_DIR: "/tmp/sipap-bench-unused" });
const now = new Date();

const time = async (run: () => Promise<unknown>) => {
  const start = performance.now();
  await run();
  return performance.now() - start;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function listedPeople(database: Database, count: number, tag: string) {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1_000) {
    const created = await createPeople(
      database.db,
      now,
      systemAuditContext,
      Array.from({ length: Math.min(1_000, count - i) }, (_, j) => ({
        documentType: "CC" as const,
        documentNumber: `${tag}${String(i + j).padStart(6, "0")}`,
        firstNames: "Persona",
        lastNames: `Listada ${i + j}`,
        email: `p${tag}.${i + j}@pasto.gov.co`,
        dependenciaId: null,
      })),
      {},
    );
    ids.push(...created.map((p) => p.id));
  }
  return ids;
}

async function run(driver: string, database: Database) {
  await database.migrate();
  const ids = await listedPeople(database, PEOPLE, "91");
  const job = await time(() =>
    issueCredentialsWhereMissing(database.db, now, systemAuditContext, config, ids),
  );
  const again = await time(() =>
    issueCredentialsWhereMissing(database.db, now, systemAuditContext, config, ids),
  );
  const sample = await listedPeople(database, LOOP_SAMPLE, "92");
  const perPerson = await time(async () => {
    for (const id of sample) await issueInitialCredential(database.db, now, systemAuditContext, config, id);
  });
  console.log(`| ${driver} | SIPAP job: ${PEOPLE} credentials, e-mails and audit rows | ${seconds(job)} |`);
  console.log(`| ${driver} | the same job run again (all skipped) | ${seconds(again)} |`);
  console.log(
    `| ${driver} | old loop, one transaction a person, SHA-256 (${LOOP_SAMPLE} scaled) | ${seconds((perPerson / LOOP_SAMPLE) * PEOPLE)} |`,
  );
}

const argon2 = await time(async () => {
  for (let i = 0; i < ARGON2_SAMPLE; i++) await hashPassword(generateInitialCredential());
});
const bare = await time(async () => {
  for (let i = 0; i < PEOPLE; i++) {
    hashInitialCredential(randomUUID(), generateInitialCredential());
    hashToken(generateToken());
  }
});
console.log(`\n${PEOPLE} initial credentials\n`);
console.log("| driver | what | time |");
console.log("| --- | --- | ---: |");
console.log(
  `| — | old argon2id hashing alone (${ARGON2_SAMPLE} scaled to ${PEOPLE}) | ${seconds((argon2 / ARGON2_SAMPLE) * PEOPLE)} |`,
);
console.log(`| — | bare loop: random credential + link, SHA-256 of each | ${seconds(bare)} |`);
const pglite = await openPglite(undefined);
await run("PGlite", pglite);
await pglite.close();
const adminUrl = process.env.BENCH_DATABASE_URL;
if (adminUrl) {
  const scratch = await scratchPostgres(adminUrl);
  const database = await openPostgres(scratch.url);
  try {
    await run("PostgreSQL", database);
  } finally {
    await database.close();
    await scratch.drop();
  }
}
