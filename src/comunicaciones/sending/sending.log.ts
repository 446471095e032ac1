// The delivery log of a request: one row per recipient with its state (sent, failed with the server's
// reason, dropped with why, «posible duplicado»), filtered and paginated, with the summary counts. Seen by
// whoever may see the request; a sensitive notice's recipient only by its readers (redacted in the service).
import type { Db } from "../../db/client.ts";
import type { CurrentUser } from "../../shared/auth/roles.ts";
import { canReadContent, requestCode } from "../requests/requests.rules.ts";
import { requestOr404 } from "../requests/requests.service.ts";
import * as repo from "./sending.repository.ts";
import { type DeliveryState, summarise } from "./sending.rules.ts";

export const LOG_PAGE_SIZE = 50;

export async function deliveryLog(
  db: Db,
  user: CurrentUser,
  id: string,
  query: { state: DeliveryState | undefined; page: number },
) {
  const request = await requestOr404(db, id, user);
  const readable = canReadContent(request, user.id);
  const summary = summarise(await repo.countDeliveries(db, request.id));
  const rows = await repo.listDeliveries(db, request.id, query.state, {
    offset: (query.page - 1) * LOG_PAGE_SIZE,
    limit: LOG_PAGE_SIZE + 1,
  });
  return {
    request: {
      id: request.id,
      state: request.state,
      pausedUntil: request.pausedUntil,
      pauseReason: request.pauseReason,
      subject: readable ? request.subject : undefined,
    },
    code: requestCode(request.number, request.createdAt),
    readable,
    summary,
    state: query.state,
    page: query.page,
    hasMore: rows.length > LOG_PAGE_SIZE,
    rows: rows.slice(0, LOG_PAGE_SIZE).map((row) => ({
      id: row.id,
      state: row.state,
      // Who received a sensitive notice is part of its content.
      name: readable ? row.name : "Reservado",
      email: readable ? row.email : null,
      dependenciaName: readable ? row.dependenciaName : "",
      dropReason: row.dropReason,
      lastError: readable ? row.lastError : null,
      attempts: row.attempts,
      sentAt: row.sentAt,
      recovered: row.recovered,
    })),
  };
}
export type DeliveryLog = Awaited<ReturnType<typeof deliveryLog>>;
