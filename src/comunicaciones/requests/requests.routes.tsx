// The requester's pages of communication requests: «Mis solicitudes», the form (new and edit), the request's
// page (also the reviewers'), and sending a returned request back to review.
import { Hono } from "hono";
import { dependenciaOptions } from "../../core/dependencias/dependencias.service.ts";
import { mount } from "../../shared/auth/guard.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import {
  type FormErrors,
  type FormValues,
  readForm,
  readFormList,
  validateForm,
} from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { bogotaDay } from "../../shared/time.ts";
import { pageContext } from "../../shared/views/page.ts";
import { resubmitRequest } from "./requests.review.ts";
import { requestSchema, versionSchema } from "./requests.schemas.ts";
import { editableRequest, fileRequest, listMine, updateRequest, viewRequest } from "./requests.service.ts";
import { RequestPage } from "./requests.show.views.tsx";
import { MyRequestsPage, RequestFormPage } from "./requests.views.tsx";

const requestId = (c: AppContext) => c.req.param("id") ?? "";
const domains = (c: AppContext) => c.var.deps.config.comm.allowedDomains;

export async function renderRequest(c: AppContext, errors?: FormErrors) {
  const { database, clock } = c.var.deps;
  const view = await viewRequest(
    database.db,
    clock.now(),
    auditContext(c),
    domains(c),
    requireUser(c),
    requestId(c),
  );
  return c.html(<RequestPage ctx={pageContext(c)} view={view} errors={errors} />, errors ? 422 : 200);
}

async function renderForm(
  c: AppContext,
  values: FormValues,
  errors: FormErrors = {},
  edit?: { id: string; code: string; notice?: string },
) {
  return c.html(
    <RequestFormPage
      ctx={pageContext(c)}
      action={edit ? `/comunicaciones/solicitudes/${edit.id}/editar` : "/comunicaciones/solicitudes"}
      title={edit ? `Modificar la solicitud ${edit.code}` : "Nueva solicitud de comunicación"}
      values={values}
      errors={errors}
      dependencias={await dependenciaOptions(c.var.deps.database.db)}
      notice={edit?.notice}
    />,
    Object.keys(errors).length > 0 ? 422 : 200,
  );
}

/** The form's values, with the checked dependencias joined by commas. */
async function readRequestForm(c: AppContext) {
  const values = await readForm(c);
  values.dependencias = (await readFormList(c, "dependencias")).join(",");
  if (values.includeChildren === undefined) values.includeChildren = "no";
  return values;
}

export function requestsRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "comm.mine", async (c) => {
    const rows = await listMine(c.var.deps.database.db, requireUser(c));
    return c.html(<MyRequestsPage ctx={pageContext(c)} rows={rows} />);
  });

  mount(app, "comm.new", (c) => renderForm(c, { includeChildren: "si" }));

  mount(app, "comm.create", async (c) => {
    const values = await readRequestForm(c);
    const form = validateForm(requestSchema, values);
    if (!form.ok) return renderForm(c, values, form.errors);
    const { database, clock } = c.var.deps;
    const outcome = await fileRequest(
      database.db,
      clock.now(),
      auditContext(c),
      domains(c),
      requireUser(c),
      form.data,
    );
    if (!outcome.ok) return renderForm(c, values, outcome.errors);
    return redirectWithFlash(
      c,
      `/comunicaciones/solicitudes/${outcome.request.id}`,
      "Su solicitud quedó radicada. La Oficina de Comunicaciones la revisará.",
    );
  });

  mount(app, "comm.show", (c) => renderRequest(c));

  mount(app, "comm.edit", async (c) => {
    const { request, code, personEmail } = await editableRequest(
      c.var.deps.database.db,
      requireUser(c),
      requestId(c),
    );
    const backToReview = request.state === "aprobado" || request.state === "programado";
    const values: FormValues = {
      purpose: request.purpose,
      classification: request.classification,
      audienceKind: request.audienceKind,
      dependencias: request.audienceDependenciaIds.join(","),
      includeChildren: request.audienceIncludeChildren ? "si" : "no",
      vinculacion: request.audienceVinculacion ?? "",
      personDocument: "",
      desiredDate: bogotaDay(request.desiredAt),
      desiredTime: new Intl.DateTimeFormat("en-GB", {
        timeZone: "America/Bogota",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }).format(request.desiredAt),
      subject: request.subject,
      body: request.body,
      rowVersion: String(request.rowVersion),
    };
    const notice = [
      backToReview ? "La solicitud ya fue aprobada: si la modifica, vuelve a revisión." : "",
      request.audienceKind === "persona"
        ? `Vuelva a escribir el documento de la persona${personEmail ? ` (hoy: ${personEmail})` : ""}.`
        : "",
    ]
      .filter(Boolean)
      .join(" ");
    return renderForm(c, values, {}, { id: request.id, code, notice: notice || undefined });
  });

  mount(app, "comm.update", async (c) => {
    const { database, clock } = c.var.deps;
    const user = requireUser(c);
    const { request, code } = await editableRequest(database.db, user, requestId(c));
    const values = await readRequestForm(c);
    const form = validateForm(requestSchema, values);
    const edit = { id: request.id, code };
    if (!form.ok) return renderForm(c, values, form.errors, edit);
    const outcome = await updateRequest(
      database.db,
      clock.now(),
      auditContext(c),
      domains(c),
      user,
      request.id,
      form.data,
    );
    if (!outcome.ok) return renderForm(c, values, outcome.errors, edit);
    const message =
      outcome.request.state !== request.state
        ? "La solicitud quedó modificada y vuelve a revisión: debe aprobarse de nuevo."
        : "La solicitud quedó modificada.";
    return redirectWithFlash(c, `/comunicaciones/solicitudes/${request.id}`, message);
  });

  mount(app, "comm.resubmit", async (c) => {
    const form = validateForm(versionSchema, await readForm(c));
    const { database, clock } = c.var.deps;
    await resubmitRequest(
      database.db,
      clock.now(),
      auditContext(c),
      requireUser(c),
      requestId(c),
      form.ok ? form.data : {},
    );
    return redirectWithFlash(
      c,
      `/comunicaciones/solicitudes/${requestId(c)}`,
      "La solicitud volvió a revisión.",
    );
  });

  return app;
}
