// Hono context types and small request helpers shared by every module.
import { isIP } from "node:net";
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

/**
 * The address our own proxies saw, from X-Forwarded-For. Each proxy appends the address it received the
 * request from, so with `hops` proxies of ours the client is the entry `hops` places from the right;
 * anything further left was written by the client and proves nothing. A header shorter than that, or an
 * entry that is not an address, did not come through our proxies as configured: undefined.
 */
export function forwardedClientIp(header: string | undefined, hops: number): string | undefined {
  if (!header || hops < 1) return undefined;
  const entries = header.split(",").map((entry) => entry.trim());
  const entry = entries.length >= hops ? entries[entries.length - hops] : undefined;
  const address = entry && withoutPort(entry);
  return address && isIP(address) ? address : undefined;
}

/** Some proxies write «1.2.3.4:443» or «[2001:db8::1]:443»: the address without brackets and port. */
function withoutPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed?.[1]) return bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return v4WithPort?.[1] ?? entry;
}

/** The client's address: from X-Forwarded-For as our trusted proxies wrote it (TRUST_PROXY_HOPS), else the socket's. */
export function clientIp(c: AppContext): string {
  const forwarded = forwardedClientIp(c.req.header("x-forwarded-for"), c.var.deps.config.trustProxyHops);
  if (forwarded) return forwarded;
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
