// The public «Transparencia» pages read published snapshots only: plans by year and type, a plan with its
// structure, responsables, periods, versions and change log; drafts and unknown addresses are a 404.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn } from "../../../test/factories.ts";
import { plans, planVersions } from "../plans/plans.table.ts";
import type { PlanSnapshot, PlanStatus } from "../plans/plans.types.ts";
import { examplePlanSnapshots } from "./publication.example.ts";

let ctx: TestContext;
let visitor: TestClient;

/** A plan row and its versions: the given snapshots published, then `drafts` versions without one. */
async function insertPlan(options: {
  title: string;
  status: PlanStatus;
  published: 0 | 1 | 2;
  drafts?: number;
  year?: number;
  typeKey?: string;
  publishedBy?: string;
}) {
  const owner = await makeDependencia(ctx);
  const typeKey = options.typeKey ?? "paac";
  const year = options.year ?? 2022;
  const slug = `${typeKey}-${year}-${randomUUID().slice(0, 8)}`;
  const drafts = options.drafts ?? 0;
  const [plan] = await ctx.database.db
    .insert(plans)
    .values({
      typeKey,
      year,
      ownerDependenciaId: owner.id,
      // The working title may change while a new version is drafted: the public reads the snapshot's.
      title: `Borrador en curso ${options.title}`,
      slug,
      status: options.status,
      version: Math.max(1, options.published + drafts),
    })
    .returning();
  if (!plan) throw new Error("plan not inserted");
  const snapshots = examplePlanSnapshots({ planId: plan.id, slug }).slice(0, options.published);
  for (const snapshot of snapshots as PlanSnapshot[])
    await ctx.database.db.insert(planVersions).values({
      planId: plan.id,
      number: snapshot.version,
      reason: snapshot.reason,
      createdAt: new Date(snapshot.publishedAt),
      approvedOn: snapshot.approval?.date,
      publishedAt: new Date(snapshot.publishedAt),
      publishedBy: options.publishedBy,
      snapshot: { ...snapshot, title: options.title, year, type: { ...snapshot.type, key: typeKey } },
    });
  for (let number = options.published + 1; number <= options.published + drafts; number++)
    await ctx.database.db.insert(planVersions).values({
      planId: plan.id,
      number,
      reason: "Ajuste en preparación",
      createdAt: new Date("2022-05-01T15:00:00Z"),
    });
  return { plan, slug };
}

let current: { slug: string; planId: string };
let draft: { slug: string };
let redrafted: { slug: string };
let closed: { slug: string };
let publisher: Awaited<ReturnType<typeof makePerson>>;

beforeAll(async () => {
  ctx = await createTestApp();
  visitor = new TestClient(ctx.app);
  publisher = await makePerson(ctx, { roles: ["planeacion"] });
  const published = await insertPlan({
    title: "PAAC de prueba vigente",
    status: "publicado",
    published: 2,
    publishedBy: publisher.id,
  });
  current = { slug: published.slug, planId: published.plan.id };
  draft = await insertPlan({ title: "PAAC nunca publicado", status: "borrador", published: 0, drafts: 1 });
  redrafted = await insertPlan({ title: "PAAC en ajuste", status: "borrador", published: 1, drafts: 1 });
  closed = await insertPlan({
    title: "Plan de acción cerrado",
    status: "cerrado",
    published: 1,
    year: 2023,
    typeKey: "accion",
  });
});
afterAll(() => ctx.database.close());

const headingLevels = (html: string) => [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));

describe("the Transparencia index", () => {
  it("follows Res. 1519 Anexo 2 with the plans, open data and the card check, cacheable and cookie-free", async () => {
    const response = await visitor.get("/transparencia");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="es-CO">');
    expect(html).toContain("4. Planeación, presupuesto e informes");
    expect(html).toContain(
      "Plan Anticorrupción y de Atención al Ciudadano / Programa de Transparencia y Ética Pública",
    );
    expect(html).toContain('href="/transparencia/planes?tipo=paac"');
    expect(html).toContain('href="/transparencia/planes?tipo=accion"');
    expect(html).toContain('<a href="/transparencia/planes?tipo=mejoramiento">Planes de mejoramiento</a>');
    expect(html).toContain("7. Datos abiertos");
    expect(html).toContain('href="/transparencia/datos-abiertos"');
    expect(html).toContain('href="/verificar"');
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(response.headers.get("set-cookie")).toBeNull();
  });
});

describe("the list of published plans", () => {
  it("groups the latest published versions by year, newest first, and type; drafts never appear", async () => {
    const html = await (await visitor.get("/transparencia/planes")).text();
    expect(html.indexOf("Vigencia 2023")).toBeGreaterThan(-1);
    expect(html.indexOf("Vigencia 2023")).toBeLessThan(html.indexOf("Vigencia 2022"));
    expect(html).toContain(`href="/transparencia/planes/${current.slug}"`);
    expect(html).toMatch(
      /PAAC de prueba vigente<\/a><br\/?><span class="hint">Versión 2 · publicada el 15 de marzo de 2022/,
    );
    expect(html).toContain("Plan de acción cerrado");
    expect(html).toContain("vigencia cerrada");
    // The test clock says 2026: a 2022 plan still published is not said to be in force.
    expect(html).toMatch(
      /PAAC de prueba vigente<\/a><br\/?><span class="hint">[^<]* · vigencia 2022 terminada/,
    );
    expect(html).not.toMatch(/· vigente</);
    // Published version 1 of a plan being adjusted is listed as version 1; its draft title never shows.
    expect(html).toMatch(/PAAC en ajuste<\/a><br\/?><span class="hint">Versión 1 ·/);
    expect(html).not.toContain("Borrador en curso");
    expect(html).not.toContain("PAAC nunca publicado");
    expect(html).not.toContain(draft.slug);
  });

  it("filters by year and type from the query", async () => {
    const byYear = await (await visitor.get("/transparencia/planes?vigencia=2023")).text();
    expect(byYear).toContain("Plan de acción cerrado");
    expect(byYear).not.toContain("PAAC de prueba vigente");
    expect(byYear).toContain("1 plan publicado con estos filtros.");
    const byType = await (await visitor.get("/transparencia/planes?tipo=paac")).text();
    expect(byType).toContain("PAAC de prueba vigente");
    expect(byType).not.toContain("Plan de acción cerrado");
    const nonsense = await visitor.get("/transparencia/planes?vigencia=dos-mil&tipo=%3Cscript%3E");
    expect(nonsense.status).toBe(200);
    expect(await nonsense.text()).toContain("Plan de acción cerrado");
  });

  it("keeps a type without published plans chosen in the filter and says there are none yet", async () => {
    // The index's «Plan de Acción Institucional» when only a PAAC is published (here: mejoramiento).
    const html = await (await visitor.get("/transparencia/planes?tipo=mejoramiento")).text();
    expect(html).toMatch(/<option value="mejoramiento" selected(="")?>Plan de mejoramiento<\/option>/);
    expect(html).toContain("Todavía no hay planes de este tipo publicados.");
    expect(html).not.toContain("0 planes publicados");
    // A type with plans in other years only: the usual count, since the type has plans.
    const other = await (await visitor.get("/transparencia/planes?tipo=accion&vigencia=2022")).text();
    expect(other).toContain("0 planes publicados con estos filtros.");
    // A key that is no type filters nothing.
    const unknown = await (await visitor.get("/transparencia/planes?tipo=otro")).text();
    expect(unknown).toContain("PAAC de prueba vigente");
    expect(unknown).not.toContain("Todavía no hay planes");
  });
});

describe("a published plan's page", () => {
  it("shows the latest version's structure with codes, reconciled responsables and Spanish periods", async () => {
    const response = await visitor.get(`/transparencia/planes/${current.slug}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<h1>PAAC de prueba vigente</h1>");
    expect(html).toContain(
      "Comité Institucional de Gestión y Desempeño, Acta 03 de 2022, el 14 de marzo de 2022",
    );
    expect(html).toContain("15 de marzo de 2022");
    expect(html).toContain("Oficina de Planeación de Gestión Institucional – OPGI");
    expect(html).toMatch(/<h2 id="n-c1">Componente 1\. Gestión del riesgo de corrupción/);
    expect(html).toMatch(/<h3 id="n-c1-s5">Subcomponente 5\. Seguimiento<\/h3>/);
    expect(html).toMatch(/<h4 id="n-c1-s5-5-1">Actividad 5\.1<\/h4><p>Realizar seguimiento al PAAC/);
    // The sixth component's activities hang from it directly: one heading level below it.
    expect(html).toMatch(/<h3 id="n-c6---3">Actividad 3<\/h3>/);
    expect(html).toContain("Ver documento anexo “Estrategia de racionalización de trámites 2022”");
    expect(html).toContain("<dd>3 informes de seguimiento de PAAC y mapa de riesgos de corrupción.</dd>");
    expect(html).toContain("<li>Oficina de Control Interno de Gestión – OCI</li>");
    expect(html).toContain("Como aparece en el plan: «Oficina de Control Interno de Gestión»");
    expect(html).toContain("Como aparece en el plan: «OPGI.», «Líderes de proceso»");
    expect(html).toContain("<li>Todas las dependencias</li>");
    expect(html).toContain("El 13 de enero de 2022");
    expect(html).toContain("Del 1 de agosto de 2022 al 31 de agosto de 2022");
    // The impossible date, as written, with its note; never moved to 30 April or 1 May.
    expect(html).toContain("Desde el 1 de abril de 2022. Como aparece en el plan: «1/04/2022 - 31/04/2022»");
    expect(html).toContain("Esta fecha no existe en el calendario");
    expect(html).not.toContain("30 de abril de 2022");
    // 1.1 is written as its reconciled name: no «como aparece» line for it.
    expect(html).not.toContain(
      "Como aparece en el plan: «Oficina de Planeación de Gestión Institucional – OPGI»",
    );
    expect(html).not.toContain("Esta no es la versión vigente");
    // Each component's activities fold under their count; the heading stays outside, in the outline.
    expect(html).toMatch(
      /<h2 id="n-c1">Componente 1\. Gestión del riesgo de corrupción[^<]*<\/h2><details class="section"><summary>4 actividades<\/summary>/,
    );
    expect(html).toMatch(
      /<h2 id="n-c6">[^<]*<\/h2><details class="section"><summary>2 actividades<\/summary>/,
    );
    expect(html).not.toMatch(/<details[^>]* open/);
    // Component 2 holds only its note: nothing to fold.
    expect(html).toMatch(/<h2 id="n-c2">[^<]*<\/h2><p>Ver documento anexo/);
    const levels = headingLevels(html.slice(html.indexOf("<main")));
    expect(levels[0]).toBe(1);
    for (const [i, level] of levels.entries())
      if (i > 0) expect(level).toBeLessThanOrEqual((levels[i - 1] ?? 1) + 1);
  });

  it("publishes every version and the change log with before and after", async () => {
    const html = await (await visitor.get(`/transparencia/planes/${current.slug}`)).text();
    const versions = html.slice(html.indexOf('id="versiones"'));
    expect(versions).toContain(`<a href="/transparencia/planes/${current.slug}/version/1">Versión 1</a>`);
    expect(versions).toContain("Versión 2 (esta página)");
    expect(versions).toContain("Versión inicial");
    expect(versions).toContain("28 de enero de 2022");
    expect(versions).toContain("Cambios de la versión 2");
    // Codes repeat from one component to the next: each change says its component.
    expect(versions).toContain("<strong>Se modificó</strong> Componente 1 · 1.2 «Evaluar la implementación");
    expect(versions).toMatch(
      /Fechas: antes «01\/07\/2022 – 31\/08\/2022» <span aria-hidden="true">→<\/span> ahora «01\/09\/2022 – 30\/09\/2022»/,
    );
    // 2.1 is no longer in the plan, and no change log row says where it was: its code alone.
    expect(versions).toContain("<strong>Se eliminó</strong> 2.1 «Actualizar los mapas de riesgos");
    expect(versions).toContain("<strong>Se agregó</strong> Componente 6 · 3 «Divulgar el canal de denuncias");
    for (const file of ["plan.pdf", "plan.xlsx", "datos.csv", "datos.json"])
      expect(html).toContain(`href="/transparencia/planes/${current.slug}/${file}"`);
    expect(html).toMatch(
      /Datos abiertos en CSV \(versión 2\)<\/a> <span class="hint">– CSV, una fila por actividad y periodo, \d+ kB/,
    );
  });

  it("names offices only: the person who published it appears nowhere", async () => {
    const html = await (await visitor.get(`/transparencia/planes/${current.slug}`)).text();
    expect(html).not.toContain(publisher.lastNames);
    expect(html).not.toContain(publisher.documentNumber);
  });

  it("shows an older published version with a notice linking to the one in force", async () => {
    const response = await visitor.get(`/transparencia/planes/${current.slug}/version/1`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Esta no es la versión vigente.");
    expect(html).toContain(`<a href="/transparencia/planes/${current.slug}">Ver la versión vigente</a>`);
    expect(html).toContain("Actualizar los mapas de riesgos de corrupción de cada proceso.");
    expect(html).not.toContain("Divulgar el canal de denuncias");
    expect(html).toContain("Del 1 de julio de 2022 al 31 de agosto de 2022");
    expect(html).toContain(`href="/transparencia/planes/${current.slug}/plan.pdf?version=1"`);
    const latest = await (await visitor.get(`/transparencia/planes/${current.slug}/version/2`)).text();
    expect(latest).not.toContain("Esta no es la versión vigente");
  });

  it("shows the published version 1 of a plan whose version 2 is still a draft, and hides the draft", async () => {
    const html = await (await visitor.get(`/transparencia/planes/${redrafted.slug}`)).text();
    expect(html).toContain("<h1>PAAC en ajuste</h1>");
    expect(html).toContain("1: Versión inicial");
    expect(html).not.toContain("Ajuste en preparación");
    expect((await visitor.get(`/transparencia/planes/${redrafted.slug}/version/2`)).status).toBe(404);
  });

  it("says a closed plan's year is closed, a published one's year over, the current year's version in force", async () => {
    const html = await (await visitor.get(`/transparencia/planes/${closed.slug}`)).text();
    expect(html).toContain("<dt>Estado</dt><dd>Vigencia cerrada</dd>");
    const over = await (await visitor.get(`/transparencia/planes/${current.slug}`)).text();
    expect(over).toContain("<dt>Estado</dt><dd>Vigencia 2022 terminada</dd>");
    const older = await (await visitor.get(`/transparencia/planes/${current.slug}/version/1`)).text();
    expect(older).toContain("<dt>Estado</dt><dd>Versión anterior</dd>");
    const now = await insertPlan({
      title: "PAAC del año en curso",
      status: "publicado",
      published: 1,
      year: 2026,
    });
    const inForce = await (await visitor.get(`/transparencia/planes/${now.slug}`)).text();
    expect(inForce).toContain("<dt>Estado</dt><dd>Versión vigente</dd>");
  });

  it("changes an anonymous page's tag when the year it names ends", async () => {
    const path = `/transparencia/planes/${current.slug}`;
    const before = await visitor.get(path);
    ctx.clock.advance(365 * 24 * 3600 * 1000);
    try {
      const after = await ctx.app.request(path, {
        headers: { "if-none-match": before.headers.get("etag") ?? "" },
      });
      expect(after.status).toBe(200);
    } finally {
      ctx.clock.advance(-365 * 24 * 3600 * 1000);
    }
  });

  it.each([
    ["an unknown slug", () => "/transparencia/planes/paac-1999"],
    ["a plan never published", () => `/transparencia/planes/${draft.slug}`],
    ["a draft plan's version", () => `/transparencia/planes/${draft.slug}/version/1`],
    ["a version that is not a number", () => `/transparencia/planes/${current.slug}/version/uno`],
    ["version zero", () => `/transparencia/planes/${current.slug}/version/0`],
    ["a malformed slug", () => "/transparencia/planes/PAAC%20'%3B--"],
  ])("answers %s with a 404 in Spanish that says nothing of drafts", async (_case, path) => {
    const response = await visitor.get(path());
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Ese plan no existe o todavía no está publicado.");
    expect(html).not.toContain("PAAC nunca publicado");
  });

  it("answers a repeated request with 304 when nothing changed", async () => {
    const path = `/transparencia/planes/${current.slug}`;
    const first = await visitor.get(path);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await ctx.app.request(path, { headers: { "if-none-match": etag ?? "" } });
    expect(again.status).toBe(304);
  });

  it("is private for a signed-in person, whose name the menu shows", async () => {
    const client = await signIn(ctx, publisher);
    const response = await client.get(`/transparencia/planes/${current.slug}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
  });
});

describe("the open data page", () => {
  it("documents every CSV and JSON field, the format and the way to datos.gov.co", async () => {
    const response = await visitor.get("/transparencia/datos-abiertos");
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const field of [
      "nivel_3_codigo",
      "responsables_como_escritos",
      "fecha_como_escrita",
      "items[].periods[].written",
      "changes[].fields",
    ])
      expect(html).toContain(`<code>${field}</code>`);
    expect(html).toContain("UTF-8");
    expect(html).toContain("Coma (,)");
    expect(html).toContain("ISO 8601");
    expect(html).toContain("Datos abiertos de la Alcaldía de Pasto.");
    expect(html).toContain("Cómo llevarlos a datos.gov.co");
    // The example is rendered by the same code as the downloads.
    expect(html).toContain("plan,vigencia,version,fecha_publicacion,tipo");
    expect(html).toContain(
      "&quot;schema&quot;: &quot;http://localhost:3000/transparencia/datos-abiertos&quot;",
    );
  });
});
