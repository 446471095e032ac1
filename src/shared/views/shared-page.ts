// Pages that are the same for every anonymous visitor but for the CSRF token (the login form, the public
// pages) are rendered once per process and the token is put in: the login page is the busiest page on
// the days before a deadline.
import type { JSX } from "hono/jsx/jsx-runtime";
import type { AppContext } from "../http.ts";
import { type PageContext, pageContext } from "./page.ts";

const TOKEN = "__sipap_csrf_token__";
const cache = new WeakMap<PageContext["entity"], Map<string, string>>();

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
  let html = pages.get(key);
  if (html === undefined) {
    html = String(await render({ ...ctx, csrfToken: TOKEN, requestId: "" }));
    pages.set(key, html);
  }
  return c.html(html.replaceAll(TOKEN, ctx.csrfToken));
}
