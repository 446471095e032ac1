// Bench data: one printed card (and its person, dependencia and photo row), as a batch would leave it.
import { randomBytes } from "node:crypto";
import { generateCardCode } from "../src/carnetizacion/cards/cards.rules.ts";
import { cards } from "../src/carnetizacion/cards/cards.table.ts";
import { photos } from "../src/carnetizacion/photos/photos.table.ts";
import { dependencias } from "../src/core/dependencias/dependencias.table.ts";
import { people } from "../src/core/people/people.table.ts";
import type { Database } from "../src/db/client.ts";

export async function seedPrintedCard(database: Database): Promise<string> {
  const db = database.db;
  const now = new Date();
  const [dependencia] = await db
    .insert(dependencias)
    .values({ name: `Secretaría de Gobierno ${process.pid}`, sortOrder: 0 })
    .returning();
  const [person] = await db
    .insert(people)
    .values({
      documentType: "CC",
      documentNumber: `9${Date.now()}`.slice(0, 10),
      firstNames: "María José",
      lastNames: "Pérez Nariño",
      dependenciaId: dependencia?.id,
    })
    .returning();
  if (!person) throw new Error("seed failed");
  const [photo] = await db
    .insert(photos)
    .values({
      personId: person.id,
      state: "aprobada",
      originalKey: "photos/bench/original.jpg",
      portraitKey: "photos/bench/portrait.jpg",
      checks: [],
      checksPassed: true,
      createdAt: now,
    })
    .returning();
  const code = generateCardCode(randomBytes);
  await db.insert(cards).values({
    personId: person.id,
    state: "entregada",
    code,
    photoId: photo?.id,
    validUntil: "2099-12-31",
    printedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  return code;
}
