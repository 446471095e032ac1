// Print batches: approved cards chosen by an operator become one PDF of CR80 pages for the card printer.
// Choosing is one transaction (cards become impresa, with their code, photo and validity); rendering
// runs afterwards in the background, with progress, and the PDF can be downloaded again.
import { randomBytes } from "node:crypto";
import type { Config } from "../../config.ts";
import { formatDocument } from "../../core/people/people.rules.ts";
import { getBuffer, type Storage } from "../../core/storage/storage.types.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { isUuid } from "../../shared/ids.ts";
import { type Logger, loggableError } from "../../shared/logger.ts";
import { bogotaDay, formatIsoDay, startOfBogotaDay } from "../../shared/time.ts";
import { countOf } from "../../shared/words.ts";
import { generateCardCode, missingData, validUntilFor } from "../cards/cards.rules.ts";
import { type CardMailSettings, markReadyForPickup, moveCard } from "../cards/cards.service.ts";
import { type CardPrintData, currentDesign, renderBatchPdf } from "../designs/designs.service.ts";
import { signCard } from "../verification/verification.service.ts";
import * as repo from "./batches.repository.ts";
import { batchUrlRefusal, verifyUrl } from "./batches.rules.ts";
import type { PrintBatch } from "./batches.table.ts";

export { batchUrlRefusal, verifyUrl } from "./batches.rules.ts";
export const findBatch = repo.findBatch;
export const findRenderingBatchIds = repo.findRenderingBatchIds;
export const findBatchCards = repo.findBatchCards;

/** The latest batches, each with where its cards are now. */
export async function listBatches(db: Db) {
  const batches = await repo.listBatches(db, 50);
  const states = await repo.findBatchCardStates(
    db,
    batches.map((b) => b.id),
  );
  return batches.map((batch) => ({ ...batch, cards: states.filter((row) => row.batchId === batch.id) }));
}

/** Cards waiting for print: for one dependencia and/or those queued on one Bogotá day (yyyy-mm-dd). */
export function findPrintQueue(db: Db, filter: { dependenciaId?: string; day?: string }) {
  const from = filter.day ? startOfBogotaDay(filter.day) : undefined;
  const to = from && new Date(from.getTime() + 86_400_000);
  return repo.findPrintQueue(db, { dependenciaId: filter.dependenciaId, from, to }, MAX_BATCH);
}

/** All printed cards of a batch become ready for pickup; each person gets their own e-mail. */
export async function markBatchReady(
  db: Db,
  at: Date,
  audit: AuditContext,
  settings: CardMailSettings,
  batchId: string,
) {
  const batch = await repo.findBatch(db, batchId);
  if (!batch) throw notFound("El lote");
  if (batch.state !== "lista")
    throw new AppError(
      "batches.not_rendered",
      409,
      "El PDF de este lote todavía no está listo: no se puede haber impreso. Espere a que termine.",
    );
  let moved = 0;
  for (const card of await repo.findBatchCards(db, batchId))
    if (card.state === "impresa" && !card.reprintedLater) {
      await markReadyForPickup(db, at, audit, settings, card.cardId);
      moved++;
    }
  return moved;
}

/** A card printer's hopper holds a few hundred cards; larger runs are split into several batches. */
export const MAX_BATCH = 500;

type BatchSettings = Pick<
  Config,
  "cards" | "publicBaseUrl" | "publicBaseUrlIsLocal" | "databaseUrl" | "entity"
>;
const fullName = (p: { firstNames: string; lastNames: string }) => `${p.firstNames} ${p.lastNames}`;
const nameList = (rows: { firstNames: string; lastNames: string }[]) => rows.map(fullName).join(", ");

/**
 * Puts the chosen cards in a new batch: all of them or none. Refused, naming the people, when a card is no
 * longer waiting for print, a person has no approved photo (or its file is gone) or lacks printed data.
 */
export async function createBatch(
  db: Db,
  storage: Storage,
  at: Date,
  audit: AuditContext,
  settings: BatchSettings,
  cardIds: string[],
): Promise<PrintBatch> {
  const refusal = batchUrlRefusal(settings);
  if (refusal) throw new AppError("batches.public_url", 422, refusal);
  const ids = [...new Set(cardIds)].filter(isUuid);
  if (ids.length === 0) throw new AppError("batches.empty", 422, "Marque al menos un carnet para el lote.");
  if (ids.length > MAX_BATCH)
    throw new AppError(
      "batches.too_big",
      422,
      `Un lote puede tener como máximo ${countOf(MAX_BATCH, "carnet", "carnets")}.`,
    );
  const rows = await repo.findCardsToPrint(db, ids);
  const notWaiting = rows.filter((row) => row.state !== "lista_para_imprimir");
  if (rows.length !== ids.length || notWaiting.length > 0)
    throw new AppError(
      "batches.not_waiting",
      409,
      `Estos carnets ya no están listos para imprimir (otra persona los tomó o cambiaron): ${nameList(notWaiting) || "algunos de los elegidos"}. Recargue la página.`,
    );
  const withoutPhoto = [];
  for (const row of rows)
    if (!row.portraitKey || !(await storage.has(row.portraitKey))) withoutPhoto.push(row);
  if (withoutPhoto.length > 0)
    throw new AppError(
      "batches.missing_photo",
      422,
      `Estas personas no tienen una foto aprobada disponible: ${nameList(withoutPhoto)}. Quítelas del lote.`,
    );
  const today = bogotaDay(at);
  const incomplete = rows.filter((row) => missingData(row, today).length > 0);
  if (incomplete.length > 0)
    throw new AppError(
      "batches.incomplete",
      422,
      `A estas personas les faltan datos para el carnet (o se les terminó el contrato): ${nameList(incomplete)}. Quítelas del lote; su página de carnet dice qué falta.`,
    );
  const byId = new Map(rows.map((row) => [row.cardId, row]));
  return db.transaction(async (tx) => {
    const batch = await repo.insertBatch(tx, {
      state: "generando",
      total: ids.length,
      createdBy: audit.actorId,
      createdAt: at,
    });
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) continue;
      await moveCard(tx, at, audit, id, "impresa", "Impreso en lote", {
        code: row.code ?? generateCardCode(randomBytes),
        photoId: row.photoId,
        validUntil: validUntilFor(row, today, settings.cards.plantaValidUntil),
        printedAt: at,
      });
    }
    await repo.insertBatchCards(
      tx,
      ids.map((cardId, position) => ({ batchId: batch.id, cardId, position })),
    );
    await recordAudit(tx, at, audit, {
      action: "batch.created",
      targetType: "batch",
      targetId: batch.id,
      details: { cards: ids.length },
    });
    return batch;
  });
}

/**
 * Renders the batch's PDF into storage; progress is saved as it goes. A failure is rethrown, so the job
 * queue retries it; only the last attempt (`finalAttempt`, the default for direct calls) marks the batch
 * «fallida» with a plain message for the operator.
 */
export async function renderBatch(
  db: Db,
  storage: Storage,
  logger: Logger,
  now: () => Date,
  settings: BatchSettings,
  batchId: string,
  options: { signal?: AbortSignal; finalAttempt?: boolean } = {},
): Promise<void> {
  const { signal, finalAttempt = true } = options;
  try {
    await repo.updateBatch(db, batchId, { state: "generando", done: 0, error: null });
    const design = await currentDesign(db);
    const data: CardPrintData[] = [];
    for (const row of await repo.findBatchCards(db, batchId)) {
      const photo = row.portraitKey ? await getBuffer(storage, row.portraitKey) : undefined;
      if (!photo || !row.code || !row.validUntil)
        throw new Error(`card ${row.cardId} lost its photo or code`);
      const dependencia = row.dependencia ?? "";
      data.push({
        photo,
        firstNames: row.firstNames,
        lastNames: row.lastNames,
        document: formatDocument(row.documentType, row.documentNumber),
        dependencia,
        position: row.position ?? "",
        bloodType: row.bloodType ?? "",
        validUntil: formatIsoDay(row.validUntil),
        code: row.code,
        verifyUrl: verifyUrl(settings.publicBaseUrl, row.code),
        signedPayload: await signCard(db, now(), {
          ...row,
          code: row.code,
          dependencia,
          validUntil: row.validUntil,
        }),
        entityName: settings.entity.name,
      });
    }
    const pdf = await renderBatchPdf(design, data, {
      onProgress: (done) => {
        // Shutting down: stop between cards; the queue renders the batch again from the start.
        signal?.throwIfAborted();
        return repo.updateBatch(db, batchId, { done });
      },
    });
    const fileKey = `batches/${batchId}.pdf`;
    await storage.put(fileKey, pdf, { contentType: "application/pdf" });
    await repo.updateBatch(db, batchId, {
      state: "lista",
      done: data.length,
      fileKey,
      fileBytes: pdf.length,
      finishedAt: now(),
    });
  } catch (error) {
    // An interrupted rendering is not a failed one, and neither is an attempt the queue will retry: the
    // batch stays «generando» and is rendered again.
    if (signal?.aborted || !finalAttempt) throw error;
    logger.error({ err: loggableError(error), batchId }, "batch rendering failed");
    await repo.updateBatch(db, batchId, {
      state: "fallida",
      error:
        error instanceof AppError
          ? error.userMessage
          : "No se pudo generar el PDF. Intente de nuevo; si vuelve a fallar, avise al administrador.",
      finishedAt: now(),
    });
    throw error;
  }
}

export async function downloadBatch(
  db: Db,
  storage: Storage,
  at: Date,
  audit: AuditContext,
  batchId: string,
) {
  const batch = await repo.findBatch(db, batchId);
  const pdf = batch?.fileKey ? await getBuffer(storage, batch.fileKey) : undefined;
  if (!batch || !pdf) throw notFound("El PDF del lote");
  await recordAudit(db, at, audit, { action: "batch.downloaded", targetType: "batch", targetId: batch.id });
  return { batch, pdf };
}
