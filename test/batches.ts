// Print batches for job tests: a batch of cards ready to print, its render jobs, and its PDF's pages.
import { RENDER_BATCH } from "../src/carnetizacion/batches/batches.jobs.ts";
import { createBatch, findBatch } from "../src/carnetizacion/batches/batches.service.ts";
import { getBuffer } from "../src/core/storage/storage.types.ts";
import { systemAuditContext } from "../src/shared/audit.ts";
import type { TestContext } from "./app.ts";
import { pageSizesMm } from "./pdf.ts";
import { makeReadyToPrint } from "./production.ts";

export async function newBatch(ctx: TestContext, size: number) {
  const ids = [];
  for (let i = 0; i < size; i++) ids.push((await makeReadyToPrint(ctx)).card.id);
  const { database, storage, config } = ctx.deps;
  return createBatch(database.db, storage, ctx.clock.now(), systemAuditContext, config, ids);
}

/** The states of the render jobs of one batch, sorted. */
export const renderJobStates = (ctx: TestContext, batchId: string) =>
  ctx.jobs.boss.findJobs(RENDER_BATCH, { key: batchId }).then((jobs) => jobs.map((j) => j.state).sort());

/** The page sizes of the batch's PDF; throws when there is none. */
export async function batchPdfPages(ctx: TestContext, batchId: string) {
  const batch = await findBatch(ctx.database.db, batchId);
  const pdf = batch?.fileKey ? await getBuffer(ctx.deps.storage, batch.fileKey) : undefined;
  if (!pdf) throw new Error(`no PDF: batch ${batch?.state}`);
  return pageSizesMm(pdf);
}
