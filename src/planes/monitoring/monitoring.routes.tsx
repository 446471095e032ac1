// Placeholder: the routes of this module are being built (issue 12).
import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { notFound } from "../../shared/errors.ts";
import type { AppEnv } from "../../shared/http.ts";

export function monitoringRoutes() {
  const app = new Hono<AppEnv>();
  mount(app, "monitoring.dashboard", () => {
    throw notFound();
  });
  mount(app, "monitoring.export", () => {
    throw notFound();
  });
  return app;
}
