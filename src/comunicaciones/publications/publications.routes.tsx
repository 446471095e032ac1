// Pages of publication requests: the requester files one (multipart, works without JavaScript) and follows
// it; SSI publishes it into the library or returns it with a comment.
import { Hono } from "hono";
import { toWebStream } from "../../core/storage/storage.types.ts";
import { mount } from "../../shared/auth/guard.ts";
import { AppError } from "../../shared/errors.ts";
import { formatFileSize } from "../../shared/files/checks.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { type FormErrors, type FormValues, readUploadForm, validateForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { DOCUMENT_FILE_ACCEPT } from "../library/library.service.ts";
import { decisionSchema, pubRequestSchema, returnSchema } from "./publications.schemas.ts";
import {
  defaultIssuingOffice,
  filePubRequest,
  listMyPubRequests,
  listPubQueue,
  openPubRequestFile,
  publishPubRequest,
  returnPubRequest,
  viewPubRequest,
} from "./publications.service.ts";
import {
  MyPubRequestsPage,
  PubQueuePage,
  PubRequestFormPage,
  PubRequestPage,
} from "./publications.views.tsx";

const requestId = (c: AppContext) => c.req.param("id") ?? "";

function renderForm(
  c: AppContext,
  values: FormValues,
  errors: FormErrors = {},
  status: 200 | 409 | 422 = 200,
) {
  return c.html(
    <PubRequestFormPage
      ctx={pageContext(c)}
      values={values}
      errors={errors}
      maxFileText={formatFileSize(c.var.deps.config.evidence.maxFileBytes)}
      accept={DOCUMENT_FILE_ACCEPT}
    />,
    Object.keys(errors).length > 0 && status === 200 ? 422 : status,
  );
}

async function renderRequest(c: AppContext, errors?: FormErrors, values?: FormValues) {
  const view = await viewPubRequest(c.var.deps.database.db, requireUser(c), requestId(c));
  return c.html(
    <PubRequestPage ctx={pageContext(c)} view={view} errors={errors} values={values} />,
    errors ? 422 : 200,
  );
}

export function publicationsRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "pubs.mine", async (c) => {
    const rows = await listMyPubRequests(c.var.deps.database.db, requireUser(c));
    return c.html(<MyPubRequestsPage ctx={pageContext(c)} rows={rows} />);
  });

  mount(app, "pubs.new", async (c) =>
    renderForm(c, { issuingOffice: await defaultIssuingOffice(c.var.deps.database.db, requireUser(c)) }),
  );

  mount(app, "pubs.create", async (c) => {
    const { values, upload } = await readUploadForm(c);
    const form = validateForm(pubRequestSchema, values);
    if (!form.ok) return renderForm(c, values, form.errors);
    try {
      const outcome = await filePubRequest(c.var.deps, auditContext(c), requireUser(c), form.data, upload);
      if (!outcome.ok) return renderForm(c, values, outcome.errors);
      return redirectWithFlash(
        c,
        `/publicaciones/solicitudes/${outcome.request.id}`,
        "Su solicitud de publicación quedó radicada. La Subsecretaría de Sistemas de Información la atenderá.",
      );
    } catch (error) {
      if (error instanceof AppError && error.status === 422)
        return renderForm(c, values, { file: error.userMessage });
      throw error;
    }
  });

  mount(app, "pubs.show", (c) => renderRequest(c));

  mount(app, "pubs.file", async (c) => {
    const { request, stream } = await openPubRequestFile(c.var.deps, requireUser(c), requestId(c));
    c.header("Content-Type", request.contentType);
    const ascii = request.fileName
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[^\x20-\x7e]/g, "_")
      .replace(/["\\%;]/g, "_");
    c.header(
      "Content-Disposition",
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(request.fileName)}`,
    );
    c.header("Content-Length", String(request.size));
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Cache-Control", "private, no-store");
    return c.body(toWebStream(stream));
  });

  mount(app, "pubs.queue", async (c) => {
    const { pending, handled } = await listPubQueue(c.var.deps.database.db, requireUser(c));
    return c.html(<PubQueuePage ctx={pageContext(c)} pending={pending} handled={handled} />);
  });

  mount(app, "pubs.publish", async (c) => {
    const { values } = await readUploadForm(c);
    const form = validateForm(decisionSchema, values);
    const { document, distribution } = await publishPubRequest(
      c.var.deps,
      auditContext(c),
      requireUser(c),
      requestId(c),
      form.ok ? form.data.rowVersion : undefined,
    );
    return redirectWithFlash(
      c,
      `/publicaciones/solicitudes/${requestId(c)}`,
      `Publicado en /documentos/${document.slug}.${distribution ? " La solicitud de difusión interna quedó en la bandeja de Comunicaciones." : ""}`,
    );
  });

  mount(app, "pubs.return", async (c) => {
    const { values } = await readUploadForm(c);
    const form = validateForm(returnSchema, values);
    if (!form.ok) return renderRequest(c, form.errors, values);
    const { database, clock } = c.var.deps;
    await returnPubRequest(
      database.db,
      clock.now(),
      auditContext(c),
      requireUser(c),
      requestId(c),
      form.data.rowVersion,
      form.data.comment,
    );
    return redirectWithFlash(
      c,
      `/publicaciones/solicitudes/${requestId(c)}`,
      "La solicitud quedó devuelta a la dependencia.",
    );
  });

  return app;
}
