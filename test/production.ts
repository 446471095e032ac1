// Factories for SSI production tests: people whose card waits in the print queue, and batches made of them.
import { eq } from "drizzle-orm";
import { createBatch, renderBatch } from "../src/carnetizacion/batches/batches.service.ts";
import { findLatestCard } from "../src/carnetizacion/cards/cards.service.ts";
import { type CheckedPhoto, checkPhoto, savePhoto } from "../src/carnetizacion/photos/photos.service.ts";
import { approvePhoto } from "../src/carnetizacion/review/review.service.ts";
import { people } from "../src/core/people/people.table.ts";
import { systemAuditContext } from "../src/shared/audit.ts";
import type { TestContext } from "./app.ts";
import { makePerson } from "./factories.ts";
import { fixture } from "./photos.ts";

let goodPhoto: Promise<CheckedPhoto> | undefined;
/** The acceptable fixture, checked once per test file (face detection is the slow part). */
export const checkedGoodPhoto = () => {
  goodPhoto ??= checkPhoto(fixture("portrait-white-bg.jpg"));
  return goodPhoto;
};

/** A person with complete data and a photo in review (not yet approved). */
export async function makePersonWithPhotoInReview(
  ctx: TestContext,
  options: {
    dependenciaId?: string;
    vinculacion?: "planta" | "ops";
    contractEnd?: string;
    email?: string;
  } = {},
) {
  const person = await makePerson(ctx, { dependenciaId: options.dependenciaId });
  const vinculacion = options.vinculacion ?? "ops";
  await ctx.database.db
    .update(people)
    .set({
      position: "Profesional universitario",
      bloodType: "O+",
      vinculacion,
      email: options.email ?? `p${person.documentNumber}@pasto.gov.co`,
      ...(vinculacion === "ops"
        ? {
            contractNumber: `OPS-${person.documentNumber}`,
            contractStart: "2026-01-15",
            contractEnd: options.contractEnd ?? "2026-12-31",
          }
        : {}),
    })
    .where(eq(people.id, person.id));
  const photo = await savePhoto(
    ctx.database.db,
    ctx.deps.storage,
    ctx.clock.now(),
    { ...systemAuditContext, actorId: person.id },
    person.id,
    await checkedGoodPhoto(),
  );
  return { person, photo };
}

/** A person whose card waits in the print queue (photo approved by an operator). */
export async function makeReadyToPrint(
  ctx: TestContext,
  options: Parameters<typeof makePersonWithPhotoInReview>[1] = {},
) {
  const { person, photo } = await makePersonWithPhotoInReview(ctx, options);
  await approvePhoto(ctx.database.db, ctx.clock.now(), systemAuditContext, photo.id);
  const card = await findLatestCard(ctx.database.db, person.id);
  if (card?.state !== "lista_para_imprimir") throw new Error(`card is ${card?.state}`);
  return { person, photo, card };
}

/** Prints the cards in a batch and waits for its PDF. */
export async function printBatch(ctx: TestContext, cardIds: string[]) {
  const { database, storage, logger, config } = ctx.deps;
  const batch = await createBatch(database.db, storage, ctx.clock.now(), systemAuditContext, config, cardIds);
  await renderBatch(database.db, storage, logger, () => ctx.clock.now(), config, batch.id);
  return batch;
}
