// Placeholder until the module's routes are written (issue 11 in progress).
import { Hono } from "hono";
import type { AppEnv } from "../../shared/http.ts";

export function publicationRoutes() {
  return new Hono<AppEnv>();
}
