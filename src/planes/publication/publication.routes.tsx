// The public «Transparencia» section: pages and downloads of published plans, no login. Pages are cached
// briefly by browsers and shared caches when nothing in them depends on who asks. A published version never
// changes, so a plan's page and files are tagged without reading or rendering them (a revalidation costs one
// small query), and the anonymous pages are rendered once into a small memo.
import { createHash } from "node:crypto";
import { Hono } from "hono";
import type { HtmlEscapedString } from "hono/utils/html";
import { toWebStream } from "../../core/storage/storage.types.ts";
import { mount } from "../../shared/auth/guard.ts";
import type { AppContext, AppEnv } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { followupsTag, publishedFollowups } from "../followups/followups.public.ts";
import { examplePlanSnapshots } from "./publication.example.ts";
import { publicationDownload } from "./publication.files.ts";
import { RecentlyUsed } from "./publication.memo.ts";
import { PlanPage } from "./publication.plan.views.tsx";
import { bogotaYear, type DownloadKind } from "./publication.rules.ts";
import {
  findPublishedRef,
  listPublishedPlans,
  loadPublishedPlan,
  openDataExample,
  openDataSizes,
  type PublicConfig,
  type PublishedPlan,
  parseVersionNumber,
  planNotFound,
  planTag,
} from "./publication.service.ts";
import { OpenDataPage, PlansListPage, TransparencyPage } from "./publication.views.tsx";

const MAX_AGE = 300;

const isShared = (c: AppContext) => !c.var.user && !c.var.flash;

/**
 * Anonymous pages are the same for everyone: «public», and without the per-browser cookie the middleware
 * would set (a shared cache must never hand one visitor's cookie to the next). A signed-in person's page
 * shows their name and menu: private. A page with a one-time message is never cached.
 */
function cachePolicy(c: AppContext) {
  const shared = isShared(c);
  c.header("Cache-Control", shared ? `public, max-age=${MAX_AGE}` : "private, no-cache");
  return shared;
}

/** A page also says it depends on the cookie: a signed-in person's differs (name, menu). */
function pagePolicy(c: AppContext) {
  c.header("Vary", "Cookie", { append: true });
  return cachePolicy(c);
}

function withoutCookies(response: Response, shared: boolean): Response {
  if (shared) response.headers.delete("Set-Cookie");
  return response;
}

const matches = (c: AppContext, etag: string) =>
  (c.req.header("if-none-match") ?? "").split(/\s*,\s*/).some((tag) => tag === etag || tag === `W/${etag}`);

/** The page, or 304 when the browser already holds these very bytes. */
async function sendPage(c: AppContext, page: HtmlEscapedString | Promise<HtmlEscapedString | string>) {
  const shared = pagePolicy(c);
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
  const read = await file.body();
  const body = Buffer.isBuffer(read) ? new Uint8Array(read) : toWebStream(read);
  return withoutCookies(c.body(body), shared);
}

const fingerprints = new WeakMap<PublicConfig["entity"], string>();

/**
 * A hash of the example plan's page as a visitor sees it: a release that changes the page or the layout
 * changes every page tag by itself, so no browser is told «unchanged» about an older layout.
 */
async function pageFingerprint(entity: PublicConfig["entity"]): Promise<string> {
  const known = fingerprints.get(entity);
  if (known) return known;
  const [, snapshot] = examplePlanSnapshots();
  const plan: PublishedPlan = {
    planId: "",
    status: "publicado",
    version: snapshot.version,
    snapshot,
    changeKeys: [],
    latestNumber: snapshot.version,
    isLatest: true,
  };
  const ctx = { entity, user: undefined, csrfToken: "", flash: undefined, requestId: "", path: "/" };
  const page = <PlanPage ctx={ctx} plan={plan} sizes={{ csv: 1, json: 1 }} currentYear={snapshot.year} />;
  const html = (await page).toString();
  const fingerprint = createHash("sha256").update(html).digest("base64url").slice(0, 12);
  fingerprints.set(entity, fingerprint);
  return fingerprint;
}

// Anonymous plan pages by tag: the latest few, bounded in count and bytes (a large plan's page is MBs).
const renderedPages = new RecentlyUsed<string>(20, 32_000_000, (html) => Buffer.byteLength(html));

async function planPage(c: AppContext, number?: number) {
  const { database, config, clock } = c.var.deps;
  const ref = await findPublishedRef(database.db, c.req.param("slug") ?? "", number);
  const currentYear = bogotaYear(clock.now());
  // OCI's published follow-ups are listed on the page in force: a few small rows, read on each request.
  const followups = ref.isLatest ? await publishedFollowups(database.db, ref.planId) : [];
  const render = async () => {
    const plan = await loadPublishedPlan(database.db, ref);
    const sizes = await openDataSizes(plan, config);
    const page = (
      <PlanPage
        ctx={pageContext(c)}
        plan={plan}
        sizes={sizes}
        currentYear={currentYear}
        followups={followups}
      />
    );
    return (await page).toString();
  };
  if (!isShared(c)) return sendPage(c, render());
  pagePolicy(c);
  // What decides an anonymous page: the version, the plan's state, the version in force (an older one says
  // which), the year it is (a plan's year ends), the address and the code. Answered before reading the
  // snapshot; a 304 renders nothing. A follow-up published later changes the tag.
  const { status, latestNumber } = ref;
  const fingerprint = await pageFingerprint(config.entity);
  const parts = ["page", c.req.path, status, latestNumber, currentYear, fingerprint, followupsTag(followups)];
  const etag = planTag(ref, config, parts);
  c.header("ETag", etag);
  if (matches(c, etag)) return withoutCookies(c.body(null, 304), true);
  const html = await renderedPages.rememberOnce(etag, render);
  return withoutCookies(c.html(html), true);
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
    const { database, clock } = c.var.deps;
    const listing = await listPublishedPlans(database.db, { year, type }, bogotaYear(clock.now()));
    const filters = { vigencia: year ? vigencia : "", tipo: listing.type?.key ?? "" };
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
