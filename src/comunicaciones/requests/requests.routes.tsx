// The requester's pages of communication requests: «Mis solicitudes», the form (new and edit, multipart: files
// and a list file), the request's page (also the reviewers'), its preview, comments with files, downloads,
// and sending a returned request back to review.
import type { Readable } from "node:stream";
import { Hono } from "hono";
import { dependenciaOptions } from "../../core/dependencias/dependencias.service.ts";
import { toWebStream } from "../../core/storage/storage.types.ts";
import { mount } from "../../shared/auth/guard.ts";
import { AppError } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { type FormErrors, type FormValues, readForm, validateForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { bogotaDay } from "../../shared/time.ts";
import { pageContext } from "../../shared/views/page.ts";
import type { CommAttachment } from "./requests.attachments.ts";
import { commentOnRequest, downloadAttachment } from "./requests.comments.ts";
import { editableRequest, type FormExtras, fileRequest, updateRequest } from "./requests.filing.ts";
import { PreviewPage } from "./requests.preview.views.tsx";
import { resubmitRequest } from "./requests.review.ts";
import { requestSchema, stepCommentSchema, versionSchema } from "./requests.schemas.ts";
import { listMine, previewRequest, viewRequest } from "./requests.service.ts";
import { RequestPage } from "./requests.show.views.tsx";
import { type AttachmentItem, MyRequestsPage, RequestFormPage } from "./requests.views.tsx";

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
  edit?: { id: string; code: string; notice?: string; attachments?: AttachmentItem[]; listCount?: number },
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
      attachments={edit?.attachments ?? []}
      listCount={edit?.listCount}
      limits={c.var.deps.config.comm}
    />,
    Object.keys(errors).length > 0 ? 422 : 200,
  );
}

type Part = string | File;
const filesOf = async (parts: Part[]) =>
  Promise.all(
    parts
      .filter((part): part is File => part instanceof File && (part.size > 0 || part.name !== ""))
      .map(async (part) => ({ fileName: part.name, bytes: Buffer.from(await part.arrayBuffer()) })),
  );

/** A form's text fields, its checked dependencias joined by commas, and its files (urlencoded or multipart). */
async function readRequestBody(c: AppContext): Promise<{ values: FormValues; extras: FormExtras }> {
  const body = await c.req.parseBody({ all: true });
  const all = (name: string): Part[] => {
    const value = body[name];
    return Array.isArray(value) ? (value as Part[]) : value === undefined ? [] : [value as Part];
  };
  const values = await readForm(c);
  values.dependencias = all("dependencias")
    .filter((v): v is string => typeof v === "string")
    .join(",");
  if (values.includeChildren === undefined) values.includeChildren = "no";
  const [mensaje, soporte, [listFile]] = await Promise.all([
    filesOf(all("adjuntos")),
    filesOf(all("soporte")),
    filesOf(all("listaArchivo")),
  ]);
  return {
    values,
    extras: {
      deps: c.var.deps,
      files: [
        ...mensaje.map((f) => ({ ...f, purpose: "mensaje" as const })),
        ...soporte.map((f) => ({ ...f, purpose: "soporte" as const })),
      ],
      listFile,
      removeAttachmentIds: all("quitar").filter((v): v is string => typeof v === "string"),
    },
  };
}

const attachmentItems = (rows: CommAttachment[]): AttachmentItem[] =>
  rows.map((a) => ({ id: a.id, fileName: a.fileName, size: a.size, purpose: a.purpose }));

function sendAttachment(c: AppContext, attachment: CommAttachment, stream: Readable) {
  c.header("Content-Type", attachment.contentType);
  c.header("Content-Disposition", contentDisposition(attachment.fileName));
  c.header("Content-Length", String(attachment.size));
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Cache-Control", "private, no-store");
  return c.body(toWebStream(stream));
}

/** «Informe final.pdf» as an ASCII fallback and as UTF-8 (RFC 6266 / 8187), with nothing that breaks the header. */
function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%;]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function requestsRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "comm.mine", async (c) => {
    const rows = await listMine(c.var.deps.database.db, requireUser(c));
    return c.html(<MyRequestsPage ctx={pageContext(c)} rows={rows} />);
  });

  mount(app, "comm.new", (c) => renderForm(c, { includeChildren: "si" }));

  mount(app, "comm.create", async (c) => {
    const { values, extras } = await readRequestBody(c);
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
      extras,
    );
    if (!outcome.ok) return renderForm(c, values, outcome.errors);
    // A list shows at once who will not receive the message (the preview lists them).
    const id = outcome.request.id;
    return outcome.request.audienceKind === "lista"
      ? redirectWithFlash(
          c,
          `/comunicaciones/solicitudes/${id}/vista-previa`,
          "Su solicitud quedó radicada. Revise abajo las direcciones de la lista que no recibirán el mensaje.",
        )
      : redirectWithFlash(
          c,
          `/comunicaciones/solicitudes/${id}`,
          "Su solicitud quedó radicada. La Oficina de Comunicaciones la revisará.",
        );
  });

  mount(app, "comm.preview", async (c) => {
    const { database, clock } = c.var.deps;
    const preview = await previewRequest(
      database.db,
      clock.now(),
      auditContext(c),
      domains(c),
      requireUser(c),
      requestId(c),
    );
    return c.html(<PreviewPage ctx={pageContext(c)} preview={preview} />);
  });

  mount(app, "comm.comment", async (c) => {
    const body = await c.req.parseBody({ all: true });
    const raw = body.archivos;
    const uploads = await filesOf(
      Array.isArray(raw) ? (raw as Part[]) : raw === undefined ? [] : [raw as Part],
    );
    const values = await readForm(c);
    const form = validateForm(stepCommentSchema, values);
    if (!form.ok) return renderRequest(c, { comentario: Object.values(form.errors)[0] ?? "" });
    try {
      const done = await commentOnRequest(
        c.var.deps,
        auditContext(c),
        requireUser(c),
        requestId(c),
        form.data,
        uploads,
      );
      return redirectWithFlash(
        c,
        `/comunicaciones/solicitudes/${requestId(c)}`,
        done.mailed
          ? "El comentario quedó guardado y los archivos viajarán con el mensaje. Si la solicitud estaba aprobada, vuelve a revisión."
          : "El comentario quedó guardado.",
      );
    } catch (error) {
      if (error instanceof AppError && error.status === 422)
        return renderRequest(c, { comentario: error.userMessage });
      throw error;
    }
  });

  mount(app, "comm.attachment", async (c) => {
    const { attachment, stream } = await downloadAttachment(
      c.var.deps,
      auditContext(c),
      requireUser(c),
      requestId(c),
      c.req.param("attachmentId") ?? "",
    );
    return sendAttachment(c, attachment, stream);
  });

  mount(app, "comm.show", (c) => renderRequest(c));

  mount(app, "comm.edit", async (c) => {
    const { request, code, personEmail, attachments, listCount } = await editableRequest(
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
    return renderForm(
      c,
      values,
      {},
      {
        id: request.id,
        code,
        notice: notice || undefined,
        attachments: attachmentItems(attachments),
        listCount,
      },
    );
  });

  mount(app, "comm.update", async (c) => {
    const { database, clock } = c.var.deps;
    const user = requireUser(c);
    const { request, code, attachments, listCount } = await editableRequest(database.db, user, requestId(c));
    const { values, extras } = await readRequestBody(c);
    const form = validateForm(requestSchema, values);
    const edit = { id: request.id, code, attachments: attachmentItems(attachments), listCount };
    if (!form.ok) return renderForm(c, values, form.errors, edit);
    const outcome = await updateRequest(
      database.db,
      clock.now(),
      auditContext(c),
      domains(c),
      user,
      request.id,
      form.data,
      extras,
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
