// A batch whose embedded instance died mid-render is finished by the next start. PGlite only (see
// vitest.config.ts): there a job still active at start-up belongs to a dead process; on PostgreSQL the
// heartbeat expiry hands it to another instance instead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { batchPdfPages, newBatch } from "../../../test/batches.ts";
import { createJobService, jobDatabase } from "../../core/jobs/jobs.queue.ts";
import { JOBS } from "../../jobs.ts";
import { queueBatchRender, RENDER_BATCH } from "./batches.jobs.ts";
import { findBatch } from "./batches.service.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ env: { PUBLIC_BASE_URL: "https://carnet.pasto.gov.co" } });
});
afterAll(() => ctx.database.close());

describe("a batch cut short by a dead instance", () => {
  it("finishes, after a restart, a batch whose instance died while rendering it, with a whole PDF", async () => {
    const batch = await newBatch(ctx, 3);
    await queueBatchRender(ctx.jobs, batch.id);
    // The instance that took the job dies without a word: the job stays active, the batch unfinished.
    const [taken] = await ctx.jobs.boss.fetch(RENDER_BATCH);
    expect(taken?.data).toEqual({ batchId: batch.id });

    // The next start on the same data directory, with real workers this time.
    const restarted = createJobService(jobDatabase(ctx.database, undefined), JOBS, ctx.deps.logger, {
      work: true,
      pollingIntervalSeconds: 0.5,
    });
    try {
      await restarted.start(ctx.deps);
      for (let i = 0; i < 240 && (await findBatch(ctx.database.db, batch.id))?.state !== "lista"; i++)
        await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      await restarted.stop(5_000);
    }
    expect(await findBatch(ctx.database.db, batch.id)).toMatchObject({ state: "lista", done: 3 });
    expect(await batchPdfPages(ctx, batch.id)).toHaveLength(1 + 2 * 3);
    const [job] = await ctx.jobs.boss.findJobs(RENDER_BATCH, { id: taken?.id ?? "" });
    expect(job).toMatchObject({ state: "completed", retryCount: 1 });
  }, 90_000);
});
