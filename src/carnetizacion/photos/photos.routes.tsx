import { Hono } from "hono";
import { z } from "zod";
import { viewPerson } from "../../core/people/people.service.ts";
import { getBuffer } from "../../core/storage/storage.types.ts";
import { mount, onboardingStep } from "../../shared/auth/guard.ts";
import { AppError, notFound } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { parseForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { findCardJourney } from "../carnetizacion.journey.ts";
import { checkPhoto, findLatestPhoto, savePhoto, submitDraft } from "./photos.service.ts";
import { PhotoPage } from "./photos.views.tsx";

const explanationSchema = z.object({
  explanation: z
    .string()
    .trim()
    .min(
      10,
      "Explique en pocas palabras por qué no puede enviar una foto que cumpla (al menos 10 caracteres).",
    )
    .max(1000, "Use como máximo 1000 caracteres."),
});

/** A refused upload of one's own photo is answered on «Mi foto», with the message beside the field. */
export const isOwnPhotoUpload = (c: AppContext) =>
  c.req.method === "POST" &&
  c.req.path === "/mi-foto" &&
  c.var.user !== undefined &&
  !onboardingStep(c.var.user);

export async function renderPhotoPage(
  c: AppContext,
  errors?: Record<string, string>,
  status: 200 | 409 | 413 | 422 | 503 = 200,
) {
  const { db } = c.var.deps.database;
  const user = requireUser(c);
  const photo = await findLatestPhoto(db, user.id);
  // Right after a save the person sees where they are now and what comes next.
  const journey = c.var.flash ? await findCardJourney(db, user.id) : undefined;
  c.header("Cache-Control", "no-store");
  return c.html(<PhotoPage ctx={pageContext(c)} photo={photo} errors={errors} journey={journey} />, status);
}

function jpeg(c: AppContext, data: Buffer) {
  c.header("Content-Type", "image/jpeg");
  c.header("Cache-Control", "private, no-store");
  return c.body(new Uint8Array(data));
}

export function photosRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "photo.page", (c) => renderPhotoPage(c));

  mount(app, "photo.upload", async (c) => {
    const { database, clock, storage } = c.var.deps;
    const body = await c.req.parseBody();
    const file = body.photo;
    if (!(file instanceof File) || file.size === 0)
      return renderPhotoPage(c, { photo: "Elija una foto antes de enviar." }, 422);
    const checked = await checkPhoto(Buffer.from(await file.arrayBuffer()));
    if (!checked.files) {
      const problem = checked.checks.find((check) => !check.ok);
      return renderPhotoPage(c, { photo: problem?.message ?? "La foto no se pudo abrir." }, 422);
    }
    try {
      await savePhoto(database.db, storage, clock.now(), auditContext(c), requireUser(c).id, checked);
    } catch (error) {
      // A busy or unreachable file store: the person stays on the form with the message and can retry.
      if (error instanceof AppError && (error.status === 409 || error.status === 503))
        return renderPhotoPage(c, { photo: error.userMessage }, error.status);
      throw error;
    }
    return redirectWithFlash(
      c,
      "/mi-foto",
      checked.passed
        ? "Su foto pasó la revisión automática y quedó enviada. Le avisaremos si hay que cambiarla."
        : "Su foto no pasó algunas revisiones. Vea abajo qué hacer.",
    );
  });

  // For the preview island: the same checks, nothing stored.
  mount(app, "photo.check", async (c) => {
    const file = (await c.req.parseBody()).photo;
    if (!(file instanceof File) || file.size === 0) return c.json({ passed: false, checks: [] }, 422);
    const { checks, passed } = await checkPhoto(Buffer.from(await file.arrayBuffer()));
    return c.json({ passed, checks });
  });

  mount(app, "photo.submit", async (c) => {
    const form = await parseForm(c, explanationSchema);
    if (!form.ok) return renderPhotoPage(c, form.errors, 422);
    const { database, clock } = c.var.deps;
    await submitDraft(database.db, clock.now(), auditContext(c), requireUser(c).id, form.data.explanation);
    return redirectWithFlash(c, "/mi-foto", "Su foto quedó enviada con su explicación. La revisarán en SSI.");
  });

  mount(app, "photo.portrait", async (c) => {
    const { database, storage } = c.var.deps;
    const photo = await findLatestPhoto(database.db, requireUser(c).id);
    const data = photo && (await getBuffer(storage, photo.portraitKey));
    if (!data) throw notFound("Su foto");
    return jpeg(c, data);
  });

  // Staff view of a person's portrait: the role table limits it to SSI and administrators; viewing is audited.
  mount(app, "people.photo", async (c) => {
    const { database, clock, storage } = c.var.deps;
    const { person } = await viewPerson(
      database.db,
      clock.now(),
      auditContext(c),
      requireUser(c),
      c.req.param("id") ?? "",
    );
    const photo = await findLatestPhoto(database.db, person.id);
    const data = photo && (await getBuffer(storage, photo.portraitKey));
    if (!data) throw notFound("La foto");
    return jpeg(c, data);
  });

  return app;
}
