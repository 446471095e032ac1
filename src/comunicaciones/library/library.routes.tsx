// The library's pages: the public list and document pages with their file (cached by shared caches when
// nothing depends on who asks), and SSI's page to publish and withdraw documents.
import { Hono } from "hono";
import { toWebStream } from "../../core/storage/storage.types.ts";
import { mount } from "../../shared/auth/guard.ts";
import { AppError } from "../../shared/errors.ts";
import { formatFileSize } from "../../shared/files/checks.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { type FormErrors, type FormValues, readUploadForm, validateForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { formatDate, startOfBogotaDay } from "../../shared/time.ts";
import { pageContext } from "../../shared/views/page.ts";
import { LibraryAdminPage } from "./library.admin.views.tsx";
import { documentSchema, listQuerySchema, withdrawSchema } from "./library.schemas.ts";
import {
  createDocument,
  DOCUMENT_FILE_ACCEPT,
  type DocumentAccess,
  findDocumentFor,
  listForPublisher,
  listLibrary,
  openDocumentFile,
  type PublicDocument,
  withdrawDocument,
} from "./library.service.ts";
import { DocumentPage, LibraryPage, WithdrawnPage } from "./library.views.tsx";

const PAGE_MAX_AGE = 300;
const FILE_MAX_AGE = 3600;

/** An anonymous page without a one-time message is the same for everyone: shared caches may keep it. */
function pagePolicy(c: AppContext) {
  const shared = !c.var.user && !c.var.flash;
  c.header("Vary", "Cookie", { append: true });
  c.header("Cache-Control", shared ? `public, max-age=${PAGE_MAX_AGE}` : "private, no-cache");
  return shared;
}

function withoutCookies(response: Response, shared: boolean) {
  if (shared) response.headers.delete("Set-Cookie");
  return response;
}

/** «circular 004.pdf» as an ASCII fallback and as UTF-8 (RFC 6266 / 8187). */
function contentDisposition(disposition: "inline" | "attachment", fileName: string) {
  const ascii = fileName
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%;]/g, "_");
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** An internal document asked for without a session: to the login page, and back here afterwards. */
const toLogin = (c: AppContext) => c.redirect(`/ingresar?siguiente=${encodeURIComponent(c.req.path)}`, 303);

function answerNotOk(c: AppContext, access: Exclude<DocumentAccess, { kind: "ok" }>) {
  if (access.kind === "login") return toLogin(c);
  c.header("Cache-Control", "private, no-cache");
  return c.html(<WithdrawnPage ctx={pageContext(c)} {...access} />, 410);
}

const issuedOnText = (document: PublicDocument) => {
  const day = startOfBogotaDay(document.issuedOn);
  return day ? formatDate(new Date(day.getTime() + 12 * 3_600_000)) : document.issuedOn;
};

async function renderAdmin(
  c: AppContext,
  values: FormValues = {},
  errors: FormErrors = {},
  status: 200 | 409 | 422 = Object.keys(errors).length > 0 ? 422 : 200,
) {
  const { database, config } = c.var.deps;
  const rows = await listForPublisher(database.db, requireUser(c));
  return c.html(
    <LibraryAdminPage
      ctx={pageContext(c)}
      rows={rows}
      values={values}
      errors={errors}
      maxFileText={formatFileSize(config.evidence.maxFileBytes)}
      accept={DOCUMENT_FILE_ACCEPT}
    />,
    status,
  );
}

/** A refusal the person can fix on the form (409 duplicate, 422 file) is shown on it. */
const formProblem = (error: unknown) =>
  error instanceof AppError && (error.status === 409 || error.status === 422) ? error : undefined;

export function libraryRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "library.list", async (c) => {
    const query = listQuerySchema.parse(c.req.query());
    const list = await listLibrary(c.var.deps.database.db, c.var.user, query);
    const shared = pagePolicy(c);
    return withoutCookies(
      await c.html(<LibraryPage ctx={pageContext(c)} list={list} query={query} />),
      shared,
    );
  });

  mount(app, "library.show", async (c) => {
    const access = await findDocumentFor(c.var.deps.database.db, c.var.user, c.req.param("slug") ?? "");
    if (access.kind !== "ok") return answerNotOk(c, access);
    const shared = access.document.visibility === "publico" ? pagePolicy(c) : false;
    if (!shared) c.header("Cache-Control", "private, no-store");
    const page = (
      <DocumentPage
        ctx={pageContext(c)}
        document={access.document}
        issuedOnText={issuedOnText(access.document)}
      />
    );
    return withoutCookies(await c.html(page), shared);
  });

  mount(app, "library.file", async (c) => {
    const opened = await openDocumentFile(c.var.deps, c.var.user, c.req.param("slug") ?? "");
    if (opened.kind !== "file") return opened.kind === "ok" ? c.notFound() : answerNotOk(c, opened);
    const { document } = opened;
    const isPublic = document.visibility === "publico";
    c.header("Content-Type", document.contentType);
    const isPdf = document.contentType === "application/pdf";
    c.header("Content-Disposition", contentDisposition(isPdf ? "inline" : "attachment", document.fileName));
    c.header("Content-Length", String(document.size));
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Repr-Digest", `sha-256=:${Buffer.from(document.sha256, "hex").toString("base64")}:`);
    c.header("Cache-Control", isPublic ? `public, max-age=${FILE_MAX_AGE}` : "private, no-store");
    return withoutCookies(c.body(toWebStream(opened.stream)), isPublic);
  });

  mount(app, "library.manage", (c) => renderAdmin(c));

  mount(app, "library.create", async (c) => {
    const { values, upload } = await readUploadForm(c);
    const form = validateForm(documentSchema, values);
    if (!form.ok) return renderAdmin(c, values, form.errors);
    try {
      const document = await createDocument(c.var.deps, auditContext(c), requireUser(c), form.data, upload);
      return redirectWithFlash(c, "/admin/documentos", `Publicado en /documentos/${document.slug}.`);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      const field = problem.status === 422 ? "file" : "number";
      return renderAdmin(c, values, { [field]: problem.userMessage }, problem.status === 409 ? 409 : 422);
    }
  });

  mount(app, "library.withdraw", async (c) => {
    const { values } = await readUploadForm(c);
    const form = validateForm(withdrawSchema, values);
    if (!form.ok) return renderAdmin(c, {}, { _form: form.errors.reason ?? "Escriba el motivo del retiro." });
    const { database, clock } = c.var.deps;
    const id = c.req.param("id") ?? "";
    const document = await withdrawDocument(
      database.db,
      clock.now(),
      auditContext(c),
      requireUser(c),
      id,
      form.data.reason,
    );
    return redirectWithFlash(
      c,
      "/admin/documentos",
      `Retirado: /documentos/${document.slug} ya no se muestra.`,
    );
  });

  return app;
}
