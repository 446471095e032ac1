// The delivery log of a request, and OCS's «reanudar» for a paused send.
import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { resumeSending } from "./sending.calendar.ts";
import { deliveryLog } from "./sending.log.ts";
import { logQuerySchema } from "./sending.schemas.ts";
import { DeliveryLogPage } from "./sending.views.tsx";

export function sendingRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "comm.deliveries", async (c) => {
    const query = logQuerySchema.parse({
      estado: c.req.query("estado") || undefined,
      pagina: c.req.query("pagina"),
    });
    const log = await deliveryLog(c.var.deps.database.db, requireUser(c), c.req.param("id") ?? "", {
      state: query.estado,
      page: query.pagina,
    });
    return c.html(<DeliveryLogPage ctx={pageContext(c)} log={log} />);
  });

  mount(app, "comm.resume", async (c) => {
    const { database, clock, jobs } = c.var.deps;
    const id = c.req.param("id") ?? "";
    await resumeSending(database.db, clock.now(), auditContext(c), jobs, requireUser(c), id);
    return redirectWithFlash(c, `/comunicaciones/solicitudes/${id}`, "El envío se reanudó.");
  });

  return app;
}
