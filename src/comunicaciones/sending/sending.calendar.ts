// The schedule of mass sends: one at a time, at least COMM_SEND_GAP_MINUTES apart (a single-person notice
// does not count), checked under the sending lock so two schedulers cannot both take the same slot; the
// calendar of what is scheduled or being sent, by Bogotá day; a paused send resumed by OCS.
import type { JobQueue } from "../../core/jobs/jobs.types.ts";
import type { Db } from "../../db/client.ts";
import type { AuditContext } from "../../shared/audit.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import { AppError, forbidden } from "../../shared/errors.ts";
import { bogotaDay, endSentence, formatDateTime, formatTime, startOfBogotaDay } from "../../shared/time.ts";
import { canReadContent, requestCode } from "../requests/requests.rules.ts";
import { recordStep } from "../requests/requests.service.ts";
import type { CommRequest } from "../requests/requests.table.ts";
import * as repo from "./sending.repository.ts";

export const requireOcs = (user: CurrentUser) => {
  if (!user.roles.includes("comunicaciones"))
    throw forbidden("Solo la Oficina de Comunicaciones programa y reanuda los envíos.");
};

/** A Bogotá date ("yyyy-mm-dd") and time ("hh:mm") as an instant; undefined when the day does not exist. */
export function bogotaInstant(date: string, time: string): Date | undefined {
  const day = startOfBogotaDay(date);
  if (!day) return undefined;
  const [hours, minutes] = time.split(":").map(Number);
  return new Date(day.getTime() + ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000);
}

/**
 * Refused (409) when another mass send is scheduled within the gap: the message names it and proposes the
 * next free slot. Call inside the transaction that schedules, after `lockSchedule`.
 */
export async function checkGap(db: Db, request: CommRequest, at: Date, gapMinutes: number) {
  if (request.audienceKind === "persona" || gapMinutes === 0) return;
  const gap = gapMinutes * 60_000;
  const window = (t: Date) =>
    repo.massSendsBetween(db, new Date(t.getTime() - gap + 1), new Date(t.getTime() + gap - 1), request.id);
  const [collision] = await window(at);
  if (!collision?.scheduledAt) return;
  let next = new Date(collision.scheduledAt.getTime() + gap);
  for (let i = 0; i < 100; i++) {
    const others = await window(next);
    const last = others.at(-1)?.scheduledAt;
    if (!last) break;
    next = new Date(last.getTime() + gap);
  }
  throw new AppError(
    "comm.schedule_gap",
    409,
    `A esa hora ya está programada la comunicación ${requestCode(collision.number, collision.createdAt)} (${formatDateTime(collision.scheduledAt)}). Entre dos envíos masivos debe haber al menos ${gapMinutes} minutos. La siguiente hora libre es ${endSentence(formatDateTime(next))}`,
  );
}

export const lockSchedule = (tx: Db) => repo.lockSending(tx);

/** Scheduled and sending requests from today on, by Bogotá day; a sensitive notice's subject hidden. */
export async function calendar(db: Db, now: Date, user: CurrentUser) {
  const today = startOfBogotaDay(bogotaDay(now)) ?? now;
  const days = new Map<string, CalendarEntry[]>();
  for (const { request, dependenciaName } of await repo.calendarRows(db, today)) {
    if (!request.scheduledAt) continue;
    const day = bogotaDay(request.scheduledAt);
    const entry: CalendarEntry = {
      id: request.id,
      code: requestCode(request.number, request.createdAt),
      time: formatTime(request.scheduledAt),
      state: request.state,
      dependenciaName,
      subject: canReadContent(request, user.id) ? request.subject : undefined,
      single: request.audienceKind === "persona",
      paused: Boolean(request.pausedUntil && request.pausedUntil > now),
    };
    days.set(day, [...(days.get(day) ?? []), entry]);
  }
  return [...days].map(([day, entries]) => ({ day, entries }));
}
export interface CalendarEntry {
  id: string;
  code: string;
  time: string;
  state: CommRequest["state"];
  dependenciaName: string;
  subject: string | undefined;
  single: boolean;
  paused: boolean;
}

/** OCS ends a pause now (the server is back): the sender is queued at once. */
export async function resumeSending(
  db: Db,
  now: Date,
  audit: AuditContext,
  jobs: JobQueue,
  user: CurrentUser,
  id: string,
) {
  requireOcs(user);
  const current = await repo.findRequest(db, id);
  if (!current) throw new AppError("not_found", 404, "La solicitud no existe.");
  if (current.state !== "enviando" || !current.pausedUntil)
    throw new AppError("comm.not_paused", 409, "Ese envío no está en pausa: no hay nada que reanudar.");
  await db.transaction(async (tx) => {
    const request = await repo.updateRequestIf(tx, id, "enviando", {
      pausedUntil: null,
      pauseReason: null,
      updatedAt: now,
    });
    if (!request) return;
    await recordStep(tx, now, audit, {
      request,
      kind: "envio_iniciado",
      from: "enviando",
      comment: "Envío reanudado por la Oficina de Comunicaciones.",
      action: "comm_request.resumed",
    });
  });
  await jobs.send("sending.deliver", { requestId: id }, { singletonKey: `comm-send-${id}` });
}
