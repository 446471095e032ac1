import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { AppError } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { type AppEnv, auditContext } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { jobsOverview, retryFailedJob } from "./jobs.service.ts";
import { JobsPage } from "./jobs.views.tsx";

export function jobsRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "jobs.list", async (c) => {
    const { database, jobs } = c.var.deps;
    const { queues, failed } = await jobsOverview(database.db, jobs);
    c.header("Cache-Control", "no-store");
    return c.html(<JobsPage ctx={pageContext(c)} queues={queues} failed={failed} />);
  });

  mount(app, "jobs.retry", async (c) => {
    const { database, jobs, clock } = c.var.deps;
    try {
      const job = await retryFailedJob(
        database.db,
        jobs,
        clock.now(),
        auditContext(c),
        c.req.param("id") ?? "",
      );
      const title = jobs.definitions.find((d) => d.name === job.name)?.title ?? job.name;
      return redirectWithFlash(c, "/admin/tareas", `La tarea «${title}» volvió a la fila: correrá en breve.`);
    } catch (error) {
      if (error instanceof AppError && error.status === 409)
        return redirectWithFlash(c, "/admin/tareas", error.userMessage);
      throw error;
    }
  });

  return app;
}
