import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/db.ts";
import { createPlanWithItems } from "../../../test/plans.ts";
import "../../areas.ts";
import { auditQuerySchema } from "../../core/audit/audit.schemas.ts";
import { searchAuditLog } from "../../core/audit/audit.service.ts";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import type { Database } from "../../db/client.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { type AuditContext, systemAuditContext } from "../../shared/audit.ts";
import {
  createPlan,
  findItem,
  listPlans,
  listPlanTypes,
  planTree,
  planVersions,
  updatePlanType,
} from "./plans.service.ts";
import { planChanges, plans, planVersions as versionsTable } from "./plans.table.ts";
import { leavesOf } from "./tree.rules.ts";

let database: Database;
const db = () => database.db;
const at = new Date("2026-02-02T14:00:00Z");
const audit: AuditContext = systemAuditContext;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function owner() {
  const [row] = await db()
    .insert(dependencias)
    .values({ name: `Oficina dueña ${Math.random()}` })
    .returning();
  return row?.id as string;
}

describe("creating a plan", () => {
  it("starts in borrador, version 1 «Versión inicial», with a slug from type and year, audited", async () => {
    const ownerDependenciaId = await owner();
    const input = {
      typeKey: "mejoramiento",
      year: 2031,
      ownerDependenciaId,
      title: "Plan de mejoramiento 2031",
    };
    const first = await createPlan(db(), at, audit, input);
    const second = await createPlan(db(), at, audit, { ...input, title: "Otro plan de mejoramiento" });
    const third = await createPlan(db(), at, audit, { ...input, title: "Tercero" });
    expect([first.slug, second.slug, third.slug]).toEqual([
      "mejoramiento-2031",
      "mejoramiento-2031-2",
      "mejoramiento-2031-3",
    ]);
    expect(first).toMatchObject({ status: "borrador", version: 1, year: 2031 });
    const versions = await db().select().from(versionsTable).where(eq(versionsTable.planId, first.id));
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ number: 1, reason: "Versión inicial", snapshot: null });
    const [row] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "plan.created"), eq(auditLog.targetId, first.id)));
    expect(row?.details).toMatchObject({ type: "mejoramiento", year: 2031, slug: "mejoramiento-2031" });
  });

  it("refuses an unknown type or dependencia and creates nothing", async () => {
    const before = (await db().select().from(plans)).length;
    await expect(
      createPlan(db(), at, audit, {
        typeKey: "inventado",
        year: 2030,
        ownerDependenciaId: await owner(),
        title: "X plan",
      }),
    ).rejects.toMatchObject({ status: 422, userMessage: "Elija un tipo de plan de la lista." });
    await expect(
      createPlan(db(), at, audit, {
        typeKey: "paac",
        year: 2030,
        ownerDependenciaId: "00000000-0000-4000-8000-000000000000",
        title: "X plan",
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(await db().select().from(plans)).toHaveLength(before);
  });

  it("refuses a year outside 2000–2100 (plans:import takes it from the file's dates) and creates nothing", async () => {
    const before = (await db().select().from(plans)).length;
    const ownerDependenciaId = await owner();
    for (const year of [1900, 1999, 2101, 2026.5])
      await expect(
        createPlan(db(), at, audit, { typeKey: "paac", year, ownerDependenciaId, title: "Plan antiguo" }),
      ).rejects.toMatchObject({ status: 422, userMessage: "Escriba una vigencia entre 2000 y 2100." });
    expect(await db().select().from(plans)).toHaveLength(before);
  });

  it("is named on the audit page by its title and year", async () => {
    const plan = await createPlan(db(), at, audit, {
      typeKey: "accion",
      year: 2032,
      ownerDependenciaId: await owner(),
      title: "Plan de Acción Institucional 2032",
    });
    const page = await searchAuditLog(db(), at, audit, auditQuerySchema.parse({ accion: "plan.created" }));
    const entry = page.rows.find((e) => e.subject.includes("2032"));
    expect(entry?.subject).toBe("Plan «Plan de Acción Institucional 2032» (2032)");
    expect(entry?.actionLabel).toBe("Plan creado");
    expect(plan.slug).toBe("accion-2032");
  });
});

describe("listing plans", () => {
  it("filters by year and type and counts the nodes of each level", async () => {
    const { plan } = await createPlanWithItems(db(), { year: 2041, typeKey: "paac" });
    await createPlanWithItems(db(), { year: 2041, typeKey: "accion" });
    await createPlanWithItems(db(), { year: 2042 });
    const { plans: rows, years } = await listPlans(db(), { year: 2041, typeKey: "paac" });
    expect(rows.map((r) => r.plan.id)).toEqual([plan.id]);
    expect(rows[0]?.levels).toEqual([2, 1, 3]);
    expect(rows[0]?.levelNames).toEqual(["Componente", "Subcomponente", "Actividad"]);
    expect(years).toEqual(expect.arrayContaining([2041, 2042]));
    expect((await listPlans(db(), { year: 2041 })).plans).toHaveLength(2);
  });
});

describe("plan types", () => {
  it("lets an administrator rename a type and its levels, audited with before and after; the shape stays", async () => {
    const [before] = (await listPlanTypes(db())).filter((t) => t.key === "mejoramiento");
    await updatePlanType(db(), at, audit, "mejoramiento", {
      name: "Plan de mejoramiento institucional",
      description: null,
      level1: "Hallazgo",
      level2: "Acción correctiva",
      level3: "Tarea",
    });
    const [after] = (await listPlanTypes(db())).filter((t) => t.key === "mejoramiento");
    expect(after).toMatchObject({
      name: "Plan de mejoramiento institucional",
      shape: before?.shape,
      levelNames: ["Hallazgo", "Acción correctiva", "Tarea"],
      description: null,
    });
    const [row] = await db().select().from(auditLog).where(eq(auditLog.action, "plan_type.updated"));
    expect(row).toMatchObject({ targetType: "plan_type", targetId: "mejoramiento" });
    expect(row?.details).toMatchObject({
      name: { before: before?.name, after: "Plan de mejoramiento institucional" },
      levelNames: {
        before: "Hallazgo → Acción de mejora → Tarea",
        after: "Hallazgo → Acción correctiva → Tarea",
      },
    });
  });

  it("refuses an unknown type", async () => {
    await expect(
      updatePlanType(db(), at, audit, "nada", {
        name: "Nada",
        description: null,
        level1: "a1",
        level2: "b2",
        level3: "c3",
      }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("a plan's tree", () => {
  it("holds components, subcomponents and activities with reconciled responsables and periods", async () => {
    const t = await createPlanWithItems(db(), { year: 2026 });
    const tree = await planTree(db(), t.plan.id);
    expect(tree.counts).toEqual({ levels: [2, 1, 3], periods: 4 });
    expect(tree.nodes.map((n) => n.itemKey)).toEqual(["c1", "c3"]);
    const leaves = leavesOf(tree.nodes).map((l) => l.leaf);
    expect(leaves.map((l) => l.code)).toEqual(["1.1", "1.2", "3.1"]);
    const [a11, a12, a31] = leaves;
    expect(a11?.responsables[0]).toMatchObject({
      written: "OPGI",
      dependenciaIds: [t.deps.opgi],
      all: false,
    });
    expect(a11?.responsables[0]?.names[0]).toMatch(/^Oficina de Planeación de Gestión Institucional/);
    expect(a12?.responsables).toEqual([
      { written: "Todas las dependencias", names: ["Todas las dependencias"], dependenciaIds: [], all: true },
    ]);
    expect(a12?.periods[1]).toEqual({
      startsOn: "2026-04-01",
      endsOn: null,
      written: "01/04/2026 - 31/04/2026",
    });
    expect(a31?.responsables.map((r) => r.names[0])).toEqual([
      expect.stringMatching(/^Secretaría de Gobierno/),
      "Equipo MIPG (OPGI)",
    ]);
    expect(tree.components.map((c) => c.value)).toEqual([t.items.component1, t.items.component3]);
  });

  it("filters by component, responsable dependencia and month, keeping the parents of what matches", async () => {
    const t = await createPlanWithItems(db(), { year: 2026 });
    const codes = async (filters: Parameters<typeof planTree>[2]) => {
      const tree = await planTree(db(), t.plan.id, filters);
      return {
        codes: leavesOf(tree.nodes).map((l) => l.leaf.code),
        keys: tree.nodes.map((n) => n.itemKey),
        tree,
      };
    };
    expect((await codes({ component: t.items.component3 })).codes).toEqual(["3.1"]);
    // Gobierno is named on 3.1 and concerned by 1.2 («todas las dependencias»).
    const gobierno = await codes({ dependenciaId: t.deps.gobierno });
    expect(gobierno.codes).toEqual(["1.2", "3.1"]);
    expect(gobierno.keys).toEqual(["c1", "c3"]);
    expect(gobierno.tree.nodes[0]?.children[0]?.itemKey).toBe("c1/s1");
    // OPGI directly, as a team, and through «todas».
    expect((await codes({ dependenciaId: t.deps.opgi })).codes).toEqual(["1.1", "1.2", "3.1"]);
    expect((await codes({ month: "2026-01" })).codes).toEqual(["1.1"]);
    // The impossible end keeps its readable start: April still finds it.
    expect((await codes({ month: "2026-04" })).codes).toEqual(["1.2"]);
    const none = await codes({ month: "2026-05", component: t.items.component1 });
    expect(none.codes).toEqual([]);
    expect(none.tree.nodes).toEqual([]);
    expect(none.tree.filtered).toBe(true);
  });

  it("answers not found for an unknown plan", async () => {
    await expect(planTree(db(), "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({
      status: 404,
    });
    await expect(planTree(db(), "no-es-un-id")).rejects.toMatchObject({ status: 404 });
  });
});

describe("an activity", () => {
  it("comes with its parents, responsables, periods and its history of changes with who made them", async () => {
    const t = await createPlanWithItems(db(), { year: 2026, version: 2, status: "borrador" });
    await db()
      .insert(planChanges)
      .values([
        {
          planId: t.plan.id,
          version: 1,
          itemKey: "c1/s1/1.2",
          code: "1.2",
          label: "Actualizar el mapa",
          level: 3,
          kind: "agregada",
          createdAt: new Date("2026-01-10T15:00:00Z"),
        },
        {
          planId: t.plan.id,
          version: 2,
          itemKey: "c1/s1/1.2",
          code: "1.2",
          label: "Actualizar el mapa de riesgos de corrupción",
          level: 3,
          kind: "modificada",
          fields: { periods: ["01/02/2026 – 28/02/2026", "01/03/2026 – 31/03/2026"] },
          createdAt: new Date("2026-02-01T15:00:00Z"),
        },
        {
          planId: t.plan.id,
          version: 2,
          itemKey: "c3/-/3.1",
          code: "3.1",
          label: "Otra",
          level: 3,
          kind: "modificada",
          createdAt: new Date("2026-02-01T15:00:00Z"),
        },
      ]);
    const detail = await findItem(db(), t.plan.id, t.items.activity12);
    expect(detail.item.code).toBe("1.2");
    expect(detail.parents.map((p) => p.itemKey)).toEqual(["c1", "c1/s1"]);
    expect(detail.item.periods).toHaveLength(2);
    expect(detail.history.map((h) => [h.change.version, h.change.kind])).toEqual([
      [1, "agregada"],
      [2, "modificada"],
    ]);
    expect(detail.history[1]?.change.fields).toEqual({
      periods: ["01/02/2026 – 28/02/2026", "01/03/2026 – 31/03/2026"],
    });
    expect(detail.history[1]?.by).toBeNull();

    const versions = await planVersions(db(), t.plan.id);
    expect(versions.map((v) => [v.version.number, v.changes.length])).toEqual([
      [2, 2],
      [1, 1],
    ]);
  });

  it("is not found in another plan", async () => {
    const a = await createPlanWithItems(db());
    const b = await createPlanWithItems(db());
    await expect(findItem(db(), b.plan.id, a.items.activity11)).rejects.toMatchObject({ status: 404 });
  });
});
