// Pages that are the same for every anonymous visitor but for the CSRF token (the login form, the public
// pages) are rendered once per process and the token is put in: the login page is the busiest page on
// the days before a deadline.
import type { JSX } from "hono/jsx/jsx-runtime";
import type { AppContext } from "../http.ts";
import { type PageContext, pageContext } from "./page.ts";

const TOKEN = "__sipap_csrf_token__";
// Kept as UTF-8 bytes around the token: encoding 6 kB of accented text on every request costs more
// than the rest of the request.
const cache = new WeakMap<PageContext["entity"], Map<string, Buffer[]>>();

export async function renderSharedPage(
  c: AppContext,
  key: string,
  render: (ctx: PageContext) => JSX.Element,
) {
  const ctx = pageContext(c);
  if (ctx.user || ctx.flash) return c.html(render(ctx));
  let pages = cache.get(ctx.entity);
  if (!pages) {
    pages = new Map();
    cache.set(ctx.entity, pages);
  }
  let parts = pages.get(key);
  if (!parts) {
    const html = String(await render({ ...ctx, csrfToken: TOKEN, requestId: "" }));
    parts = html.split(TOKEN).map((part) => Buffer.from(part, "utf8"));
    pages.set(key, parts);
  }
  const token = Buffer.from(ctx.csrfToken, "latin1");
  const chunks = parts.flatMap((part, i) => (i === 0 ? [part] : [token, part]));
  c.header("Content-Type", "text/html; charset=UTF-8");
  return c.body(Buffer.concat(chunks));
}
