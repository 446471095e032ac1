// The background jobs of authentication, run as the queue runs them (run(data, { deps, signal })).
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makePerson } from "../../../test/factories.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { hashInitialCredential } from "../../shared/auth/tokens.ts";
import { rateLimits } from "../../shared/rate-limit.table.ts";
import { hitRateLimit } from "../../shared/rate-limit.ts";
import type { JobContext } from "../jobs/jobs.types.ts";
import { outbox } from "../mail/mail.table.ts";
import { createPeople } from "../people/people.service.ts";
import { people } from "../people/people.table.ts";
import { ISSUE_LIST_CREDENTIALS, queueListCredentials } from "./auth.credentials.ts";
import { authJobs } from "./auth.jobs.ts";
import { login } from "./auth.login.ts";
import { FINISHED_CREDENTIAL_RETENTION_MS } from "./auth.sessions.ts";
import { initialCredentials } from "./auth.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const job = (name: string) => {
  const found = authJobs.find((j) => j.name === name);
  if (!found) throw new Error(`no job ${name}`);
  return found;
};
const context = (): JobContext => ({
  deps: ctx.deps,
  signal: new AbortController().signal,
  finalAttempt: true,
});
const db = () => ctx.database.db;

let serial = 0;
/** People as a list registers them: active, with an e-mail, no password and no credential. */
async function listed(count: number, email = true) {
  const prefix = `${process.pid % 1000}${++serial}`.padEnd(5, "0");
  return createPeople(
    db(),
    ctx.clock.now(),
    systemAuditContext,
    Array.from({ length: count }, (_, i) => ({
      documentType: "CC" as const,
      documentNumber: `8${prefix}${String(i).padStart(4, "0")}`,
      firstNames: "Listada",
      lastNames: `Persona ${i}`,
      email: email ? `listada.${prefix}.${i}@pasto.gov.co` : null,
      dependenciaId: null,
    })),
    {},
  );
}

const credentialsOf = (ids: string[]) =>
  db().select().from(initialCredentials).where(inArray(initialCredentials.personId, ids));
const mailsOf = (ids: string[]) =>
  db()
    .select()
    .from(outbox)
    .where(and(inArray(outbox.personId, ids), eq(outbox.kind, "credential")));

describe("issuing a list's credentials", () => {
  it("issues one SHA-256 credential and one e-mail per person, even when the job runs twice", async () => {
    const ids = (await listed(30)).map((p) => p.id);
    const actor = await makePerson(ctx);
    const run = job(ISSUE_LIST_CREDENTIALS).run;
    await run({ submissionId: null, actorId: actor.id, personIds: ids }, context());
    await run({ submissionId: null, actorId: actor.id, personIds: ids }, context());

    const credentials = await credentialsOf(ids);
    expect(credentials).toHaveLength(30);
    expect(new Set(credentials.map((c) => c.personId)).size).toBe(30);
    const mails = await mailsOf(ids);
    expect(mails).toHaveLength(30);
    // The e-mail carries the credential whose SHA-256 is stored, and it signs in.
    const first = mails.find((m) => m.personId === ids[0]);
    const typed = /\n {4}([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\n/.exec(first?.body ?? "")?.[1] ?? "";
    const stored = credentials.find((c) => c.personId === ids[0]);
    expect(stored?.hash).toBe(hashInitialCredential(ids[0] ?? "", typed));
    expect(stored?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.issuedBy).toBe(actor.id);
    const [person] = await db()
      .select()
      .from(people)
      .where(eq(people.id, ids[0] ?? ""));
    const result = await login(
      db(),
      ctx.clock.now(),
      { actorId: null, ip: "198.51.100.7", requestId: null },
      ctx.deps.config,
      { documentNumber: person?.documentNumber ?? "", password: typed.toLowerCase() },
    );
    expect(result.kind).toBe("ok");
  });

  it("gives nobody a second credential when two runs overlap", async () => {
    const ids = (await listed(40)).map((p) => p.id);
    const data = { submissionId: null, actorId: null, personIds: ids };
    const run = job(ISSUE_LIST_CREDENTIALS).run;
    await Promise.all([run(data, context()), run(data, context()), run(data, context())]);
    expect(await credentialsOf(ids)).toHaveLength(40);
    expect(await mailsOf(ids)).toHaveLength(40);
  });

  it("leaves out people who have a password, already used a credential, left, or have no e-mail", async () => {
    const withPassword = await makePerson(ctx, { email: `clave.${process.pid}@pasto.gov.co` });
    const [used, left] = (await listed(2)).map((p) => p.id);
    const [noEmail] = (await listed(1, false)).map((p) => p.id);
    const run = job(ISSUE_LIST_CREDENTIALS).run;
    await run({ submissionId: null, actorId: null, personIds: [used ?? ""] }, context());
    await db()
      .update(initialCredentials)
      .set({ usedAt: ctx.clock.now() })
      .where(eq(initialCredentials.personId, used ?? ""));
    await db()
      .update(people)
      .set({ status: "desvinculado" })
      .where(eq(people.id, left ?? ""));
    const ids = [withPassword.id, used ?? "", left ?? "", noEmail ?? ""];
    const before = (await credentialsOf(ids)).length;
    await run({ submissionId: null, actorId: null, personIds: ids }, context());
    expect(await credentialsOf(ids)).toHaveLength(before);
  });

  it("issues a new one when the earlier credential expired unused", async () => {
    const ids = (await listed(1)).map((p) => p.id);
    const run = job(ISSUE_LIST_CREDENTIALS).run;
    await run({ submissionId: null, actorId: null, personIds: ids }, context());
    ctx.clock.advance(ctx.deps.config.initialCredentialMs + 1_000);
    await run({ submissionId: null, actorId: null, personIds: ids }, context());
    expect(await credentialsOf(ids)).toHaveLength(2);
  });

  it("queues ids only, in jobs of at most 2,000, one per part of a submission", async () => {
    const sent: { name: string; data: object; key?: string }[] = [];
    const jobs = {
      send: async (name: string, data: object, options?: { singletonKey?: string }) => {
        sent.push({ name, data, key: options?.singletonKey });
        return "id";
      },
    };
    const ids = Array.from({ length: 4_500 }, () => crypto.randomUUID());
    const submission = crypto.randomUUID();
    await queueListCredentials(jobs, submission, null, ids);
    expect(sent.map((s) => s.name)).toEqual(Array(3).fill(ISSUE_LIST_CREDENTIALS));
    expect(sent.map((s) => s.key)).toEqual([`${submission}:0`, `${submission}:1`, `${submission}:2`]);
    expect(sent.flatMap((s) => (s.data as { personIds: string[] }).personIds)).toEqual(ids);
    expect(Object.keys(sent[0]?.data ?? {}).sort()).toEqual(["actorId", "personIds", "submissionId"]);
  });

  it("refuses data that is not a list of ids", async () => {
    const run = job(ISSUE_LIST_CREDENTIALS).run;
    await expect(
      run({ submissionId: null, actorId: null, personIds: ["ana@pasto.gov.co"] }, context()),
    ).rejects.toThrow();
  });
});

describe("the hourly jobs", () => {
  it("are scheduled by cron, so they run once per tick across instances", () => {
    expect(job("auth.purge-expired").cron).toMatch(/^\d+ \* \* \* \*$/);
    expect(job("auth.issue-missing-credentials").cron).toMatch(/^\d+ \* \* \* \*$/);
  });

  it("sweeps recent people left without a credential, once, and never old ones", async () => {
    const [old] = await listed(1);
    ctx.clock.advance(8 * 24 * 3_600_000);
    const [recent] = await listed(1);
    const sweep = job("auth.issue-missing-credentials").run;
    await sweep({}, context());
    await sweep({}, context());
    expect(await credentialsOf([recent?.id ?? ""])).toHaveLength(1);
    expect(await mailsOf([recent?.id ?? ""])).toHaveLength(1);
    expect(await credentialsOf([old?.id ?? ""])).toHaveLength(0);
  });

  it("purges finished credentials and old rate-limit windows, and keeps what may still be used", async () => {
    const [finished, waiting] = (await listed(2)).map((p) => p.id);
    const run = job(ISSUE_LIST_CREDENTIALS).run;
    await run({ submissionId: null, actorId: null, personIds: [finished ?? ""] }, context());
    await hitRateLimit(db(), `verify:purge-${process.pid}`, ctx.clock.now(), 5, 60_000);
    ctx.clock.advance(FINISHED_CREDENTIAL_RETENTION_MS + ctx.deps.config.initialCredentialMs + 60_000);
    await run({ submissionId: null, actorId: null, personIds: [waiting ?? ""] }, context());
    await hitRateLimit(db(), `verify:fresh-${process.pid}`, ctx.clock.now(), 5, 60_000);
    await job("auth.purge-expired").run({}, context());
    expect(await credentialsOf([finished ?? ""])).toHaveLength(0);
    expect(await credentialsOf([waiting ?? ""])).toHaveLength(1);
    const keys = (await db().select().from(rateLimits)).map((r) => r.key);
    expect(keys).toContain(`verify:fresh-${process.pid}`);
    expect(keys).not.toContain(`verify:purge-${process.pid}`);
    // The audit trail of the purged credential stays.
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "credential.issued"), eq(auditLog.targetId, finished ?? "")));
    expect(audit).toHaveLength(1);
  });
});
