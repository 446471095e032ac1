import { Hono } from "hono";
import { z } from "zod";
import { dependenciaOptions, findDependencia } from "../../core/dependencias/dependencias.service.ts";
import { getBuffer } from "../../core/storage/storage.types.ts";
import { mount } from "../../shared/auth/guard.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { parseForm, readForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { campaignOptions, campaignRange } from "../campaigns/campaigns.service.ts";
import * as review from "./review.service.ts";
import { QueuePage, ReasonsPage, ReviewPage } from "./review.views.tsx";

const filterSchema = z.object({
  dependencia: z.uuid().optional().catch(undefined),
  campana: z.uuid().optional().catch(undefined),
});
const rejectSchema = z.object({
  reason: z.string().trim().min(1, "Elija el motivo del rechazo.").max(200),
  note: z.string().trim().max(500, "Use como máximo 500 caracteres.").default(""),
});
const reasonSchema = z.object({
  label: z
    .string()
    .trim()
    .min(3, "Escriba el motivo (al menos 3 caracteres).")
    .max(120, "Use como máximo 120 caracteres."),
});

/** The queue's filter: a dependencia, and a campaign (photos sent while it was open). */
async function readFilter(c: AppContext) {
  const { dependencia, campana } = filterSchema.parse(c.req.query());
  const campaign = await campaignRange(c.var.deps.database.db, campana);
  const params = new URLSearchParams();
  if (dependencia) params.set("dependencia", dependencia);
  if (campaign) params.set("campana", campaign.id);
  return {
    dependenciaId: dependencia,
    campaignId: campaign?.id,
    from: campaign?.from,
    to: campaign?.to,
    query: params.size > 0 ? `?${params}` : "",
  };
}

async function renderReview(c: AppContext, errors?: Record<string, string>, values?: Record<string, string>) {
  const { database, clock } = c.var.deps;
  const filter = await readFilter(c);
  const { photo, person, nextId } = await review.openForReview(
    database.db,
    clock.now(),
    auditContext(c),
    c.req.param("id") ?? "",
    filter,
  );
  const dependencia = person.dependenciaId
    ? await findDependencia(database.db, person.dependenciaId)
    : undefined;
  c.header("Cache-Control", "no-store");
  return c.html(
    <ReviewPage
      ctx={pageContext(c)}
      photo={photo}
      person={person}
      dependencia={dependencia?.name}
      reasons={await review.listReasons(database.db, true)}
      nextId={nextId}
      query={filter.query}
      errors={errors}
      values={values}
    />,
    errors ? 422 : 200,
  );
}

/** After a decision, straight on to the next photo of the same queue, or back to the queue when done. */
async function goToNext(c: AppContext, message: string) {
  const filter = await readFilter(c);
  const [next] = await review.listQueue(c.var.deps.database.db, filter);
  return redirectWithFlash(
    c,
    next ? `/ssi/fotos/${next.photoId}${filter.query}` : `/ssi/fotos${filter.query}`,
    message,
  );
}

async function decide(c: AppContext, action: () => Promise<unknown>, message: string) {
  try {
    await action();
  } catch (error) {
    if (error instanceof AppError && error.code === "review.decided") return goToNext(c, error.userMessage);
    throw error;
  }
  return goToNext(c, message);
}

async function sendStoredImage(c: AppContext, which: "portraitKey" | "originalKey") {
  const { database, storage } = c.var.deps;
  const photo = await review.findPhoto(database.db, c.req.param("id") ?? "");
  // An original deleted by retention has no key: nothing to show.
  const data = photo?.[which] ? await getBuffer(storage, photo[which]) : undefined;
  if (!data) throw notFound("La foto");
  c.header("Content-Type", "image/jpeg");
  c.header("Cache-Control", "private, max-age=600");
  return c.body(new Uint8Array(data));
}

export function reviewRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "review.queue", async (c) => {
    const { database } = c.var.deps;
    const filter = await readFilter(c);
    c.header("Cache-Control", "no-store");
    return c.html(
      <QueuePage
        ctx={pageContext(c)}
        rows={await review.listQueue(database.db, filter)}
        dependencias={await dependenciaOptions(database.db)}
        campaigns={await campaignOptions(database.db)}
        values={{ dependencia: filter.dependenciaId ?? "", campana: filter.campaignId ?? "" }}
        query={filter.query}
      />,
    );
  });

  mount(app, "review.next", async (c) => {
    const filter = await readFilter(c);
    const [next] = await review.listQueue(c.var.deps.database.db, filter);
    return c.redirect(next ? `/ssi/fotos/${next.photoId}${filter.query}` : `/ssi/fotos${filter.query}`, 303);
  });

  mount(app, "review.show", (c) => renderReview(c));
  mount(app, "review.portrait", (c) => sendStoredImage(c, "portraitKey"));
  mount(app, "review.original", (c) => sendStoredImage(c, "originalKey"));

  mount(app, "review.approve", (c) => {
    const { database, clock } = c.var.deps;
    return decide(
      c,
      () => review.approvePhoto(database.db, clock.now(), auditContext(c), c.req.param("id") ?? ""),
      "Foto aprobada.",
    );
  });

  mount(app, "review.reject", async (c) => {
    const form = await parseForm(c, rejectSchema);
    if (!form.ok) return renderReview(c, form.errors, form.values);
    const { database, clock, config } = c.var.deps;
    const reason = [form.data.reason, form.data.note].filter(Boolean).join(". ");
    return decide(
      c,
      () =>
        review.rejectPhoto(
          database.db,
          clock.now(),
          auditContext(c),
          config,
          c.req.param("id") ?? "",
          reason,
        ),
      "Foto rechazada. Le enviamos el motivo a la persona.",
    );
  });

  mount(app, "reasons.list", async (c) =>
    c.html(
      <ReasonsPage ctx={pageContext(c)} reasons={await review.listReasons(c.var.deps.database.db, false)} />,
    ),
  );

  mount(app, "reasons.create", async (c) => {
    const { database, clock } = c.var.deps;
    const form = await parseForm(c, reasonSchema);
    if (!form.ok)
      return c.html(
        <ReasonsPage
          ctx={pageContext(c)}
          reasons={await review.listReasons(database.db, false)}
          errors={form.errors}
        />,
        422,
      );
    await review.addReason(database.db, clock.now(), auditContext(c), form.data.label);
    return redirectWithFlash(c, "/admin/motivos-rechazo", "Motivo agregado.");
  });

  mount(app, "reasons.toggle", async (c) => {
    const { database, clock } = c.var.deps;
    const active = (await readForm(c)).active === "true";
    await review.setReasonActive(database.db, clock.now(), auditContext(c), c.req.param("id") ?? "", active);
    return redirectWithFlash(
      c,
      "/admin/motivos-rechazo",
      active ? "El motivo volvió a la lista." : "Motivo retirado.",
    );
  });

  return app;
}
