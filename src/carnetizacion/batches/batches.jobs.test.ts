// Batch rendering through the real job queue: one render per batch at a time, and a restart resumes it.

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { batchPdfPages, newBatch, renderJobStates } from "../../../test/batches.ts";
import { cards } from "../cards/cards.table.ts";
import { photos } from "../photos/photos.table.ts";
import { queueBatchRender, RENDER_BATCH } from "./batches.jobs.ts";
import { findBatch } from "./batches.service.ts";
import { printBatchCards } from "./batches.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ env: { PUBLIC_BASE_URL: "https://carnet.pasto.gov.co" } });
});
afterAll(() => ctx.database.close());

async function breakPhotoOf(cardId: string) {
  const [card] = await ctx.database.db.select().from(cards).where(eq(cards.id, cardId));
  await ctx.database.db
    .update(photos)
    .set({ portraitKey: "photos/missing/gone.jpg" })
    .where(eq(photos.id, card?.photoId ?? ""));
}

describe("rendering a batch through the queue", () => {
  it("queues one rendering per batch, also while it runs, and renders the batch once", async () => {
    const batch = await newBatch(ctx, 2);
    expect(await queueBatchRender(ctx.jobs, batch.id)).toBeTruthy();
    expect(await queueBatchRender(ctx.jobs, batch.id)).toBeNull();
    // Another instance holding the job (active) keeps every other from starting the same batch.
    const [held] = await ctx.jobs.boss.fetch(RENDER_BATCH);
    expect(held?.data).toEqual({ batchId: batch.id });
    expect(await queueBatchRender(ctx.jobs, batch.id, true)).toBeNull();
    expect(await ctx.jobs.runQueued({ names: [RENDER_BATCH] })).toEqual({ completed: 0, failed: 0 });
    await ctx.jobs.boss.complete(RENDER_BATCH, held?.id ?? "");
    expect(await renderJobStates(ctx, batch.id)).toEqual(["completed"]);

    expect(await queueBatchRender(ctx.jobs, batch.id)).toBeTruthy();
    expect(await ctx.jobs.runQueued({ names: [RENDER_BATCH] })).toEqual({ completed: 1, failed: 0 });
    const rendered = await findBatch(ctx.database.db, batch.id);
    expect(rendered).toMatchObject({ state: "lista", done: 2 });
    expect(await batchPdfPages(ctx, batch.id)).toHaveLength(1 + 2 * 2);

    // A late duplicate (queued before the first finished) finds the PDF made and leaves it alone.
    ctx.clock.advance(60_000);
    await queueBatchRender(ctx.jobs, batch.id);
    await ctx.jobs.runQueued({ names: [RENDER_BATCH] });
    expect((await findBatch(ctx.database.db, batch.id))?.finishedAt).toEqual(rendered?.finishedAt);
  });

  it("queues again, from the sweep, a batch whose rendering was never queued or was cut short", async () => {
    const batch = await newBatch(ctx, 1);
    expect(await renderJobStates(ctx, batch.id)).toEqual([]);
    // What the schedule (and every start) sends.
    await ctx.jobs.send("batches.resume", {});
    await ctx.jobs.runQueued({ names: ["batches.resume"] });
    expect(await renderJobStates(ctx, batch.id)).toEqual(["created"]);
    await ctx.jobs.runQueued({ names: [RENDER_BATCH] });
    expect((await findBatch(ctx.database.db, batch.id))?.state).toBe("lista");
    // Nothing left half-rendered: the next sweep queues nothing.
    await ctx.jobs.send("batches.resume", {});
    await ctx.jobs.runQueued({ names: ["batches.resume"] });
    expect(await renderJobStates(ctx, batch.id)).toEqual(["completed"]);
  });

  it("retries a failing rendering, and only after the last attempt marks the batch failed and the job too", async () => {
    const batch = await newBatch(ctx, 1);
    // The card's photo disappears between choosing the cards and rendering them.
    const [{ cardId } = { cardId: "" }] = await ctx.database.db
      .select({ cardId: printBatchCards.cardId })
      .from(printBatchCards)
      .where(eq(printBatchCards.batchId, batch.id));
    await breakPhotoOf(cardId);
    await queueBatchRender(ctx.jobs, batch.id);
    const attempt = () => ctx.jobs.runQueued({ names: [RENDER_BATCH], ignoreStartAfter: true });

    expect(await attempt()).toEqual({ completed: 0, failed: 1 });
    expect((await findBatch(ctx.database.db, batch.id))?.state).toBe("generando");
    expect(await renderJobStates(ctx, batch.id)).toEqual(["retry"]);
    for (let i = 0; i < 3; i++) await attempt();
    expect(await findBatch(ctx.database.db, batch.id)).toMatchObject({ state: "fallida", fileKey: null });
    expect(await renderJobStates(ctx, batch.id)).toEqual(["failed"]);
  });
});
