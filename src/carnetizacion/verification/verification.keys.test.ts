// Two instances starting together on an empty database must end up signing with one and the same key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresTestDatabaseUrl, createTestDatabase, usingPostgres } from "../../../test/db.ts";
import { type Database, openPglite, openPostgres } from "../../db/client.ts";
import { listKeys } from "./verification.repository.ts";
import { parsePayload } from "./verification.rules.ts";
import { publishedKeys, signCard, verifyPayload } from "./verification.service.ts";

// Two Database objects on one database, as two instances have: on PostgreSQL two pools; on PGlite two
// Drizzle instances over the one embedded database (each with its own key cache).
let first: Database;
let second: Database;
beforeAll(async () => {
  if (usingPostgres()) {
    const url = await createPostgresTestDatabaseUrl();
    first = await openPostgres(url, { poolSize: 2 });
    second = await openPostgres(url, { poolSize: 2 });
  } else {
    first = await createTestDatabase();
    second = await openPglite(undefined, first.pglite);
  }
});
afterAll(async () => {
  if (usingPostgres()) await second.close();
  await first.close();
});

const card = (code: string) => ({
  code,
  firstNames: "Ana",
  lastNames: "Rosero",
  dependencia: "Secretaría de Educación",
  validUntil: "2026-12-31",
});

describe("the card signing key", () => {
  it("is made once when two instances sign their first cards at the same moment", async () => {
    const at = new Date("2026-02-02T14:00:00Z");
    const payloads = await Promise.all([
      signCard(first.db, at, card("AAAAAAAAAAAAAAAA")),
      signCard(second.db, at, card("BBBBBBBBBBBBBBBB")),
      signCard(first.db, at, card("CCCCCCCCCCCCCCCC")),
      signCard(second.db, at, card("DDDDDDDDDDDDDDDD")),
    ]);
    expect(await listKeys(first.db)).toHaveLength(1);
    const kids = new Set(payloads.map((p) => parsePayload(p)?.claims.k));
    expect(kids.size).toBe(1);
    const jwks = await publishedKeys(second.db);
    for (const payload of payloads) expect(verifyPayload(payload, jwks)).toBeDefined();
  });
});
