// Client-side enhancements (src/islands), bundled with esbuild once per process and served as static files.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Hono } from "hono";
import type { AppEnv } from "./http.ts";

const ISLANDS = ["photo-preview", "review-keys", "batch-progress"] as const;
const bundles = new Map<string, Promise<string>>();

function bundle(name: string): Promise<string> {
  let code = bundles.get(name);
  if (!code) {
    code = build({
      entryPoints: [fileURLToPath(new URL(`../islands/${name}.ts`, import.meta.url))],
      bundle: true,
      minify: true,
      format: "esm",
      target: "es2020",
      write: false,
    }).then((result) => result.outputFiles[0]?.text ?? "");
    bundles.set(name, code);
  }
  return code;
}

export function islandRoutes() {
  const app = new Hono<AppEnv>();
  for (const name of ISLANDS) {
    app.get(`/static/islands/${name}.js`, async (c) => {
      c.header("Content-Type", "text/javascript; charset=utf-8");
      c.header("Cache-Control", "public, max-age=3600");
      return c.body(await bundle(name));
    });
  }
  return app;
}
