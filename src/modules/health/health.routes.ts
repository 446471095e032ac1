import { Hono } from "hono";
import { mount } from "../../shared/auth/guard.ts";
import type { AppEnv } from "../../shared/http.ts";

const PING_TIMEOUT_MS = 2_000;

/** 200 only when the database answers within the timeout; load balancers take the instance out otherwise. */
export function healthRoutes() {
  const app = new Hono<AppEnv>();
  mount(app, "health.check", async (c) => {
    c.header("Cache-Control", "no-store");
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        c.var.deps.database.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("database ping timed out")), PING_TIMEOUT_MS);
        }),
      ]);
      return c.json({ status: "ok" });
    } catch {
      return c.json({ status: "unavailable" }, 503);
    } finally {
      clearTimeout(timer);
    }
  });
  return app;
}
