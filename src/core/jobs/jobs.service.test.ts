// The job queue on the real pg-boss and the test database, and the administrators' «Tareas» page.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { JOBS } from "../../jobs.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { JOBS_TIMEZONE, singletonKeyFor } from "./jobs.queue.ts";
import { defineJob } from "./jobs.types.ts";

let failing = true;
let attempts = 0;
const flaky = defineJob<{ outboxId: string }>({
  name: "test.flaky",
  title: "Tarea de prueba",
  retryLimit: 2,
  retryDelaySeconds: 60,
  async run() {
    attempts++;
    if (failing) throw new Error("El servidor SMTP no respondió");
  },
});

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ jobs: [flaky] });
});
afterAll(() => ctx.database.close());

const jobRow = async (id: string) => (await ctx.jobs.boss.findJobs("test.flaky", { id }))[0];
const flashOf = (response: Response) =>
  decodeURIComponent(decodeURIComponent(response.headers.get("set-cookie") ?? ""));

describe("a job that keeps failing", () => {
  it("is retried with growing waits, then kept as failed with its error for an administrator to retry", async () => {
    const outboxId = crypto.randomUUID();
    const id = (await ctx.jobs.send("test.flaky", { outboxId })) ?? "";
    expect(id).not.toBe("");
    const run = (ignoreStartAfter = false) => ctx.jobs.runQueued({ names: ["test.flaky"], ignoreStartAfter });

    expect(await run()).toEqual({ completed: 0, failed: 1 });
    const first = await jobRow(id);
    expect(first?.state).toBe("retry");
    // Backoff: the retry waits, so running what is due now does not touch it.
    expect(await run()).toEqual({ completed: 0, failed: 0 });
    const firstWait = (first?.startAfter.getTime() ?? 0) - Date.now();
    expect(firstWait).toBeGreaterThan(10_000);

    expect(await run(true)).toEqual({ completed: 0, failed: 1 });
    const second = await jobRow(id);
    expect(second?.state).toBe("retry");
    const secondWait = (second?.startAfter.getTime() ?? 0) - Date.now();
    expect(secondWait).toBeGreaterThan(firstWait);

    expect(await run(true)).toEqual({ completed: 0, failed: 1 });
    expect(await jobRow(id)).toMatchObject({
      state: "failed",
      output: { message: "El servidor SMTP no respondió" },
    });
    expect(attempts).toBe(3);
    // Failed for good: nothing runs it again by itself.
    expect(await run(true)).toEqual({ completed: 0, failed: 0 });

    const operator = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    expect((await operator.get("/admin/tareas")).status).toBe(403);
    expect((await operator.post(`/admin/tareas/${id}/reintentar`, {})).status).toBe(403);
    expect((await jobRow(id))?.state).toBe("failed");

    const adminPerson = await makePerson(ctx, { roles: ["administrador"] });
    const admin = await signIn(ctx, adminPerson);
    const page = await (await admin.get("/admin/tareas")).text();
    expect(page).toContain("Tarea de prueba");
    expect(page).toContain("El servidor SMTP no respondió");
    expect(page).toContain("3 intentos");
    expect(page).toContain(`action="/admin/tareas/${id}/reintentar"`);
    expect(page).toContain("Envío de correos");
    // The job's data (here an id; never personal data) is not shown.
    expect(page).not.toContain(outboxId);

    // Without the CSRF token the button does nothing.
    expect((await admin.post(`/admin/tareas/${id}/reintentar`, {}, { csrf: false })).status).toBe(403);
    expect((await jobRow(id))?.state).toBe("failed");

    const retried = await admin.post(`/admin/tareas/${id}/reintentar`, {});
    expect(retried.status).toBe(303);
    expect(flashOf(retried)).toContain("«Tarea de prueba» volvió a la fila");
    expect((await jobRow(id))?.state).toBe("retry");
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "job.retried"), eq(auditLog.targetId, id)));
    expect(audits.map((a) => a.actorId)).toEqual([adminPerson.id]);

    failing = false;
    expect(await run()).toEqual({ completed: 1, failed: 0 });
    expect((await jobRow(id))?.state).toBe("completed");
    const again = await admin.post(`/admin/tareas/${id}/reintentar`, {});
    expect(flashOf(again)).toContain("ya no está fallida");
    expect(await (await admin.get("/admin/tareas")).text()).toContain("No hay tareas fallidas");
  });
});

describe("queueing", () => {
  it("queues a job only once while an equal one waits, by key or by equal data", async () => {
    const one = await ctx.jobs.send("test.flaky", { outboxId: "a" }, { singletonKey: "k1" });
    expect(one).toBeTruthy();
    expect(await ctx.jobs.send("test.flaky", { outboxId: "b" }, { singletonKey: "k1" })).toBeNull();
    const byData = await ctx.jobs.send("test.flaky", { outboxId: "c" });
    expect(byData).toBeTruthy();
    expect(await ctx.jobs.send("test.flaky", { outboxId: "c" })).toBeNull();
    expect(await ctx.jobs.send("test.flaky", { outboxId: "d" })).toBeTruthy();
    failing = false;
    expect(await ctx.jobs.runQueued({ names: ["test.flaky"] })).toEqual({ completed: 3, failed: 0 });
    // Once the first has run, the same work may be queued again.
    expect(await ctx.jobs.send("test.flaky", { outboxId: "a" }, { singletonKey: "k1" })).toBeTruthy();
    await ctx.jobs.runQueued({ names: ["test.flaky"] });
  });

  it("keeps the key short even for thousands of ids, and refuses a job nobody defined", async () => {
    const ids = Array.from({ length: 3_000 }, () => crypto.randomUUID());
    expect(singletonKeyFor({ ids })?.length).toBeLessThan(60);
    expect(singletonKeyFor({ ids })).toBe(singletonKeyFor({ ids: [...ids] }));
    expect(singletonKeyFor({})).toBeUndefined();
    await expect(ctx.jobs.send("nobody.defined", {})).rejects.toThrow("unknown job");
  });
});

describe("schedules", () => {
  it("schedules every cron job once, in Bogotá time", async () => {
    const schedules = await ctx.jobs.boss.getSchedules();
    const cronJobs = JOBS.filter((job) => job.cron);
    expect(cronJobs.map((j) => j.name)).toEqual(
      expect.arrayContaining(["mail.deliver", "cards.expire", "campaigns.remind", "batches.resume"]),
    );
    for (const job of cronJobs)
      expect(schedules.filter((s) => s.name === job.name)).toMatchObject([
        { cron: job.cron, timezone: JOBS_TIMEZONE },
      ]);
    expect(schedules.filter((s) => s.name === "batches.render")).toEqual([]);
    // Card expiry runs five minutes after midnight in Bogotá (UTC−5), that is 05:05 UTC.
    const [next] = ctx.jobs.boss.previewSchedule("5 0 * * *", {
      tz: JOBS_TIMEZONE,
      from: new Date("2026-03-10T12:00:00Z"),
      count: 1,
    });
    expect(next?.toISOString()).toBe("2026-03-11T05:05:00.000Z");
  });
});

describe("the Tareas page", () => {
  it("names every job in Spanish and leaves out pg-boss's own queues", async () => {
    expect(JOBS.filter((job) => !job.title).map((job) => job.name)).toEqual([]);
    // Where schedules run (not in tests), pg-boss keeps its cron dispatch in a queue of its own.
    if (!(await ctx.jobs.boss.getQueue("__pgboss__send-it")))
      await ctx.jobs.boss.createQueue("__pgboss__send-it");
    const admin = await signIn(ctx, await makePerson(ctx, { roles: ["administrador"] }));
    const page = await (await admin.get("/admin/tareas")).text();
    expect(page).not.toContain("__pgboss__");
    expect(page).toContain("Borrar originales de fotos rechazadas");
  });
});
