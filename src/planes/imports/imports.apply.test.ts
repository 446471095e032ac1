// Applying a parsed tree to a plan (no spreadsheet involved: imports.routes.test.ts covers the files).
import { asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "../../areas.ts";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { createPlan } from "../../../test/plans.ts";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { seedDependencias } from "../../demo/demo.service.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { type AuditContext, systemAuditContext } from "../../shared/audit.ts";
import { AppError } from "../../shared/errors.ts";
import { planChanges, planItemPeriods, planItemResponsables, planItems } from "../plans/plans.table.ts";
import { planReports } from "../progress/progress.table.ts";
import { mapAlias } from "../responsables/responsables.service.ts";
import type { ParsedNode } from "../sheets/sheets.types.ts";
import { applyParsed } from "./imports.apply.ts";
import { previewParsed, type ReadTree } from "./imports.preview.ts";
import { planImports } from "./imports.table.ts";

let ctx: TestContext;
const depIds = new Map<string, string>();
const audit: AuditContext = { actorId: null, ip: "127.0.0.1", requestId: "test" };
const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createTestApp();
  await seedDependencias(db(), ctx.clock.now(), systemAuditContext);
  for (const d of await db().select().from(dependencias)) depIds.set(d.acronym ?? d.name, d.id);
});
afterAll(() => ctx.database.close());

let row = 1;
const node = (level: 1 | 2 | 3, key: string, text: string, extra: Partial<ParsedNode> = {}): ParsedNode => ({
  level,
  key,
  code: key.split("/").at(-1)?.replace(/^[cs]/, "") ?? null,
  text,
  responsables: [],
  periods: [],
  row: row++,
  children: [],
  ...extra,
});

interface Variant {
  text11?: string;
  extra?: boolean;
  without31?: boolean;
  responsables31?: string[];
}

function tree(variant: Variant = {}): ReadTree {
  row = 10;
  const nodes = [
    node(1, "c1", "Componente 1: Gestión del riesgo de corrupción", {
      children: [
        node(2, "c1/s1", "Política de administración de riesgos", {
          children: [
            node(3, "c1/s1/1.1", variant.text11 ?? "Socializar la política de riesgos", {
              product: "Política socializada",
              meta: "1 socialización",
              metaQuantity: 1,
              metaUnit: "socialización",
              responsables: [
                "Oficina de Planeación de Gestión Institucional – OPGI",
                "Todas las dependencias",
              ],
              periods: [{ start: "2022-01-13", end: "2022-01-31" }],
            }),
            node(3, "c1/s1/1.2", "Actualizar el mapa de riesgos", {
              responsables: ["OPGI.", "Líderes de proceso"],
              periods: [
                { start: "2022-02-01", end: "2022-02-28" },
                { start: null, end: null, raw: "01/04/2022 - 31/04/2022" },
              ],
            }),
            ...(variant.extra
              ? [
                  node(3, "c1/s1/1.3", "Publicar el mapa", {
                    responsables: ["SSI"],
                    periods: [{ start: "2022-03-01", end: "2022-03-31" }],
                  }),
                ]
              : []),
          ],
        }),
      ],
    }),
    node(1, "c3", "Componente 3: Rendición de cuentas", {
      children: variant.without31
        ? []
        : [
            node(3, "c3/-/3.1", "Audiencia pública de rendición de cuentas", {
              responsables: variant.responsables31 ?? [
                "Secretaria de Gobierno",
                "Equipo MIPG - Oficina de Planeación de Gestión Institucional",
              ],
              periods: [{ start: "2022-07-01", end: "2022-12-31" }],
            }),
          ],
    }),
  ];
  return { ok: true, shape: "paac", tree: nodes, counts: {}, problems: [] };
}

async function newImport(planId: string) {
  const [imported] = await db()
    .insert(planImports)
    .values({
      planId,
      fileName: "paac.xlsx",
      sha256: "0".repeat(64),
      summary: { ok: true, counts: {}, problems: [], unmatched: [] },
      createdAt: ctx.clock.now(),
    })
    .returning();
  if (!imported) throw new Error("no import");
  return imported.id;
}

async function mapTheUnusual() {
  const at = ctx.clock.now();
  const opgi = depIds.get("OPGI") ?? "";
  const maps = [
    { written: "Todas las dependencias", kind: "todas", dependenciaIds: [] },
    { written: "Líderes de proceso", kind: "dependencias", dependenciaIds: [opgi, depIds.get("OCI") ?? ""] },
    {
      written: "Equipo MIPG - Oficina de Planeación de Gestión Institucional",
      kind: "equipo",
      dependenciaIds: [opgi],
      team: "Equipo MIPG",
    },
  ];
  for (const input of maps) expect((await mapAlias(db(), at, audit, input)).ok).toBe(true);
}

async function snapshot(planId: string) {
  const items = await db()
    .select()
    .from(planItems)
    .where(eq(planItems.planId, planId))
    .orderBy(asc(planItems.itemKey));
  const ids = items.map((i) => i.id);
  const responsables = ids.length
    ? await db()
        .select()
        .from(planItemResponsables)
        .where(inArray(planItemResponsables.itemId, ids))
        .orderBy(asc(planItemResponsables.id))
    : [];
  const periods = ids.length
    ? await db()
        .select()
        .from(planItemPeriods)
        .where(inArray(planItemPeriods.itemId, ids))
        .orderBy(asc(planItemPeriods.id))
    : [];
  const changes = await db().select().from(planChanges).where(eq(planChanges.planId, planId));
  return { items, responsables, periods, changes };
}

const apply = (planId: string, importId: string, read: ReadTree) =>
  applyParsed(db(), ctx.clock.now(), audit, { planId, importId }, read);

async function appliedPlan() {
  const { plan } = await createPlan(db(), { ownerDependenciaId: depIds.get("OPGI") });
  await mapTheUnusual();
  const applied = await apply(plan.id, await newImport(plan.id), tree());
  return { plan, applied };
}

describe("applying an import", () => {
  it("refuses while a responsable is unreconciled, and changes nothing", async () => {
    const { plan } = await createPlan(db(), {});
    await db().execute(sql`delete from plan_aliases`);
    const importId = await newImport(plan.id);
    const preview = await previewParsed(db(), plan, tree());
    expect(preview.unmatched.map((u) => u.text).sort()).toEqual([
      "Equipo MIPG - Oficina de Planeación de Gestión Institucional",
      "Líderes de proceso",
      "Todas las dependencias",
    ]);
    expect(preview.unmatched.find((u) => u.text.startsWith("Equipo MIPG"))?.suggestions[0]?.name).toBe(
      "Oficina de Planeación de Gestión Institucional",
    );
    expect(preview.canApply).toBe(false);
    const refusal = await apply(plan.id, importId, tree()).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).userMessage).toMatch(/Falta conciliar 3 responsables/);
    expect((await snapshot(plan.id)).items).toEqual([]);
    const [still] = await db().select().from(planImports).where(eq(planImports.id, importId));
    expect(still?.status).toBe("vista_previa");
  });

  it("fills an empty plan: items, one responsable row per target, periods as written, the change log", async () => {
    const { plan, applied } = await appliedPlan();
    expect(applied).toEqual({ added: 6, changed: 0, removed: 0 });
    const { items, responsables, periods, changes } = await snapshot(plan.id);
    expect(items.map((i) => [i.itemKey, i.level, i.position, i.code])).toEqual([
      ["c1", 1, 0, "1"],
      ["c1/s1", 2, 0, "1"],
      ["c1/s1/1.1", 3, 0, "1.1"],
      ["c1/s1/1.2", 3, 1, "1.2"],
      ["c3", 1, 1, "3"],
      ["c3/-/3.1", 3, 0, "3.1"],
    ]);
    const byKey = new Map(items.map((i) => [i.itemKey, i]));
    expect(byKey.get("c3/-/3.1")?.parentId).toBe(byKey.get("c3")?.id);
    expect(byKey.get("c1/s1/1.1")).toMatchObject({ meta: "1 socialización", metaQuantity: 1, sourceRow: 10 });
    const of = (key: string) =>
      responsables
        .filter((r) => r.itemId === byKey.get(key)?.id)
        .sort((a, b) => a.position - b.position)
        .map((r) => [r.written, r.dependenciaId, r.allDependencias, r.team]);
    const opgi = depIds.get("OPGI");
    expect(of("c1/s1/1.1")).toEqual([
      ["Oficina de Planeación de Gestión Institucional – OPGI", opgi, false, null],
      ["Todas las dependencias", null, true, null],
    ]);
    expect(of("c1/s1/1.2")).toEqual([
      ["OPGI.", opgi, false, null],
      // An alias's dependencias in name order: Oficina de Control Interno…, Oficina de Planeación…
      ["Líderes de proceso", depIds.get("OCI"), false, null],
      ["Líderes de proceso", opgi, false, null],
    ]);
    expect(of("c3/-/3.1")).toEqual([
      ["Secretaria de Gobierno", depIds.get("Secretaría de Gobierno"), false, null],
      ["Equipo MIPG - Oficina de Planeación de Gestión Institucional", opgi, false, "Equipo MIPG"],
    ]);
    const periodsOf12 = periods
      .filter((p) => p.itemId === byKey.get("c1/s1/1.2")?.id)
      .map((p) => [p.position, p.startsOn, p.endsOn, p.written]);
    expect(periodsOf12.sort()).toEqual([
      [0, "2022-02-01", "2022-02-28", null],
      [1, null, null, "01/04/2022 - 31/04/2022"],
    ]);
    expect(changes).toHaveLength(6);
    expect(changes.every((c) => c.kind === "agregada" && c.version === 1)).toBe(true);
    const logged = await db().select().from(auditLog).where(eq(auditLog.targetId, plan.id));
    expect(logged.find((a) => a.action === "plan_import.applied")?.details).toMatchObject({
      added: 6,
      changed: 0,
      removed: 0,
    });
  });

  it("applying the same tree again changes nothing at all", async () => {
    const { plan } = await appliedPlan();
    const before = await snapshot(plan.id);
    const again = await newImport(plan.id);
    const preview = await previewParsed(db(), plan, tree());
    expect(preview.diff).toEqual({ added: [], changed: [], removed: [] });
    expect(preview.canApply).toBe(true);
    expect(await apply(plan.id, again, tree())).toEqual({ added: 0, changed: 0, removed: 0 });
    expect(await snapshot(plan.id)).toEqual(before);
  });

  it("applies a changed tree: adds, changes and removes by key, and logs each with before and after", async () => {
    const { plan } = await appliedPlan();
    const kept = (await snapshot(plan.id)).items.find((i) => i.itemKey === "c1/s1/1.1");
    const changed = tree({
      text11: "Socializar la política de riesgos a los líderes",
      extra: true,
      without31: true,
    });
    const preview = await previewParsed(db(), plan, changed);
    expect(preview.diff.added.map((c) => c.key)).toEqual(["c1/s1/1.3"]);
    expect(preview.diff.changed.map((c) => [c.key, c.fields])).toEqual([
      [
        "c1/s1/1.1",
        { text: ["Socializar la política de riesgos", "Socializar la política de riesgos a los líderes"] },
      ],
    ]);
    expect(preview.diff.removed.map((c) => c.key)).toEqual(["c3/-/3.1"]);
    expect(await apply(plan.id, await newImport(plan.id), changed)).toEqual({
      added: 1,
      changed: 1,
      removed: 1,
    });
    const after = await snapshot(plan.id);
    expect(after.items.map((i) => i.itemKey)).toEqual([
      "c1",
      "c1/s1",
      "c1/s1/1.1",
      "c1/s1/1.2",
      "c1/s1/1.3",
      "c3",
    ]);
    // The changed item keeps its id (its history and future progress reports stay attached).
    expect(after.items.find((i) => i.itemKey === "c1/s1/1.1")?.id).toBe(kept?.id);
    const log = after.changes.filter((c) => c.kind !== "agregada" || c.itemKey === "c1/s1/1.3");
    expect(log.map((c) => [c.kind, c.itemKey, c.label]).sort()).toEqual([
      ["agregada", "c1/s1/1.3", "Publicar el mapa"],
      ["eliminada", "c3/-/3.1", "Audiencia pública de rendición de cuentas"],
      ["modificada", "c1/s1/1.1", "Socializar la política de riesgos a los líderes"],
    ]);
    expect(log.find((c) => c.kind === "modificada")?.fields).toEqual({
      text: ["Socializar la política de riesgos", "Socializar la política de riesgos a los líderes"],
    });
  });

  it("never removes an activity with progress reports: an error in the preview, a refusal naming it at apply", async () => {
    const { plan } = await appliedPlan();
    const before = await snapshot(plan.id);
    const audiencia = before.items.find((i) => i.itemKey === "c3/-/3.1");
    const at = ctx.clock.now();
    await db()
      .insert(planReports)
      .values({
        ...{ planId: plan.id, itemId: audiencia?.id ?? "", dependenciaId: depIds.get("OPGI") ?? "" },
        ...{ periodKey: "2022-07-01/2022-12-31", status: "validado", createdAt: at, updatedAt: at },
      });
    const without31 = tree({ without31: true });
    const preview = await previewParsed(db(), plan, without31);
    expect(preview.canApply).toBe(false);
    expect(preview.errors[0]?.message).toBe(
      "La actividad 3.1 tiene reportes de avance: no se puede quitar del plan. Déjela en el archivo (puede cambiar su texto, su meta o sus fechas) y cargue el archivo de nuevo. Si de verdad sobra, pida a planeación que la quite en una nueva versión del plan.",
    );
    const refusal = await apply(plan.id, await newImport(plan.id), without31).catch((e: unknown) => e);
    expect(refusal).toMatchObject({
      status: 409,
      userMessage: expect.stringMatching(/^La actividad 3\.1 tiene/),
    });
    expect(await snapshot(plan.id)).toEqual(before);
    expect(await db().select().from(planReports).where(eq(planReports.planId, plan.id))).toHaveLength(1);
  });

  it("refuses a plan that is no longer a draft, and a second click on the same import", async () => {
    const { plan } = await createPlan(db(), { status: "publicado" });
    const refusal = await apply(plan.id, await newImport(plan.id), tree()).catch((e: unknown) => e);
    expect((refusal as AppError).status).toBe(409);
    expect((refusal as AppError).userMessage).toBe(
      "Este plan está publicado: para cambiarlo, cree una nueva versión desde la página del plan.",
    );
    const draft = await appliedPlan();
    const [last] = await db().select().from(planImports).where(eq(planImports.planId, draft.plan.id));
    const twice = await apply(draft.plan.id, last?.id ?? "", tree()).catch((e: unknown) => e);
    expect((twice as AppError).code).toBe("imports.closed");
  });

  it("is all or nothing: a failure in the last write leaves the plan and the import as they were", async () => {
    const { plan } = await appliedPlan();
    const before = await snapshot(plan.id);
    const importId = await newImport(plan.id);
    // A real failure inside the transaction, after every item was written: the change log refuses rows.
    await db().execute(sql`create or replace function refuse_change() returns trigger language plpgsql as $$
      begin raise exception 'cambio rechazado por la prueba'; end $$`);
    await db().execute(
      sql`create trigger refuse_change before insert on plan_changes for each row execute function refuse_change()`,
    );
    try {
      const failed = await apply(
        plan.id,
        importId,
        tree({ extra: true, without31: true, text11: "Otro texto" }),
      ).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(Error);
      expect(String((failed as Error).cause)).toMatch(/cambio rechazado por la prueba/);
    } finally {
      await db().execute(sql`drop trigger refuse_change on plan_changes`);
    }
    expect(await snapshot(plan.id)).toEqual(before);
    const [still] = await db().select().from(planImports).where(eq(planImports.id, importId));
    expect(still?.status).toBe("vista_previa");
    expect(still?.appliedAt).toBeNull();
  });

  it("moves responsables when their alias changed, even if the text did not", async () => {
    const { plan } = await appliedPlan();
    const at = ctx.clock.now();
    expect(
      (await mapAlias(db(), at, audit, { written: "Líderes de proceso", kind: "todas", dependenciaIds: [] }))
        .ok,
    ).toBe(true);
    expect(await apply(plan.id, await newImport(plan.id), tree())).toEqual({
      added: 0,
      changed: 0,
      removed: 0,
    });
    const { items, responsables } = await snapshot(plan.id);
    const id12 = items.find((i) => i.itemKey === "c1/s1/1.2")?.id;
    expect(
      responsables
        .filter((r) => r.itemId === id12)
        .sort((a, b) => a.position - b.position)
        .map((r) => [r.written, r.allDependencias]),
    ).toEqual([
      ["OPGI.", false],
      ["Líderes de proceso", true],
    ]);
    // Put the mapping back for the other tests.
    await mapTheUnusual();
  });
});
