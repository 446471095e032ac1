import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { type Dependencia, dependencias } from "./dependencias.table.ts";

export const findAllDependencias = (db: Db): Promise<Dependencia[]> => db.select().from(dependencias);

export async function findDependencia(db: Db, id: string): Promise<Dependencia | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(dependencias).where(eq(dependencias.id, id));
  return row;
}

export async function findDependenciaByName(db: Db, name: string): Promise<Dependencia | undefined> {
  const [row] = await db.select().from(dependencias).where(eq(dependencias.name, name));
  return row;
}

export async function insertDependencia(
  db: Db,
  values: typeof dependencias.$inferInsert,
): Promise<Dependencia> {
  const [row] = await db.insert(dependencias).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function updateDependencia(
  db: Db,
  id: string,
  values: Partial<typeof dependencias.$inferInsert>,
) {
  await db.update(dependencias).set(values).where(eq(dependencias.id, id));
}
