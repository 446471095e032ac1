import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn } from "../../../test/factories.ts";
import { createPlanWithItems } from "../../../test/plans.ts";
import type { Role } from "../../shared/auth/roles.ts";
import { planImports } from "../imports/imports.table.ts";
import { plans, planTypes } from "./plans.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const db = () => ctx.database.db;
const as = async (...roles: Role[]) => signIn(ctx, await makePerson(ctx, { roles }));
const planRow = async (id: string) => (await db().select().from(plans).where(eq(plans.id, id)))[0];

describe("the list of plans and creating one", () => {
  it("creates a plan from a plain form and shows it in borrador with the import link and the approval form", async () => {
    const client = await as("planeacion");
    const list = await client.get("/planes");
    expect(list.status).toBe(200);
    const page = await list.text();
    expect(page).toContain("Crear un plan");
    const owner = await makeDependencia(ctx);
    const created = await client.post("/planes", {
      typeKey: "paac",
      year: "2027",
      ownerDependenciaId: owner.id,
      title: "Plan Anticorrupción 2027",
    });
    expect(created.status).toBe(303);
    const location = created.headers.get("location") ?? "";
    expect(location).toMatch(/^\/planes\/[0-9a-f-]{36}$/);
    const show = await (await client.get(location)).text();
    expect(show).toContain("Plan creado en borrador");
    expect(show).toContain("Plan Anticorrupción 2027");
    expect(show).toContain(`href="${location}/importar"`);
    expect(show).toContain(`action="${location}/aprobar"`);
    expect(show).toContain("Comité Institucional de Gestión y Desempeño");
    expect(show).toContain("El plan está vacío.");
    expect(show).not.toContain("/transparencia/planes/");
    const listed = await (await client.get("/planes?year=2027&type=paac")).text();
    expect(listed).toContain("Plan Anticorrupción 2027");
    expect(listed).toContain("0 componentes, 0 subcomponentes y 0 actividades");
  });

  it("shows every problem of a bad form at once, keeps what was typed and creates nothing", async () => {
    const client = await as("planeacion");
    const before = (await db().select().from(plans)).length;
    const response = await client.post("/planes", {
      typeKey: "",
      year: "20",
      ownerDependenciaId: "x",
      title: "Mi plan",
    });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain("Elija el tipo de plan.");
    expect(page).toContain("Escriba una vigencia entre 2000 y 2100.");
    expect(page).toContain("Elija la dependencia responsable del plan.");
    expect(page).toContain('value="Mi plan"');
    expect(await db().select().from(plans)).toHaveLength(before);
  });

  it("lets control interno read plans but not create, approve or publish them", async () => {
    const client = await as("control_interno");
    const t = await createPlanWithItems(db(), { year: 2026 });
    const list = await (await client.get("/planes")).text();
    expect(list).not.toContain("Crear un plan");
    const show = await client.get(`/planes/${t.plan.id}`);
    expect(show.status).toBe(200);
    const page = await show.text();
    expect(page).toContain("Socializar la política de administración del riesgo");
    expect(page).not.toContain(`/planes/${t.plan.id}/aprobar`);
    const approve = await client.post(`/planes/${t.plan.id}/aprobar`, {
      committee: "",
      act: "Acta 1",
      approvedOn: "2026-01-20",
    });
    expect(approve.status).toBe(403);
    expect((await client.post(`/planes/${t.plan.id}/publicar`, {})).status).toBe(403);
    expect((await planRow(t.plan.id))?.status).toBe("borrador");
    expect((await client.get(`/planes/${t.plan.id}/actividades/${t.items.activity31}`)).status).toBe(200);
  });

  it("keeps plans from a responsable de plan, who reads only «Actividades de mi dependencia»", async () => {
    const client = await as("responsable_plan");
    expect((await client.get("/planes")).status).toBe(403);
    expect((await client.get("/mis-actividades")).status).toBe(200);
  });
});

describe("a plan's life through its forms", () => {
  it("approves, publishes, reopens as a new version and closes, each refusal said on the page", async () => {
    const client = await as("planeacion");
    const t = await createPlanWithItems(db(), { year: 2026 });
    const base = `/planes/${t.plan.id}`;

    const future = await client.post(`${base}/aprobar`, {
      committee: "",
      act: "Acta 3",
      approvedOn: "2026-02-03",
    });
    expect(future.status).toBe(422);
    const futurePage = await future.text();
    expect(futurePage).toContain("La fecha del acta no puede ser posterior a hoy.");
    expect(futurePage).toContain('value="Acta 3"');
    expect((await planRow(t.plan.id))?.status).toBe("borrador");

    const published = await client.post(`${base}/publicar`, {});
    expect(published.status).toBe(409);
    expect(await published.text()).toContain("Un plan en borrador no se puede publicar");

    const approved = await client.post(`${base}/aprobar`, {
      committee: "",
      act: "Acta 3",
      approvedOn: "2026-01-30",
    });
    expect(approved.status).toBe(303);
    expect(await (await client.get(base)).text()).toContain("Publicar el plan");

    expect((await client.post(`${base}/publicar`, {})).status).toBe(303);
    const publicPage = await (await client.get(base)).text();
    expect(publicPage).toContain(`href="/transparencia/planes/${t.plan.slug}"`);
    expect(publicPage).toContain("Cerrar el plan");
    expect(publicPage).toContain("Comité Institucional de Gestión y Desempeño, Acta 3 del 30/01/2026");
    // Closing is for good: without the confirmation box the plan stays published.
    const unconfirmed = await client.post(`${base}/cerrar`, {});
    expect(unconfirmed.status).toBe(303);
    expect(await (await client.get(base)).text()).toContain("marque la casilla que confirma");
    expect(await planRow(t.plan.id)).toMatchObject({ status: "publicado" });

    const short = await client.post(`${base}/nueva-version`, { reason: "cambio" });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain("Explique el motivo del cambio (al menos 10 caracteres).");
    const reopened = await client.post(`${base}/nueva-version`, {
      reason: "Ajuste de fechas del componente 3",
    });
    expect(reopened.status).toBe(303);
    const draft = await (await client.get(base)).text();
    expect(draft).toContain("Versión 2 creada en borrador");
    expect(draft).toContain("Ajuste de fechas del componente 3");
    // Still public: version 1's snapshot stays.
    expect(draft).toContain(`href="/transparencia/planes/${t.plan.slug}"`);
    expect(await planRow(t.plan.id)).toMatchObject({ status: "borrador", version: 2 });

    const closeDraft = await client.post(`${base}/cerrar`, { confirm: "si" });
    expect(closeDraft.status).toBe(409);
    expect(await closeDraft.text()).toContain("Solo se cierra un plan publicado; este está en borrador.");
  });

  it("filters the tree with a plain GET form and links each activity to its page", async () => {
    const client = await as("planeacion");
    const t = await createPlanWithItems(db(), { year: 2026 });
    const all = await (await client.get(`/planes/${t.plan.id}`)).text();
    expect(all).toContain(`href="/planes/${t.plan.id}/actividades/${t.items.activity11}"`);
    expect(all).toContain('class="table table--compact table--stack"');
    expect(all).toContain('data-label="Responsables"');
    expect(all).toContain("Fecha imposible en el archivo");
    expect(all).toContain("(en el archivo: «Secretaria de Gobierno»)");
    const filtered = await (
      await client.get(`/planes/${t.plan.id}?componente=${t.items.component3}&mes=`)
    ).text();
    expect(filtered).toContain("Realizar la audiencia pública");
    expect(filtered).not.toContain("Socializar la política");
    expect(filtered).toContain("Se muestran 1 de 3 actividades.");
    const byMonth = await (await client.get(`/planes/${t.plan.id}?mes=2026-01&dependencia=basura`)).text();
    expect(byMonth).toContain("Socializar la política");
    expect(byMonth).not.toContain("Realizar la audiencia pública");
  });

  it("draws the timeline as an SVG image described by its table alternative", async () => {
    const client = await as("control_interno");
    const t = await createPlanWithItems(db(), { year: 2026 });
    const response = await client.get(`/planes/${t.plan.id}/cronograma`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toMatch(/<svg[^>]*role="img"[^>]*aria-describedby="timeline-table"/);
    expect(page).toMatch(/<title id="timeline-title">Cronograma de /);
    for (const month of ["ene", "feb", "jul", "dic"]) expect(page).toContain(`>${month}</text>`);
    expect(page.match(/<rect /g)?.length).toBe(4);
    expect(page).toMatch(/<table class="table table--compact table--stack" id="timeline-table">/);
    expect(page).toContain('data-label="Meses">jul – dic</td>');
    expect(page).toContain("01/04/2026 - 31/04/2026 (fecha imposible en el archivo)");
    expect(page).not.toContain("<script");
  });
});

describe("activities of a dependencia", () => {
  it("shows a responsable what falls due this month and their activity pages, and nothing of another dependencia", async () => {
    const gobierno = await makeDependencia(ctx);
    const t = await createPlanWithItems(db(), { year: 2026, status: "aprobado", gobiernoId: gobierno.id });
    const mine = await signIn(
      ctx,
      await makePerson(ctx, { roles: ["responsable_plan"], dependenciaId: gobierno.id }),
    );
    const page = await (await mine.get("/mis-actividades")).text();
    expect(page).toContain("Vence este mes");
    expect(page.indexOf("Actualizar el mapa de riesgos")).toBeLessThan(page.indexOf("Realizar la audiencia"));
    expect(page).toContain(`href="/planes/${t.plan.id}/actividades/${t.items.activity31}"`);
    expect(page).not.toContain("Socializar la política");
    const own = await mine.get(`/planes/${t.plan.id}/actividades/${t.items.activity31}`);
    expect(own.status).toBe(200);
    const ownPage = await own.text();
    expect(ownPage).toContain("Volver a las actividades de mi dependencia");
    expect(ownPage).toContain("No tiene cambios registrados.");
    // The plan's staff page would answer 403: an approved, unpublished plan is named without a link.
    expect(ownPage).not.toContain(`href="/planes/${t.plan.id}"`);
    expect((await mine.get(`/planes/${t.plan.id}/actividades/${t.items.activity11}`)).status).toBe(404);

    const stranger = await signIn(ctx, await makePerson(ctx, { roles: ["responsable_plan"] }));
    expect((await stranger.get(`/planes/${t.plan.id}/actividades/${t.items.activity31}`)).status).toBe(404);
    expect(await (await stranger.get("/mis-actividades")).text()).not.toContain("Realizar la audiencia");
  });
});

describe("plan types", () => {
  it("lets an administrator rename the levels of a type with a plain form", async () => {
    const client = await as("administrador");
    const page = await (await client.get("/admin/tipos-de-plan?editar=accion")).text();
    expect(page).toContain('action="/admin/tipos-de-plan/accion"');
    const bad = await client.post("/admin/tipos-de-plan/accion", {
      name: "",
      description: "",
      level1: "A",
      level2: "Qué",
      level3: "Cómo",
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Escriba el nombre del tipo de plan.");
    const saved = await client.post("/admin/tipos-de-plan/accion", {
      name: "Plan de Acción Institucional",
      description: "",
      level1: "Actividad de gestión",
      level2: "Alternativa de mejora",
      level3: "Tarea",
    });
    expect(saved.status).toBe(303);
    const [row] = await db().select().from(planTypes).where(eq(planTypes.key, "accion"));
    expect(row).toMatchObject({
      shape: "matriz",
      levelNames: ["Actividad de gestión", "Alternativa de mejora", "Tarea"],
    });
    expect((await client.post("/admin/tipos-de-plan/nada", { name: "Nada" })).status).toBe(404);
    expect((await (await as("planeacion")).get("/admin/tipos-de-plan")).status).toBe(403);
  });

  it("points planeación to an upload still waiting in its preview", async () => {
    const t = await createPlanWithItems(db(), { year: 2026 });
    const [waiting] = await db()
      .insert(planImports)
      .values({
        planId: t.plan.id,
        fileName: "Plan ajustado.xlsx",
        sha256: "0".repeat(64),
        summary: { ok: true, counts: {}, problems: [], unmatched: [] },
        createdAt: ctx.clock.now(),
      })
      .returning();
    const planner = await (await (await as("planeacion")).get(`/planes/${t.plan.id}`)).text();
    expect(planner).toContain(`href="/planes/${t.plan.id}/importaciones/${waiting?.id}"`);
    expect(planner).toContain("«Plan ajustado.xlsx»");
    const reader = await (await (await as("control_interno")).get(`/planes/${t.plan.id}`)).text();
    expect(reader).not.toContain("Continuar con esa carga");
  });
});
