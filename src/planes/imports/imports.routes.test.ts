// The import of a plan through its pages, with real .xlsx uploads made from the seed PAAC (test/plan-sheets.ts).

import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { endBeforeStartFile, odsFile, wrongColumnsFile } from "../../../test/plan-sheets.bad.ts";
import { paacRows, paacWorkbook } from "../../../test/plan-sheets.ts";
import { createPlan } from "../../../test/plans.ts";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { seedDependencias } from "../../demo/demo.service.ts";
import type { PaacComponent } from "../../demo/plans/paac-2022.rows.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { XLSX_TYPE } from "../../shared/xlsx.ts";
import { planChanges, planItems, plans } from "../plans/plans.table.ts";
import { planImports } from "./imports.table.ts";

let ctx: TestContext;
let planner: TestClient;
const ids = new Map<string, string>();
const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createTestApp();
  await seedDependencias(db(), ctx.clock.now(), systemAuditContext);
  for (const d of await db().select().from(dependencias)) ids.set(d.acronym ?? d.name, d.id);
  planner = await signIn(
    ctx,
    await makePerson(ctx, { roles: ["planeacion"], dependenciaId: ids.get("OPGI") }),
  );
});
afterAll(() => ctx.database.close());

/** Component 1 of the PAAC 2022 (15 activities), as kept by the office; `change` edits its rows first. */
function component1(change: (c: PaacComponent) => void = () => {}) {
  const [first] = paacRows();
  if (!first) throw new Error("no component 1");
  change(first);
  return paacWorkbook([first]);
}

const newPlan = async (status: "borrador" | "publicado" = "borrador") =>
  (await createPlan(db(), { typeKey: "paac", year: 2022, status, ownerDependenciaId: ids.get("OPGI") })).plan;

const upload = (planId: string, data: Buffer, name = "paac-2022.xlsx", client = planner) =>
  client.postFiles(`/planes/${planId}/importar`, {}, { file: { name, data, type: XLSX_TYPE } });

function importIdOf(response: Response) {
  const id = /\/importaciones\/([0-9a-f-]{36})$/.exec(response.headers.get("location") ?? "")?.[1];
  if (!id) throw new Error(`no preview: ${response.status}`);
  return id;
}

async function storedFiles() {
  const keys: string[] = [];
  for await (const key of ctx.deps.storage.list("planes/importaciones/")) keys.push(key);
  return keys;
}

const itemsOf = async (planId: string) =>
  (await db().select().from(planItems).where(eq(planItems.planId, planId))).sort((a, b) =>
    a.itemKey.localeCompare(b.itemKey),
  );
const changesOf = (planId: string) => db().select().from(planChanges).where(eq(planChanges.planId, planId));

describe("importing a plan's spreadsheet", () => {
  it("previews, reconciles the responsables once, applies; the same file again needs nothing and changes nothing", async () => {
    const plan = await newPlan();
    const form = await planner.get(`/planes/${plan.id}/importar`);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('enctype="multipart/form-data"');
    expect(formHtml).toContain("Subcomponente / Proceso");

    const file = await component1();
    const uploaded = await upload(plan.id, file);
    expect(uploaded.status).toBe(303);
    const importId = importIdOf(uploaded);
    expect(await storedFiles()).toContain(`planes/importaciones/${importId}.xlsx`);
    const [row] = await db().select().from(planImports).where(eq(planImports.id, importId));
    expect(row?.summary.unmatched.map((u) => u.text).sort()).toEqual([
      "Líderes de proceso SGC - MIPG",
      "Todas las dependencias",
    ]);

    const base = `/planes/${plan.id}/importaciones/${importId}`;
    let preview = await (await planner.get(base)).text();
    expect(preview).toContain("Responsables por conciliar (2)");
    expect(preview).toMatch(/1 componente</);
    expect(preview).toMatch(/5 subcomponentes</);
    expect(preview).toMatch(/15 actividades</);
    expect(preview).toContain("La fecha final 31/04/2022 no existe");
    expect(preview).not.toContain(`${base}/aplicar`);

    const early = await planner.post(`${base}/aplicar`, {});
    expect(early.status).toBe(422);
    expect(await early.text()).toContain("Falta conciliar 2 responsables");

    const incomplete = await planner.post(`${base}/responsables`, {
      written: "Líderes de proceso SGC - MIPG",
      kind: "equipo",
      equipoDependencia: ids.get("OPGI") ?? "",
      team: "",
    });
    expect(incomplete.status).toBe(422);
    expect(await incomplete.text()).toContain("Escriba el nombre del equipo.");

    const maps: Record<string, string | string[]>[] = [
      { written: "Todas las dependencias", kind: "todas" },
      {
        written: "Líderes de proceso SGC - MIPG",
        kind: "dependencias",
        dependencias: [ids.get("OPGI") ?? "", ids.get("OCI") ?? ""],
      },
    ];
    for (const form of maps) expect((await planner.post(`${base}/responsables`, form)).status).toBe(303);
    preview = await (await planner.get(base)).text();
    expect(preview).not.toContain("Responsables por conciliar");
    expect(preview).toContain(`${base}/aplicar`);

    const applied = await planner.post(`${base}/aplicar`, {});
    expect(applied.status).toBe(303);
    expect(applied.headers.get("location")).toBe(`/planes/${plan.id}`);
    const items = await itemsOf(plan.id);
    expect(items).toHaveLength(1 + 5 + 15);
    expect(await changesOf(plan.id)).toHaveLength(21);

    const again = importIdOf(await upload(plan.id, file));
    const second = await (await planner.get(`/planes/${plan.id}/importaciones/${again}`)).text();
    expect(second).not.toContain("Responsables por conciliar");
    expect(second).toContain("Aplicar este archivo no cambiaría nada");
    expect((await planner.post(`/planes/${plan.id}/importaciones/${again}/aplicar`, {})).status).toBe(303);
    expect(await itemsOf(plan.id)).toEqual(items);
    expect(await changesOf(plan.id)).toHaveLength(21);
  });

  it("shows what a changed file adds, changes and removes, and logs it when applied", async () => {
    const plan = await newPlan();
    const first = importIdOf(await upload(plan.id, await component1()));
    expect((await planner.post(`/planes/${plan.id}/importaciones/${first}/aplicar`, {})).status).toBe(303);
    const before = await itemsOf(plan.id);

    const changed = await component1((c) => {
      const at = (start: string) => c.rows.findIndex((r) => r.activity?.trimStart().startsWith(start));
      const row12 = c.rows[at("1.2 ")];
      if (row12) row12.end = "30/09/2022";
      c.rows.splice(at("3.5 "), 1);
      c.rows.splice(at("3.6 ") + 1, 0, {
        activity: "3.8 Divulgar el PAAC en las redes sociales de la Alcaldía.",
        product: "Publicaciones realizadas.",
        meta: "2 publicaciones.",
        responsable: "Oficina de Comunicación Social",
        start: "01/02/2022",
        end: "28/02/2022",
      });
    });
    const second = importIdOf(await upload(plan.id, changed, "paac-2022-ajustado.xlsx"));
    const preview = await (await planner.get(`/planes/${plan.id}/importaciones/${second}`)).text();
    expect(preview).toContain("1 agregado, 1 modificado y 1 eliminado");
    expect(preview).toContain("3.8 Divulgar el PAAC en las redes sociales");
    expect(preview).toContain("3.5 Realizar campañas de educación");
    expect(preview).toContain("01/07/2022 – 31/08/2022");
    expect(preview).toContain("01/07/2022 – 30/09/2022");

    expect((await planner.post(`/planes/${plan.id}/importaciones/${second}/aplicar`, {})).status).toBe(303);
    const after = await itemsOf(plan.id);
    expect(after.map((i) => i.itemKey)).toContain("c1/s3/3.8");
    expect(after.map((i) => i.itemKey)).not.toContain("c1/s3/3.5");
    expect(after.find((i) => i.itemKey === "c1/s1/1.2")?.id).toBe(
      before.find((i) => i.itemKey === "c1/s1/1.2")?.id,
    );
    const log = (await changesOf(plan.id)).filter((c) => c.kind !== "agregada" || c.itemKey === "c1/s3/3.8");
    expect(log.map((c) => [c.kind, c.itemKey]).sort()).toEqual([
      ["agregada", "c1/s3/3.8"],
      ["eliminada", "c1/s3/3.5"],
      ["modificada", "c1/s1/1.2"],
    ]);
    expect(log.find((c) => c.kind === "modificada")?.fields).toEqual({
      periods: ["01/07/2022 – 31/08/2022", "01/07/2022 – 30/09/2022"],
    });
  });

  it("refuses a published plan and a file it cannot read, keeping nothing but the audit row", async () => {
    const filesBefore = await storedFiles();
    const published = await newPlan("publicado");
    const form = await (await planner.get(`/planes/${published.id}/importar`)).text();
    expect(form).not.toContain('enctype="multipart/form-data"');
    const refused = await upload(published.id, await component1());
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(
      "Este plan está publicado: para cambiarlo, cree una nueva versión desde la página del plan.",
    );

    const plan = await newPlan();
    const wrong = await upload(plan.id, await wrongColumnsFile());
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain(
      "Al archivo le faltan estas columnas: Responsable, Fecha Inicio, Fecha Final",
    );
    const ods = await upload(plan.id, await odsFile(), "paac.ods");
    expect(ods.status).toBe(422);
    expect(await ods.text()).toContain("LibreOffice (.ods)");
    const missing = await planner.postFiles(`/planes/${plan.id}/importar`, {}, {});
    expect(missing.status).toBe(422);

    for (const id of [published.id, plan.id]) {
      const [{ n } = { n: -1 }] = await db()
        .select({ n: count() })
        .from(planImports)
        .where(eq(planImports.planId, id));
      expect(n).toBe(0);
    }
    expect(await storedFiles()).toEqual(filesBefore);
    const refusals = await db().select().from(auditLog).where(eq(auditLog.action, "plan_import.refused"));
    expect(refusals.filter((r) => r.targetId === plan.id)).toHaveLength(2);
    expect(refusals.filter((r) => r.targetId === published.id)).toHaveLength(1);
  });

  it("refuses a preview read for an earlier version of the plan", async () => {
    const plan = await newPlan();
    const importId = importIdOf(await upload(plan.id, await component1()));
    // Meanwhile the plan was approved, published and reopened as version 2 (the row is set directly here).
    await db().update(plans).set({ version: 2 }).where(eq(plans.id, plan.id));
    const refused = await planner.post(`/planes/${plan.id}/importaciones/${importId}/aplicar`, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Esta carga se revisó para la versión 1 del plan");
    expect(await itemsOf(plan.id)).toEqual([]);
    const [kept] = await db().select().from(planImports).where(eq(planImports.id, importId));
    expect(kept?.status).toBe("vista_previa");
  });

  it("shows the errors of a file and never applies it; «Descartar» drops the preview and its file", async () => {
    const plan = await newPlan();
    const importId = importIdOf(await upload(plan.id, await endBeforeStartFile()));
    const base = `/planes/${plan.id}/importaciones/${importId}`;
    const preview = await (await planner.get(base)).text();
    expect(preview).toContain("Errores (1)");
    expect(preview).toContain("Avisos (1)");
    expect(preview).toContain("termina antes de empezar");
    expect(preview).not.toContain(`${base}/aplicar`);
    const forced = await planner.post(`${base}/aplicar`, {});
    expect(forced.status).toBe(422);
    expect(await forced.text()).toContain("El archivo tiene 1 error");
    expect(await itemsOf(plan.id)).toEqual([]);

    const discarded = await planner.post(`${base}/descartar`, {});
    expect(discarded.status).toBe(303);
    const [row] = await db().select().from(planImports).where(eq(planImports.id, importId));
    expect(row).toMatchObject({ status: "descartada", fileKey: null });
    expect(await storedFiles()).not.toContain(`planes/importaciones/${importId}.xlsx`);
    expect((await planner.post(`${base}/descartar`, {})).status).toBe(409);
    const [logged] = await db().select().from(auditLog).where(eq(auditLog.action, "plan_import.discarded"));
    expect(logged?.details).toMatchObject({ importId });
  });

  it("is planeación's alone: control interno gets 403 on every step", async () => {
    const plan = await newPlan();
    const importId = importIdOf(await upload(plan.id, await component1()));
    const controller = await signIn(
      ctx,
      await makePerson(ctx, { roles: ["control_interno"], dependenciaId: ids.get("OCI") }),
    );
    const base = `/planes/${plan.id}/importaciones/${importId}`;
    expect((await controller.get(`/planes/${plan.id}/importar`)).status).toBe(403);
    expect((await upload(plan.id, await component1(), "x.xlsx", controller)).status).toBe(403);
    expect((await controller.get(base)).status).toBe(403);
    for (const action of ["responsables", "aplicar", "descartar"])
      expect(
        (await controller.post(`${base}/${action}`, { written: "Todas las dependencias", kind: "todas" }))
          .status,
      ).toBe(403);
    const [row] = await db().select().from(planImports).where(eq(planImports.id, importId));
    expect(row?.status).toBe("vista_previa");
  });
});
