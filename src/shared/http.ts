// Hono context types and small request helpers shared by every module.

import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { Deps } from "../deps.ts";
import type { AuditContext } from "./audit.ts";
import type { CurrentUser } from "./auth/roles.ts";

export interface AppEnv {
  Variables: {
    deps: Deps;
    requestId: string;
    user: CurrentUser | undefined;
    csrfToken: string;
    flash: string | undefined;
  };
}

export type AppContext = Context<AppEnv>;

/** The client's address: X-Forwarded-For only when a trusted proxy sets it. */
export function clientIp(c: AppContext): string {
  if (c.var.deps.config.trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "desconocida";
  } catch {
    // app.request() in tests has no socket.
    return "127.0.0.1";
  }
}

export function isHttps(c: AppContext): boolean {
  if (c.req.url.startsWith("https:")) return true;
  return c.var.deps.config.trustProxy && c.req.header("x-forwarded-proto") === "https";
}

export function auditContext(c: AppContext): AuditContext {
  return { actorId: c.var.user?.id ?? null, ip: clientIp(c), requestId: c.var.requestId };
}

export function requireUser(c: AppContext): CurrentUser {
  const user = c.var.user;
  if (!user) throw new Error("requireUser called on a route without authentication");
  return user;
}
