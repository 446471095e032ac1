// The real app on a fresh test database, with a clock tests can move and a client that keeps cookies.

import { Writable } from "node:stream";
import { createApp } from "../src/app.tsx";
import { loadConfig } from "../src/config.ts";
import { createJobService, type JobService, jobDatabase } from "../src/core/jobs/jobs.queue.ts";
import type { JobDefinition } from "../src/core/jobs/jobs.types.ts";
import type { Storage } from "../src/core/storage/storage.types.ts";
import type { Database } from "../src/db/client.ts";
import type { Deps } from "../src/deps.ts";
import { JOBS } from "../src/jobs.ts";
import { createLogger } from "../src/shared/logger.ts";
import type { Clock } from "../src/shared/time.ts";
import { createTestDatabase, testDatabaseUrl } from "./db.ts";
import { createTestStorage } from "./storage.ts";

/** A logger sink that keeps every JSON line written, for assertions on logs. */
export function captureLogs() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, sink };
}

export class TestClock implements Clock {
  constructor(private current = new Date("2026-02-02T14:00:00Z")) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestContext {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  clock: TestClock;
  database: Database;
  /** The real queue on the test database; without workers (unless asked) `jobs.runQueued()` runs what was sent. */
  jobs: JobService;
}

export async function createTestApp(
  options: {
    database?: Database;
    storage?: Storage;
    env?: Record<string, string>;
    /** Extra job definitions beside the application's, e.g. one that fails on purpose. */
    jobs?: JobDefinition[];
    /** Jobs that real workers run as they are queued (browser tests); others wait for runQueued(). */
    work?: string[];
  } = {},
) {
  const database = options.database ?? (await createTestDatabase());
  const clock = new TestClock();
  const config = loadConfig({ DATA_DIR: "/tmp/sipap-test-unused", TRUST_PROXY: "true", ...options.env });
  const storage = options.storage ?? createTestStorage();
  const logger = createLogger("silent");
  const jobs = createJobService(
    jobDatabase(database, testDatabaseUrl(database) ?? config.databaseUrl),
    [...JOBS, ...(options.jobs ?? [])],
    logger,
    options.work ? { work: true, workOnly: options.work, pollingIntervalSeconds: 0.5 } : { work: false },
  );
  const deps: Deps = { config, database, clock, logger, storage, jobs };
  await jobs.start(deps);
  // Tests close the database when done: the queue goes first, so none of its timers finds it closed.
  const closeDatabase = database.close;
  database.close = async () => {
    await jobs.stop(1_000);
    await closeDatabase();
  };
  return { app: createApp(deps), deps, clock, database, jobs } satisfies TestContext;
}

/** A browser stand-in over app.request(): keeps cookies and adds the CSRF field to every form post. */
export class TestClient {
  private cookies = new Map<string, string>();

  constructor(
    private readonly app: TestContext["app"],
    private readonly ip = "203.0.113.10",
  ) {}

  private store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const [name, ...rest] = (pair ?? "").split("=");
      if (!name) continue;
      const value = rest.join("=");
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim()));
      if (expired || value === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }

  cookie(name: string) {
    return this.cookies.get(name);
  }

  private headers(extra: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return { ...(cookie ? { cookie } : {}), "x-forwarded-for": this.ip, ...extra };
  }

  async get(path: string) {
    const response = await this.app.request(path, { headers: this.headers() });
    this.store(response);
    return response;
  }

  /** Posts a multipart form with files, as a browser's file upload does (CSRF token included). */
  async postFiles(
    path: string,
    fields: Record<string, string>,
    files: Record<string, { name: string; data: Buffer; type: string }>,
  ) {
    if (!this.cookies.has("sipap_csrf")) await this.get("/ingresar");
    const body = new FormData();
    for (const [key, value] of Object.entries(fields)) body.append(key, value);
    for (const [key, file] of Object.entries(files))
      body.append(key, new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
    body.set("_csrf", this.cookies.get("sipap_csrf") ?? "");
    const response = await this.app.request(path, { method: "POST", body, headers: this.headers() });
    this.store(response);
    return response;
  }

  /** Posts a form as a browser would, with the CSRF token unless `csrf: false`. */
  async post(path: string, form: Record<string, string | string[]>, options: { csrf?: boolean } = {}) {
    if (!this.cookies.has("sipap_csrf")) await this.get("/ingresar");
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    if (options.csrf !== false) body.set("_csrf", this.cookies.get("sipap_csrf") ?? "");
    const response = await this.app.request(path, {
      method: "POST",
      body,
      headers: this.headers({ "content-type": "application/x-www-form-urlencoded" }),
    });
    this.store(response);
    return response;
  }
}
