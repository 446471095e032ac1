// The demo's plans: the real PAAC 2022 published in two versions, the real Matriz 2026 approved, a closed and a
// draft improvement plan; loaded through the same services as the pages, once.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../test/app.ts";
import { makePerson, signIn } from "../../test/factories.ts";
import { enrollPerson } from "../core/auth/auth.credentials.ts";
import { findDependenciaByName } from "../core/dependencias/dependencias.service.ts";
import { getBuffer } from "../core/storage/storage.types.ts";
import { planImports } from "../planes/imports/imports.table.ts";
import { myDependenciaActivities } from "../planes/plans/plans.service.ts";
import { planItems, plans, planVersions } from "../planes/plans/plans.table.ts";
import { storageKeyOf } from "../planes/publication/publication.rules.ts";
import { systemAuditContext } from "../shared/audit.ts";
import type { CurrentUser } from "../shared/auth/roles.ts";
import { bogotaDay } from "../shared/time.ts";
import { loadDemoPlans } from "./demo.plans.ts";
import { seedDependencias } from "./demo.service.ts";

let ctx: TestContext;
let loaded: number;
const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createTestApp();
  await seedDependencias(db(), ctx.clock.now(), systemAuditContext);
  const opgi = await findDependenciaByName(db(), "Oficina de Planeación de Gestión Institucional");
  await enrollPerson(
    db(),
    ctx.clock.now(),
    systemAuditContext,
    ctx.deps.config,
    {
      documentType: "CC",
      documentNumber: "9000000005",
      firstNames: "Diana Carolina",
      lastNames: "Ceballos Paz",
      email: null,
      dependenciaId: opgi?.id ?? "",
    },
    ["servidor", "planeacion"],
  );
  loaded = await loadDemoPlans(ctx.database, ctx.deps.storage, ctx.deps.config, ctx.clock.now());
}, 240_000);
afterAll(() => ctx.database.close());

const planBySlug = async (slug: string) => (await db().select().from(plans).where(eq(plans.slug, slug)))[0];

describe("the demo plans", () => {
  it("holds a plan in every state, from the shipped spreadsheets", async () => {
    expect(loaded).toBe(5);
    const year = bogotaDay(ctx.clock.now()).slice(0, 4);
    const states = Object.fromEntries(
      (await db().select().from(plans)).map((p) => [p.title, [p.status, p.version]]),
    );
    expect(states).toEqual({
      "Plan Anticorrupción y de Atención al Ciudadano 2022": ["publicado", 2],
      "Política de Planeación Institucional – Matriz operativa 2026": ["aprobado", 1],
      "Plan de mejoramiento 2025 – Auditoría interna a la atención de PQRD": ["cerrado", 1],
      "Plan de mejoramiento 2026 – Auditoría a la gestión documental": ["borrador", 1],
      [`Plan de mejoramiento ${year} – Seguimiento de la OCI a la atención al ciudadano`]: ["publicado", 1],
    });
    const matriz = await planBySlug("accion-2026");
    const tasks = await db()
      .select()
      .from(planItems)
      .where(and(eq(planItems.planId, matriz?.id ?? ""), eq(planItems.level, 3)));
    expect(tasks).toHaveLength(29);
  });

  it("publishes the PAAC 2022 twice: version 2 adds 3.5 and moves 2.2, and both versions keep their files", async () => {
    const paac = await planBySlug("paac-2022");
    const versions = await db()
      .select()
      .from(planVersions)
      .where(eq(planVersions.planId, paac?.id ?? ""));
    expect(versions.map((v) => [v.number, v.approvedAct, Boolean(v.snapshot)]).sort()).toEqual([
      [1, "Acta 001 de 2022", true],
      [2, "Acta 006 de 2022", true],
    ]);
    const page = await (await ctx.app.request("/transparencia/planes/paac-2022")).text();
    expect(page).toContain("Evaluar la estrategia de rendición de cuentas 2022");
    expect(page).toContain("15/12/2022");
    expect(page).toContain("se amplía el plazo de los espacios territoriales de diálogo");
    const first = await (await ctx.app.request("/transparencia/planes/paac-2022/version/1")).text();
    expect(first).not.toContain("Evaluar la estrategia de rendición de cuentas 2022");
    for (const version of [1, 2])
      for (const ext of ["pdf", "xlsx"] as const) {
        const stored = await getBuffer(ctx.deps.storage, storageKeyOf(paac?.id ?? "", version, ext));
        expect(stored?.length ?? 0, `v${version}.${ext}`).toBeGreaterThan(1000);
      }
  });

  it("leaves the 2026 improvement plan waiting for one responsable to be reconciled", async () => {
    const [draft] = await db().select().from(plans).where(eq(plans.status, "borrador"));
    const [pending] = await db()
      .select()
      .from(planImports)
      .where(eq(planImports.planId, draft?.id ?? ""));
    expect(pending?.status).toBe("vista_previa");
    expect(pending?.summary.unmatched.map((u) => u.text)).toEqual(["Archivo Central"]);
    const closed = await (await ctx.app.request("/transparencia/planes/mejoramiento-2025")).text();
    expect(closed).toContain("Revisar una muestra mensual de respuestas con la guía de lenguaje claro");
    expect(await ctx.app.request(`/transparencia/planes/${draft?.slug}`)).toHaveProperty("status", 404);
  });

  it("gives the Secretaría de Salud its activities, including those of every dependencia", async () => {
    const salud = await findDependenciaByName(db(), "Secretaría de Salud");
    const person = await makePerson(ctx, {
      roles: ["servidor", "responsable_plan"],
      dependenciaId: salud?.id,
    });
    const page = await (await (await signIn(ctx, person)).get("/mis-actividades")).text();
    expect(page).toContain("Realizar el reporte de las mediciones a los indicadores de gestión");
    expect(page).not.toContain("Actualizar el Manual de Administración de riesgos");
    expect(page).not.toContain("Consolidar el informe de PQRD del cuatrimestre");
    // This year's follow-up: one task of Salud falls due this month, whatever the day the demo is loaded.
    const user = {
      id: person.id,
      dependenciaId: salud?.id ?? null,
      roles: ["responsable_plan"],
    } as CurrentUser;
    const mine = await myDependenciaActivities(db(), user, bogotaDay(ctx.clock.now()));
    expect(mine.dueThisMonth.map((a) => a.leaf.text)).toEqual([
      "Publicar en la sede electrónica el informe mensual de PQRD de la Secretaría de Salud",
    ]);
  });

  it("loads nothing the second time", async () => {
    const before = await db().select().from(planItems);
    expect(await loadDemoPlans(ctx.database, ctx.deps.storage, ctx.deps.config, ctx.clock.now())).toBe(0);
    expect(await db().select().from(planItems)).toHaveLength(before.length);
  });
});
