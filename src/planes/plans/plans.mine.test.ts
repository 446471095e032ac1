import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/db.ts";
import { createPlanWithItems } from "../../../test/plans.ts";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import type { Database } from "../../db/client.ts";
import type { CurrentUser, Role } from "../../shared/auth/roles.ts";
import { myDependenciaActivities, readItemAs } from "./plans.service.ts";
import { planItemResponsables } from "./plans.table.ts";

let database: Database;
const db = () => database.db;
const today = "2026-02-02";

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const userOf = (dependenciaId: string | null, roles: Role[] = ["responsable_plan"]): CurrentUser => ({
  id: "00000000-0000-4000-8000-000000000001",
  sessionId: "s",
  firstNames: "Ana",
  lastNames: "Responsable",
  dependenciaId,
  roles,
  mustChangePassword: false,
  privacyPending: false,
});

async function newDependencia(name: string) {
  const [row] = await db()
    .insert(dependencias)
    .values({ name: `${name} ${Math.random()}` })
    .returning();
  return row?.id as string;
}

describe("«Actividades de mi dependencia»", () => {
  it("lists the leaves of approved and published plans that name the dependencia or all of them", async () => {
    const opgi = await newDependencia("OPGI");
    const gobierno = await newDependencia("Gobierno");
    const approved = await createPlanWithItems(db(), {
      year: 2026,
      status: "aprobado",
      opgiId: opgi,
      gobiernoId: gobierno,
    });
    const published = await createPlanWithItems(db(), {
      year: 2025,
      status: "publicado",
      opgiId: opgi,
      gobiernoId: gobierno,
    });
    // A borrador is not settled and a closed plan is over: neither shows.
    await createPlanWithItems(db(), { year: 2026, status: "borrador", opgiId: opgi, gobiernoId: gobierno });
    await createPlanWithItems(db(), { year: 2026, status: "cerrado", opgiId: opgi, gobiernoId: gobierno });
    // An approved plan being revised as version 2 is still under way for its people.
    const revised = await createPlanWithItems(db(), {
      year: 2024,
      status: "borrador",
      version: 2,
      opgiId: opgi,
      gobiernoId: gobierno,
    });

    const mine = await myDependenciaActivities(db(), userOf(gobierno), today);
    expect(mine.plans.map((p) => p.planId)).toEqual([approved.plan.id, published.plan.id, revised.plan.id]);
    const [plan2026, plan2025] = mine.plans;
    // 1.2 (todas) ends 28/02/2026: due this month, first; 3.1 (Gobierno) ends 31/12/2026.
    expect(plan2026?.activities.map((a) => [a.leaf.code, a.dueThisMonth, a.overdue, a.dueOn])).toEqual([
      ["1.2", true, false, "2026-02-28"],
      ["3.1", false, false, "2026-12-31"],
    ]);
    expect(plan2026?.activities[0]?.path).toEqual([
      "Componente 1: Gestión del riesgo de corrupción",
      "Subcomponente 1. Política de administración de riesgos",
    ]);
    // The 2025 plan's activities all ended: overdue.
    expect(plan2025?.activities.every((a) => a.overdue && !a.dueThisMonth)).toBe(true);
    expect(mine.dueThisMonth.map((a) => [a.planId, a.leaf.code])).toEqual([[approved.plan.id, "1.2"]]);

    // OPGI: named directly on 1.1 (ended in January: overdue, so first), through «todas» on 1.2, as a
    // team on 3.1.
    const opgiView = await myDependenciaActivities(db(), userOf(opgi), today);
    expect(opgiView.plans[0]?.activities.map((a) => [a.leaf.code, a.overdue])).toEqual([
      ["1.1", true],
      ["1.2", false],
      ["3.1", false],
    ]);
  });

  it("shows another dependencia only what is for every dependencia, and nothing when there is none", async () => {
    const other = await newDependencia("Otra");
    const t = await createPlanWithItems(db(), { year: 2026, status: "aprobado" });
    const mine = await myDependenciaActivities(db(), userOf(other), today);
    const codes = mine.plans
      .filter((p) => p.planId === t.plan.id)
      .flatMap((p) => p.activities.map((a) => a.leaf.code));
    expect(codes).toEqual(["1.2"]);

    await db().delete(planItemResponsables).where(eq(planItemResponsables.itemId, t.items.activity12));
    const after = await myDependenciaActivities(db(), userOf(other), today);
    expect(after.plans.filter((p) => p.planId === t.plan.id)).toEqual([]);
    expect(await myDependenciaActivities(db(), userOf(null), today)).toEqual({ dueThisMonth: [], plans: [] });
  });
});

describe("reading an activity", () => {
  it("lets a responsable read only their dependencia's leaves of active plans; anything else is not found", async () => {
    const gobierno = await newDependencia("Gobierno");
    const t = await createPlanWithItems(db(), { year: 2026, status: "publicado", gobiernoId: gobierno });
    const responsable = userOf(gobierno);
    await expect(readItemAs(db(), responsable, t.plan.id, t.items.activity31)).resolves.toBeUndefined();
    await expect(readItemAs(db(), responsable, t.plan.id, t.items.activity12)).resolves.toBeUndefined();
    for (const itemId of [t.items.activity11, t.items.component1, t.items.subcomponent11, "no-es-un-id"])
      await expect(readItemAs(db(), responsable, t.plan.id, itemId)).rejects.toMatchObject({ status: 404 });
    // The activity in the wrong plan's address, or in a plan still in borrador.
    const draft = await createPlanWithItems(db(), { year: 2026, status: "borrador", gobiernoId: gobierno });
    await expect(readItemAs(db(), responsable, draft.plan.id, draft.items.activity31)).rejects.toMatchObject({
      status: 404,
    });
    await expect(readItemAs(db(), responsable, draft.plan.id, t.items.activity31)).rejects.toMatchObject({
      status: 404,
    });
    await expect(readItemAs(db(), userOf(null), t.plan.id, t.items.activity12)).rejects.toMatchObject({
      status: 404,
    });
  });

  it("lets control interno and planeación read any node of any plan", async () => {
    const t = await createPlanWithItems(db(), { status: "borrador" });
    for (const role of ["control_interno", "planeacion", "administrador"] as const)
      await expect(
        readItemAs(db(), userOf(null, [role]), t.plan.id, t.items.component1),
      ).resolves.toBeUndefined();
  });
});
