import { and, asc, eq, gt, gte, lt, or } from "drizzle-orm";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { photos } from "../photos/photos.table.ts";
import { type RejectionReason, rejectionReasons } from "./review.table.ts";

const queueColumns = {
  photoId: photos.id,
  personId: people.id,
  firstNames: people.firstNames,
  lastNames: people.lastNames,
  documentType: people.documentType,
  documentNumber: people.documentNumber,
  dependencia: dependencias.name,
  checksPassed: photos.checksPassed,
  hasExplanation: photos.explanation,
  createdAt: photos.createdAt,
};

/** Photos waiting for review, oldest first; `after` pages through the queue (by time, then id). */
export function findQueue(
  db: Db,
  filter: { dependenciaId?: string; from?: Date; to?: Date; after?: { createdAt: Date; id: string } },
  limit: number,
) {
  const { dependenciaId, from, to, after } = filter;
  return db
    .select(queueColumns)
    .from(photos)
    .innerJoin(people, eq(people.id, photos.personId))
    .leftJoin(dependencias, eq(dependencias.id, people.dependenciaId))
    .where(
      and(
        eq(photos.state, "en_revision"),
        dependenciaId ? eq(people.dependenciaId, dependenciaId) : undefined,
        from ? gte(photos.createdAt, from) : undefined,
        to ? lt(photos.createdAt, to) : undefined,
        after
          ? or(
              gt(photos.createdAt, after.createdAt),
              and(eq(photos.createdAt, after.createdAt), gt(photos.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(photos.createdAt), asc(photos.id))
    .limit(limit);
}

export async function findPhoto(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(photos).where(eq(photos.id, id));
  return row;
}

export function listReasons(db: Db, onlyActive: boolean): Promise<RejectionReason[]> {
  return db
    .select()
    .from(rejectionReasons)
    .where(onlyActive ? eq(rejectionReasons.active, true) : undefined)
    .orderBy(asc(rejectionReasons.position), asc(rejectionReasons.label));
}

export async function findReason(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(rejectionReasons).where(eq(rejectionReasons.id, id));
  return row;
}

export async function insertReason(db: Db, label: string) {
  const existing = await listReasons(db, false);
  const position = Math.max(0, ...existing.map((r) => r.position)) + 1;
  await db
    .insert(rejectionReasons)
    .values({ label, position })
    .onConflictDoUpdate({
      target: rejectionReasons.label,
      set: { active: true },
    });
}

export async function setReasonActive(db: Db, id: string, active: boolean) {
  await db.update(rejectionReasons).set({ active }).where(eq(rejectionReasons.id, id));
}
