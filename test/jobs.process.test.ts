// The job queue in real `npm start` processes on one data directory: SIGTERM ends a server cleanly and in
// bounded time, and a server killed with SIGKILL while rendering a batch leaves it to the next start,
// which finishes it with a whole PDF.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { printBatchCards, printBatches } from "../src/carnetizacion/batches/batches.table.ts";
import { generateCardCode } from "../src/carnetizacion/cards/cards.rules.ts";
import { cards } from "../src/carnetizacion/cards/cards.table.ts";
import { openPglite } from "../src/db/client.ts";
import { createTestApp, type TestContext } from "./app.ts";
import { makePerson, signIn } from "./factories.ts";
import { pageSizesMm } from "./pdf.ts";
import { freePort, isRunning, type RunningServer, startServer } from "./processes.ts";

// Real processes through tsx on a busy 2-core machine, the first one loading the demo data.
const PROCESS_TIMEOUT = 420_000;
// main.ts gives running jobs 15 s and cuts the whole shutdown at 25 s.
const SHUTDOWN_BOUND_MS = 26_000;

/** The data directory opened in this process, while no server holds it, as a test app. */
async function withDataDir<T>(dataDir: string, use: (ctx: TestContext) => Promise<T>): Promise<T> {
  const ctx = await createTestApp({ database: await openPglite(dataDir) });
  // Sessions made here are used by the real servers, which run on the real clock.
  ctx.clock.advance(Date.now() - ctx.clock.now().getTime());
  try {
    return await use(ctx);
  } finally {
    await ctx.database.close();
  }
}

async function start(dataDir: string): Promise<RunningServer> {
  const server = await startServer({ DATA_DIR: dataDir, PORT: String(await freePort()), DATABASE_URL: "" });
  if (!isRunning(server)) throw new Error(`server did not start (${server.code}): ${server.stderr}`);
  return server;
}

/** SIGTERM, then the exit code, which must come within the bound. */
async function stopInTime(server: RunningServer) {
  const started = Date.now();
  const code = await server.stop();
  expect(Date.now() - started).toBeLessThan(SHUTDOWN_BOUND_MS);
  return code;
}

describe("background jobs across real server processes", () => {
  it(
    "stops on SIGTERM in bounded time, and finishes after a restart a batch whose server was killed mid-render",
    async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), "sipap-jobs-"));
      const first = await start(dataDir);
      expect(await stopInTime(first)).toBe(0);

      // Every printed demo card in one big batch, left «generando» as a route leaves it; an operator's
      // session to watch it from outside.
      const { batchId, total, cookie } = await withDataDir(dataDir, async (ctx) => {
        const db = ctx.database.db;
        // Demo cards made printable (a code, a validity, a photo: borrowed from the demo's portraits where
        // a card has none), for a batch long enough to be caught mid-render.
        const printed = await db.select().from(cards).limit(400);
        const portraits = printed.flatMap((card) => (card.photoId ? [card.photoId] : []));
        expect(portraits.length).toBeGreaterThan(0);
        for (const [i, card] of printed.entries())
          await db
            .update(cards)
            .set({
              code: card.code ?? generateCardCode(randomBytes),
              validUntil: card.validUntil ?? "2027-12-31",
              photoId: card.photoId ?? portraits[i % portraits.length],
            })
            .where(eq(cards.id, card.id));
        const [batch] = await db
          .insert(printBatches)
          .values({ state: "generando", total: printed.length, createdAt: new Date() })
          .returning();
        if (!batch) throw new Error("no batch");
        await db
          .insert(printBatchCards)
          .values(printed.map((card, position) => ({ batchId: batch.id, cardId: card.id, position })));
        const operator = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
        return {
          batchId: batch.id,
          total: printed.length,
          cookie: `sipap_session=${operator.cookie("sipap_session")}`,
        };
      });
      expect(total).toBeGreaterThanOrEqual(200);

      const progressOf = async (server: RunningServer) => {
        const response = await fetch(`${server.url}/ssi/lotes/${batchId}`, {
          headers: { accept: "application/json", cookie },
        });
        if (response.status !== 200) throw new Error(`progress answered ${response.status}`);
        return (await response.json()) as { state: string; done: number; total: number };
      };

      // The start-up sweep queues the unfinished batch; the server is killed as soon as it is rendering.
      const second = await start(dataDir);
      let seen = await progressOf(second);
      for (let i = 0; i < 6_000 && seen.state === "generando" && seen.done === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        seen = await progressOf(second);
      }
      second.child.kill("SIGKILL");
      await new Promise((resolve) => second.child.once("close", resolve));
      expect(seen.state).toBe("generando");
      expect(seen.done).toBeGreaterThan(0);

      const leftBehind = await withDataDir(dataDir, async (ctx) => {
        const [batch] = await ctx.database.db.select().from(printBatches).where(eq(printBatches.id, batchId));
        const jobs = await ctx.database.db.execute(
          sql`select state::text as state from pgboss.job where name = 'batches.render' and singleton_key = ${batchId}`,
        );
        return {
          batch,
          jobStates: (jobs as unknown as { rows: { state: string }[] }).rows.map((r) => r.state),
        };
      });
      // Killed mid-render: no PDF, the job still marked as held by the dead server.
      expect(leftBehind.batch).toMatchObject({ state: "generando", fileKey: null });
      expect(leftBehind.batch?.done).toBeLessThan(total);
      expect(leftBehind.jobStates).toEqual(["active"]);

      const third = await start(dataDir);
      try {
        let progress = await progressOf(third);
        for (let i = 0; i < 600 && progress.state !== "lista"; i++) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          progress = await progressOf(third);
        }
        expect(progress).toMatchObject({ state: "lista", done: total, total });
        const download = await fetch(`${third.url}/ssi/lotes/${batchId}/pdf`, { headers: { cookie } });
        expect(download.status).toBe(200);
        const pdf = Buffer.from(await download.arrayBuffer());
        // Whole: poppler reads every page, the instructions page and both faces of each card.
        expect(await pageSizesMm(pdf)).toHaveLength(1 + 2 * total);
      } finally {
        expect(await stopInTime(third)).toBe(0);
      }
    },
    PROCESS_TIMEOUT,
  );
});
