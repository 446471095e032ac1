// Staff pages of plans: the list and creation, a plan with its tree, timeline and activities, the
// transitions (approve, publish, new version, close), «Actividades de mi dependencia» and the plan types.
import { Hono } from "hono";
import { dependenciaOptions, findDependencia } from "../../core/dependencias/dependencias.service.ts";
import { mount } from "../../shared/auth/guard.ts";
import { can } from "../../shared/auth/permissions.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { type FormErrors, type FormValues, parseForm, readForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { bogotaDay } from "../../shared/time.ts";
import { pageContext } from "../../shared/views/page.ts";
import { activityProgress } from "../progress/progress.service.ts";
import { loadPlanProgress } from "../progress/rollup.service.ts";
import { ItemPage, MyActivitiesPage } from "./activity.views.tsx";
import { PlanPage } from "./plan.views.tsx";
import { myInbox } from "./plans.mine.ts";
import {
  approveSchema,
  newVersionSchema,
  planCreateSchema,
  planListQuerySchema,
  planTypeSchema,
  treeQuerySchema,
} from "./plans.schemas.ts";
import {
  approvePlan,
  closePlan,
  createPlan,
  findItem,
  findOpenImport,
  findPlanType,
  listPlans,
  listPlanTypes,
  planTimeline,
  planTree,
  planVersions,
  publishPlan,
  readItemAs,
  startNewVersion,
  updatePlanType,
} from "./plans.service.ts";
import { PlansPage } from "./plans.views.tsx";
import { TimelinePage } from "./timeline.views.tsx";
import { isLeaf } from "./tree.rules.ts";
import { PlanTypesPage } from "./types.views.tsx";

const today = (c: AppContext) => bogotaDay(c.var.deps.clock.now());
const isPlanner = (c: AppContext) => Boolean(c.var.user?.roles.includes("planeacion"));
const planId = (c: AppContext) => c.req.param("id") ?? "";

async function renderPlans(c: AppContext, errors?: FormErrors, values?: FormValues) {
  const db = c.var.deps.database.db;
  // The filter sends «vigencia» and «tipo» (plans.views.tsx); «year» and «type» still work in old links.
  const q = c.req.query();
  const query = planListQuerySchema.parse({ year: q.vigencia ?? q.year, type: q.tipo ?? q.type });
  const { plans, years } = await listPlans(db, { year: query.year, typeKey: query.type });
  return c.html(
    <PlansPage
      ctx={pageContext(c)}
      plans={plans}
      years={years}
      types={await listPlanTypes(db)}
      filter={query}
      dependencias={isPlanner(c) ? await dependenciaOptions(db) : []}
      canCreate={isPlanner(c)}
      errors={errors}
      values={values}
    />,
    errors ? 422 : 200,
  );
}

async function renderPlan(c: AppContext, errors?: FormErrors, values?: FormValues) {
  const db = c.var.deps.database.db;
  const query = treeQuerySchema.parse(errors ? {} : c.req.query());
  const tree = await planTree(db, planId(c), {
    component: query.componente,
    dependenciaId: query.dependencia,
    month: query.mes,
  });
  const { progress, zones } = await loadPlanProgress(db, tree.plan.plan.id, today(c));
  return c.html(
    <PlanPage
      ctx={pageContext(c)}
      tree={tree}
      progress={progress}
      zones={zones}
      query={query}
      versions={await planVersions(db, tree.plan.plan.id)}
      openImport={isPlanner(c) ? await findOpenImport(db, tree.plan.plan.id) : undefined}
      canManage={isPlanner(c)}
      today={today(c)}
      errors={errors}
      values={values}
    />,
    errors ? 422 : 200,
  );
}

async function renderTypes(c: AppContext, key: string | undefined, errors?: FormErrors, values?: FormValues) {
  const db = c.var.deps.database.db;
  const types = await listPlanTypes(db);
  const editing = key ? types.find((t) => t.key === key) : undefined;
  if (key && !editing) throw notFound("El tipo de plan");
  return c.html(
    <PlanTypesPage ctx={pageContext(c)} types={types} editing={editing} errors={errors} values={values} />,
    errors ? 422 : 200,
  );
}

/** A refusal the person can fix on the same form (422) is shown on it; anything else goes to the error page. */
const formProblem = (error: unknown) =>
  error instanceof AppError && error.status === 422 ? error : undefined;

export function plansRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "plans.list", (c) => renderPlans(c));

  mount(app, "plans.create", async (c) => {
    const form = await parseForm(c, planCreateSchema);
    if (!form.ok) return renderPlans(c, form.errors, form.values);
    const { database, clock } = c.var.deps;
    try {
      const plan = await createPlan(database.db, clock.now(), auditContext(c), form.data);
      return redirectWithFlash(
        c,
        `/planes/${plan.id}`,
        "Plan creado en borrador. Ahora importe su archivo de Excel.",
      );
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      const field = problem.code === "plans.unknown_type" ? "typeKey" : "ownerDependenciaId";
      return renderPlans(c, { [field]: problem.userMessage }, form.values);
    }
  });

  mount(app, "plans.show", (c) => renderPlan(c));

  mount(app, "plans.timeline", async (c) => {
    const timeline = await planTimeline(c.var.deps.database.db, planId(c));
    return c.html(<TimelinePage ctx={pageContext(c)} timeline={timeline} today={today(c)} />);
  });

  mount(app, "plans.item", async (c) => {
    const db = c.var.deps.database.db;
    const user = requireUser(c);
    const itemId = c.req.param("itemId") ?? "";
    await readItemAs(db, user, planId(c), itemId);
    const detail = await findItem(db, planId(c), itemId);
    const staff = can(user.roles, "plans.show");
    // Reports are per activity: a component or subcomponent shows its data and change log only.
    const progress = isLeaf(detail.item)
      ? await activityProgress(db, user, detail.plan.plan.id, detail.item)
      : undefined;
    return c.html(
      <ItemPage
        ctx={pageContext(c)}
        detail={detail}
        backHref={staff ? `/planes/${detail.plan.plan.id}` : "/mis-actividades"}
        backLabel={staff ? "Volver al plan" : "Volver a las actividades de mi dependencia"}
        canReadPlan={staff}
        progress={progress}
      />,
    );
  });

  mount(app, "plans.approve", async (c) => {
    const form = await parseForm(c, approveSchema(today(c)));
    if (!form.ok) return renderPlan(c, form.errors, form.values);
    const { database, clock } = c.var.deps;
    try {
      await approvePlan(database.db, clock.now(), auditContext(c), planId(c), form.data);
    } catch (error) {
      const problem = formProblem(error);
      if (!problem) throw error;
      return renderPlan(c, { _form: problem.userMessage }, form.values);
    }
    return redirectWithFlash(c, `/planes/${planId(c)}`, "Aprobación registrada. Ya puede publicar el plan.");
  });

  mount(app, "plans.publish", async (c) => {
    const { database, clock, jobs } = c.var.deps;
    await publishPlan(database.db, jobs, clock.now(), auditContext(c), planId(c));
    return redirectWithFlash(
      c,
      `/planes/${planId(c)}`,
      "Plan publicado: cualquier persona puede leerlo en Transparencia.",
    );
  });

  mount(app, "plans.newVersion", async (c) => {
    const form = await parseForm(c, newVersionSchema);
    if (!form.ok) return renderPlan(c, form.errors, form.values);
    const { database, clock } = c.var.deps;
    const { version } = await startNewVersion(
      database.db,
      clock.now(),
      auditContext(c),
      planId(c),
      form.data.reason,
    );
    return redirectWithFlash(
      c,
      `/planes/${planId(c)}`,
      `Versión ${version} creada en borrador. Importe el archivo corregido y apruébela de nuevo.`,
    );
  });

  mount(app, "plans.close", async (c) => {
    const { database, clock } = c.var.deps;
    // Closing is for good: the form asks the person to say they understand it.
    if ((await readForm(c)).confirm !== "si")
      return redirectWithFlash(
        c,
        `/planes/${planId(c)}`,
        "Para cerrar el plan, marque la casilla que confirma que un plan cerrado ya no se puede cambiar.",
      );
    await closePlan(database.db, clock.now(), auditContext(c), planId(c));
    return redirectWithFlash(c, `/planes/${planId(c)}`, "Plan cerrado.");
  });

  mount(app, "plans.mine", async (c) => {
    const db = c.var.deps.database.db;
    const user = requireUser(c);
    const dependencia = user.dependenciaId ? await findDependencia(db, user.dependenciaId) : undefined;
    const inbox = await myInbox(db, user, today(c));
    return c.html(
      <MyActivitiesPage ctx={pageContext(c)} inbox={inbox} dependencia={dependencia?.name ?? null} />,
    );
  });

  mount(app, "plans.types", (c) => renderTypes(c, c.req.query("editar") || undefined));

  mount(app, "plans.updateType", async (c) => {
    const key = c.req.param("key") ?? "";
    const db = c.var.deps.database.db;
    if (!(await findPlanType(db, key))) throw notFound("El tipo de plan");
    const form = await parseForm(c, planTypeSchema);
    if (!form.ok) return renderTypes(c, key, form.errors, form.values);
    await updatePlanType(db, c.var.deps.clock.now(), auditContext(c), key, form.data);
    return redirectWithFlash(c, "/admin/tipos-de-plan", "Tipo de plan guardado.");
  });

  return app;
}
