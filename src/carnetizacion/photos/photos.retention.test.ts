// The privacy policy's promise about rejected photos, kept by the nightly job's service function.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { makePersonWithPhotoInReview } from "../../../test/production.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { approvePhoto, rejectPhoto } from "../review/review.service.ts";
import { photoJobs } from "./photos.jobs.ts";
import { deleteExpiredOriginals } from "./photos.service.ts";
import { photos } from "./photos.table.ts";

const DAY = 86_400_000;
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ env: { PHOTO_ORIGINAL_RETENTION_DAYS: "30" } });
});
afterAll(() => ctx.database.close());

const photoRow = async (id: string) =>
  (await ctx.database.db.select().from(photos).where(eq(photos.id, id)))[0];
const deletions = (photoId: string) =>
  ctx.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "photo.original_deleted"), eq(auditLog.targetId, photoId)));
const run = () =>
  deleteExpiredOriginals(
    ctx.database.db,
    ctx.deps.storage,
    ctx.clock.now(),
    ctx.deps.config.photoOriginalRetentionDays,
  );

/** A photo rejected 31 days ago (one day past a 30-day retention). */
async function rejectedPhotoPastRetention() {
  const { photo } = await makePersonWithPhotoInReview(ctx);
  await rejectPhoto(
    ctx.database.db,
    ctx.clock.now(),
    systemAuditContext,
    ctx.deps.config,
    photo.id,
    "Borrosa",
  );
  ctx.clock.advance(31 * DAY);
  return photo;
}

describe("retention of rejected photos' originals", () => {
  it("deletes the original of a photo rejected more than the configured days ago, once, and audits it", async () => {
    const { photo: rejected } = await makePersonWithPhotoInReview(ctx);
    const { photo: approved } = await makePersonWithPhotoInReview(ctx);
    const { photo: waiting } = await makePersonWithPhotoInReview(ctx);
    await rejectPhoto(
      ctx.database.db,
      ctx.clock.now(),
      systemAuditContext,
      ctx.deps.config,
      rejected.id,
      "Fondo oscuro",
    );
    await approvePhoto(ctx.database.db, ctx.clock.now(), systemAuditContext, approved.id);

    ctx.clock.advance(30 * DAY - 60_000);
    await run();
    // A minute before the deadline nothing goes.
    expect(await ctx.deps.storage.has(rejected.originalKey ?? "")).toBe(true);
    expect(await deletions(rejected.id)).toEqual([]);

    ctx.clock.advance(2 * 60_000);
    expect(await run()).toBeGreaterThanOrEqual(1);
    expect(await ctx.deps.storage.has(rejected.originalKey ?? "")).toBe(false);
    // The portrait stays as the record of the rejection; the row no longer names the deleted file.
    expect(await ctx.deps.storage.has(rejected.portraitKey)).toBe(true);
    expect(await photoRow(rejected.id)).toMatchObject({ state: "rechazada", originalKey: null });
    const [entry] = await deletions(rejected.id);
    expect(entry).toMatchObject({ actorId: null, targetType: "photo" });
    expect(entry?.details).toMatchObject({ personId: rejected.personId, retentionDays: 30 });

    // Approved and pending photos keep their originals, however old.
    for (const kept of [approved, waiting]) {
      expect(await ctx.deps.storage.has(kept.originalKey ?? "")).toBe(true);
      expect((await photoRow(kept.id))?.originalKey).toBe(kept.originalKey);
    }

    // A second run finds nothing more and writes no second audit row.
    expect(await run()).toBe(0);
    expect(await deletions(rejected.id)).toHaveLength(1);
  });

  it("rolls back when the store cannot delete, so the next run tries again", async () => {
    const photo = await rejectedPhotoPastRetention();
    const failing = {
      ...ctx.deps.storage,
      delete: async () => {
        throw new Error("store unreachable");
      },
    };
    await expect(deleteExpiredOriginals(ctx.database.db, failing, ctx.clock.now(), 30)).rejects.toThrow(
      "store unreachable",
    );
    expect((await photoRow(photo.id))?.originalKey).toBe(photo.originalKey);
    expect(await deletions(photo.id)).toEqual([]);

    await run();
    expect(await ctx.deps.storage.has(photo.originalKey ?? "")).toBe(false);
    expect(await deletions(photo.id)).toHaveLength(1);
  });

  it("shows the reviewer that the original is gone instead of failing", async () => {
    const photo = await rejectedPhotoPastRetention();
    await run();
    const operator = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    expect((await operator.get(`/ssi/fotos/${photo.id}/original`)).status).toBe(404);
  });

  it("is the nightly job the queue runs, and the privacy policy states the same number of days", async () => {
    const job = photoJobs.find((j) => j.name === "photos.retention");
    expect(job?.cron).toBe("30 2 * * *");
    const page = await (await new TestClient(ctx.app).get("/privacidad")).text();
    expect(page).toContain("se borra 30 días después del");
  });
});
