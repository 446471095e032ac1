// Planeación's page of the responsables it reconciled, and «Eliminar» for one. Mapping a text happens in
// the preview of an import (imports.routes.tsx), where the text is seen with its rows.
import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { type AppEnv, auditContext } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { deleteAlias, listAliases } from "./responsables.service.ts";
import { ResponsablesPage } from "./responsables.views.tsx";

export function responsablesRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "responsables.list", async (c) => {
    const aliases = await listAliases(c.var.deps.database.db);
    c.header("Cache-Control", "no-store");
    return c.html(<ResponsablesPage ctx={pageContext(c)} aliases={aliases} />);
  });

  mount(app, "responsables.delete", async (c) => {
    const { database, clock } = c.var.deps;
    const alias = await deleteAlias(database.db, clock.now(), auditContext(c), c.req.param("id") ?? "");
    return redirectWithFlash(
      c,
      "/responsables-de-planes",
      `Se eliminó la conciliación de «${alias.written}». La próxima carga que lo tenga pedirá conciliarlo de nuevo.`,
    );
  });

  return app;
}
