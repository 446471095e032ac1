// Consultations: OCS asks from a request's page (a refusal shows the page again with the reason); the
// consulted office's inbox and its answer.
import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { AppError } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { readForm, validateForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { viewRequest } from "../requests/requests.service.ts";
import { RequestPage } from "../requests/requests.show.views.tsx";
import { answerSchema, consultSchema } from "./consultations.schemas.ts";
import { answerConsultation, askConsultation, consultationInbox } from "./consultations.service.ts";
import { InboxPage } from "./consultations.views.tsx";

const INBOX = "/comunicaciones/consultas";

/** The request's page again with the reason a consultation was refused (422). */
async function renderRequest(c: AppContext, errors: Record<string, string>) {
  const { database, clock, config } = c.var.deps;
  const view = await viewRequest(
    database.db,
    clock.now(),
    auditContext(c),
    config.comm.allowedDomains,
    requireUser(c),
    c.req.param("id") ?? "",
  );
  return c.html(<RequestPage ctx={pageContext(c)} view={view} errors={errors} />, 422);
}

async function renderInbox(c: AppContext, failed?: Parameters<typeof InboxPage>[0]["failed"]) {
  const rows = await consultationInbox(c.var.deps.database.db, requireUser(c));
  return c.html(<InboxPage ctx={pageContext(c)} rows={rows} failed={failed} />, failed ? 422 : 200);
}

export function consultationsRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "comm.consult", async (c) => {
    const id = c.req.param("id") ?? "";
    const form = validateForm(consultSchema, await readForm(c));
    if (!form.ok) return renderRequest(c, form.errors);
    const { database, clock } = c.var.deps;
    try {
      await askConsultation(database.db, clock.now(), auditContext(c), requireUser(c), id, form.data);
    } catch (error) {
      if (error instanceof AppError && error.status === 422)
        return renderRequest(c, { office: error.userMessage });
      throw error;
    }
    return redirectWithFlash(
      c,
      `/comunicaciones/solicitudes/${id}`,
      "La consulta quedó enviada. Le avisaremos cuando la respondan.",
    );
  });

  mount(app, "consults.inbox", (c) => renderInbox(c));

  mount(app, "consults.answer", async (c) => {
    const id = c.req.param("consultationId") ?? "";
    const values = await readForm(c);
    const form = validateForm(answerSchema, values);
    if (!form.ok) return renderInbox(c, { id, values, errors: form.errors });
    const { database, clock } = c.var.deps;
    await answerConsultation(database.db, clock.now(), auditContext(c), requireUser(c), id, form.data);
    return redirectWithFlash(c, INBOX, "Su respuesta quedó enviada a la Oficina de Comunicaciones.");
  });

  return app;
}
