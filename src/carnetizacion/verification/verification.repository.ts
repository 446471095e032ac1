import { desc, eq, sql } from "drizzle-orm";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { people } from "../../core/people/people.table.ts";
import type { Db } from "../../db/client.ts";
import { cards } from "../cards/cards.table.ts";
import { photos } from "../photos/photos.table.ts";
import { type SigningKey, signingKeys } from "./verification.table.ts";

function prepareLookup(db: Db) {
  return db
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
    .where(eq(cards.code, sql.placeholder("code")))
    .prepare("verify_card");
}

// Prepared once per database: the public check is the busiest anonymous query, and on PostgreSQL a
// prepared statement skips parsing and planning the four-table join (several times faster here).
const lookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

/** The one query behind the public check: only the columns the public page may show. */
export async function findCardForVerification(db: Db, code: string) {
  let lookup = lookups.get(db);
  if (!lookup) {
    lookup = prepareLookup(db);
    lookups.set(db, lookup);
  }
  const [row] = await lookup.execute({ code });
  return row;
}

export async function findLatestKey(db: Db): Promise<SigningKey | undefined> {
  const [row] = await db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt)).limit(1);
  return row;
}

export function listKeys(db: Db) {
  return db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt));
}

// Any fixed number: the transaction-scoped advisory lock under which the first key is made.
const FIRST_KEY_LOCK = 7_301_001;

/**
 * The latest key, or the one `make` returns stored first when there is none. Instances starting together
 * on an empty database take turns under an advisory lock, so exactly one key is made and all sign with it.
 */
export async function findOrCreateKey(db: Db, make: () => SigningKey): Promise<SigningKey> {
  const existing = await findLatestKey(db);
  if (existing) return existing;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_KEY_LOCK})`);
    const found = await findLatestKey(tx);
    if (found) return found;
    const key = make();
    await tx.insert(signingKeys).values(key);
    return key;
  });
}
