// CSRF protection for every state-changing request: a per-browser token in an HttpOnly cookie that each
// form repeats in a hidden field (double submit), plus a same-origin check of the Origin header.

import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { generateToken, safeEqual } from "./auth/tokens.ts";
import { AppError } from "./errors.ts";
import { type AppEnv, isHttps } from "./http.ts";

const COOKIE = "sipap_csrf";
export const CSRF_FIELD = "_csrf";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const csrfFailed = () =>
  new AppError(
    "csrf.invalid",
    403,
    "El formulario venció o no se envió desde SIPAP. Vuelva a la página anterior, recárguela e intente de nuevo.",
  );

export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  let token = getCookie(c, COOKIE);
  if (!token || !/^[a-z2-7]{32}$/.test(token)) {
    token = generateToken();
    setCookie(c, COOKIE, token, { httpOnly: true, sameSite: "Lax", secure: isHttps(c), path: "/" });
  }
  c.set("csrfToken", token);
  if (SAFE_METHODS.has(c.req.method)) return next();

  const origin = c.req.header("origin");
  if (origin && origin !== new URL(c.req.url).origin && origin !== c.var.deps.config.publicBaseUrl)
    throw csrfFailed();
  const contentType = c.req.header("content-type") ?? "";
  if (
    !contentType.startsWith("application/x-www-form-urlencoded") &&
    !contentType.startsWith("multipart/form-data")
  )
    throw csrfFailed();
  const body = await c.req.parseBody();
  const sent = body[CSRF_FIELD];
  if (typeof sent !== "string" || !getCookie(c, COOKIE) || !safeEqual(sent, token)) throw csrfFailed();
  return next();
};
