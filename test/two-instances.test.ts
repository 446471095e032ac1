// Two SIPAP processes on one PostgreSQL database and one S3 server, as behind a load balancer. Collected
// only when TEST_DATABASE_URL is set (vitest.config.ts): PGlite serves one process by design.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RENDER_BATCH } from "../src/carnetizacion/batches/batches.jobs.ts";
import { cards } from "../src/carnetizacion/cards/cards.table.ts";
import { photos } from "../src/carnetizacion/photos/photos.table.ts";
import { loadConfig } from "../src/config.ts";
import { JOBS_SCHEMA } from "../src/core/jobs/jobs.queue.ts";
import { people } from "../src/core/people/people.table.ts";
import { type Database, migrationsFolder, openPostgres } from "../src/db/client.ts";
import { TestClient, TestClock, type TestContext } from "./app.ts";
import { createPostgresTestDatabaseUrl } from "./db.ts";
import { makePerson, type TestPerson } from "./factories.ts";
import { fixture } from "./photos.ts";
import { freePort, isRunning, type RunningServer, startServer } from "./processes.ts";
import { type RunningS3, S3RVER_CREDENTIALS, startS3 } from "./s3.ts";

// Each start loads TypeScript through tsx and the photo check loads face models: minutes on a busy machine.
const PROCESS_TIMEOUT = 300_000;
const BUCKET = "sipap-two";

let s3: RunningS3;
let database: Database;
let servers: RunningServer[] = [];
let started: { ms: number }[] = [];

beforeAll(async () => {
  s3 = await startS3({ buckets: [BUCKET] });
  const url = await createPostgresTestDatabaseUrl({ empty: true });
  const env = async () => ({
    PORT: String(await freePort()),
    DATABASE_URL: url,
    STORAGE_URL: `s3://${BUCKET}/sipap?endpoint=${encodeURIComponent(s3.endpoint)}&region=us-east-1`,
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    TRUST_PROXY: "true",
    VERIFY_RATE_LIMIT: "6",
    // Batches refuse a local address on PostgreSQL (it would be printed in every QR).
    PUBLIC_BASE_URL: "https://sipap.pasto.gov.co",
    DATA_DIR: path.join("/tmp", `sipap-two-${process.pid}`),
  });
  const envs = [await env(), await env()];
  const results = await Promise.all(
    envs.map(async (e) => {
      const start = performance.now();
      const result = await startServer(e);
      return { result, ms: performance.now() - start };
    }),
  );
  for (const { result } of results)
    if (!isRunning(result)) throw new Error(`an instance did not start (${result.code}): ${result.stderr}`);
  servers = results.map(({ result }) => result as RunningServer);
  started = results.map(({ ms }) => ({ ms }));
  database = await openPostgres(url, { poolSize: 2 });
}, PROCESS_TIMEOUT);

afterAll(async () => {
  for (const server of servers) await server.stop();
  await database?.close();
  await s3?.dispose();
}, PROCESS_TIMEOUT);

/** TestClient over real HTTP: the same cookie and CSRF handling, against one instance. */
function client(server: RunningServer, ip = "203.0.113.90") {
  const http = {
    request: (urlPath: string, init: RequestInit = {}) =>
      fetch(`${server.url}${urlPath}`, { ...init, redirect: "manual" }),
  };
  return new TestClient(http as unknown as TestContext["app"], ip);
}

/** The factories, writing straight into the shared database (as an administrator's CLI would). */
function factoryContext(): TestContext {
  const config = loadConfig({ DATA_DIR: "/tmp/sipap-two-unused" });
  return { database, clock: new TestClock(new Date()), deps: { config } } as unknown as TestContext;
}

async function signIn(server: RunningServer, person: TestPerson) {
  const c = client(server);
  const response = await c.post("/ingresar", {
    documentNumber: person.documentNumber,
    password: person.password ?? "",
  });
  expect(response.status).toBe(303);
  return c;
}

const [first, second] = [() => servers[0] as RunningServer, () => servers[1] as RunningServer];

describe("two SIPAP instances on one PostgreSQL and one S3 server", () => {
  it("both migrate the empty database at once, without error, and the migrations run once", async () => {
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8"));
    const result = await database.db.execute(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect((result as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(journal.entries.length);
    // pino's level 50 is "error": neither instance logged one while starting.
    for (const server of servers) expect(server.output()).not.toContain('"level":50');
    console.info(`both instances ready after ${started.map((s) => Math.round(s.ms)).join(" ms and ")} ms`);
  });

  it(
    "reviews through one instance a photo uploaded through the other, then renders its batch once",
    async () => {
      const ctx = factoryContext();
      const person = await makePerson(ctx);
      await database.db
        .update(people)
        .set({
          position: "Profesional universitario",
          bloodType: "O+",
          vinculacion: "ops",
          email: `p${person.documentNumber}@pasto.gov.co`,
          contractNumber: `OPS-${person.documentNumber}`,
          contractStart: "2026-01-15",
          contractEnd: "2026-12-31",
        })
        .where(eq(people.id, person.id));
      const operator = await makePerson(ctx, { roles: ["servidor", "operador_ssi"] });

      const servant = await signIn(first(), person);
      const upload = await servant.postFiles(
        "/mi-foto",
        {},
        { photo: { name: "foto.jpg", data: fixture("portrait-white-bg.jpg"), type: "image/jpeg" } },
      );
      expect(upload.status).toBe(303);
      const [photo] = await database.db.select().from(photos).where(eq(photos.personId, person.id));
      if (!photo) throw new Error("no photo stored");

      const reviewer = await signIn(second(), operator);
      const portrait = await reviewer.get(`/ssi/fotos/${photo.id}/retrato`);
      expect(portrait.status).toBe(200);
      expect(portrait.headers.get("content-type")).toBe("image/jpeg");
      expect((await portrait.arrayBuffer()).byteLength).toBeGreaterThan(1_000);
      expect((await reviewer.post(`/ssi/fotos/${photo.id}/aprobar`, {})).status).toBe(303);
      const [card] = await database.db.select().from(cards).where(eq(cards.personId, person.id));
      expect(card?.state).toBe("lista_para_imprimir");

      const printer = await signIn(first(), operator);
      const created = await printer.post("/ssi/lotes", { which: "marked", cards: [card?.id ?? ""] });
      expect(created.status).toBe(303);
      const batchId = /\/ssi\/lotes\/([0-9a-f-]{36})/.exec(created.headers.get("location") ?? "")?.[1] ?? "";
      // Rendering is a job: whichever instance takes it, it runs once.
      let state = "";
      for (let i = 0; i < 240 && state !== "lista"; i++) {
        const rows = await database.db.execute(sql`select state from print_batches where id = ${batchId}`);
        state = (rows as unknown as { rows: { state: string }[] }).rows[0]?.state ?? "";
        if (state === "fallida") throw new Error("the batch failed to render");
        if (state !== "lista") await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(state).toBe("lista");
      const fromB = await (await signIn(second(), operator)).get(`/ssi/lotes/${batchId}/pdf`);
      expect(fromB.status).toBe(200);
      expect(
        Buffer.from(await fromB.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
      // One render job for the batch, done on its first attempt: neither instance rendered it a second time.
      const renders = await database.db.execute(
        sql`select state, retry_count from ${sql.identifier(JOBS_SCHEMA)}.job where name = ${RENDER_BATCH} and data->>'batchId' = ${batchId}`,
      );
      expect((renders as unknown as { rows: unknown[] }).rows).toEqual([
        { state: "completed", retry_count: 0 },
      ]);
      const s3client = new S3Client({
        endpoint: s3.endpoint,
        region: "us-east-1",
        forcePathStyle: true,
        credentials: S3RVER_CREDENTIALS,
      });
      const listed = await s3client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "sipap/" }));
      const pdfs = (listed.Contents ?? []).filter((o) => o.Key?.includes(batchId));
      expect(pdfs).toHaveLength(1);
    },
    PROCESS_TIMEOUT,
  );

  it("shares the public verification's rate limit between the instances", async () => {
    const address = "192.0.2.99";
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await client(i % 2 ? second() : first(), address).get("/verificar/7K3M9Q2XW4HT8PJ5")).status,
      );
    expect(statuses).toEqual(Array(6).fill(404));
    expect((await client(second(), address).get("/verificar/7K3M9Q2XW4HT8PJ5")).status).toBe(429);
    expect((await client(first(), address).get("/verificar/7K3M9Q2XW4HT8PJ5")).status).toBe(429);
    expect((await client(first(), "192.0.2.98").get("/verificar/7K3M9Q2XW4HT8PJ5")).status).toBe(404);
  });
});
