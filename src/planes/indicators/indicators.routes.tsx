// Placeholder: the routes of this module are being built (issue 12).
import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { notFound } from "../../shared/errors.ts";
import type { AppEnv } from "../../shared/http.ts";

export function indicatorsRoutes() {
  const app = new Hono<AppEnv>();
  mount(app, "indicators.list", () => {
    throw notFound();
  });
  mount(app, "indicators.create", () => {
    throw notFound();
  });
  mount(app, "indicators.show", () => {
    throw notFound();
  });
  mount(app, "indicators.update", () => {
    throw notFound();
  });
  mount(app, "indicators.measure", () => {
    throw notFound();
  });
  return app;
}
