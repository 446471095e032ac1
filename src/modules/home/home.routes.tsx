import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import type { AppEnv } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { HomePage } from "./home.views.tsx";
import { AccessibilityPage, PrivacyPage, SitemapPage } from "./pages.views.tsx";

export function homeRoutes() {
  const app = new Hono<AppEnv>();
  mount(app, "home.show", (c) => {
    if (c.var.user?.mustChangePassword) return c.redirect("/cambiar-clave", 303);
    return c.html(<HomePage ctx={pageContext(c)} />);
  });
  mount(app, "pages.privacy", (c) => c.html(<PrivacyPage ctx={pageContext(c)} />));
  mount(app, "pages.accessibility", (c) => c.html(<AccessibilityPage ctx={pageContext(c)} />));
  mount(app, "pages.sitemap", (c) => c.html(<SitemapPage ctx={pageContext(c)} />));
  return app;
}
