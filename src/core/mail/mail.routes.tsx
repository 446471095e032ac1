import { Hono } from "hono";
import { recordAudit } from "../../shared/audit.ts";
import { mount } from "../../shared/auth/guard.ts";
import { type AppEnv, auditContext } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { listOutbox } from "./mail.service.ts";
import { OutboxPage } from "./mail.views.tsx";

export function mailRoutes() {
  const app = new Hono<AppEnv>();
  mount(app, "mail.outbox", async (c) => {
    const { database, clock, config } = c.var.deps;
    // Messages may carry credentials: reading them is staff access to personal data.
    await recordAudit(database.db, clock.now(), auditContext(c), { action: "outbox.viewed" });
    c.header("Cache-Control", "no-store");
    return c.html(
      <OutboxPage
        ctx={pageContext(c)}
        messages={await listOutbox(database.db)}
        smtpConfigured={Boolean(config.smtpUrl)}
      />,
    );
  });
  return app;
}
