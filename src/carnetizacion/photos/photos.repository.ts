import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { PhotoState } from "./photos.rules.ts";
import { type Photo, photos } from "./photos.table.ts";

export async function findLatestPhoto(db: Db, personId: string): Promise<Photo | undefined> {
  const [row] = await db
    .select()
    .from(photos)
    .where(eq(photos.personId, personId))
    .orderBy(desc(photos.createdAt))
    .limit(1);
  return row;
}

export async function findPhotosInStates(db: Db, personId: string, states: PhotoState[]) {
  return db
    .select()
    .from(photos)
    .where(and(eq(photos.personId, personId), inArray(photos.state, states)));
}

/** Uploads the person made themselves since a moment (the office's uploads on their behalf do not count). */
export async function countOwnUploads(db: Db, personId: string, since: Date | undefined): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(photos)
    .where(
      and(
        eq(photos.personId, personId),
        eq(photos.uploadedBy, personId),
        since ? gte(photos.createdAt, since) : undefined,
      ),
    );
  return row?.n ?? 0;
}

export async function insertPhoto(db: Db, values: typeof photos.$inferInsert): Promise<Photo> {
  const [row] = await db.insert(photos).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Moves a photo only if it is still in the expected state; false when someone else moved it first. */
export async function updatePhotoState(
  db: Db,
  id: string,
  from: PhotoState,
  set: Partial<typeof photos.$inferInsert> & { state: PhotoState },
): Promise<boolean> {
  const rows = await db
    .update(photos)
    .set(set)
    .where(and(eq(photos.id, id), eq(photos.state, from)))
    .returning({ id: photos.id });
  return rows.length === 1;
}

/** Rejected photos decided before a moment whose original file is still kept, oldest first. */
export async function findRejectedWithOriginal(db: Db, decidedBefore: Date, limit: number) {
  return db
    .select({
      id: photos.id,
      personId: photos.personId,
      originalKey: photos.originalKey,
      reviewedAt: photos.reviewedAt,
    })
    .from(photos)
    .where(
      and(eq(photos.state, "rechazada"), lt(photos.reviewedAt, decidedBefore), isNotNull(photos.originalKey)),
    )
    .orderBy(asc(photos.reviewedAt))
    .limit(limit);
}

/** Forgets the original's key (null: deleted by retention), only if it is still the one read. */
export async function clearOriginalKey(db: Db, photoId: string, originalKey: string): Promise<boolean> {
  const rows = await db
    .update(photos)
    .set({ originalKey: null })
    .where(and(eq(photos.id, photoId), eq(photos.originalKey, originalKey)))
    .returning({ id: photos.id });
  return rows.length > 0;
}
