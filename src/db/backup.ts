// Logical backup and restore through SQL, the same for PGlite and PostgreSQL (and across them), with
// the stored files in the same archive: gzip'd JSON lines, one header line, then the files in base64
// parts, then batches of rows per table in foreign-key order.
import { createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import { checkKey } from "../core/storage/storage.keys.ts";
import type { Storage } from "../core/storage/storage.types.ts";
import type { Db } from "./client.ts";
import { backupTableNames, backupTables } from "./tables.ts";

const FORMAT = "sipap-backup";
/** 1: tables only; 2: files too. Both restore. */
const VERSION = 2;
const BATCH = 2_000;
/** Raw bytes per file line (about 700 KB of base64), so no line holds a whole batch PDF. */
const FILE_PART = 512 * 1024;

export interface BackupSummary {
  tables: Record<string, number>;
  files: { count: number; bytes: number };
}

type Line = { table: string; rows: unknown[] } | { file: string; part: number; last: boolean; data: string };

async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

async function migrationCount(db: Db): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return row?.n ?? 0;
}

async function* fileLines(storage: Storage, summary: BackupSummary) {
  for await (const key of storage.list("")) {
    const stream = await storage.get(key);
    if (!stream) continue; // deleted between the listing and the read (retention)
    let part = 0;
    let pending = Buffer.alloc(0);
    for await (const chunk of stream) {
      pending = Buffer.concat([pending, chunk as Buffer]);
      while (pending.length >= FILE_PART) {
        yield {
          file: key,
          part: part++,
          last: false,
          data: pending.subarray(0, FILE_PART).toString("base64"),
        };
        pending = pending.subarray(FILE_PART);
      }
      summary.files.bytes += (chunk as Buffer).length;
    }
    yield { file: key, part, last: true, data: pending.toString("base64") };
    summary.files.count++;
  }
}

async function* tableLines(db: Db, summary: BackupSummary) {
  for (const table of backupTableNames) {
    summary.tables[table] = 0;
    for (let offset = 0; ; offset += BATCH) {
      const [row] = await rowsOf<{ rows: unknown[] | null }>(
        db,
        sql`select json_agg(t) as rows from (select * from ${sql.identifier(table)} order by 1 limit ${BATCH} offset ${offset}) t`,
      );
      const rows = row?.rows ?? [];
      if (rows.length === 0) break;
      summary.tables[table] += rows.length;
      yield { table, rows };
      if (rows.length < BATCH) break;
    }
  }
}

/**
 * Writes the whole database and every stored file to one archive. All tables are read from one
 * snapshot (a read-only REPEATABLE READ transaction), taken before the files are listed: since a file is
 * always stored before the row that names it, every row in the snapshot finds its file in the archive.
 */
export async function backupDatabase(
  db: Db,
  storage: Storage,
  file: string,
  now: Date,
): Promise<BackupSummary> {
  const summary: BackupSummary = { tables: {}, files: { count: 0, bytes: 0 } };
  await db.transaction(
    async (tx) => {
      // The snapshot starts at the first query of the transaction: this one.
      const migrations = await migrationCount(tx);
      async function* lines() {
        yield `${JSON.stringify({ format: FORMAT, version: VERSION, createdAt: now.toISOString(), migrations, storage: storage.kind })}\n`;
        for await (const line of fileLines(storage, summary)) yield `${JSON.stringify(line)}\n`;
        for await (const line of tableLines(tx, summary)) yield `${JSON.stringify(line)}\n`;
      }
      await pipeline(lines, createGzip(), createWriteStream(file, { mode: 0o600 }));
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  return summary;
}

export class BackupFormatError extends Error {}

/** Streams one file's parts into storage as they are read, so a large PDF is never held whole. */
class FileRestorer {
  private current: { key: string; body: PassThrough; done: Promise<void> } | undefined;
  count = 0;
  constructor(private readonly storage: Storage) {}

  async write(line: Extract<Line, { file: string }>) {
    if (this.current && this.current.key !== line.file)
      throw new BackupFormatError(
        `La copia está incompleta: falta el final del archivo ${this.current.key}.`,
      );
    if (!this.current) {
      const body = new PassThrough();
      const done = this.storage.put(checkKey(line.file), body);
      // Awaited at the file's last part; marked handled so an early failure is not reported twice.
      done.catch(() => {});
      this.current = { key: line.file, body, done };
    }
    const data = Buffer.from(line.data, "base64");
    if (!this.current.body.write(data))
      await new Promise((resolve) => this.current?.body.once("drain", resolve));
    if (line.last) {
      this.current.body.end();
      await this.current.done;
      this.current = undefined;
      this.count++;
    }
  }

  async abort() {
    this.current?.body.destroy();
    await this.current?.done.catch(() => {});
  }
}

/**
 * Puts the backup's files back into the storage, then replaces every row of the database with the
 * backup's in one transaction (all or nothing). Files come first: if the rows fail, the files written are
 * unused and harmless; the rows never name a file that is not there.
 */
export async function restoreDatabase(db: Db, storage: Storage, file: string): Promise<BackupSummary> {
  // Opening first makes a missing file a plain ENOENT; pipeline forwards read and gunzip errors to the reader.
  const handle = await open(file);
  const gunzip = createGunzip();
  pipeline(handle.createReadStream(), gunzip).catch(() => {});
  const reader = createInterface({ input: gunzip, crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = reader[Symbol.asyncIterator]();
  let header: { format?: string; version?: number; migrations?: number };
  try {
    const first = await iterator.next();
    header = JSON.parse(first.value ?? "{}");
  } catch {
    throw new BackupFormatError("El archivo no es una copia de seguridad de SIPAP (no se pudo leer).");
  }
  if (header.format !== FORMAT || (header.version !== 1 && header.version !== VERSION))
    throw new BackupFormatError("El archivo no es una copia de seguridad de SIPAP en un formato conocido.");
  if (header.migrations !== (await migrationCount(db)))
    throw new BackupFormatError(
      `La copia es de otra versión de la base de datos (${header.migrations} migraciones; esta tiene ${await migrationCount(db)}). Restáurela con la versión de SIPAP que la hizo.`,
    );

  const summary: BackupSummary = {
    tables: Object.fromEntries(backupTableNames.map((t) => [t, 0])),
    files: { count: 0, bytes: 0 },
  };
  const files = new FileRestorer(storage);
  let next = await readLine(iterator);
  try {
    while (next && "file" in next) {
      await files.write(next);
      summary.files.bytes += Buffer.byteLength(next.data, "base64");
      next = await readLine(iterator);
    }
  } catch (error) {
    await files.abort();
    throw error;
  }
  summary.files.count = files.count;

  const known = new Set<string>(backupTableNames);
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger user`);
    await tx.execute(
      sql`truncate ${sql.join(
        backupTableNames.map((t) => sql.identifier(t)),
        sql`, `,
      )} restart identity cascade`,
    );
    for (let line: Line | undefined = next; line; line = await readLine(iterator)) {
      if (!("table" in line) || !known.has(line.table))
        throw new BackupFormatError(
          `La copia trae una tabla desconocida: ${"table" in line ? line.table : "?"}.`,
        );
      const table = sql.identifier(line.table);
      await tx.execute(
        sql`insert into ${table} overriding system value select * from json_populate_recordset(null::${table}, ${JSON.stringify(line.rows)}::json)`,
      );
      summary.tables[line.table] = (summary.tables[line.table] ?? 0) + line.rows.length;
    }
    for (const { name, identityColumns } of backupTables)
      for (const column of identityColumns)
        await tx.execute(
          sql`select setval(pg_get_serial_sequence(${name}, ${column}), coalesce((select max(${sql.identifier(column)}) from ${sql.identifier(name)}), 0) + 1, false)`,
        );
    await tx.execute(sql`alter table audit_log enable trigger user`);
  });
  return summary;
}

async function readLine(iterator: AsyncIterator<string>): Promise<Line | undefined> {
  for (;;) {
    const { value, done } = await iterator.next();
    if (done) return undefined;
    if (value.trim()) return JSON.parse(value) as Line;
  }
}
