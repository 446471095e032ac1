// OPGI's monitoring of a plan: the dashboard (filters as a GET form) and its export as a spreadsheet.
import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { can } from "../../shared/auth/permissions.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { bogotaDay } from "../../shared/time.ts";
import { pageContext } from "../../shared/views/page.ts";
import { XLSX_TYPE } from "../../shared/xlsx.ts";
import { monitoringQuerySchema } from "./monitoring.schemas.ts";
import { exportMonitoring, type MonitoringFilters, monitoringDashboard } from "./monitoring.service.ts";
import { MonitoringPage } from "./monitoring.views.tsx";

const planId = (c: AppContext) => c.req.param("id") ?? "";

function filtersOf(c: AppContext): MonitoringFilters {
  const query = monitoringQuerySchema.parse(c.req.query());
  return { dependenciaId: query.dependencia, month: query.mes };
}

export function monitoringRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "monitoring.dashboard", async (c) => {
    const { database, clock } = c.var.deps;
    const roles = requireUser(c).roles;
    const view = await monitoringDashboard(database.db, planId(c), bogotaDay(clock.now()), filtersOf(c));
    c.header("Cache-Control", "private, no-store");
    return c.html(
      <MonitoringPage
        ctx={pageContext(c)}
        view={view}
        links={{
          export: can(roles, "monitoring.export"),
          review: can(roles, "reports.review"),
          reports: can(roles, "reports.show"),
        }}
      />,
    );
  });

  mount(app, "monitoring.export", async (c) => {
    const { database, clock } = c.var.deps;
    const file = await exportMonitoring(database.db, clock.now(), auditContext(c), planId(c), filtersOf(c));
    c.header("Content-Type", XLSX_TYPE);
    c.header("Content-Disposition", `attachment; filename="${file.fileName}"`);
    c.header("Cache-Control", "private, no-store");
    c.header("X-Content-Type-Options", "nosniff");
    return c.body(new Uint8Array(file.bytes));
  });

  return app;
}
