// The tables backup and restore cover, derived from the Drizzle schema so a new table is never left out:
// in foreign-key order (parents first), and which of them have identity columns to move past on restore.
import { getTableName, is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "./schema.ts";

export interface TableInfo {
  name: string;
  /** Identity columns (generated ids) whose sequence restore moves past the restored rows. */
  identityColumns: string[];
}

function orderTables(): TableInfo[] {
  const tables = Object.values(schema as Record<string, unknown>).filter((value): value is PgTable =>
    is(value, PgTable),
  );
  const byName = new Map(tables.map((t) => [getTableName(t), t]));
  const ordered: TableInfo[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting")
      throw new Error(`foreign keys form a cycle: ${[...path, name].join(" → ")}`);
    const table = byName.get(name);
    if (!table) throw new Error(`table ${name} is referenced but not exported from schema.ts`);
    state.set(name, "visiting");
    const config = getTableConfig(table);
    for (const fk of config.foreignKeys) {
      const parent = getTableName(fk.reference().foreignTable);
      if (parent !== name) visit(parent, [...path, name]);
    }
    state.set(name, "done");
    ordered.push({
      name,
      identityColumns: config.columns
        .filter((c) => (c as { generatedIdentity?: unknown }).generatedIdentity)
        .map((c) => c.name),
    });
  };
  // Sorted first so the order is the same on every run, whatever the export order.
  for (const name of [...byName.keys()].sort()) visit(name, []);
  return ordered;
}

export const backupTables: readonly TableInfo[] = orderTables();
export const backupTableNames: readonly string[] = backupTables.map((t) => t.name);
