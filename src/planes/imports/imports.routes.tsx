// Planeación's routes to import a plan's spreadsheet: the upload form, the upload, the preview, mapping a
// responsable from the preview, «Aplicar» and «Descartar».
import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { AppError } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import type { FormErrors } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { countOf } from "../../shared/words.ts";
import type { MapFormValues } from "../responsables/responsables.views.tsx";
import {
  applyImport,
  discardImport,
  draftRefusal,
  importForm,
  mapImportResponsable,
  startImport,
  viewImport,
} from "./imports.service.ts";
import { ImportFormPage, PreviewPage } from "./imports.views.tsx";

const ids = (c: AppContext) => ({ planId: c.req.param("id") ?? "", importId: c.req.param("importId") ?? "" });

async function formPage(
  c: AppContext,
  planId: string,
  extra: { errors?: FormErrors; problems?: Parameters<typeof ImportFormPage>[0]["problems"] } = {},
) {
  const { plan, imports } = await importForm(c.var.deps.database.db, planId);
  return (
    <ImportFormPage
      ctx={pageContext(c)}
      plan={plan}
      imports={imports}
      refusal={draftRefusal(plan)?.userMessage}
      {...extra}
    />
  );
}

export function importsRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "imports.form", async (c) => {
    c.header("Cache-Control", "no-store");
    return c.html(await formPage(c, ids(c).planId));
  });

  mount(app, "imports.upload", async (c) => {
    const { planId } = ids(c);
    const body = await c.req.parseBody();
    const file = body.file instanceof File && body.file.size > 0 ? body.file : undefined;
    if (!file)
      return c.html(
        await formPage(c, planId, { errors: { file: "Elija el archivo del plan (.xlsx)." } }),
        422,
      );
    try {
      const started = await startImport(
        c.var.deps,
        auditContext(c),
        planId,
        Buffer.from(await file.arrayBuffer()),
        file.name,
      );
      if (!started.ok)
        return c.html(
          await formPage(c, planId, { errors: { file: started.message }, problems: started.problems }),
          422,
        );
      return c.redirect(`/planes/${planId}/importaciones/${started.import.id}`, 303);
    } catch (error) {
      // 409: the plan is no longer a draft; 503: the file store is down. The form says so, nothing was kept.
      if (error instanceof AppError && (error.status === 409 || error.status === 503))
        return c.html(await formPage(c, planId, { errors: { file: error.userMessage } }), error.status);
      throw error;
    }
  });

  mount(app, "imports.preview", async (c) => {
    const { planId, importId } = ids(c);
    c.header("Cache-Control", "no-store");
    return c.html(<PreviewPage ctx={pageContext(c)} view={await viewImport(c.var.deps, planId, importId)} />);
  });

  mount(app, "imports.map", async (c) => {
    const { planId, importId } = ids(c);
    const body = await c.req.parseBody({ all: true });
    const text = (key: string) => {
      const value = body[key];
      const first = Array.isArray(value) ? value[0] : value;
      return typeof first === "string" ? first : "";
    };
    const chosen = ([] as unknown[])
      .concat(body.dependencias ?? [])
      .filter((v): v is string => typeof v === "string");
    const values: MapFormValues = {
      kind: text("kind"),
      dependencias: chosen,
      equipoDependencia: text("equipoDependencia"),
      team: text("team"),
    };
    const written = text("written");
    const result = await mapImportResponsable(c.var.deps, auditContext(c), planId, importId, {
      written,
      kind: values.kind ?? "",
      dependenciaIds: values.kind === "equipo" ? [values.equipoDependencia ?? ""].filter(Boolean) : chosen,
      team: values.team,
    });
    if (result.ok)
      return redirectWithFlash(
        c,
        `/planes/${planId}/importaciones/${importId}`,
        `«${written.trim()}» quedó conciliado como: ${result.description}. Se usará también en las próximas cargas.`,
      );
    // The error goes beside the control that caused it: the team's dependencia is its own select.
    const field =
      result.field === "dependencias" && values.kind === "equipo" ? "equipoDependencia" : result.field;
    const view = await viewImport(c.var.deps, planId, importId);
    return c.html(
      <PreviewPage
        ctx={pageContext(c)}
        view={view}
        mapping={{ text: written, errors: { [field]: result.message }, values }}
      />,
      422,
    );
  });

  mount(app, "imports.apply", async (c) => {
    const { planId, importId } = ids(c);
    try {
      const applied = await applyImport(c.var.deps, auditContext(c), planId, importId);
      return redirectWithFlash(
        c,
        `/planes/${planId}`,
        `Archivo aplicado: ${countOf(applied.added, "elemento agregado", "elementos agregados")}, ${countOf(applied.changed, "modificado", "modificados")} y ${countOf(applied.removed, "eliminado", "eliminados")}.`,
      );
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 409 && error.status !== 422)) throw error;
      const view = await viewImport(c.var.deps, planId, importId);
      return c.html(
        <PreviewPage ctx={pageContext(c)} view={view} errors={{ _form: error.userMessage }} />,
        error.status,
      );
    }
  });

  mount(app, "imports.discard", async (c) => {
    const { planId, importId } = ids(c);
    await discardImport(c.var.deps, auditContext(c), planId, importId);
    return redirectWithFlash(c, `/planes/${planId}/importar`, "Carga descartada: el plan no cambió.");
  });

  return app;
}
