// One-shot messages shown after a redirect ("Los cambios se guardaron").

import type { MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { type AppContext, type AppEnv, isHttps } from "./http.ts";

const COOKIE = "sipap_flash";

export function setFlash(c: AppContext, message: string): void {
  setCookie(c, COOKIE, encodeURIComponent(message), {
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c),
    path: "/",
    maxAge: 60,
  });
}

export const readFlash: MiddlewareHandler<AppEnv> = async (c, next) => {
  const raw = getCookie(c, COOKIE);
  if (!raw || c.req.method !== "GET") return next();
  try {
    c.set("flash", decodeURIComponent(raw).slice(0, 300));
  } catch {
    c.set("flash", undefined);
  }
  await next();
  // A page that only redirects (e.g. to a first-login step) leaves the message for the page shown.
  if (c.res.status < 300 || c.res.status >= 400) deleteCookie(c, COOKIE, { path: "/" });
};

/** 303 redirect with a flash message: the end of every successful form post. */
export function redirectWithFlash(c: AppContext, location: string, message: string) {
  setFlash(c, message);
  return c.redirect(location, 303);
}
