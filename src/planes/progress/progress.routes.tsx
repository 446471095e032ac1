// Progress reporting's routes: the responsable opens a report from an activity's period, saves or sends it
// with its evidence (one multipart form), removes evidence; planeación reads the queue of a plan's sent
// reports and validates or returns each one.
import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { AppError } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { type FormErrors, type FormValues, readForm, validateForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { countOf, formatNumber } from "../../shared/words.ts";
import { type EvidenceUpload, FILE_ACCEPT, FILE_TYPES_TEXT } from "../evidence/evidence.service.ts";
import {
  reportFormSchema,
  returnSchema,
  reviewQuerySchema,
  startReportSchema,
  validateSchema,
} from "./progress.schemas.ts";
import {
  loadReport,
  removeReportEvidence,
  reportAbilities,
  returnReport,
  reviewQueue,
  saveReport,
  startReport,
  validateReport,
} from "./progress.service.ts";
import { ReportPage } from "./report.views.tsx";
import { ReviewQueuePage } from "./review.views.tsx";

const reportId = (c: AppContext) => c.req.param("reportId") ?? "";

async function renderReport(
  c: AppContext,
  extra: { errors?: FormErrors; values?: FormValues; status?: 200 | 409 | 422 } = {},
) {
  const { database, config } = c.var.deps;
  const user = requireUser(c);
  const loaded = await loadReport(database.db, user, reportId(c));
  const abilities = reportAbilities(user, loaded);
  const { planId, itemId } = loaded.row.report;
  const back =
    abilities.canEdit || (!user.roles.includes("planeacion") && user.roles.includes("responsable_plan"))
      ? { href: "/mis-actividades", label: "Volver a las actividades de mi dependencia" }
      : user.roles.includes("planeacion")
        ? { href: `/planes/${planId}/reportes`, label: "Volver a los reportes por revisar" }
        : { href: `/planes/${planId}/actividades/${itemId}`, label: "Volver a la actividad" };
  c.header("Cache-Control", "private, no-store");
  return c.html(
    <ReportPage
      ctx={pageContext(c)}
      loaded={loaded}
      abilities={abilities}
      limits={{ accept: FILE_ACCEPT, types: FILE_TYPES_TEXT, ...config.evidence }}
      back={back}
      errors={extra.errors}
      values={extra.values}
    />,
    extra.status ?? 200,
  );
}

/** The report form's text fields and every file chosen (a browser sends an empty part when none is). */
async function readReportForm(c: AppContext): Promise<{ values: FormValues; files: EvidenceUpload[] }> {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  const files: EvidenceUpload[] = [];
  for (const [key, value] of Object.entries(body)) {
    for (const part of Array.isArray(value) ? value : [value]) {
      if (typeof part === "string") {
        if (key !== "_csrf" && values[key] === undefined) values[key] = part;
      } else if (part instanceof File && (part.size > 0 || part.name))
        files.push({ fileName: part.name, bytes: Buffer.from(await part.arrayBuffer()) });
    }
  }
  return { values, files };
}

async function save(c: AppContext, submit: boolean) {
  const { values, files } = await readReportForm(c);
  const form = validateForm(reportFormSchema, values);
  if (!form.ok) return renderReport(c, { errors: form.errors, values, status: 422 });
  let result: Awaited<ReturnType<typeof saveReport>>;
  try {
    result = await saveReport(c.var.deps, auditContext(c), requireUser(c), reportId(c), form.data, files, {
      submit,
    });
  } catch (error) {
    // A refused file refuses the save: the form says which file and why, with what was typed.
    if (error instanceof AppError && error.status === 422)
      return renderReport(c, { errors: { evidencias: error.userMessage }, values, status: 422 });
    throw error;
  }
  if (!result.ok) return renderReport(c, { errors: result.errors, values, status: 422 });
  const { report, added } = result;
  const parts = [
    submit
      ? "Reporte enviado a planeación. Si lo devuelve, le llegará un correo con el motivo."
      : "Borrador guardado.",
    added.length > 0
      ? `Se ${added.length === 1 ? "agregó" : "agregaron"} ${countOf(added.length, "archivo", "archivos")} de evidencia.`
      : "",
    report.overMeta && report.quantity !== null
      ? `Atención: la cantidad reportada (${formatNumber(report.quantity, 1)}) supera la meta; planeación decide al validar.`
      : "",
  ];
  return redirectWithFlash(c, `/reportes/${report.id}`, parts.filter(Boolean).join(" "));
}

export function progressRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "reports.review", async (c) => {
    const query = reviewQuerySchema.parse(c.req.query());
    const queue = await reviewQueue(c.var.deps.database.db, c.req.param("id") ?? "", query.dependencia);
    c.header("Cache-Control", "private, no-store");
    return c.html(<ReviewQueuePage ctx={pageContext(c)} queue={queue} dependenciaId={query.dependencia} />);
  });

  mount(app, "reports.start", async (c) => {
    const { database, clock } = c.var.deps;
    const form = validateForm(startReportSchema, await readForm(c));
    const report = await startReport(database.db, clock.now(), auditContext(c), requireUser(c), {
      planId: c.req.param("id") ?? "",
      itemId: c.req.param("itemId") ?? "",
      periodKey: form.ok ? form.data.periodKey : "",
    });
    return c.redirect(`/reportes/${report.id}`, 303);
  });

  mount(app, "reports.show", (c) => renderReport(c));
  mount(app, "reports.save", (c) => save(c, false));
  mount(app, "reports.submit", (c) => save(c, true));

  mount(app, "reports.removeEvidence", async (c) => {
    const removed = await removeReportEvidence(
      c.var.deps,
      auditContext(c),
      requireUser(c),
      reportId(c),
      c.req.param("evidenceId") ?? "",
    );
    return redirectWithFlash(c, `/reportes/${reportId(c)}`, `Se quitó «${removed.fileName}» del reporte.`);
  });

  mount(app, "reports.validate", async (c) => {
    const form = validateForm(validateSchema, await readForm(c));
    if (!form.ok) return renderReport(c, { errors: form.errors, values: form.values, status: 422 });
    const { database, clock, config } = c.var.deps;
    const report = await validateReport(
      database.db,
      clock.now(),
      auditContext(c),
      reportId(c),
      form.data.comment,
      config,
    );
    return redirectWithFlash(
      c,
      `/planes/${report.planId}/reportes`,
      "Reporte validado: ya cuenta en el avance del plan.",
    );
  });

  mount(app, "reports.return", async (c) => {
    const form = validateForm(returnSchema, await readForm(c));
    if (!form.ok) return renderReport(c, { errors: form.errors, values: form.values, status: 422 });
    const { database, clock, config } = c.var.deps;
    const report = await returnReport(
      database.db,
      clock.now(),
      auditContext(c),
      reportId(c),
      form.data.comment,
      config,
    );
    return redirectWithFlash(
      c,
      `/planes/${report.planId}/reportes`,
      "Reporte devuelto. Las personas que reportan por esa dependencia reciben el comentario por correo.",
    );
  });

  return app;
}
