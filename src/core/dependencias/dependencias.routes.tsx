import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { notFound } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { parseForm } from "../../shared/forms.ts";
import { type AppEnv, auditContext } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { dependenciaSchema } from "./dependencias.schemas.ts";
import {
  createDependencia,
  dependenciaOptions,
  findDependencia,
  listDependenciaTree,
  updateDependencia,
} from "./dependencias.service.ts";
import { DependenciaEditPage, DependenciasPage } from "./dependencias.views.tsx";

export function dependenciasRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "dependencias.list", async (c) => {
    const db = c.var.deps.database.db;
    return c.html(
      <DependenciasPage
        ctx={pageContext(c)}
        tree={await listDependenciaTree(db)}
        options={await dependenciaOptions(db)}
      />,
    );
  });

  mount(app, "dependencias.create", async (c) => {
    const { database, clock } = c.var.deps;
    const db = database.db;
    const form = await parseForm(c, dependenciaSchema);
    const result = form.ok ? await createDependencia(db, clock.now(), auditContext(c), form.data) : undefined;
    if (result && "id" in result)
      return redirectWithFlash(c, "/admin/dependencias", `Se agregó «${result.name}».`);
    const errors = form.ok ? { [result?.field ?? "_form"]: result?.message ?? "" } : form.errors;
    return c.html(
      <DependenciasPage
        ctx={pageContext(c)}
        tree={await listDependenciaTree(db)}
        options={await dependenciaOptions(db)}
        values={form.values}
        errors={errors}
      />,
      422,
    );
  });

  mount(app, "dependencias.edit", async (c) => {
    const db = c.var.deps.database.db;
    const dependencia = await findDependencia(db, c.req.param("id") ?? "");
    if (!dependencia) throw notFound("La dependencia");
    const values = {
      name: dependencia.name,
      acronym: dependencia.acronym ?? "",
      parentId: dependencia.parentId ?? "",
      sortOrder: String(dependencia.sortOrder),
      active: dependencia.active ? "si" : "no",
    };
    return c.html(
      <DependenciaEditPage
        ctx={pageContext(c)}
        dependencia={dependencia}
        options={await dependenciaOptions(db)}
        values={values}
      />,
    );
  });

  mount(app, "dependencias.update", async (c) => {
    const { database, clock } = c.var.deps;
    const db = database.db;
    const dependencia = await findDependencia(db, c.req.param("id") ?? "");
    if (!dependencia) throw notFound("La dependencia");
    const form = await parseForm(c, dependenciaSchema);
    const problem = form.ok
      ? await updateDependencia(db, clock.now(), auditContext(c), dependencia.id, form.data)
      : undefined;
    if (form.ok && !problem)
      return redirectWithFlash(c, "/admin/dependencias", `Se guardaron los cambios de «${form.data.name}».`);
    const errors = form.ok ? { [problem?.field ?? "_form"]: problem?.message ?? "" } : form.errors;
    return c.html(
      <DependenciaEditPage
        ctx={pageContext(c)}
        dependencia={dependencia}
        options={await dependenciaOptions(db)}
        values={form.values}
        errors={errors}
      />,
      422,
    );
  });

  return app;
}
