import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { validateForm } from "../../shared/forms.ts";
import { type AppEnv, auditContext } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { auditQuerySchema } from "./audit.schemas.ts";
import { searchAuditLog } from "./audit.service.ts";
import { AuditPage } from "./audit.views.tsx";

export function auditRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "audit.search", async (c) => {
    const values = c.req.query();
    const shown = {
      accion: values.accion ?? "",
      persona: values.persona ?? "",
      desde: values.desde ?? "",
      hasta: values.hasta ?? "",
    };
    const form = validateForm(auditQuerySchema, values);
    c.header("Cache-Control", "no-store");
    if (!form.ok)
      return c.html(
        <AuditPage
          ctx={pageContext(c)}
          rows={[]}
          hasMore={false}
          page={1}
          values={shown}
          errors={form.errors}
        />,
        422,
      );
    const { database, clock } = c.var.deps;
    const result = await searchAuditLog(database.db, clock.now(), auditContext(c), form.data);
    return c.html(
      <AuditPage
        ctx={pageContext(c)}
        rows={result.rows}
        hasMore={result.hasMore}
        page={form.data.pagina}
        values={shown}
        unknownPerson={result.unknownPerson}
      />,
    );
  });

  return app;
}
