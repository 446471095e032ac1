// Logical backup and restore through SQL, the same for PGlite and PostgreSQL (and across them), with
// the stored files in the same archive: gzip'd JSON lines, one header line, then the files in base64
// parts, then batches of rows per table in foreign-key order, then one end line with the counts of what
// came before it, so a restore can tell a whole archive from one cut short at a line boundary.

import { createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import type { Storage } from "../core/storage/storage.types.ts";
import { FileRestorer } from "./backup.files.ts";
import {
  BackupFormatError,
  type EndLine,
  incomplete,
  isValidKey,
  type Line,
  MAX_LINE_BYTES,
  readLine,
  readLines,
} from "./backup.lines.ts";
import type { Db } from "./client.ts";
import { backupTableNames, backupTables } from "./tables.ts";

export { BackupFormatError, BackupStorageError, MAX_LINE_BYTES } from "./backup.lines.ts";

const FORMAT = "sipap-backup";
/**
 * 1: tables only; 2: files too; 3: an end line. Only 3 restores: without the end line a copy cut short
 * cannot be told from a whole one.
 */
export const BACKUP_VERSION = 3;
const BATCH = 2_000;
/** Raw bytes per file line (about 700 KB of base64), so no line holds a whole batch PDF. */
const FILE_PART = 512 * 1024;
/** Table rows per line stop growing past this many bytes of JSON (a list submission holds its rows). */
const ROWS_PER_LINE_BYTES = 4 * 1024 * 1024;

export interface BackupSummary {
  tables: Record<string, number>;
  files: { count: number; bytes: number };
}

export interface BackupResult extends BackupSummary {
  /** Stored objects left out because their names are not valid keys (".DS_Store", "lost+found"…). */
  skippedFiles: number;
}

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

async function* fileLines(storage: Storage, result: BackupResult) {
  for await (const key of storage.list("")) {
    // Something put there by hand or by the file system: get() would refuse it, and no row names it.
    if (!isValidKey(key)) {
      result.skippedFiles++;
      continue;
    }
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
      result.files.bytes += (chunk as Buffer).length;
    }
    yield { file: key, part, last: true, data: pending.toString("base64") };
    result.files.count++;
  }
}

/** One JSON line per batch of rows, split further so no line grows past ROWS_PER_LINE_BYTES. */
async function* tableLines(db: Db, result: BackupResult) {
  for (const table of backupTableNames) {
    result.tables[table] = 0;
    const prefix = `{"table":${JSON.stringify(table)},"rows":[`;
    for (let offset = 0; ; offset += BATCH) {
      const [row] = await rowsOf<{ rows: unknown[] | null }>(
        db,
        sql`select json_agg(t) as rows from (select * from ${sql.identifier(table)} order by 1 limit ${BATCH} offset ${offset}) t`,
      );
      const rows = row?.rows ?? [];
      if (rows.length === 0) break;
      let parts: string[] = [];
      let size = 0;
      for (const each of rows) {
        const json = JSON.stringify(each);
        const bytes = Buffer.byteLength(json);
        if (bytes + prefix.length + 3 > MAX_LINE_BYTES)
          throw new Error(
            `Una fila de la tabla ${table} es demasiado grande para la copia (${bytes} bytes).`,
          );
        if (parts.length > 0 && size + bytes > ROWS_PER_LINE_BYTES) {
          yield `${prefix}${parts.join(",")}]}\n`;
          parts = [];
          size = 0;
        }
        parts.push(json);
        size += bytes + 1;
      }
      yield `${prefix}${parts.join(",")}]}\n`;
      result.tables[table] += rows.length;
      if (rows.length < BATCH) break;
    }
  }
}

/**
 * Writes the whole database and every stored file to one archive. All tables are read from one
 * snapshot (a read-only REPEATABLE READ transaction), taken before the files are listed: since a file is
 * always stored before the row that names it, every row in the snapshot finds its file in the archive.
 * Stored objects whose names are not valid keys are left out and counted in `skippedFiles`.
 */
export async function backupDatabase(
  db: Db,
  storage: Storage,
  file: string,
  now: Date,
): Promise<BackupResult> {
  const result: BackupResult = { tables: {}, files: { count: 0, bytes: 0 }, skippedFiles: 0 };
  await db.transaction(
    async (tx) => {
      // The snapshot starts at the first query of the transaction: this one.
      const migrations = await migrationCount(tx);
      async function* lines() {
        yield `${JSON.stringify({ format: FORMAT, version: BACKUP_VERSION, createdAt: now.toISOString(), migrations, storage: storage.kind })}\n`;
        for await (const line of fileLines(storage, result)) yield `${JSON.stringify(line)}\n`;
        yield* tableLines(tx, result);
        const end: EndLine = { end: true, tables: result.tables, files: result.files };
        yield `${JSON.stringify(end)}\n`;
      }
      await pipeline(lines, createGzip(), createWriteStream(file, { mode: 0o600 }));
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  return result;
}

/**
 * Puts the backup's files back into the storage, then replaces every row of the database with the
 * backup's in one transaction (all or nothing), which commits only after the end line is read and its
 * counts match the rows and files read. Files come first, as the archive holds them, so the rows never
 * name a file that is not there. If anything fails after that (a copy cut short, a count that does not
 * match, a row the database refuses), the transaction rolls back and the files this restore added are
 * deleted again. Files that were already there are only ever rewritten with the same file: every key is
 * named after the UUID of what it belongs to (photos/<person>/<uuid>-…, batches/<batch>.pdf,
 * submissions/<uuid>.…), never reused for other content. Only a restore killed midway can leave added
 * files behind, named by no row.
 */
export async function restoreDatabase(db: Db, storage: Storage, file: string): Promise<BackupSummary> {
  // Opening first makes a missing file a plain ENOENT; pipeline forwards read and gunzip errors to the reader.
  const handle = await open(file);
  const gunzip = createGunzip();
  pipeline(handle.createReadStream(), gunzip).catch(() => {});
  const iterator = readLines(gunzip)[Symbol.asyncIterator]();
  try {
    return await restoreFrom(db, storage, iterator);
  } finally {
    // Stops reading (and closes the file) when the restore stopped early.
    gunzip.destroy();
  }
}

async function restoreFrom(
  db: Db,
  storage: Storage,
  iterator: AsyncIterator<string>,
): Promise<BackupSummary> {
  let header: { format?: string; version?: number; migrations?: number } | null;
  try {
    const first = await iterator.next();
    header = JSON.parse(first.done ? "{}" : first.value);
  } catch {
    throw new BackupFormatError("El archivo no es una copia de seguridad de SIPAP (no se pudo leer).");
  }
  if (typeof header !== "object" || header === null || header.format !== FORMAT)
    throw new BackupFormatError("El archivo no es una copia de seguridad de SIPAP en un formato conocido.");
  if (header.version === 1 || header.version === 2)
    throw new BackupFormatError(
      `La copia es de un formato anterior (versión ${header.version}) que no marca su final, así que no se puede comprobar que esté completa. Restáurela con la versión de SIPAP que la hizo o haga una copia nueva.`,
    );
  if (header.version !== BACKUP_VERSION)
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
  try {
    let next = await readLine(iterator);
    while (next && "file" in next) {
      await files.write(next);
      next = await readLine(iterator);
    }
    files.finish();
    summary.files = { count: files.count, bytes: files.bytes };

    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger user`);
      await tx.execute(
        sql`truncate ${sql.join(
          backupTableNames.map((t) => sql.identifier(t)),
          sql`, `,
        )} restart identity cascade`,
      );
      let end: EndLine | undefined;
      for (let line: Line | undefined = next; line; line = await readLine(iterator)) {
        if ("end" in line) {
          end = line;
          break;
        }
        if ("file" in line) throw new BackupFormatError("La copia trae un archivo después de las tablas.");
        if (!Object.hasOwn(summary.tables, line.table))
          throw new BackupFormatError(`La copia trae una tabla desconocida: ${line.table}.`);
        const table = sql.identifier(line.table);
        await tx.execute(
          sql`insert into ${table} overriding system value select * from json_populate_recordset(null::${table}, ${JSON.stringify(line.rows)}::json)`,
        );
        summary.tables[line.table] = (summary.tables[line.table] ?? 0) + line.rows.length;
      }
      // Thrown inside the transaction, so a copy cut short rolls back instead of leaving empty tables.
      if (!end) throw incomplete("le falta la marca de final (se cortó antes de terminar)");
      if (await readLine(iterator)) throw new BackupFormatError("La copia trae datos después de su final.");
      checkEnd(end, summary);
      for (const { name, identityColumns } of backupTables)
        for (const column of identityColumns)
          await tx.execute(
            sql`select setval(pg_get_serial_sequence(${name}, ${column}), coalesce((select max(${sql.identifier(column)}) from ${sql.identifier(name)}), 0) + 1, false)`,
          );
      await tx.execute(sql`alter table audit_log enable trigger user`);
    });
  } catch (error) {
    await files.undo();
    throw error;
  }
  return summary;
}

function checkEnd(end: EndLine, read: BackupSummary) {
  for (const table of Object.keys(end.tables))
    if (!Object.hasOwn(read.tables, table))
      throw new BackupFormatError(`La copia trae una tabla desconocida: ${table}.`);
  for (const [table, rows] of Object.entries(read.tables)) {
    const expected = Object.hasOwn(end.tables, table) ? end.tables[table] : 0;
    if (expected !== rows)
      throw incomplete(`la tabla ${table} trae ${rows} filas y la marca de final dice ${expected}`);
  }
  if (end.files.count !== read.files.count || end.files.bytes !== read.files.bytes)
    throw incomplete(
      `trae ${read.files.count} archivos (${read.files.bytes} bytes) y la marca de final dice ${end.files.count} (${end.files.bytes} bytes)`,
    );
}
