import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import { mount } from "../../shared/auth/guard.ts";
import type { AppEnv } from "../../shared/http.ts";

const PING_TIMEOUT_MS = 2_000;
const NO_STORE = { "Cache-Control": "no-store" };

/** 200 only when the database answers within the timeout; load balancers take the instance out otherwise. */
export function healthRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  mount(app, "health.check", async (c) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        deps.database.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("database ping timed out")), PING_TIMEOUT_MS);
        }),
      ]);
      return c.json({ status: "ok" }, 200, NO_STORE);
    } catch {
      return c.json({ status: "unavailable" }, 503, NO_STORE);
    } finally {
      clearTimeout(timer);
    }
  });
  return app;
}
