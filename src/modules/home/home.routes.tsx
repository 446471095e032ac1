import { Hono } from "hono";
import { mount, onboardingStep } from "../../shared/auth/guard.ts";
import type { AppEnv } from "../../shared/http.ts";
import { renderSharedPage } from "../../shared/views/shared-page.ts";
import { HomePage } from "./home.views.tsx";
import { AccessibilityPage, PrivacyPage, SitemapPage } from "./pages.views.tsx";

export function homeRoutes() {
  const app = new Hono<AppEnv>();
  mount(app, "home.show", (c) => {
    const onboarding = onboardingStep(c.var.user);
    if (onboarding) return c.redirect(onboarding, 303);
    return renderSharedPage(c, "home", (ctx) => <HomePage ctx={ctx} />);
  });
  mount(app, "pages.privacy", (c) => renderSharedPage(c, "privacy", (ctx) => <PrivacyPage ctx={ctx} />));
  mount(app, "pages.accessibility", (c) =>
    renderSharedPage(c, "accessibility", (ctx) => <AccessibilityPage ctx={ctx} />),
  );
  mount(app, "pages.sitemap", (c) => renderSharedPage(c, "sitemap", (ctx) => <SitemapPage ctx={ctx} />));
  return app;
}
