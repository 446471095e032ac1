// Security headers and request limits applied to every response.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { AppError } from "./errors.ts";
import type { AppEnv } from "./http.ts";

export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
  xFrameOptions: "DENY",
  xContentTypeOptions: "nosniff",
  // "no-referrer" would make browsers send "Origin: null" on our own form posts.
  referrerPolicy: "same-origin",
  strictTransportSecurity: "max-age=31536000; includeSubDomains",
  crossOriginResourcePolicy: "same-origin",
  crossOriginOpenerPolicy: "same-origin",
  permissionsPolicy: { camera: ["self"], geolocation: [], microphone: [] },
});

/** Ordinary forms are small; uploads get their own, larger limit on their own routes. */
export const FORM_BODY_LIMIT = 64 * 1024;

export const formBodyLimit: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: FORM_BODY_LIMIT,
  onError: () => {
    throw new AppError(
      "request.too_large",
      413,
      "El formulario enviado es demasiado grande. Revise que no haya pegado un texto muy largo e intente de nuevo.",
    );
  },
});

/** Short random id for each request, shown on error pages and written in every log line. */
export const assignRequestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  const id = Buffer.from(bytes).toString("hex");
  c.set("requestId", id);
  c.header("X-Request-Id", id);
  await next();
};
