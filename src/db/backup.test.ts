import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../test/app.ts";
import { createTestDatabase, usingPostgres } from "../../test/db.ts";
import { makePerson, signIn, TEST_PASSWORD } from "../../test/factories.ts";
import { makeReadyToPrint, printBatch } from "../../test/production.ts";
import { createTestStorage } from "../../test/storage.ts";
import { findLatestCard } from "../carnetizacion/cards/cards.service.ts";
import { getBuffer, type Storage, storageUnavailable } from "../core/storage/storage.types.ts";
import { auditLog } from "../shared/audit.table.ts";
import {
  BACKUP_VERSION,
  BackupFormatError,
  BackupStorageError,
  backupDatabase,
  MAX_LINE_BYTES,
  restoreDatabase,
} from "./backup.ts";
import type { Database } from "./client.ts";
import { people } from "./schema.ts";
import { backupTableNames } from "./tables.ts";

let ctx: TestContext;
let target: Database;
let targetFiles: Storage;
const dir = mkdtempSync(path.join(os.tmpdir(), "sipap-backup-"));
beforeAll(async () => {
  ctx = await createTestApp();
  target = await createTestDatabase();
  targetFiles = createTestStorage();
});
afterAll(async () => {
  await ctx.database.close();
  await target.close();
});

describe("backup and restore", () => {
  it("brings back rows and files into a fresh database and storage, where the card and its photo work", async () => {
    const admin = await makePerson(ctx, { roles: ["administrador"] });
    const { person, photo, card } = await makeReadyToPrint(ctx);
    const batch = await printBatch(ctx, [card.id]);
    const printed = await findLatestCard(ctx.database.db, person.id);
    const file = path.join(dir, "copia.sipap.gz");
    const summary = await backupDatabase(ctx.database.db, ctx.deps.storage, file, ctx.clock.now());
    expect(summary.tables.people).toBeGreaterThan(0);
    // Original, portrait and the batch PDF.
    expect(summary.files.count).toBe(3);

    await makePerson({ ...ctx, database: target });
    const restored = await restoreDatabase(target.db, targetFiles, file);
    expect(summary.skippedFiles).toBe(0);
    expect(restored).toEqual({ tables: summary.tables, files: summary.files });
    const documents = async (db: Database["db"]) =>
      (await db.select().from(people)).map((p) => p.documentNumber).sort();
    expect(await documents(target.db)).toEqual(await documents(ctx.database.db));
    for (const key of [photo.portraitKey, photo.originalKey ?? "", `batches/${batch.id}.pdf`])
      expect(
        (await getBuffer(targetFiles, key))?.equals(
          (await getBuffer(ctx.deps.storage, key)) ?? Buffer.alloc(0),
        ),
      ).toBe(true);

    const restoredApp = await createTestApp({ database: target, storage: targetFiles });
    const login = await new TestClient(restoredApp.app).post("/ingresar", {
      documentNumber: admin.documentNumber,
      password: TEST_PASSWORD,
    });
    expect(login.status).toBe(303);
    const holder = await signIn(restoredApp, person);
    expect((await holder.get("/mi-carnet")).status).toBe(200);
    const portrait = await holder.get("/mi-foto/retrato");
    expect(portrait.status).toBe(200);
    expect(
      Buffer.from(await portrait.arrayBuffer()).equals(
        (await getBuffer(ctx.deps.storage, photo.portraitKey)) ?? Buffer.alloc(0),
      ),
    ).toBe(true);
    const verified = await new TestClient(restoredApp.app).get(`/verificar/${printed?.code}/foto`);
    expect(verified.status).toBe(200);
    // The audit log keeps growing after a restore, with ids after the restored ones.
    const ids = (await target.db.select({ id: auditLog.id }).from(auditLog)).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("covers every table the migrations create", async () => {
    const result = (await ctx.database.db.execute(
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    )) as unknown as { rows: { name: string }[] };
    const inDatabase = result.rows.map((r) => r.name);
    expect(inDatabase.length).toBeGreaterThan(10);
    // A table created by a migration but not exported from schema.ts would be missing from the backup.
    expect(inDatabase.filter((t) => !backupTableNames.includes(t))).toEqual([]);
    expect([...backupTableNames].sort()).toEqual(inDatabase);
  });

  it("orders tables so every parent comes before the tables that reference it", async () => {
    const result = (await ctx.database.db.execute(
      sql`select child.relname as child, parent.relname as parent from pg_constraint c
          join pg_class child on child.oid = c.conrelid join pg_class parent on parent.oid = c.confrelid
          join pg_namespace n on n.oid = child.relnamespace
          where c.contype = 'f' and n.nspname = 'public' and child.relname <> parent.relname`,
    )) as unknown as { rows: { child: string; parent: string }[] };
    expect(result.rows.length).toBeGreaterThan(5);
    for (const { child, parent } of result.rows)
      expect(backupTableNames.indexOf(parent), `${parent} before ${child}`).toBeLessThan(
        backupTableNames.indexOf(child),
      );
  });

  it("takes every table from the moment the backup started, not rows written while it runs", async () => {
    const before = (await ctx.database.db.select().from(people)).length;
    let started: () => void = () => {};
    const listing = new Promise<void>((resolve) => {
      started = resolve;
    });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The files are read inside the snapshot; holding the listing lets another write happen meanwhile.
    const slowFiles: Storage = {
      ...ctx.deps.storage,
      async *list(prefix) {
        started();
        await gate;
        yield* ctx.deps.storage.list(prefix);
      },
    };
    const file = path.join(dir, "instante.sipap.gz");
    const backup = backupDatabase(ctx.database.db, slowFiles, file, ctx.clock.now());
    await listing;
    const late = makePerson(ctx);
    // PostgreSQL writes at once beside the open snapshot; PGlite's one connection makes it wait its turn.
    if (usingPostgres()) await late;
    release();
    const summary = await backup;
    await late;
    expect(summary.tables.people).toBe(before);
    expect((await ctx.database.db.select().from(people)).length).toBe(before + 1);
  });

  it("refuses a file that is not a SIPAP backup and leaves the data as it was", async () => {
    const before = (await target.db.select().from(people)).length;
    const notBackup = path.join(dir, "otro.gz");
    writeFileSync(notBackup, gzipSync('{"hola":1}\n'));
    await expect(restoreDatabase(target.db, targetFiles, notBackup)).rejects.toBeInstanceOf(
      BackupFormatError,
    );
    const corrupt = path.join(dir, "corrupto.gz");
    const [migrations] = (
      (await target.db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      )) as unknown as {
        rows: { n: number }[];
      }
    ).rows;
    writeFileSync(
      corrupt,
      gzipSync(
        `${JSON.stringify({ format: "sipap-backup", version: BACKUP_VERSION, migrations: migrations?.n })}\n{"table":"people","rows":[{"id":"x"}]}\n`,
      ),
    );
    await expect(restoreDatabase(target.db, targetFiles, corrupt)).rejects.toThrow();
    expect((await target.db.select().from(people)).length).toBe(before);
  });

  it("refuses a backup whose files would land outside the storage", async () => {
    const [migrations] = (
      (await target.db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      )) as unknown as {
        rows: { n: number }[];
      }
    ).rows;
    const evil = path.join(dir, "fuera.gz");
    writeFileSync(
      evil,
      gzipSync(
        `${JSON.stringify({ format: "sipap-backup", version: BACKUP_VERSION, migrations: migrations?.n })}\n${JSON.stringify({ file: "../../fuera.jpg", part: 0, last: true, data: "eA==" })}\n`,
      ),
    );
    const refused = restoreDatabase(target.db, targetFiles, evil);
    await expect(refused).rejects.toBeInstanceOf(BackupFormatError);
    await expect(refused).rejects.toThrow(/nombre no válido/);
  });
});

describe("a copy that is cut short, tampered with or cannot be stored", () => {
  const countPeople = async () => (await target.db.select().from(people)).length;
  const keysIn = async (storage: Storage) => {
    const keys: string[] = [];
    for await (const key of storage.list("")) keys.push(key);
    return keys;
  };
  const write = (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    writeFileSync(file, gzipSync(lines.map((line) => `${line}\n`).join("")));
    return file;
  };
  /** A real backup of the test app's rows, with a file of several parts in its own storage. */
  const backupWithLargeFile = async (name: string, { small = true } = {}) => {
    const files = createTestStorage();
    await files.put("pruebas/grande.bin", randomBytes(1_200_000));
    if (small) await files.put("pruebas/chico.txt", Buffer.from("hola"));
    const file = path.join(dir, name);
    const summary = await backupDatabase(ctx.database.db, files, file, ctx.clock.now());
    const lines = gunzipSync(readFileSync(file)).toString("utf8").split("\n").filter(Boolean);
    return { file, summary, lines };
  };

  it("refuses a copy cut at a line boundary: no row changes and no file stays behind", async () => {
    if ((await countPeople()) === 0) await makePerson({ ...ctx, database: target });
    const before = await countPeople();
    const { file, summary, lines } = await backupWithLargeFile("entera.sipap.gz");
    expect(summary.files).toEqual({ count: 2, bytes: 1_200_004 });
    expect(JSON.parse(lines.at(-1) ?? "{}")).toEqual({ end: true, ...summary, skippedFiles: undefined });
    const isFile = (line: string) => "file" in JSON.parse(line);
    const firstWholeFile = lines.findIndex((line) => isFile(line) && JSON.parse(line).last);
    // The last table line: no later rows reference it, so only the count tells it is missing.
    const lastTable = lines.length - 2;
    expect(firstWholeFile).toBeGreaterThan(0);
    expect(JSON.parse(lines[lastTable] ?? "{}").rows.length).toBeGreaterThan(0);

    const cuts: Record<string, string[]> = {
      "solo-cabecera": lines.slice(0, 1),
      "cabecera-y-un-archivo": lines.slice(0, 2),
      "un-archivo-entero": lines.slice(0, firstWholeFile + 1),
      "sin-tablas": lines.filter((line, i) => i === 0 || isFile(line)),
      "sin-final": lines.slice(0, -1),
      "sin-la-ultima-tabla": lines.filter((_, i) => i !== lastTable),
      "sin-un-archivo": lines.filter((_, i) => i < 1 || i > firstWholeFile),
    };
    for (const [name, cut] of Object.entries(cuts)) {
      const files = createTestStorage();
      const restore = restoreDatabase(target.db, files, write(`${name}.sipap.gz`, cut));
      await expect(restore, name).rejects.toBeInstanceOf(BackupFormatError);
      await expect(restore, name).rejects.toThrow(/^La copia está incompleta: /);
      expect(await countPeople(), name).toBe(before);
      expect(await keysIn(files), name).toEqual([]);
    }

    // The same archive whole restores, so what was refused above was the cut.
    const files = createTestStorage();
    expect(await restoreDatabase(target.db, files, file)).toEqual({
      tables: summary.tables,
      files: summary.files,
    });
    expect((await keysIn(files)).sort()).toEqual(["pruebas/chico.txt", "pruebas/grande.bin"]);
  });

  it("refuses an archive of an earlier format, without an end line", async () => {
    const before = await countPeople();
    const { lines } = await backupWithLargeFile("anterior.sipap.gz");
    const header = { ...JSON.parse(lines[0] ?? "{}"), version: 2 };
    const old = write("anterior-v2.sipap.gz", [JSON.stringify(header), ...lines.slice(1, -1)]);
    await expect(restoreDatabase(target.db, createTestStorage(), old)).rejects.toThrow(
      /formato anterior \(versión 2\)/,
    );
    expect(await countPeople()).toBe(before);
  });

  it("refuses a line longer than the limit instead of holding it", async () => {
    const { lines } = await backupWithLargeFile("larga.sipap.gz");
    const long = write("linea-larga.sipap.gz", [lines[0] ?? "", "x".repeat(MAX_LINE_BYTES + 1)]);
    const restore = restoreDatabase(target.db, createTestStorage(), long);
    await expect(restore).rejects.toBeInstanceOf(BackupFormatError);
    await expect(restore).rejects.toThrow(/línea de más de 32 MB/);
  });

  it("fails instead of hanging when the storage refuses a file, and keeps the rows", async () => {
    const before = await countPeople();
    // Only the large file: its first part is more than the body buffers, so the restore waits on it.
    const { file } = await backupWithLargeFile("almacen.sipap.gz", { small: false });
    // Refuses at once without reading a byte: the restore must not wait for the body to drain.
    const refusing: Storage = {
      ...createTestStorage(),
      put: () => Promise.reject(storageUnavailable()),
    };
    const refused = restoreDatabase(target.db, refusing, file);
    await expect(refused).rejects.toBeInstanceOf(BackupStorageError);
    await expect(refused).rejects.toThrow(/^No se pudo guardar el archivo pruebas\//);
    // Reads the first part, then fails, as a disk that fills up would.
    const full: Storage = {
      ...createTestStorage(),
      async put(_key, body) {
        for await (const _chunk of body as Readable) throw new Error("disco lleno");
      },
    };
    await expect(restoreDatabase(target.db, full, file)).rejects.toThrow(/\(disco lleno\)/);
    expect(await countPeople()).toBe(before);
  });

  it("leaves out stored objects whose names are not valid keys, and the copy still restores", async () => {
    const files = createTestStorage();
    await files.put("pruebas/chico.txt", Buffer.from("hola"));
    const stray: Storage = {
      ...files,
      async *list(prefix) {
        yield ".DS_Store";
        yield "lost+found";
        yield "Fotos/IMG_0001.JPG";
        yield* files.list(prefix);
      },
    };
    const file = path.join(dir, "con-extranos.sipap.gz");
    const summary = await backupDatabase(ctx.database.db, stray, file, ctx.clock.now());
    expect(summary.skippedFiles).toBe(3);
    expect(summary.files).toEqual({ count: 1, bytes: 4 });
    const restoredFiles = createTestStorage();
    const restored = await restoreDatabase(target.db, restoredFiles, file);
    expect(restored).toEqual({ tables: summary.tables, files: summary.files });
    expect((await getBuffer(restoredFiles, "pruebas/chico.txt"))?.toString()).toBe("hola");
  });
});
