// The Hono application: middleware in order, one router per module, Spanish error pages.
import { Hono } from "hono";
// Plugs the areas into core's extension points before any request is served.
import "./areas.ts";
import { batchesRoutes } from "./carnetizacion/batches/batches.routes.tsx";
import { campaignsRoutes } from "./carnetizacion/campaigns/campaigns.routes.tsx";
import { cardsRoutes } from "./carnetizacion/cards/cards.routes.tsx";
import { designsRoutes } from "./carnetizacion/designs/designs.routes.tsx";
import { isOwnPhotoUpload, photosRoutes, renderPhotoPage } from "./carnetizacion/photos/photos.routes.tsx";
import { reportsRoutes } from "./carnetizacion/reports/reports.routes.tsx";
import { reviewRoutes } from "./carnetizacion/review/review.routes.tsx";
import { verificationRoutes } from "./carnetizacion/verification/verification.routes.tsx";
import { consultationsRoutes } from "./comunicaciones/consultations/consultations.routes.tsx";
import { libraryRoutes } from "./comunicaciones/library/library.routes.tsx";
import { publicationsRoutes } from "./comunicaciones/publications/publications.routes.tsx";
import { requestsReviewRoutes } from "./comunicaciones/requests/requests.review.routes.tsx";
import { requestsRoutes } from "./comunicaciones/requests/requests.routes.tsx";
import { sendingRoutes } from "./comunicaciones/sending/sending.routes.tsx";
import { auditRoutes } from "./core/audit/audit.routes.tsx";
import { loadSession } from "./core/auth/auth.middleware.ts";
import { authRoutes } from "./core/auth/auth.routes.tsx";
import { dependenciasRoutes } from "./core/dependencias/dependencias.routes.tsx";
import { healthRoutes } from "./core/health/health.routes.ts";
import { homeRoutes } from "./core/home/home.routes.tsx";
import { jobsRoutes } from "./core/jobs/jobs.routes.tsx";
import { mailRoutes } from "./core/mail/mail.routes.tsx";
import { peopleRoutes } from "./core/people/people.routes.tsx";
import { profileRoutes } from "./core/profile/profile.routes.tsx";
import { isDatabaseUnavailable } from "./db/client.ts";
import type { Deps } from "./deps.ts";
import { evidenceRoutes } from "./planes/evidence/evidence.routes.tsx";
import { followupsRoutes } from "./planes/followups/followups.routes.tsx";
import { importsRoutes } from "./planes/imports/imports.routes.tsx";
import { indicatorsRoutes } from "./planes/indicators/indicators.routes.tsx";
import { monitoringRoutes } from "./planes/monitoring/monitoring.routes.tsx";
import { plansRoutes } from "./planes/plans/plans.routes.tsx";
import { progressRoutes } from "./planes/progress/progress.routes.tsx";
import { publicationRoutes } from "./planes/publication/publication.routes.tsx";
import { responsablesRoutes } from "./planes/responsables/responsables.routes.tsx";
import { csrfProtection } from "./shared/csrf.ts";
import { AppError } from "./shared/errors.ts";
import { readFlash } from "./shared/flash.ts";
import type { AppContext, AppEnv } from "./shared/http.ts";
import { islandRoutes } from "./shared/islands.ts";
import { loggableError } from "./shared/logger.ts";
import { requestContext } from "./shared/request-context.ts";
import { formBodyLimit, privateByDefault, securityHeaders } from "./shared/security.ts";
import { staticRoutes } from "./shared/static.ts";
import { ErrorPage } from "./shared/views/ErrorPage.tsx";
import { pageContext } from "./shared/views/page.ts";

function renderError(
  c: AppContext,
  status: 400 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503,
  message: string,
) {
  return c.html(<ErrorPage ctx={pageContext(c)} status={status} message={message} />, status);
}

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();

  // Load balancers poll /healthz every few seconds: it answers before logging and page headers.
  app.route("/", healthRoutes(deps));
  app.use(requestContext(deps));
  app.use(securityHeaders);
  app.route("/", islandRoutes());
  app.route("/", staticRoutes());
  // The session is known before the size limit so that a refused upload is answered inside its own page.
  app.use(loadSession);
  app.use(privateByDefault);
  app.use(formBodyLimit);
  app.use(csrfProtection);
  app.use(readFlash);

  app.route("/", homeRoutes());
  app.route("/", authRoutes());
  app.route("/", profileRoutes());
  app.route("/", photosRoutes());
  app.route("/", cardsRoutes());
  app.route("/", reviewRoutes());
  app.route("/", batchesRoutes());
  app.route("/", campaignsRoutes());
  app.route("/", reportsRoutes());
  app.route("/", designsRoutes());
  app.route("/", verificationRoutes());
  app.route("/", plansRoutes());
  app.route("/", importsRoutes());
  app.route("/", responsablesRoutes());
  app.route("/", publicationRoutes());
  app.route("/", progressRoutes());
  app.route("/", evidenceRoutes());
  app.route("/", monitoringRoutes());
  app.route("/", followupsRoutes());
  app.route("/", indicatorsRoutes());
  app.route("/", requestsRoutes());
  app.route("/", requestsReviewRoutes());
  app.route("/", publicationsRoutes());
  app.route("/", libraryRoutes());
  app.route("/", consultationsRoutes());
  app.route("/", sendingRoutes());
  app.route("/", peopleRoutes());
  app.route("/", dependenciasRoutes());
  app.route("/", auditRoutes());
  app.route("/", mailRoutes());
  app.route("/", jobsRoutes());

  app.notFound((c) => renderError(c, 404, "Revise la dirección o vuelva al inicio."));

  app.onError((error, c) => {
    if (error instanceof AppError && error.code === "request.too_large" && isOwnPhotoUpload(c))
      return renderPhotoPage(c, { photo: error.userMessage }, 413);
    if (error instanceof AppError) return renderError(c, error.status, error.userMessage);
    if (isDatabaseUnavailable(error)) {
      deps.logger.error(
        { requestId: c.var.requestId, err: { message: loggableError(error).message } },
        "database unavailable",
      );
      c.header("Retry-After", "30");
      return renderError(c, 503, "La base de datos no responde. Intente de nuevo en unos minutos.");
    }
    deps.logger.error({ requestId: c.var.requestId, err: loggableError(error) }, "unexpected error");
    return renderError(
      c,
      500,
      "No pudimos completar la solicitud. Intente de nuevo; si el problema sigue, avise a soporte.",
    );
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
