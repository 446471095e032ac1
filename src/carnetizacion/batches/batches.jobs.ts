// Background work of print batches: each batch's PDF is rendered by one job, keyed by the batch, so two
// instances (or a double click) never render the same batch at once; a sweep queues again any batch left
// half-rendered by a stopped instance, so a restart resumes it by itself.
import { defineJob, type JobQueue } from "../../core/jobs/jobs.types.ts";
import { findBatch, findRenderingBatchIds, renderBatch } from "./batches.service.ts";

export const RENDER_BATCH = "batches.render";

export interface RenderBatchData {
  batchId: string;
  /** Render again a batch whose PDF is already made (the operator asked for it). */
  again?: boolean;
}

/** Queues the batch's rendering; null when it is already queued or being rendered. */
export const queueBatchRender = (jobs: JobQueue, batchId: string, again = false) =>
  jobs.send<RenderBatchData>(RENDER_BATCH, again ? { batchId, again } : { batchId }, {
    singletonKey: batchId,
  });

export const batchesJobs = [
  defineJob<RenderBatchData>({
    name: RENDER_BATCH,
    title: "PDF de un lote de impresión",
    retryLimit: 3,
    retryDelaySeconds: 5,
    // 500 cards take seconds, not minutes; a dead instance's batch moves on after half a minute.
    heartbeatSeconds: 30,
    expireInSeconds: 30 * 60,
    async run({ batchId, again }, { deps, signal, finalAttempt }) {
      const { database, storage, logger, clock, config } = deps;
      const batch = await findBatch(database.db, batchId);
      // Gone, or finished by an earlier job queued before this one: nothing to render.
      if (!batch || (batch.state === "lista" && !again)) return;
      logger.info({ batchId, cards: batch.total }, "batch rendering started");
      await renderBatch(database.db, storage, logger, () => clock.now(), config, batchId, {
        signal,
        finalAttempt,
      });
      logger.info({ batchId }, "batch rendering finished");
    },
  }),
  defineJob({
    name: "batches.resume",
    title: "Reanudar lotes sin terminar",
    cron: "*/5 * * * *",
    runAtStart: true,
    retryLimit: 0,
    async run(_data, { deps }) {
      for (const batchId of await findRenderingBatchIds(deps.database.db))
        await queueBatchRender(deps.jobs, batchId);
    },
  }),
];
