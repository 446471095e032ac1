// The cards' lives, told in order over the last weeks: photos approved, three print batches rendered through
// the real batch service, cards handed over, a misprint, a loss, a reprint, contracts that ended. The crowd
// moves in bulk (demo.repository.ts writes the rows the services write); each distinct event goes through
// the real service.
import { createBatch, renderBatch } from "../carnetizacion/batches/batches.service.ts";
import {
  disableCard,
  expireCards,
  markDelivered,
  moveCard,
  reprintCard,
} from "../carnetizacion/cards/cards.service.ts";
import type { Person } from "../core/people/people.service.ts";
import * as repo from "./demo.repository.ts";
import type { Profile } from "./demo.roster.ts";
import { actingAs, type Cast, type DemoContext, timeline } from "./demo.story.ts";

const group = (cast: Cast, ...profiles: Profile[]) => profiles.flatMap((p) => cast.byProfile.get(p) ?? []);

/**
 * Approved photos for everybody whose card gets printed or waits for print: uploaded by the person, approved
 * by an operator a day later, and (with complete data) the card joins the print queue that moment.
 */
async function approvePhotosOf(ctx: DemoContext, cast: Cast, people: Person[], uploadDay: number) {
  const { ago } = timeline(ctx.now);
  const operator = cast.operators[0] as Person;
  const photoRows: Parameters<typeof repo.insertPhotos>[1] = [];
  const history: repo.HistoryRow[] = [];
  const queued = new Map<number, string[]>();
  const writes: Promise<void>[] = [];
  people.forEach((person, i) => {
    const bucket = i % 5;
    const uploadedAt = ago(uploadDay - bucket, 8 + (i % 9));
    const approvedAt = ago(uploadDay - bucket - 1, 10 + (i % 6));
    const look = ctx.photos.good[i % ctx.photos.good.length];
    if (!look?.files) throw new Error("demo photo without files");
    const id = crypto.randomUUID();
    const keys = {
      originalKey: `photos/${person.id}/${id}-original.jpg`,
      portraitKey: `photos/${person.id}/${id}-portrait.jpg`,
    };
    writes.push(ctx.storage.put(keys.originalKey, look.files.original));
    writes.push(ctx.storage.put(keys.portraitKey, look.files.portrait));
    photoRows.push({
      id,
      personId: person.id,
      state: "aprobada",
      ...keys,
      checks: look.checks,
      checksPassed: true,
      uploadedBy: person.id,
      createdAt: uploadedAt,
      reviewedBy: operator.id,
      reviewedAt: approvedAt,
    });
    history.push(
      {
        subjectType: "photo",
        subjectId: id,
        from: null,
        to: "en_revision",
        actorId: person.id,
        at: uploadedAt,
        details: { personId: person.id, byOperator: false, failed: [] },
      },
      {
        subjectType: "photo",
        subjectId: id,
        from: "en_revision",
        to: "aprobada",
        actorId: operator.id,
        at: approvedAt,
      },
    );
    const complete = person.bloodType && person.vinculacion && person.position;
    const cardId = cast.cardOf.get(person.id);
    if (complete && cardId) {
      queued.set(approvedAt.getTime(), [...(queued.get(approvedAt.getTime()) ?? []), cardId]);
      history.push({
        subjectType: "card",
        subjectId: cardId,
        from: "solicitada",
        to: "lista_para_imprimir",
        actorId: operator.id,
        reason: "Foto aprobada y datos completos",
        at: approvedAt,
      });
    }
  });
  await Promise.all(writes);
  await repo.insertPhotos(ctx.db, photoRows);
  for (const [time, cardIds] of queued)
    await repo.moveCards(ctx.db, cardIds, "solicitada", "lista_para_imprimir", new Date(time));
  await repo.insertHistory(ctx.db, history);
}

/** A print batch through the real service, its PDF rendered a couple of minutes later. */
async function printBatch(ctx: DemoContext, cast: Cast, people: Person[], at: Date) {
  const operator = cast.operators[0] as Person;
  const cardIds = people.map((p) => cast.cardOf.get(p.id) as string);
  const batch = await createBatch(ctx.db, ctx.storage, at, actingAs(operator), ctx.config, cardIds);
  await renderBatch(
    ctx.db,
    ctx.storage,
    ctx.logger,
    () => new Date(at.getTime() + 120_000),
    ctx.config,
    batch.id,
  );
  return batch;
}

/** Hands cards over in bulk (lanyard included), a few days' worth of pickups. */
async function deliverCrowd(ctx: DemoContext, cast: Cast, people: Person[], firstDay: number) {
  const { ago } = timeline(ctx.now);
  const operator = cast.operators[1] ?? (cast.operators[0] as Person);
  const byTime = new Map<number, string[]>();
  people.forEach((p, i) => {
    const at = ago(firstDay - (i % 4), 8 + (i % 8)).getTime();
    byTime.set(at, [...(byTime.get(at) ?? []), cast.cardOf.get(p.id) as string]);
  });
  const history: repo.HistoryRow[] = [];
  for (const [time, ids] of byTime) {
    const at = new Date(time);
    await repo.moveCards(ctx.db, ids, "lista_para_entrega", "entregada", at, {
      deliveredAt: at,
      lanyard: "entregada",
    });
    for (const id of ids)
      history.push({
        subjectType: "card",
        subjectId: id,
        from: "lista_para_entrega",
        to: "entregada",
        actorId: operator.id,
        at,
      });
  }
  await repo.insertHistory(ctx.db, history);
}

/**
 * A batch's cards become ready for pickup, as the batch page's «listos para entregar» does card by card,
 * and each person's notice is in the outbox as delivered (the demo's older mail has gone out).
 */
async function announceReady(ctx: DemoContext, cast: Cast, people: Person[], at: Date) {
  const operator = cast.operators[0] as Person;
  const ids = people.map((p) => cast.cardOf.get(p.id) as string);
  await repo.moveCards(ctx.db, ids, "impresa", "lista_para_entrega", at);
  await repo.insertHistory(
    ctx.db,
    ids.map((id) => ({
      subjectType: "card" as const,
      subjectId: id,
      from: "impresa",
      to: "lista_para_entrega",
      actorId: operator.id,
      at,
    })),
  );
  await repo.insertSentMessages(
    ctx.db,
    people
      .filter((p) => p.email)
      .map((p) => ({
        recipient: p.email as string,
        personId: p.id,
        subject: "Su carnet está listo para recoger",
        kind: "card_ready",
        createdAt: at,
        sentAt: new Date(at.getTime() + 60_000),
      })),
  );
}

/** From approved photos to cards handed over, lost, replaced, expired: everything before the lists. */
export async function tellCardLives(ctx: DemoContext, cast: Cast) {
  const { ago } = timeline(ctx.now);
  const operator = cast.operators[0] as Person;
  const as = actingAs(operator);
  const delivered = group(cast, "entregada");
  const firstRun = [
    ...group(
      cast,
      "cinta_pendiente",
      "cinta_por_lista",
      "por_recuperar",
      "devuelta",
      "perdida",
      "reemplazo",
      "vencimiento",
      "otra",
      "mal_impreso",
    ),
    ...delivered.slice(0, 3),
  ];
  const secondRun = [...delivered.slice(3), ...group(cast, "lista_para_entrega")];
  const thirdRun = group(cast, "impresa");
  await approvePhotosOf(ctx, cast, firstRun, 28);
  await approvePhotosOf(ctx, cast, secondRun, 18);
  // The staff's own cards wait in the print queue with everybody else's.
  await approvePhotosOf(
    ctx,
    cast,
    [...thirdRun, ...cast.staff, ...group(cast, "lista_para_imprimir", "datos_incompletos")],
    8,
  );

  // First batch: printed, one card misprinted and sent back to the queue, the rest ready and mostly handed over.
  await printBatch(ctx, cast, firstRun, ago(20, 10));
  for (const p of group(cast, "mal_impreso"))
    await moveCard(
      ctx.db,
      ago(20, 11),
      as,
      cast.cardOf.get(p.id) as string,
      "lista_para_imprimir",
      "Mal impreso",
    );
  const misprinted = group(cast, "mal_impreso");
  await announceReady(
    ctx,
    cast,
    firstRun.filter((p) => !misprinted.includes(p)),
    ago(19, 8),
  );
  const lanyardLater = group(cast, "cinta_pendiente");
  await deliverCrowd(
    ctx,
    cast,
    firstRun.filter((p) => !lanyardLater.includes(p) && !misprinted.includes(p)),
    18,
  );
  for (const [i, p] of lanyardLater.entries())
    await markDelivered(ctx.db, ago(17 - (i % 3), 11), as, cast.cardOf.get(p.id) as string, "pendiente");

  // Second batch, with the misprinted card again; a week later most are collected.
  await printBatch(ctx, cast, [...secondRun, ...misprinted], ago(9, 10));
  await announceReady(ctx, cast, [...secondRun, ...misprinted], ago(8, 8));
  await deliverCrowd(ctx, cast, [...delivered.slice(3), ...misprinted], 7);

  // Contracts that ended: the hourly job disables those cards (vencimiento).
  await expireCards(ctx.db, ago(5, 1));
  for (const p of group(cast, "perdida"))
    await disableCard(
      ctx.db,
      ago(7, 15),
      as,
      cast.cardOf.get(p.id) as string,
      "perdida",
      "Reportado por el titular",
    );
  for (const p of group(cast, "otra"))
    await disableCard(
      ctx.db,
      ago(6, 16),
      as,
      cast.cardOf.get(p.id) as string,
      "otra",
      "El cargo impreso no corresponde; se pidió corregirlo",
    );
  for (const p of group(cast, "reemplazo")) {
    const card = await reprintCard(
      ctx.db,
      ago(6, 10),
      as,
      cast.cardOf.get(p.id) as string,
      "Carnet deteriorado",
    );
    cast.cardOf.set(p.id, card.id);
  }

  // Third batch, yesterday: printed, not yet announced to its people.
  await printBatch(ctx, cast, thirdRun, ago(1, 10));
}
