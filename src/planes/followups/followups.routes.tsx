// Placeholder: the routes of this module are being built (issue 12).
import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { notFound } from "../../shared/errors.ts";
import type { AppEnv } from "../../shared/http.ts";

export function followupsRoutes() {
  const app = new Hono<AppEnv>();
  mount(app, "followups.list", () => {
    throw notFound();
  });
  mount(app, "followups.open", () => {
    throw notFound();
  });
  mount(app, "followups.show", () => {
    throw notFound();
  });
  mount(app, "followups.verify", () => {
    throw notFound();
  });
  mount(app, "followups.close", () => {
    throw notFound();
  });
  mount(app, "followups.publish", () => {
    throw notFound();
  });
  mount(app, "followups.xlsx", () => {
    throw notFound();
  });
  mount(app, "followups.pdf", () => {
    throw notFound();
  });
  mount(app, "transparency.followup", () => {
    throw notFound();
  });
  mount(app, "transparency.followupXlsx", () => {
    throw notFound();
  });
  mount(app, "transparency.followupPdf", () => {
    throw notFound();
  });
  return app;
}
