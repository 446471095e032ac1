import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import { validateForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext } from "../../shared/http.ts";
import { bogotaDay } from "../../shared/time.ts";
import { pageContext } from "../../shared/views/page.ts";
import { XLSX_TYPE } from "../../shared/xlsx.ts";
import { auditQuerySchema } from "./audit.schemas.ts";
import { AUDIT_PAGE_SIZE, exportAuditLog, searchAuditLog } from "./audit.service.ts";
import { AuditPage } from "./audit.views.tsx";

/** The search as typed (for the form and the links), and as validated. */
function readQuery(c: AppContext) {
  const values = c.req.query();
  const shown = {
    accion: values.accion ?? "",
    persona: values.persona ?? "",
    desde: values.desde ?? "",
    hasta: values.hasta ?? "",
  };
  return { shown, form: validateForm(auditQuerySchema, values) };
}

function invalidPage(c: AppContext, shown: Record<string, string>, errors: Record<string, string>) {
  return c.html(
    <AuditPage
      ctx={pageContext(c)}
      rows={[]}
      hasMore={false}
      page={1}
      pageSize={AUDIT_PAGE_SIZE}
      values={shown}
      errors={errors}
    />,
    422,
  );
}

export function auditRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "audit.search", async (c) => {
    const { shown, form } = readQuery(c);
    c.header("Cache-Control", "no-store");
    if (!form.ok) return invalidPage(c, shown, form.errors);
    const { database, clock } = c.var.deps;
    const result = await searchAuditLog(database.db, clock.now(), auditContext(c), form.data);
    return c.html(
      <AuditPage
        ctx={pageContext(c)}
        rows={result.rows}
        hasMore={result.hasMore}
        page={form.data.pagina}
        pageSize={AUDIT_PAGE_SIZE}
        values={shown}
        unknownPerson={result.unknownPerson}
      />,
    );
  });

  mount(app, "audit.export", async (c) => {
    const { shown, form } = readQuery(c);
    c.header("Cache-Control", "no-store");
    if (!form.ok) return invalidPage(c, shown, form.errors);
    const { database, clock } = c.var.deps;
    const now = clock.now();
    const { file } = await exportAuditLog(database.db, now, auditContext(c), form.data);
    c.header("Content-Type", XLSX_TYPE);
    c.header("Content-Disposition", `attachment; filename="auditoria-${bogotaDay(now)}.xlsx"`);
    return c.body(new Uint8Array(file));
  });

  return app;
}
