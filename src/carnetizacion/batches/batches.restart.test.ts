// A batch whose embedded instance died mid-render is finished by the next start. PGlite only (see
// vitest.config.ts): there a job still active at start-up belongs to a dead process; on PostgreSQL the
// heartbeat expiry hands it to another instance instead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { pageSizesMm } from "../../../test/pdf.ts";
import { makeReadyToPrint } from "../../../test/production.ts";
import { createJobService, jobDatabase } from "../../core/jobs/jobs.queue.ts";
import { getBuffer } from "../../core/storage/storage.types.ts";
import { JOBS } from "../../jobs.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { queueBatchRender, RENDER_BATCH } from "./batches.jobs.ts";
import { createBatch, findBatch } from "./batches.service.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ env: { PUBLIC_BASE_URL: "https://carnet.pasto.gov.co" } });
});
afterAll(() => ctx.database.close());

async function newBatch(size: number) {
  const ids = [];
  for (let i = 0; i < size; i++) ids.push((await makeReadyToPrint(ctx)).card.id);
  const { database, storage, config } = ctx.deps;
  return createBatch(database.db, storage, ctx.clock.now(), systemAuditContext, config, ids);
}

const _renderJobs = (batchId: string) =>
  ctx.jobs.boss.findJobs(RENDER_BATCH, { key: batchId }).then((jobs) => jobs.map((j) => j.state).sort());

async function wholePdf(batchId: string) {
  const batch = await findBatch(ctx.database.db, batchId);
  const pdf = batch?.fileKey ? await getBuffer(ctx.deps.storage, batch.fileKey) : undefined;
  if (!pdf) throw new Error(`no PDF: batch ${batch?.state}`);
  return pageSizesMm(pdf);
}

describe("a batch cut short by a dead instance", () => {
  it("finishes, after a restart, a batch whose instance died while rendering it, with a whole PDF", async () => {
    const batch = await newBatch(3);
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
    expect(await wholePdf(batch.id)).toHaveLength(1 + 2 * 3);
    const [job] = await ctx.jobs.boss.findJobs(RENDER_BATCH, { id: taken?.id ?? "" });
    expect(job).toMatchObject({ state: "completed", retryCount: 1 });
  }, 90_000);
});
