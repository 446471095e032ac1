// First middleware of every request: its id, the dependencies, and one structured log line at the end.
import type { MiddlewareHandler } from "hono";
import type { Deps } from "../deps.ts";
import { randomBytes } from "./auth/tokens.ts";
import type { AppEnv } from "./http.ts";

/** The path without the secrets some carry: one-time sign-in links and card codes. */
function loggablePath(path: string): string {
  return path.replace(/^\/(activar|verificar|VERIFICAR)\/[^/]+/, "/$1/***");
}

export function requestContext(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Short random id, shown on error pages and written in every log line.
    const requestId = Buffer.from(randomBytes(6)).toString("hex");
    c.set("requestId", requestId);
    c.set("deps", deps);
    // Headers set before the handler runs go into its response as it is made; set afterwards, they
    // force @hono/node-server off its fast path (a copy of the response, its body read as a stream).
    c.header("X-Request-Id", requestId);
    const started = performance.now();
    await next();
    // Path only: query strings may carry searched names, document numbers or a typed card code.
    deps.logger.info({
      requestId,
      method: c.req.method,
      path: loggablePath(c.req.path),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  };
}
