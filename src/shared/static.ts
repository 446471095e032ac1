// Stylesheet, images and self-hosted fonts (no CDN: pages load on the intranet without Internet).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AppEnv } from "./http.ts";

const require = createRequire(import.meta.url);
const staticDir = fileURLToPath(new URL("../../static", import.meta.url));
const fontDirs: Record<string, string> = {
  "work-sans": path.join(path.dirname(require.resolve("@fontsource/work-sans/package.json")), "files"),
  montserrat: path.join(path.dirname(require.resolve("@fontsource/montserrat/package.json")), "files"),
};

export function staticRoutes() {
  const app = new Hono<AppEnv>();
  app.use("/static/*", async (c, next) => {
    await next();
    if (c.res.ok) c.header("Cache-Control", "public, max-age=86400");
  });
  for (const [family, root] of Object.entries(fontDirs)) {
    app.get(
      `/static/fonts/${family}/*`,
      serveStatic({ root, rewriteRequestPath: (p) => p.replace(`/static/fonts/${family}/`, "") }),
    );
  }
  app.get(
    "/static/*",
    serveStatic({ root: staticDir, rewriteRequestPath: (p) => p.replace(/^\/static\//, "") }),
  );
  return app;
}
