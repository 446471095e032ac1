// OCI's follow-ups: the cuts of a plan (open one), a follow-up's page (verify, close, publish), the report's
// downloads (staff: audited, a draft while open), and the public pages and files of published follow-ups,
// cached like the rest of «Transparencia» (public for anonymous visitors, private for a signed-in person).
import { createHash } from "node:crypto";
import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { can } from "../../shared/auth/permissions.ts";
import { AppError } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { parseForm, readForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { bogotaDay } from "../../shared/time.ts";
import { pageContext } from "../../shared/views/page.ts";
import { countOf } from "../../shared/words.ts";
import {
  publicFollowup,
  publicReportFile,
  type ReportFile,
  type ReportFormat,
  staffReportFile,
} from "./followups.public.ts";
import { PublicFollowupPage } from "./followups.public.views.tsx";
import { dayText } from "./followups.rules.ts";
import { cutParam, openSchema, verifySchema } from "./followups.schemas.ts";
import {
  closeFollowup,
  followupSheet,
  listCuts,
  openFollowup,
  publishFollowup,
  verifyActivity,
  verifyComponentAsReported,
} from "./followups.service.ts";
import { FollowupPage, type VerifyProblem } from "./followups.sheet.views.tsx";
import { CutsPage } from "./followups.views.tsx";

const MAX_AGE = 300;
const today = (c: AppContext) => bogotaDay(c.var.deps.clock.now());
const planId = (c: AppContext) => c.req.param("id") ?? "";
const followupId = (c: AppContext) => c.req.param("followupId") ?? "";
const isControl = (c: AppContext) => can(requireUser(c).roles, "followups.verify");

async function renderCuts(c: AppContext, problem?: string) {
  const view = await listCuts(c.var.deps.database.db, planId(c), today(c));
  return c.html(
    <CutsPage
      ctx={pageContext(c)}
      view={view}
      canOpen={isControl(c)}
      errors={problem ? { _form: problem } : undefined}
    />,
    problem ? 422 : 200,
  );
}

/** The sheet's address showing one component (and, after a save, the activity). */
const sheetOf = (id: string, componentId: string, itemId?: string) =>
  `/seguimientos/${id}?componente=${componentId}${itemId ? `#a-${itemId}` : ""}`;

async function renderSheet(
  c: AppContext,
  refused?: { missing?: { code: string | null; label: string }[]; problem?: VerifyProblem },
) {
  const sheet = await followupSheet(c.var.deps.database.db, followupId(c), today(c));
  return c.html(
    <FollowupPage
      ctx={pageContext(c)}
      sheet={sheet}
      canAct={isControl(c)}
      componentId={c.req.query("componente")}
      missing={refused?.missing}
      problem={refused?.problem}
    />,
    refused ? 422 : 200,
  );
}

async function staffFile(c: AppContext, format: ReportFormat) {
  const { database, clock, config } = c.var.deps;
  const file = await staffReportFile(
    database.db,
    clock.now(),
    auditContext(c),
    followupId(c),
    format,
    config.entity.name,
  );
  c.header("Cache-Control", "private, no-store");
  return sendFile(c, file);
}

function sendFile(c: AppContext, file: ReportFile) {
  c.header("Content-Type", file.contentType);
  c.header("Content-Disposition", `attachment; filename="${file.fileName}"`);
  c.header("X-Content-Type-Options", "nosniff");
  return c.body(new Uint8Array(file.body));
}

/** Anonymous visitors share one cached copy (without the per-browser cookie); a signed-in person's is private. */
function publicPolicy(c: AppContext) {
  const shared = !c.var.user && !c.var.flash;
  c.header("Cache-Control", shared ? `public, max-age=${MAX_AGE}` : "private, no-cache");
  return shared;
}

const matches = (c: AppContext, etag: string) =>
  (c.req.header("if-none-match") ?? "").split(/\s*,\s*/).some((tag) => tag === etag || tag === `W/${etag}`);

function withoutCookies(response: Response, shared: boolean) {
  if (shared) response.headers.delete("Set-Cookie");
  return response;
}

async function publicPage(c: AppContext) {
  const followup = await publicFollowup(
    c.var.deps.database.db,
    c.req.param("slug") ?? "",
    cutParam(c.req.param("cut")),
  );
  c.header("Vary", "Cookie", { append: true });
  const shared = publicPolicy(c);
  const html = (await (<PublicFollowupPage ctx={pageContext(c)} followup={followup} />)).toString();
  const etag = `"${createHash("sha256").update(html).digest("base64url").slice(0, 27)}"`;
  c.header("ETag", etag);
  if (matches(c, etag)) return withoutCookies(c.body(null, 304), shared);
  return withoutCookies(c.html(html), shared);
}

async function publicFile(c: AppContext, format: ReportFormat) {
  const file = await publicReportFile(
    c.var.deps.database.db,
    c.req.param("slug") ?? "",
    cutParam(c.req.param("cut")),
    format,
  );
  const shared = publicPolicy(c);
  c.header("ETag", file.etag);
  if (matches(c, file.etag)) return withoutCookies(c.body(null, 304), shared);
  return withoutCookies(sendFile(c, { ...file, body: await file.body() }), shared);
}

/** A refusal the person can act on (422) is shown on the page; anything else goes to the error page. */
const formProblem = (error: unknown) =>
  error instanceof AppError && error.status === 422 ? error : undefined;

export function followupsRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "followups.list", (c) => renderCuts(c));

  mount(app, "followups.open", async (c) => {
    const form = await parseForm(c, openSchema);
    if (!form.ok) return renderCuts(c, form.errors.cutOn ?? "Elija el corte que va a seguir.");
    const { database, clock } = c.var.deps;
    try {
      const followup = await openFollowup(
        database.db,
        clock.now(),
        auditContext(c),
        planId(c),
        form.data.cutOn,
      );
      return redirectWithFlash(
        c,
        `/seguimientos/${followup.id}`,
        `Seguimiento del corte del ${dayText(followup.cutOn)} abierto. Los reportes hasta el corte quedaron bloqueados.`,
      );
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      return renderCuts(c, problem.userMessage);
    }
  });

  mount(app, "followups.show", (c) => renderSheet(c));

  mount(app, "followups.verify", async (c) => {
    const itemId = c.req.param("itemId") ?? "";
    const form = await parseForm(c, verifySchema);
    if (!form.ok) return renderSheet(c, { problem: { itemId, errors: form.errors, values: form.values } });
    const { database, clock } = c.var.deps;
    const { leaf, componentId } = await verifyActivity(
      database.db,
      clock.now(),
      auditContext(c),
      followupId(c),
      itemId,
      form.data,
    );
    return redirectWithFlash(
      c,
      sheetOf(followupId(c), componentId, itemId),
      `Verificación de la actividad ${leaf.code ?? ""} guardada.`.replace("  ", " "),
    );
  });

  mount(app, "followups.verifyAsReported", async (c) => {
    const { database, clock } = c.var.deps;
    const { component, count } = await verifyComponentAsReported(
      database.db,
      clock.now(),
      auditContext(c),
      followupId(c),
      c.req.param("componentId") ?? "",
    );
    return redirectWithFlash(
      c,
      sheetOf(followupId(c), component.id),
      count === 0
        ? "No quedaban actividades con avance validado sin verificar en este componente."
        : `${countOf(count, "actividad verificada", "actividades verificadas")} con el porcentaje reportado. Revise y corrija las que no coincidan con lo que encontró.`,
    );
  });

  mount(app, "followups.close", async (c) => {
    const { database, clock, config } = c.var.deps;
    const result = await closeFollowup(
      database.db,
      clock.now(),
      auditContext(c),
      followupId(c),
      config.entity.name,
    );
    if (!result.ok) return renderSheet(c, { missing: result.missing });
    return redirectWithFlash(
      c,
      `/seguimientos/${followupId(c)}`,
      "Seguimiento cerrado: el informe quedó congelado. Revíselo y publíquelo antes del plazo.",
    );
  });

  mount(app, "followups.publish", async (c) => {
    const { database, clock } = c.var.deps;
    // Publishing is for good: the form asks control interno to say the report was checked.
    if ((await readForm(c)).confirm !== "si")
      return redirectWithFlash(
        c,
        `/seguimientos/${followupId(c)}`,
        "Para publicar, marque la casilla que confirma que revisó el informe: publicado ya no se puede cambiar.",
      );
    const { late, dueOn } = await publishFollowup(database.db, clock.now(), auditContext(c), followupId(c));
    return redirectWithFlash(
      c,
      `/seguimientos/${followupId(c)}`,
      late
        ? `Informe publicado en Transparencia, después del plazo (${dayText(dueOn)}).`
        : "Informe publicado en Transparencia, dentro del plazo.",
    );
  });

  mount(app, "followups.xlsx", (c) => staffFile(c, "xlsx"));
  mount(app, "followups.pdf", (c) => staffFile(c, "pdf"));

  mount(app, "transparency.followup", (c) => publicPage(c));
  mount(app, "transparency.followupXlsx", (c) => publicFile(c, "xlsx"));
  mount(app, "transparency.followupPdf", (c) => publicFile(c, "pdf"));

  return app;
}
