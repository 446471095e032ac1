import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/db.ts";
import { createPlan, createPlanWithItems } from "../../../test/plans.ts";
import type { Database } from "../../db/client.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { type AuditContext, systemAuditContext } from "../../shared/audit.ts";
import {
  approvePlan,
  closePlan,
  publishPlan,
  RENDER_PUBLICATION_JOB,
  startNewVersion,
} from "./plans.service.ts";
import { planChanges, plans, planVersions } from "./plans.table.ts";
import { actName } from "./plans.transitions.ts";
import type { PlanChangeFields } from "./plans.types.ts";

let database: Database;
const db = () => database.db;
const audit: AuditContext = systemAuditContext;
const at = new Date("2026-02-02T14:00:00Z");
const approval = { committee: "", act: "Acta 01", approvedOn: "2026-01-28" };

/** A stand-in for the queue that keeps what was sent. */
function recordingJobs() {
  const sent: { name: string; data: object }[] = [];
  return {
    sent,
    async send<T extends object>(name: string, data: T) {
      sent.push({ name, data });
      return "job";
    },
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const statusOf = async (id: string) => (await db().select().from(plans).where(eq(plans.id, id)))[0];
const versionRow = async (planId: string, number: number) =>
  (
    await db()
      .select()
      .from(planVersions)
      .where(and(eq(planVersions.planId, planId), eq(planVersions.number, number)))
  )[0];
const auditsOf = (planId: string) =>
  db().select().from(auditLog).where(eq(auditLog.targetId, planId)).orderBy(auditLog.id);

describe("approving a plan", () => {
  it("moves a borrador with activities to aprobado, fills the version's approval and audits it", async () => {
    const { plan } = await createPlanWithItems(db());
    await approvePlan(db(), at, audit, plan.id, approval);
    expect(await statusOf(plan.id)).toMatchObject({ status: "aprobado", version: 1 });
    expect(await versionRow(plan.id, 1)).toMatchObject({
      approvedCommittee: "Comité Institucional de Gestión y Desempeño",
      approvedAct: "Acta 01",
      approvedOn: "2026-01-28",
      approvedAt: at,
    });
    const [row] = await auditsOf(plan.id);
    expect(row).toMatchObject({ action: "plan.approved", targetType: "plan" });
    expect(row?.details).toEqual({
      from: "borrador",
      to: "aprobado",
      version: 1,
      committee: "Comité Institucional de Gestión y Desempeño",
      act: "Acta 01",
      approvedOn: "2026-01-28",
    });
  });

  it("refuses a plan without activities, an act dated in the future, and a plan not in borrador", async () => {
    const { plan: empty } = await createPlan(db());
    await expect(approvePlan(db(), at, audit, empty.id, approval)).rejects.toMatchObject({
      status: 422,
      userMessage: "El plan no tiene actividades todavía: importe su archivo antes de aprobarlo.",
    });
    const { plan } = await createPlanWithItems(db());
    // 2026-02-03 in Bogotá is tomorrow at 09:00 Bogotá time.
    await expect(
      approvePlan(db(), at, audit, plan.id, { ...approval, approvedOn: "2026-02-03" }),
    ).rejects.toMatchObject({ status: 422, userMessage: "La fecha del acta no puede ser posterior a hoy." });
    const { plan: published } = await createPlanWithItems(db(), { status: "publicado" });
    await expect(approvePlan(db(), at, audit, published.id, approval)).rejects.toMatchObject({
      status: 409,
      userMessage: "Este plan ya está publicado: para cambiarlo cree una nueva versión.",
    });
    for (const id of [empty.id, plan.id]) expect((await statusOf(id))?.status).toBe("borrador");
    expect(await versionRow(plan.id, 1)).toMatchObject({ approvedAct: null });
    expect([...(await auditsOf(empty.id)), ...(await auditsOf(plan.id))]).toEqual([]);
  });

  it("answers not found for an unknown plan", async () => {
    await expect(
      approvePlan(db(), at, audit, "00000000-0000-4000-8000-000000000000", approval),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("publishing a plan", () => {
  it("refuses a borrador and a closed plan", async () => {
    const jobs = recordingJobs();
    const { plan } = await createPlanWithItems(db());
    await expect(publishPlan(db(), jobs, at, audit, plan.id)).rejects.toMatchObject({
      status: 409,
      userMessage: "Un plan en borrador no se puede publicar: primero debe aprobarlo el comité.",
    });
    const { plan: closed } = await createPlanWithItems(db(), { status: "cerrado" });
    await expect(publishPlan(db(), jobs, at, audit, closed.id)).rejects.toMatchObject({ status: 409 });
    expect(jobs.sent).toEqual([]);
    expect((await versionRow(plan.id, 1))?.snapshot).toBeNull();
  });

  it("freezes the snapshot with reconciled names and the versions, then queues the rendering", async () => {
    const jobs = recordingJobs();
    const t = await createPlanWithItems(db(), { year: 2026, title: "PAAC 2026" });
    await approvePlan(db(), at, audit, t.plan.id, approval);
    await publishPlan(db(), jobs, at, audit, t.plan.id);
    expect((await statusOf(t.plan.id))?.status).toBe("publicado");
    const row = await versionRow(t.plan.id, 1);
    expect(row?.publishedAt).toEqual(at);
    const snapshot = row?.snapshot;
    expect(snapshot).toMatchObject({
      planId: t.plan.id,
      slug: t.plan.slug,
      title: "PAAC 2026",
      year: 2026,
      type: { key: "paac", shape: "paac", levelNames: ["Componente", "Subcomponente", "Actividad"] },
      version: 1,
      reason: "Versión inicial",
      approval: {
        committee: "Comité Institucional de Gestión y Desempeño",
        act: "Acta 01",
        date: "2026-01-28",
      },
      publishedAt: at.toISOString(),
      versions: [
        { number: 1, reason: "Versión inicial", approvedOn: "2026-01-28", publishedAt: at.toISOString() },
      ],
      changes: [],
    });
    expect(snapshot?.owner).toMatch(/^Dueña del plan/);
    expect(snapshot?.items.map((i) => i.key)).toEqual(["c1", "c3"]);
    const a12 = snapshot?.items[0]?.children[0]?.children[1];
    expect(a12).toMatchObject({
      level: 3,
      code: "1.2",
      meta: "100% de mapas actualizados",
      metaQuantity: 100,
      metaUnit: "%",
      responsables: [{ written: "Todas las dependencias", names: ["Todas las dependencias"] }],
      periods: [
        { start: "2026-02-01", end: "2026-02-28", written: null },
        { start: "2026-04-01", end: null, written: "01/04/2026 - 31/04/2026" },
      ],
      children: [],
    });
    const a31 = snapshot?.items[1]?.children[0];
    expect(a31?.responsables).toEqual([
      { written: "Secretaria de Gobierno", names: [expect.stringMatching(/^Secretaría de Gobierno/)] },
      { written: "Equipo MIPG", names: ["Equipo MIPG (OPGI)"] },
    ]);
    expect(jobs.sent).toEqual([{ name: RENDER_PUBLICATION_JOB, data: { planId: t.plan.id, version: 1 } }]);
    expect(RENDER_PUBLICATION_JOB).toBe("planes.render_publication");
    const actions = (await auditsOf(t.plan.id)).map((a) => [a.action, a.details]);
    expect(actions.at(-1)).toEqual([
      "plan.published",
      { from: "aprobado", to: "publicado", version: 1, slug: t.plan.slug },
    ]);
  });
});

describe("a new version", () => {
  it("needs a reason of at least ten characters and a plan approved or published", async () => {
    const { plan } = await createPlanWithItems(db(), { status: "aprobado" });
    await expect(startNewVersion(db(), at, audit, plan.id, "  corto  ")).rejects.toMatchObject({
      status: 422,
    });
    const { plan: draft } = await createPlanWithItems(db());
    await expect(
      startNewVersion(db(), at, audit, draft.id, "Ajuste pedido por el comité"),
    ).rejects.toMatchObject({
      status: 409,
      userMessage: "Este plan ya está en borrador: puede cambiarlo sin crear otra versión.",
    });
    expect(await statusOf(plan.id)).toMatchObject({ status: "aprobado", version: 1 });
  });

  it("reopens a published plan as borrador n+1; version 1 keeps its snapshot; v2's snapshot logs only v2's changes", async () => {
    const jobs = recordingJobs();
    const t = await createPlanWithItems(db(), { year: 2026 });
    await approvePlan(db(), at, audit, t.plan.id, approval);
    await publishPlan(db(), jobs, at, audit, t.plan.id);
    const v1 = (await versionRow(t.plan.id, 1))?.snapshot;

    const later = new Date("2026-03-02T15:00:00Z");
    await startNewVersion(db(), later, audit, t.plan.id, "  Ajuste de fechas pedido por la OCI  ");
    expect(await statusOf(t.plan.id)).toMatchObject({ status: "borrador", version: 2 });
    expect(await versionRow(t.plan.id, 2)).toMatchObject({
      reason: "Ajuste de fechas pedido por la OCI",
      snapshot: null,
      createdAt: later,
    });
    expect((await versionRow(t.plan.id, 1))?.snapshot).toEqual(v1);
    const [started] = (await auditsOf(t.plan.id)).filter((a) => a.action === "plan.version_started");
    expect(started?.details).toEqual({
      from: "publicado",
      to: "borrador",
      version: 2,
      reason: "Ajuste de fechas pedido por la OCI",
    });

    // Version 2 changes nothing yet: it cannot be approved.
    await expect(
      approvePlan(db(), later, audit, t.plan.id, { ...approval, approvedOn: "2026-03-01" }),
    ).rejects.toMatchObject({ status: 422, userMessage: expect.stringContaining("todavía no cambia nada") });

    // What an import would log: a change in version 1 (the initial load) and one in version 2.
    await db()
      .insert(planChanges)
      .values(
        [1, 2].map((version) => ({
          planId: t.plan.id,
          version,
          itemKey: "c3/-/3.1",
          code: "3.1",
          label: "Realizar la audiencia pública de rendición de cuentas",
          level: 3,
          kind: version === 1 ? ("agregada" as const) : ("modificada" as const),
          fields: (version === 1
            ? {}
            : { periods: ["01/07/2026 – 31/12/2026", "01/09/2026 – 31/12/2026"] }) as PlanChangeFields,
          createdAt: later,
        })),
      );
    await approvePlan(db(), later, audit, t.plan.id, {
      ...approval,
      act: "  acta 05",
      approvedOn: "2026-03-01",
    });
    await publishPlan(db(), jobs, later, audit, t.plan.id);
    const v2 = (await versionRow(t.plan.id, 2))?.snapshot;
    expect(v2?.version).toBe(2);
    expect(v2?.reason).toBe("Ajuste de fechas pedido por la OCI");
    expect(v2?.versions).toEqual([
      { number: 1, reason: "Versión inicial", approvedOn: "2026-01-28", publishedAt: at.toISOString() },
      {
        number: 2,
        reason: "Ajuste de fechas pedido por la OCI",
        approvedOn: "2026-03-01",
        publishedAt: later.toISOString(),
      },
    ]);
    expect(v2?.changes).toEqual([
      {
        version: 2,
        kind: "modificada",
        code: "3.1",
        label: "Realizar la audiencia pública de rendición de cuentas",
        fields: { periods: ["01/07/2026 – 31/12/2026", "01/09/2026 – 31/12/2026"] },
        at: later.toISOString(),
      },
    ]);
    expect((await versionRow(t.plan.id, 1))?.snapshot).toEqual(v1);
    expect(jobs.sent.map((j) => j.data)).toEqual([
      { planId: t.plan.id, version: 1 },
      { planId: t.plan.id, version: 2 },
    ]);
  });
});

describe("closing a plan", () => {
  it("closes a published plan, audited, and refuses any other status", async () => {
    const { plan } = await createPlanWithItems(db(), { status: "publicado" });
    await closePlan(db(), at, audit, plan.id);
    expect((await statusOf(plan.id))?.status).toBe("cerrado");
    expect((await auditsOf(plan.id)).map((a) => a.details)).toEqual([
      { from: "publicado", to: "cerrado", version: 1 },
    ]);
    await expect(closePlan(db(), at, audit, plan.id)).rejects.toMatchObject({
      status: 409,
      userMessage: "Este plan está cerrado: ya no admite cambios.",
    });
    const { plan: approved } = await createPlanWithItems(db(), { status: "aprobado" });
    await expect(closePlan(db(), at, audit, approved.id)).rejects.toMatchObject({
      status: 409,
      userMessage: "Solo se cierra un plan publicado; este está aprobado.",
    });
    await expect(startNewVersion(db(), at, audit, plan.id, "Motivo suficiente")).rejects.toMatchObject({
      status: 409,
    });
  });
});

describe("the act's name", () => {
  it("is written the same way whatever OPGI typed", () => {
    expect(["015", "acta 015", "Acta  015 de 2026", "ACTA. 7"].map(actName)).toEqual([
      "Acta 015",
      "Acta 015",
      "Acta 015 de 2026",
      "Acta 7",
    ]);
    expect(actName("  acta ")).toBe("");
  });
});
