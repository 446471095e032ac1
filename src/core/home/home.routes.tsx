import { Hono } from "hono";
import { mount, onboardingStep } from "../../shared/auth/guard.ts";
import type { AppEnv } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { renderSharedPage } from "../../shared/views/shared-page.ts";
import { findHomeJourney } from "./home.service.ts";
import { HomePage } from "./home.views.tsx";
import { AccessibilityPage, PrivacyPage, SitemapPage } from "./pages.views.tsx";

export function homeRoutes() {
  const app = new Hono<AppEnv>();
  mount(app, "home.show", async (c) => {
    const user = c.var.user;
    const onboarding = onboardingStep(user);
    if (onboarding) return c.redirect(onboarding, 303);
    if (!user) return renderSharedPage(c, "home", (ctx) => <HomePage ctx={ctx} />);
    const journey = await findHomeJourney(c.var.deps.database.db, user.id);
    c.header("Cache-Control", "no-store");
    return c.html(<HomePage ctx={pageContext(c)} journey={journey} />);
  });
  mount(app, "pages.privacy", (c) =>
    renderSharedPage(c, "privacy", (ctx) => (
      // The promise shown is the setting the retention job enforces (photos.jobs.ts).
      <PrivacyPage ctx={ctx} retentionDays={c.var.deps.config.photoOriginalRetentionDays} />
    )),
  );
  mount(app, "pages.accessibility", (c) =>
    renderSharedPage(c, "accessibility", (ctx) => <AccessibilityPage ctx={ctx} />),
  );
  mount(app, "pages.sitemap", (c) => renderSharedPage(c, "sitemap", (ctx) => <SitemapPage ctx={ctx} />));
  return app;
}
