import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { cards } from "../cards/cards.table.ts";
import { dependencias } from "../dependencias/dependencias.table.ts";
import { people } from "../people/people.table.ts";
import { photos } from "../photos/photos.table.ts";
import { type SigningKey, signingKeys } from "./verification.table.ts";

/** The one query behind the public check: only the columns the public page may show. */
export async function findCardForVerification(db: Db, code: string) {
  const [row] = await db
    .select({
      state: cards.state,
      validUntil: cards.validUntil,
      disabledReason: cards.disabledReason,
      firstNames: people.firstNames,
      lastNames: people.lastNames,
      dependencia: dependencias.name,
      portraitKey: photos.portraitKey,
    })
    .from(cards)
    .innerJoin(people, eq(people.id, cards.personId))
    .leftJoin(dependencias, eq(dependencias.id, people.dependenciaId))
    .leftJoin(photos, eq(photos.id, cards.photoId))
    .where(eq(cards.code, code));
  return row;
}

export async function findLatestKey(db: Db): Promise<SigningKey | undefined> {
  const [row] = await db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt)).limit(1);
  return row;
}

export function listKeys(db: Db) {
  return db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt));
}

export async function insertKey(db: Db, key: SigningKey) {
  await db.insert(signingKeys).values(key).onConflictDoNothing();
}
