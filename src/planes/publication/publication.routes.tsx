// The public «Transparencia» section: pages and downloads of published plans, no login. Pages are cached
// briefly by browsers and shared caches when nothing in them depends on who asks.
import { createHash } from "node:crypto";
import { Hono } from "hono";
import type { HtmlEscapedString } from "hono/utils/html";
import { toWebStream } from "../../core/storage/storage.types.ts";
import { mount } from "../../shared/auth/guard.ts";
import type { AppContext, AppEnv } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { publicationDownload } from "./publication.files.ts";
import { PlanPage } from "./publication.plan.views.tsx";
import type { DownloadKind } from "./publication.rules.ts";
import {
  findPublishedPlan,
  listPublishedPlans,
  openDataExample,
  openDataSizes,
  parseVersionNumber,
  planNotFound,
  publicLinks,
} from "./publication.service.ts";
import { OpenDataPage, PlansListPage, TransparencyPage } from "./publication.views.tsx";

const MAX_AGE = 300;

/**
 * Anonymous pages are the same for everyone: «public», and without the per-browser cookie the middleware
 * would set (a shared cache must never hand one visitor's cookie to the next). A signed-in person's page
 * shows their name and menu: private. A page with a one-time message is never cached.
 */
function cachePolicy(c: AppContext) {
  const shared = !c.var.user && !c.var.flash;
  c.header("Cache-Control", shared ? `public, max-age=${MAX_AGE}` : "private, no-cache");
  return shared;
}

function withoutCookies(response: Response, shared: boolean): Response {
  if (shared) response.headers.delete("Set-Cookie");
  return response;
}

const matches = (c: AppContext, etag: string) =>
  (c.req.header("if-none-match") ?? "").split(/\s*,\s*/).some((tag) => tag === etag || tag === `W/${etag}`);

/** The page, or 304 when the browser already holds these very bytes. */
async function sendPage(c: AppContext, page: HtmlEscapedString | Promise<HtmlEscapedString>) {
  const shared = cachePolicy(c);
  const html = (await page).toString();
  const etag = `"${createHash("sha256").update(html).digest("base64url").slice(0, 27)}"`;
  c.header("ETag", etag);
  if (matches(c, etag)) return withoutCookies(c.body(null, 304), shared);
  return withoutCookies(c.html(html), shared);
}

async function download(c: AppContext, kind: DownloadKind) {
  const { database, storage, config } = c.var.deps;
  const query = c.req.query("version");
  const version = query === undefined ? undefined : parseVersionNumber(query);
  if (query !== undefined && version === undefined) throw planNotFound();
  const file = await publicationDownload(database.db, storage, config, {
    slug: c.req.param("slug") ?? "",
    kind,
    version,
  });
  const shared = cachePolicy(c);
  c.header("ETag", file.etag);
  c.header("Content-Type", file.contentType);
  c.header("Content-Disposition", `attachment; filename="${file.fileName}"`);
  c.header("X-Content-Type-Options", "nosniff");
  if (matches(c, file.etag)) return withoutCookies(c.body(null, 304), shared);
  const body = Buffer.isBuffer(file.body) ? new Uint8Array(file.body) : toWebStream(file.body);
  return withoutCookies(c.body(body), shared);
}

async function planPage(c: AppContext, number?: number) {
  const { database, config } = c.var.deps;
  const plan = await findPublishedPlan(database.db, c.req.param("slug") ?? "", number);
  const sizes = openDataSizes(plan, publicLinks(config, plan.snapshot));
  return sendPage(c, <PlanPage ctx={pageContext(c)} plan={plan} sizes={sizes} />);
}

export function publicationRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "transparency.home", (c) => sendPage(c, <TransparencyPage ctx={pageContext(c)} />));

  mount(app, "transparency.plans", async (c) => {
    const vigencia = c.req.query("vigencia") ?? "";
    const tipo = c.req.query("tipo") ?? "";
    // A filter that is not a year or a type key filters nothing rather than failing.
    const year = /^\d{4}$/.test(vigencia) ? Number(vigencia) : undefined;
    const type = /^[a-z0-9_-]{1,40}$/.test(tipo) ? tipo : undefined;
    const listing = await listPublishedPlans(c.var.deps.database.db, { year, type });
    const filters = { vigencia: year ? vigencia : "", tipo: type ?? "" };
    return sendPage(c, <PlansListPage ctx={pageContext(c)} listing={listing} filters={filters} />);
  });

  mount(app, "transparency.openData", (c) =>
    sendPage(c, <OpenDataPage ctx={pageContext(c)} example={openDataExample(c.var.deps.config)} />),
  );

  mount(app, "transparency.plan", (c) => planPage(c));

  mount(app, "transparency.version", (c) => {
    const number = parseVersionNumber(c.req.param("number"));
    if (number === undefined) throw planNotFound();
    return planPage(c, number);
  });

  mount(app, "transparency.pdf", (c) => download(c, "pdf"));
  mount(app, "transparency.xlsx", (c) => download(c, "xlsx"));
  mount(app, "transparency.csv", (c) => download(c, "csv"));
  mount(app, "transparency.json", (c) => download(c, "json"));

  return app;
}
