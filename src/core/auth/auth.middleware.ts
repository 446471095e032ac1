// Loads the person behind the session cookie into c.var.user; sets and clears the cookie.
import type { MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { type AppContext, type AppEnv, isHttps } from "../../shared/http.ts";
import { validateSession } from "./auth.sessions.ts";

const COOKIE = "sipap_session";

export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("user", undefined);
  const token = getCookie(c, COOKIE);
  if (token && /^[a-z2-7]{32}$/.test(token)) {
    const { database, clock, config } = c.var.deps;
    const user = await validateSession(database.db, clock.now(), config, token);
    if (user) c.set("user", user);
    else deleteCookie(c, COOKIE, { path: "/" });
  }
  await next();
};

export function setSessionCookie(c: AppContext, token: string) {
  // No Max-Age: the browser forgets it when closed; the server enforces idle and absolute expiry.
  setCookie(c, COOKIE, token, { httpOnly: true, sameSite: "Lax", secure: isHttps(c), path: "/" });
}

export function clearSessionCookie(c: AppContext) {
  deleteCookie(c, COOKIE, { path: "/" });
}
