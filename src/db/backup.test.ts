import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../test/app.ts";
import { createTestDatabase } from "../../test/db.ts";
import { makePerson, TEST_PASSWORD } from "../../test/factories.ts";
import { auditLog } from "../shared/audit.table.ts";
import { BackupFormatError, backupDatabase, restoreDatabase } from "./backup.ts";
import type { Database } from "./client.ts";
import { people } from "./schema.ts";

let ctx: TestContext;
let target: Database;
const dir = mkdtempSync(path.join(os.tmpdir(), "sipap-backup-"));
beforeAll(async () => {
  ctx = await createTestApp();
  target = await createTestDatabase();
});
afterAll(async () => {
  await ctx.database.close();
  await target.close();
});

describe("backup and restore", () => {
  it("restores every row into another database, where the same people can log in", async () => {
    const person = await makePerson(ctx, { roles: ["administrador"] });
    const file = path.join(dir, "copia.sipap.gz");
    const counts = await backupDatabase(ctx.database.db, file, ctx.clock.now());
    expect(counts.people).toBeGreaterThan(0);

    await makePerson({ ...ctx, database: target });
    const restored = await restoreDatabase(target.db, file);
    expect(restored).toEqual(counts);
    const names = (await target.db.select().from(people)).map((p) => p.documentNumber);
    expect(names).toEqual((await ctx.database.db.select().from(people)).map((p) => p.documentNumber));

    const { app } = await createTestApp({ database: target });
    const login = await new TestClient(app).post("/ingresar", {
      documentNumber: person.documentNumber,
      password: TEST_PASSWORD,
    });
    expect(login.status).toBe(303);
    // The audit log keeps growing after a restore, with ids after the restored ones.
    const ids = (await target.db.select({ id: auditLog.id }).from(auditLog)).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("refuses a file that is not a SIPAP backup and leaves the data as it was", async () => {
    const before = (await target.db.select().from(people)).length;
    const notBackup = path.join(dir, "otro.gz");
    writeFileSync(notBackup, gzipSync('{"hola":1}\n'));
    await expect(restoreDatabase(target.db, notBackup)).rejects.toBeInstanceOf(BackupFormatError);
    const corrupt = path.join(dir, "corrupto.gz");
    writeFileSync(
      corrupt,
      gzipSync(
        `${JSON.stringify({ format: "sipap-backup", version: 1, migrations: 2 })}\n{"table":"people","rows":[{"id":"x"}]}\n`,
      ),
    );
    await expect(restoreDatabase(target.db, corrupt)).rejects.toThrow();
    expect((await target.db.select().from(people)).length).toBe(before);
  });
});
