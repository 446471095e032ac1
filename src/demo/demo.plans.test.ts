// The demo's plans: the real PAAC 2022 published in two versions with its year of reports and control interno's
// three follow-ups, this year's PTEP with its reports, the real Matriz 2026 approved, a closed and a draft
// improvement plan, the MIPG indicators; loaded through the same services as the pages, once.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../test/app.ts";
import { makePerson, signIn } from "../../test/factories.ts";
import { enrollPerson } from "../core/auth/auth.credentials.ts";
import { findDependenciaByName } from "../core/dependencias/dependencias.service.ts";
import { getBuffer } from "../core/storage/storage.types.ts";
import { planEvidence } from "../planes/evidence/evidence.table.ts";
import { publicationDueOn } from "../planes/followups/cuts.rules.ts";
import { planFollowups } from "../planes/followups/followups.table.ts";
import { planImports } from "../planes/imports/imports.table.ts";
import { compliance, complianceZone, indicatorZones } from "../planes/indicators/indicators.rules.ts";
import { planIndicatorMeasurements, planIndicators } from "../planes/indicators/indicators.table.ts";
import { myInbox } from "../planes/plans/plans.mine.ts";
import { myDependenciaActivities } from "../planes/plans/plans.service.ts";
import { planItems, plans, planVersions } from "../planes/plans/plans.table.ts";
import { planActivityEvents, planReports } from "../planes/progress/progress.table.ts";
import { storageKeyOf } from "../planes/publication/publication.rules.ts";
import { systemAuditContext } from "../shared/audit.ts";
import type { CurrentUser } from "../shared/auth/roles.ts";
import { bogotaDay } from "../shared/time.ts";
import { XLSX_TYPE } from "../shared/xlsx.ts";
import { type DemoPlansLoaded, loadDemoPlans } from "./demo.plans.ts";
import { OCI_SAYS } from "./demo.progress.data.ts";
import { seedDependencias } from "./demo.service.ts";

let ctx: TestContext;
let loaded: DemoPlansLoaded;
const db = () => ctx.database.db;
// Late in the year, as demo.service.test.ts: most of the PTEP 2026's periods have ended.
const now = new Date("2026-11-20T15:00:00Z");

beforeAll(async () => {
  ctx = await createTestApp();
  ctx.clock.advance(now.getTime() - ctx.clock.now().getTime());
  await seedDependencias(db(), ctx.clock.now(), systemAuditContext);
  for (const [documentNumber, dependencia, role] of [
    ["9000000005", "Oficina de Planeación de Gestión Institucional", "planeacion"],
    ["9000000006", "Oficina de Control Interno de Gestión", "control_interno"],
  ] as const) {
    const found = await findDependenciaByName(db(), dependencia);
    await enrollPerson(
      db(),
      ctx.clock.now(),
      systemAuditContext,
      ctx.deps.config,
      {
        documentType: "CC",
        documentNumber,
        firstNames: "Demo",
        lastNames: role,
        email: null,
        dependenciaId: found?.id ?? "",
      },
      ["servidor", role],
    );
  }
  const started = performance.now();
  loaded = await loadDemoPlans(ctx.database, ctx.deps.storage, ctx.deps.config, ctx.clock.now());
  console.log(`demo plans loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`, loaded);
}, 240_000);
afterAll(() => ctx.database.close());

const countBy = (values: string[]) => {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
};

const planBySlug = async (slug: string) => (await db().select().from(plans).where(eq(plans.slug, slug)))[0];

describe("the demo plans", () => {
  it("holds a plan in every state, from the shipped spreadsheets", async () => {
    expect(loaded.plans).toBe(6);
    const year = bogotaDay(ctx.clock.now()).slice(0, 4);
    const states = Object.fromEntries(
      (await db().select().from(plans)).map((p) => [p.title, [p.status, p.version]]),
    );
    expect(states).toEqual({
      "Plan Anticorrupción y de Atención al Ciudadano 2022": ["publicado", 2],
      "Política de Planeación Institucional – Matriz operativa 2026": ["aprobado", 1],
      "Programa de Transparencia y Ética Pública (PTEP) 2026": ["publicado", 1],
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
    const improvement = mine.dueThisMonth.filter((a) => a.planTitle.startsWith("Plan de mejoramiento"));
    expect(improvement.map((a) => a.leaf.text)).toEqual([
      "Publicar en la sede electrónica el informe mensual de PQRD de la Secretaría de Salud",
    ]);
  });

  it("tells the PAAC 2022's year: reports validated, one returned for good, periods never reported", async () => {
    const paac = await planBySlug("paac-2022");
    const reports = await db()
      .select()
      .from(planReports)
      .where(eq(planReports.planId, paac?.id ?? ""));
    const byStatus = countBy(reports.map((r) => r.status));
    expect(byStatus.validado ?? 0).toBeGreaterThan(50);
    expect(byStatus).toMatchObject({ devuelto: 1 });
    expect(byStatus.enviado ?? 0).toBe(0);
    expect(new Set(reports.map((r) => r.dependenciaId)).size).toBeGreaterThanOrEqual(12);
    const returned = reports.find((r) => r.status === "devuelto");
    expect(returned?.reviewComment).toContain("planillas de distribución");
    // Every report has its evidence, each file with its SHA-256.
    const evidence = await db()
      .select()
      .from(planEvidence)
      .where(eq(planEvidence.planId, paac?.id ?? ""));
    expect(new Set(evidence.map((e) => e.ownerId)).size).toBe(reports.length);
    expect(evidence.every((e) => /^[0-9a-f]{64}$/.test(e.sha256))).toBe(true);
    expect(new Set(evidence.map((e) => e.contentType))).toEqual(
      new Set(["application/pdf", "image/png", "image/jpeg", XLSX_TYPE]),
    );
    // The corrected report: returned, sent again, validated — all in the activity's history.
    const events = await db()
      .select()
      .from(planActivityEvents)
      .where(eq(planActivityEvents.planId, paac?.id ?? ""));
    const returnedThenValidated = events
      .filter((e) => e.kind === "reporte_devuelto" && e.reportId !== returned?.id)
      .map((e) => e.reportId);
    expect(returnedThenValidated).toHaveLength(1);
    expect(reports.find((r) => r.id === returnedThenValidated[0])?.status).toBe("validado");
  });

  it("has control interno's three 2022 follow-ups published, the December one after its due date", async () => {
    const paac = await planBySlug("paac-2022");
    const followups = await db()
      .select()
      .from(planFollowups)
      .where(eq(planFollowups.planId, paac?.id ?? ""))
      .orderBy(planFollowups.cutOn);
    expect(followups.map((f) => [f.cutOn, f.status, f.dueOn])).toEqual(
      ["2022-04-30", "2022-08-31", "2022-12-31"].map((cut) => [cut, "publicado", publicationDueOn(cut)]),
    );
    expect(followups.map((f) => bogotaDay(f.publishedAt ?? new Date(0)) > f.dueOn)).toEqual([
      false,
      false,
      true,
    ]);
    const observations = followups.flatMap((f) =>
      (f.report?.components ?? []).flatMap((c) => c.rows.map((r) => r.observations)),
    );
    for (const said of [OCI_SAYS.unreported, OCI_SAYS.returned, ...OCI_SAYS.lower.slice(0, 1)])
      expect(observations).toContain(said);
    expect(followups.every((f) => (f.report?.score ?? 0) > 0)).toBe(true);
    const page = await (
      await ctx.app.request("/transparencia/planes/paac-2022/seguimientos/2022-12-31")
    ).text();
    expect(page).toContain("Publicado después del plazo");
  });

  it("lets anyone download the evidence control interno made public, and check its hash", async () => {
    const shown = await db().select().from(planEvidence).where(eq(planEvidence.isPublic, true));
    expect(shown.length).toBe(5);
    const file = shown[0];
    const response = await ctx.app.request(`/transparencia/evidencias/${file?.id}`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(file?.sha256);
    const hidden = await db().select().from(planEvidence).where(eq(planEvidence.isPublic, false)).limit(1);
    expect((await ctx.app.request(`/transparencia/evidencias/${hidden[0]?.id}`)).status).toBe(404);
  });

  it("has this year's PTEP without a follow-up, with reports in every state and Salud's inbox in every group", async () => {
    const ptep = await planBySlug("paac-2026");
    expect(ptep?.title).toBe("Programa de Transparencia y Ética Pública (PTEP) 2026");
    const followups = await db()
      .select()
      .from(planFollowups)
      .where(eq(planFollowups.planId, ptep?.id ?? ""));
    expect(followups).toEqual([]);
    const salud = await findDependenciaByName(db(), "Secretaría de Salud");
    const reports = await db()
      .select()
      .from(planReports)
      .where(eq(planReports.planId, ptep?.id ?? ""));
    const sent = reports.filter((r) => r.status === "enviado");
    expect(sent.length).toBeGreaterThan(3);
    expect(sent.some((r) => r.dependenciaId === salud?.id)).toBe(false);
    expect(reports.filter((r) => r.status === "validado").length).toBeGreaterThan(sent.length);
    const saludStates = reports.filter((r) => r.dependenciaId === salud?.id).map((r) => r.status);
    expect(saludStates).toEqual(expect.arrayContaining(["devuelto", "borrador"]));
    const user = {
      id: "",
      dependenciaId: salud?.id ?? null,
      roles: ["responsable_plan"],
    } as unknown as CurrentUser;
    const inbox = await myInbox(db(), user, bogotaDay(ctx.clock.now()));
    const sections = countBy(inbox.lines.filter((l) => l.planId === ptep?.id).map((l) => l.section));
    expect(sections).toMatchObject({
      devuelta: 1,
      vencida: expect.any(Number),
      por_reportar: expect.any(Number),
      al_dia: expect.any(Number),
    });
  });

  it("measures the MIPG indicators with results in every zone, one with its evidence", async () => {
    const indicators = await db().select().from(planIndicators);
    expect(indicators.map((i) => i.name)).toContain("Oportunidad en la respuesta a PQRD");
    expect(indicators.length).toBeGreaterThanOrEqual(5);
    const measurements = await db().select().from(planIndicatorMeasurements);
    const zones = new Set(
      measurements.map((m) => {
        const indicator = indicators.find((i) => i.id === m.indicatorId);
        if (!indicator) return undefined;
        return complianceZone(
          compliance(indicator.direction, m.value, indicator.target),
          indicatorZones(indicator),
        );
      }),
    );
    expect(zones).toEqual(new Set(["bajo", "medio", "alto"]));
    const files = await db().select().from(planEvidence).where(eq(planEvidence.ownerType, "measurement"));
    expect(files).toHaveLength(1);
  });

  it("shows on planeación's, control interno's and the responsable's pages without errors", async () => {
    const [paac, ptep] = [await planBySlug("paac-2022"), await planBySlug("paac-2026")];
    const opgi = await findDependenciaByName(db(), "Oficina de Planeación de Gestión Institucional");
    const planner = await signIn(
      ctx,
      await makePerson(ctx, { roles: ["servidor", "planeacion"], dependenciaId: opgi?.id }),
    );
    const [returned] = await db().select().from(planReports).where(eq(planReports.status, "devuelto"));
    const [followup] = await db()
      .select()
      .from(planFollowups)
      .where(eq(planFollowups.planId, paac?.id ?? ""));
    const [indicator] = await db().select().from(planIndicators);
    for (const url of [
      "/",
      `/planes/${paac?.id}`,
      `/planes/${paac?.id}/monitoreo`,
      `/planes/${ptep?.id}/monitoreo`,
      `/planes/${ptep?.id}/reportes`,
      `/planes/${paac?.id}/seguimientos`,
      `/planes/${paac?.id}/actividades/${returned?.itemId}`,
      `/reportes/${returned?.id}`,
      `/seguimientos/${followup?.id}`,
      `/seguimientos/${followup?.id}/informe.pdf`,
      "/indicadores",
      `/indicadores/${indicator?.id}`,
    ])
      expect((await planner.get(url)).status, url).toBe(200);
    const salud = await findDependenciaByName(db(), "Secretaría de Salud");
    const responsable = await signIn(
      ctx,
      await makePerson(ctx, { roles: ["servidor", "responsable_plan"], dependenciaId: salud?.id }),
    );
    expect((await responsable.get("/")).status).toBe(200);
    const inbox = await (await responsable.get("/mis-actividades")).text();
    // PTEP 2026 has periods overdue; PAAC 2022 has periods its follow-ups closed unreported, folded.
    for (const heading of [
      "Devueltas por planeación",
      "Vencidas sin reporte",
      "Por reportar",
      "Cerradas sin reporte",
    ])
      expect(inbox).toContain(heading);
    for (const url of ["/transparencia/planes/paac-2022", "/transparencia/planes/paac-2026"])
      expect((await ctx.app.request(url)).status, url).toBe(200);
  });

  it("loads nothing the second time", async () => {
    const before = [await db().select().from(planItems), await db().select().from(planReports)];
    const again = await loadDemoPlans(ctx.database, ctx.deps.storage, ctx.deps.config, ctx.clock.now());
    expect(again).toEqual({ plans: 0, reports: 0, indicatorMeasurements: 0 });
    expect(await db().select().from(planItems)).toHaveLength(before[0]?.length ?? 0);
    expect(await db().select().from(planReports)).toHaveLength(before[1]?.length ?? 0);
  });
});
