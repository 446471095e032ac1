// Placeholder: the routes of this module are being built (issue 12).
import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { notFound } from "../../shared/errors.ts";
import type { AppEnv } from "../../shared/http.ts";

export function evidenceRoutes() {
  const app = new Hono<AppEnv>();
  mount(app, "evidence.download", () => {
    throw notFound();
  });
  mount(app, "evidence.makePublic", () => {
    throw notFound();
  });
  mount(app, "transparency.evidence", () => {
    throw notFound();
  });
  return app;
}
