import { Hono } from "hono";
import { z } from "zod";
import { mount } from "../../shared/auth/guard.ts";
import { notFound } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { type AppContext, type AppEnv, auditContext } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { activateDesign, designFaces, listDesigns, previewDesign, uploadDesign } from "./designs.service.ts";
import { DesignPage } from "./designs.views.tsx";

const nameSchema = z
  .string()
  .trim()
  .min(3, "Escriba un nombre para el diseño (al menos 3 caracteres).")
  .max(80, "Use como máximo 80 caracteres.");

async function renderDesignPage(
  c: AppContext,
  errors?: Record<string, string>,
  values?: Record<string, string>,
) {
  const { database } = c.var.deps;
  const db = database.db;
  const current = await designFaces(db, "actual");
  const candidateId = c.req.query("diseno");
  const candidate = candidateId ? await designFaces(db, candidateId) : undefined;
  c.header("Cache-Control", "no-store");
  return c.html(
    <DesignPage
      ctx={pageContext(c)}
      current={current}
      candidate={candidate && !candidate.active ? candidate : undefined}
      designs={await listDesigns(db)}
      errors={errors}
      values={values}
    />,
    errors ? 422 : 200,
  );
}

async function readSvg(value: unknown): Promise<string | undefined> {
  if (!(value instanceof File) || value.size === 0) return undefined;
  return Buffer.from(await value.arrayBuffer()).toString("utf8");
}

export function designsRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "designs.show", (c) => renderDesignPage(c));

  mount(app, "designs.upload", async (c) => {
    const { database, clock } = c.var.deps;
    const body = await c.req.parseBody();
    const values = { name: typeof body.name === "string" ? body.name : "" };
    const name = nameSchema.safeParse(values.name);
    const front = await readSvg(body.front);
    const errors: Record<string, string> = {};
    if (!name.success) errors.name = name.error.issues[0]?.message ?? "Revise el nombre.";
    if (!front) errors.front = "Elija el archivo SVG del anverso.";
    if (!name.success || !front) return renderDesignPage(c, errors, values);
    const result = await uploadDesign(database.db, clock.now(), auditContext(c), {
      name: name.data,
      front,
      back: await readSvg(body.back),
    });
    if (!result.ok) return renderDesignPage(c, { [result.field]: result.message }, values);
    return redirectWithFlash(
      c,
      `/admin/diseno-carnet?diseno=${result.design.id}`,
      "Diseño recibido. Revise la vista previa antes de usarlo.",
    );
  });

  mount(app, "designs.preview", async (c) => {
    const face = c.req.param("face");
    if (face !== "anverso" && face !== "reverso") throw notFound("La vista previa");
    const png = await previewDesign(
      c.var.deps.database.db,
      c.var.deps.config.entity.name,
      c.req.param("id") ?? "",
      face === "anverso" ? "front" : "back",
    );
    c.header("Content-Type", "image/png");
    c.header("Cache-Control", "private, no-store");
    return c.body(new Uint8Array(png));
  });

  mount(app, "designs.activate", async (c) => {
    const { database, clock } = c.var.deps;
    await activateDesign(database.db, clock.now(), auditContext(c), c.req.param("id") ?? "");
    return redirectWithFlash(c, "/admin/diseno-carnet", "Diseño en uso. Los próximos lotes lo usarán.");
  });

  return app;
}
