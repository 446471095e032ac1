// Migration 0010 retires the initial credentials stored with argon2 (login now checks SHA-256 only) and the
// hourly sweep replaces each with a new one by e-mail.
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makePerson } from "../../../test/factories.ts";
import { migrationsFolder } from "../../db/client.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { hashPassword } from "../../shared/auth/passwords.ts";
import { generateInitialCredential } from "../../shared/auth/tokens.ts";
import { queueEmail } from "../mail/mail.service.ts";
import { outbox } from "../mail/mail.table.ts";
import { people } from "../people/people.table.ts";
import { issueMissingCredentials } from "./auth.credentials.ts";
import { login } from "./auth.login.ts";
import * as repo from "./auth.repository.ts";
import { initialCredentials } from "./auth.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

/** The statements of 0010 after the new table (which the test database already has). */
async function runCredentialUpgrade() {
  const text = readFileSync(path.join(migrationsFolder, "0010_shared_limits.sql"), "utf8");
  const statements = text
    .split("--> statement-breakpoint")
    .filter((s) => !/CREATE TABLE "rate_limits"/.test(s));
  for (const statement of statements) await ctx.database.db.execute(sql.raw(statement));
}

const db = () => ctx.database.db;
const credentialsOf = (personId: string) =>
  db().select().from(initialCredentials).where(eq(initialCredentials.personId, personId));

describe("upgrading argon2 initial credentials", () => {
  it("retires open ones with an audit row and no stale e-mail, and the sweep sends a new one", async () => {
    const pending = await makePerson(ctx, { password: null, email: `pendiente.${process.pid}@pasto.gov.co` });
    const done = await makePerson(ctx, { password: null, email: `hecha.${process.pid}@pasto.gov.co` });
    // Registered long ago: only the retired row makes the sweep look at them.
    await db()
      .update(people)
      .set({ createdAt: new Date("2024-01-01T00:00:00Z") })
      .where(eq(people.id, pending.id));
    await db().delete(initialCredentials);
    await db().delete(outbox);
    const legacy = generateInitialCredential();
    const now = new Date(Date.now());
    const later = new Date(Date.now() + 3_600_000);
    await repo.insertCredential(db(), {
      personId: pending.id,
      hash: await hashPassword(generateInitialCredential()),
      issuedAt: new Date("2024-01-01T00:00:00Z"),
      expiresAt: new Date("2024-01-04T00:00:00Z"),
      usedAt: new Date("2024-01-02T00:00:00Z"),
    });
    await repo.insertCredential(db(), {
      personId: pending.id,
      hash: await hashPassword(legacy),
      issuedAt: now,
      expiresAt: later,
    });
    await repo.insertCredential(db(), {
      personId: done.id,
      hash: await hashPassword(generateInitialCredential()),
      issuedAt: now,
      expiresAt: later,
      usedAt: now,
    });
    await queueEmail(db(), now, {
      to: `pendiente.${process.pid}@pasto.gov.co`,
      personId: pending.id,
      kind: "credential",
      subject: "Su credencial inicial de SIPAP",
      text: legacy,
    });

    await runCredentialUpgrade();

    const retired = await credentialsOf(pending.id);
    expect(retired).toHaveLength(1);
    expect(retired[0]).toMatchObject({ hash: repo.RETIRED_CREDENTIAL_HASH, linkHash: null });
    expect(retired[0]?.revokedAt).not.toBeNull();
    expect(await credentialsOf(done.id)).toHaveLength(1);
    expect(await db().select().from(outbox).where(eq(outbox.personId, pending.id))).toHaveLength(0);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "credential.retired"), eq(auditLog.targetId, pending.id)));
    expect(audit.map((a) => a.details)).toEqual([{ reason: "hash_upgrade" }]);
    const attempt = await login(
      db(),
      ctx.clock.now(),
      { actorId: null, ip: "198.51.100.9", requestId: null },
      ctx.deps.config,
      { documentNumber: pending.documentNumber, password: legacy },
    );
    expect(attempt).toEqual({ kind: "invalid" });

    expect(await issueMissingCredentials(db(), ctx.clock.now(), ctx.deps.config)).toBe(1);
    expect(await issueMissingCredentials(db(), ctx.clock.now(), ctx.deps.config)).toBe(0);
    const mails = await db().select().from(outbox).where(eq(outbox.personId, pending.id));
    expect(mails).toHaveLength(1);
    const typed = /\n {4}([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\n/.exec(mails[0]?.body ?? "")?.[1] ?? "";
    const fresh = await login(
      db(),
      ctx.clock.now(),
      { actorId: null, ip: "198.51.100.10", requestId: null },
      ctx.deps.config,
      { documentNumber: pending.documentNumber, password: typed },
    );
    expect(fresh.kind).toBe("ok");
  });
});
