// Placeholder: the routes of this module are being built (issue 12).
import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { notFound } from "../../shared/errors.ts";
import type { AppEnv } from "../../shared/http.ts";

export function progressRoutes() {
  const app = new Hono<AppEnv>();
  mount(app, "reports.review", () => {
    throw notFound();
  });
  mount(app, "reports.start", () => {
    throw notFound();
  });
  mount(app, "reports.show", () => {
    throw notFound();
  });
  mount(app, "reports.save", () => {
    throw notFound();
  });
  mount(app, "reports.submit", () => {
    throw notFound();
  });
  mount(app, "reports.removeEvidence", () => {
    throw notFound();
  });
  mount(app, "reports.validate", () => {
    throw notFound();
  });
  mount(app, "reports.return", () => {
    throw notFound();
  });
  return app;
}
