// Logical backup and restore through SQL, the same for PGlite and PostgreSQL (and across them):
// gzip'd JSON lines, one header line and then batches of rows per table in foreign-key order.
import { createWriteStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { tablesInDependencyOrder, tablesWithIdentity } from "./schema.ts";

const FORMAT = "sipap-backup";
const VERSION = 1;
const BATCH = 2_000;

type TableName = (typeof tablesInDependencyOrder)[number];

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

export async function backupDatabase(db: Db, file: string, now: Date): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const migrations = await migrationCount(db);
  async function* lines() {
    yield `${JSON.stringify({ format: FORMAT, version: VERSION, createdAt: now.toISOString(), migrations })}\n`;
    for (const table of tablesInDependencyOrder) {
      counts[table] = 0;
      for (let offset = 0; ; offset += BATCH) {
        const [row] = await rowsOf<{ rows: unknown[] | null }>(
          db,
          sql`select json_agg(t) as rows from (select * from ${sql.identifier(table)} order by 1 limit ${BATCH} offset ${offset}) t`,
        );
        const rows = row?.rows ?? [];
        if (rows.length === 0) break;
        counts[table] += rows.length;
        yield `${JSON.stringify({ table, rows })}\n`;
        if (rows.length < BATCH) break;
      }
    }
  }
  await pipeline(lines, createGzip(), createWriteStream(file, { mode: 0o600 }));
  return counts;
}

export class BackupFormatError extends Error {}

/** Replaces every row of the database with the backup's, in one transaction: all or nothing. */
export async function restoreDatabase(db: Db, file: string): Promise<Record<string, number>> {
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
  if (header.format !== FORMAT || header.version !== VERSION)
    throw new BackupFormatError("El archivo no es una copia de seguridad de SIPAP en un formato conocido.");
  if (header.migrations !== (await migrationCount(db)))
    throw new BackupFormatError(
      `La copia es de otra versión de la base de datos (${header.migrations} migraciones; esta tiene ${await migrationCount(db)}). Restáurela con la versión de SIPAP que la hizo.`,
    );

  const counts: Record<string, number> = Object.fromEntries(tablesInDependencyOrder.map((t) => [t, 0]));
  const known = new Set<string>(tablesInDependencyOrder);
  await db.transaction(async (tx) => {
    const all = sql.join(
      tablesInDependencyOrder.map((t) => sql.identifier(t)),
      sql`, `,
    );
    await tx.execute(sql`alter table audit_log disable trigger user`);
    await tx.execute(sql`truncate ${all} restart identity cascade`);
    for await (const line of { [Symbol.asyncIterator]: () => iterator }) {
      if (!line.trim()) continue;
      const batch = JSON.parse(line) as { table: TableName; rows: unknown[] };
      if (!known.has(batch.table))
        throw new BackupFormatError(`La copia trae una tabla desconocida: ${batch.table}.`);
      const table = sql.identifier(batch.table);
      await tx.execute(
        sql`insert into ${table} overriding system value select * from json_populate_recordset(null::${table}, ${JSON.stringify(batch.rows)}::json)`,
      );
      counts[batch.table] = (counts[batch.table] ?? 0) + batch.rows.length;
    }
    for (const name of tablesWithIdentity) {
      const table = sql.identifier(name);
      await tx.execute(
        sql`select setval(pg_get_serial_sequence(${name}, 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`,
      );
    }
    await tx.execute(sql`alter table audit_log enable trigger user`);
  });
  return counts;
}
