// OCS's and the Despacho's pages of communication requests: the queue, and the review steps on a request's
// page (take, return, reject, approve, schedule, unschedule) and the calendar of sends. A refused step shows the request again with the reason (422).
import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { AppError } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { readForm, validateForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { bogotaInstant, calendar } from "../sending/sending.calendar.ts";
import { scheduleSchema } from "../sending/sending.schemas.ts";
import {
  approveRequest,
  rejectRequest,
  returnRequest,
  scheduleRequest,
  takeRequest,
  unscheduleRequest,
} from "./requests.review.ts";
import { CalendarPage, QueuePage } from "./requests.review.views.tsx";
import { renderRequest } from "./requests.routes.tsx";
import { commentSchema, versionSchema } from "./requests.schemas.ts";
import { listQueue } from "./requests.service.ts";

const requestId = (c: AppContext) => c.req.param("id") ?? "";
const pageOf = (c: AppContext) => `/comunicaciones/solicitudes/${requestId(c)}`;

/** Runs a step; a refusal (422) re-renders the request's page with the reason. */
async function step(c: AppContext, run: () => Promise<void>, done: string, field = "_form") {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError && error.status === 422)
      return renderRequest(c, { [field]: error.userMessage });
    throw error;
  }
  return redirectWithFlash(c, pageOf(c), done);
}

export function requestsReviewRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "comm.queue", async (c) => {
    const rows = await listQueue(c.var.deps.database.db, c.var.deps.clock.now(), requireUser(c));
    return c.html(<QueuePage ctx={pageContext(c)} rows={rows} />);
  });

  mount(app, "comm.take", async (c) => {
    const { database, clock } = c.var.deps;
    return step(
      c,
      () => takeRequest(database.db, clock.now(), auditContext(c), requireUser(c), requestId(c)),
      "Usted tomó la solicitud para revisión.",
    );
  });

  for (const [id, action, run, done] of [
    ["comm.return", "devolver", returnRequest, "La solicitud fue devuelta a quien la pidió."],
    ["comm.reject", "rechazar", rejectRequest, "La solicitud fue rechazada."],
  ] as const)
    mount(app, id, async (c) => {
      const form = validateForm(commentSchema, await readForm(c));
      if (!form.ok)
        return renderRequest(c, { [`comment-${action}`]: form.errors.comment ?? "Escriba el motivo." });
      const { database, clock } = c.var.deps;
      return step(
        c,
        () => run(database.db, clock.now(), auditContext(c), requireUser(c), requestId(c), form.data),
        done,
      );
    });

  mount(app, "comm.approve", async (c) => {
    const form = validateForm(versionSchema, await readForm(c));
    const { database, clock, config } = c.var.deps;
    return step(
      c,
      () =>
        approveRequest(
          database.db,
          clock.now(),
          auditContext(c),
          config.comm.allowedDomains,
          requireUser(c),
          requestId(c),
          form.ok ? form.data : {},
        ),
      "La solicitud quedó aprobada.",
    );
  });

  mount(app, "comm.calendar", async (c) => {
    const days = await calendar(c.var.deps.database.db, c.var.deps.clock.now(), requireUser(c));
    return c.html(
      <CalendarPage ctx={pageContext(c)} days={days} gapMinutes={c.var.deps.config.comm.sendGapMinutes} />,
    );
  });

  mount(app, "comm.schedule", async (c) => {
    const form = validateForm(scheduleSchema, await readForm(c));
    if (!form.ok) return renderRequest(c, form.errors);
    const at = bogotaInstant(form.data.date, form.data.time);
    if (!at) return renderRequest(c, { date: "Esa fecha no existe: escríbala como aaaa-mm-dd." });
    const { database, clock, config } = c.var.deps;
    try {
      await scheduleRequest(
        database.db,
        clock.now(),
        auditContext(c),
        config.comm.sendGapMinutes,
        requireUser(c),
        requestId(c),
        { at, rowVersion: form.data.rowVersion },
      );
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.code !== "comm.schedule_gap"))
        throw error;
      // The page again, with the reason (and, for the gap, the next free slot) beside the date.
      const page = await renderRequest(c, { date: error.userMessage });
      return new Response(page.body, { status: error.status, headers: page.headers });
    }
    return redirectWithFlash(c, pageOf(c), "El envío quedó programado.");
  });

  mount(app, "comm.unschedule", async (c) => {
    const form = validateForm(versionSchema, await readForm(c));
    const { database, clock } = c.var.deps;
    return step(
      c,
      () =>
        unscheduleRequest(
          database.db,
          clock.now(),
          auditContext(c),
          requireUser(c),
          requestId(c),
          form.ok ? form.data : {},
        ),
      "Se quitó la programación: la solicitud sigue aprobada.",
    );
  });

  return app;
}
