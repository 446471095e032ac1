// Indicators of each process (MIPG): the list with its filters and the creation form, one indicator with its
// history, planeación's edits, and the measurements with their evidence.
import { Hono } from "hono";
import { dependenciaOptions } from "../../core/dependencias/dependencias.service.ts";
import { mount } from "../../shared/auth/guard.ts";
import { AppError } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { type FormErrors, type FormValues, validateForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { bogotaDay } from "../../shared/time.ts";
import { pageContext } from "../../shared/views/page.ts";
import { FILE_ACCEPT, FILE_TYPES_TEXT } from "../evidence/evidence.service.ts";
import { IndicatorPage } from "./indicator.views.tsx";
import { indicatorListQuerySchema, indicatorSchema, measurementSchema } from "./indicators.schemas.ts";
import {
  createIndicator,
  listIndicators,
  readIndicatorAs,
  recordMeasurement,
  setIndicatorActive,
  updateIndicator,
} from "./indicators.service.ts";
import { IndicatorsPage } from "./indicators.views.tsx";

const today = (c: AppContext) => bogotaDay(c.var.deps.clock.now());
const isPlanner = (c: AppContext) => Boolean(c.var.user?.roles.includes("planeacion"));
const indicatorId = (c: AppContext) => c.req.param("id") ?? "";

async function renderList(c: AppContext, errors?: FormErrors, values?: FormValues) {
  const db = c.var.deps.database.db;
  const query = indicatorListQuerySchema.parse(errors ? {} : c.req.query());
  const { rows, years, all } = await listIndicators(db, requireUser(c), {
    dependenciaId: query.dependencia,
    year: query.vigencia,
  });
  return c.html(
    <IndicatorsPage
      ctx={pageContext(c)}
      rows={rows}
      years={years}
      all={all}
      filter={query}
      dependencias={all ? await dependenciaOptions(db) : []}
      canCreate={isPlanner(c)}
      errors={errors}
      values={values}
    />,
    errors ? 422 : 200,
  );
}

async function renderIndicator(
  c: AppContext,
  options: { editing?: boolean; errors?: FormErrors; values?: FormValues; status?: 409 | 422 } = {},
) {
  const db = c.var.deps.database.db;
  const detail = await readIndicatorAs(db, requireUser(c), indicatorId(c), today(c));
  const canManage = isPlanner(c);
  const editing = canManage && (options.editing ?? Boolean(c.req.query("editar")));
  return c.html(
    <IndicatorPage
      ctx={pageContext(c)}
      detail={detail}
      canManage={canManage}
      editing={editing}
      dependencias={editing ? await dependenciaOptions(db) : []}
      upload={{
        accept: FILE_ACCEPT,
        types: FILE_TYPES_TEXT,
        maxFileBytes: c.var.deps.config.evidence.maxFileBytes,
      }}
      errors={options.errors}
      values={options.values}
    />,
    options.errors ? (options.status ?? 422) : 200,
  );
}

/** Which field of the form a refusal belongs beside. */
const INDICATOR_FIELDS: Record<string, string> = {
  "indicators.unknown_dependencia": "dependenciaId",
  "indicators.locked_dependenciaId": "dependenciaId",
  "indicators.locked_frequency": "frequency",
  "indicators.locked_year": "year",
};
const MEASURE_FIELDS: Record<string, string> = {
  "indicators.unknown_period": "periodKey",
  "indicators.period_open": "periodKey",
  "indicators.period_measured": "replace",
};

/** A refusal the person can fix on the same form (409, 413, 422) is shown on it; anything else, the error page. */
const formProblem = (error: unknown) =>
  error instanceof AppError && (error.status === 409 || error.status === 413 || error.status === 422)
    ? error
    : undefined;

/** A multipart or urlencoded body: its text fields and its non-empty files under «evidence». */
async function readMeasureBody(c: AppContext) {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  const files: File[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === "_csrf") continue;
    const list = Array.isArray(value) ? value : [value];
    if (key === "evidence") files.push(...list.filter((v): v is File => v instanceof File && v.size > 0));
    else if (typeof list[0] === "string") values[key] = list[0];
  }
  return { values, files };
}

export function indicatorsRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "indicators.list", (c) => renderList(c));

  mount(app, "indicators.create", async (c) => {
    const form = validateForm(indicatorSchema, (await readMeasureBody(c)).values);
    if (!form.ok) return renderList(c, form.errors, form.values);
    const { database, clock } = c.var.deps;
    try {
      const indicator = await createIndicator(database.db, clock.now(), auditContext(c), form.data);
      return redirectWithFlash(
        c,
        `/indicadores/${indicator.id}`,
        "Indicador registrado. Su dependencia ya puede registrar sus mediciones.",
      );
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      return renderList(c, { [INDICATOR_FIELDS[problem.code] ?? "_form"]: problem.userMessage }, form.values);
    }
  });

  mount(app, "indicators.show", (c) => renderIndicator(c));

  mount(app, "indicators.update", async (c) => {
    const { database, clock } = c.var.deps;
    // Reading first: an unknown indicator is a 404 before anything is validated.
    await readIndicatorAs(database.db, requireUser(c), indicatorId(c), today(c));
    const { values } = await readMeasureBody(c);
    if (values.accion === "desactivar" || values.accion === "activar") {
      const active = values.accion === "activar";
      await setIndicatorActive(database.db, clock.now(), auditContext(c), indicatorId(c), active);
      return redirectWithFlash(
        c,
        `/indicadores/${indicatorId(c)}`,
        active
          ? "Indicador activado de nuevo: vuelve a recibir mediciones."
          : "Indicador desactivado: conserva su historia, pero ya no recibe mediciones.",
      );
    }
    const form = validateForm(indicatorSchema, values);
    if (!form.ok) return renderIndicator(c, { editing: true, errors: form.errors, values: form.values });
    try {
      await updateIndicator(database.db, clock.now(), auditContext(c), indicatorId(c), form.data);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      const field = INDICATOR_FIELDS[problem.code] ?? "_form";
      return renderIndicator(c, { editing: true, errors: { [field]: problem.userMessage }, values });
    }
    return redirectWithFlash(c, `/indicadores/${indicatorId(c)}`, "Cambios del indicador guardados.");
  });

  mount(app, "indicators.measure", async (c) => {
    const user = requireUser(c);
    const { database } = c.var.deps;
    // Reading first: an indicator of another dependencia is refused (403) before the form is looked at.
    await readIndicatorAs(database.db, user, indicatorId(c), today(c));
    const { values, files } = await readMeasureBody(c);
    const form = validateForm(measurementSchema, values);
    if (!form.ok) return renderIndicator(c, { editing: false, errors: form.errors, values });
    try {
      const uploads = await Promise.all(
        files.map(async (file) => ({ fileName: file.name, bytes: Buffer.from(await file.arrayBuffer()) })),
      );
      const saved = await recordMeasurement(
        c.var.deps,
        auditContext(c),
        user,
        indicatorId(c),
        form.data,
        uploads,
      );
      return redirectWithFlash(
        c,
        `/indicadores/${indicatorId(c)}`,
        `${saved.replaced ? "Medición reemplazada" : "Medición registrada"}: ${saved.periodLabel}.`,
      );
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      const field =
        MEASURE_FIELDS[problem.code] ?? (problem.code.startsWith("evidence.") ? "evidence" : "_form");
      const status = problem.status === 409 ? 409 : 422;
      return renderIndicator(c, { editing: false, errors: { [field]: problem.userMessage }, values, status });
    }
  });

  return app;
}
