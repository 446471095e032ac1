// Registers a route from the permission table with its authorization check in front.
import type { Handler, Hono, MiddlewareHandler } from "hono";
import { recordAudit } from "../audit.ts";
import { forbidden } from "../errors.ts";
import { type AppEnv, auditContext } from "../http.ts";
import { isAllowed, ROUTES, type RouteId, type RouteRule } from "./permissions.ts";
import type { CurrentUser } from "./roles.ts";

/** Where a person must go first: a new password, then the privacy notice. */
export function onboardingStep(user: CurrentUser | undefined): string | undefined {
  if (user?.mustChangePassword) return "/cambiar-clave";
  if (user?.privacyPending) return "/aviso-de-privacidad";
  return undefined;
}

export function guard(id: RouteId): MiddlewareHandler<AppEnv> {
  const rule: RouteRule = ROUTES[id];
  return async (c, next) => {
    const user = c.var.user;
    if (rule.access !== "public" && !user) {
      const back = c.req.method === "GET" ? `?siguiente=${encodeURIComponent(c.req.path)}` : "";
      return c.redirect(`/ingresar${back}`, 303);
    }
    const onboarding = onboardingStep(user);
    if (onboarding && !rule.beforeOnboarding) return c.redirect(onboarding, 303);
    if (!isAllowed(rule, user?.roles)) {
      const { database, clock } = c.var.deps;
      await recordAudit(database.db, clock.now(), auditContext(c), {
        action: "access.denied",
        details: { route: id, path: c.req.path },
      });
      throw forbidden();
    }
    return next();
  };
}

/** app.get/post(path, guard, handler) with method and path taken from the table. */
export function mount(app: Hono<AppEnv>, id: RouteId, handler: Handler<AppEnv>): void {
  const rule = ROUTES[id];
  if (rule.method === "GET") app.get(rule.path, guard(id), handler);
  else app.post(rule.path, guard(id), handler);
}
