// Uploads as a newcomer meets them: a plan de mejoramiento headed with its own level names, a file of another
// year than the plan's vigencia, and the «Cargas recientes» list when files fail or are replaced.

import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { endBeforeStartFile } from "../../../test/plan-sheets.bad.ts";
import { paacRows, paacWorkbook } from "../../../test/plan-sheets.ts";
import { createPlan } from "../../../test/plans.ts";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { seedDependencias } from "../../demo/demo.service.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { XLSX_TYPE } from "../../shared/xlsx.ts";
import { planTypes } from "../plans/plans.table.ts";
import { readPlanFile } from "../sheets/sheets.service.ts";
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

const newPlan = async (typeKey: string, year: number) =>
  (await createPlan(db(), { typeKey, year, ownerDependenciaId: ids.get("OPGI") })).plan;

const upload = (planId: string, data: Buffer, name: string) =>
  planner.postFiles(`/planes/${planId}/importar`, {}, { file: { name, data, type: XLSX_TYPE } });

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

/** The text of the «Cargas recientes» row of a file, tags dropped. */
async function recentRow(planId: string, fileName: string) {
  const html = await (await planner.get(`/planes/${planId}/importar`)).text();
  const row = html
    .split("<tr>")
    .map((tr) => tr.split("</tr>")[0] ?? "")
    .find((tr) => tr.includes(`>${fileName}</a>`));
  return row
    ?.replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

async function mejoramientoFile(header: string[]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Plan");
  sheet.addRow(["PLAN DE MEJORAMIENTO 2026 – AUDITORÍA A LA GESTIÓN DOCUMENTAL"]);
  sheet.addRow(header);
  sheet.addRow([
    "Las tablas de retención documental no están actualizadas",
    "Actualizar las tablas de retención",
    "Levantar el inventario documental",
    "OPGI",
    "01/02/2026",
    "30/04/2026",
    "Inventario",
  ]);
  sheet.addRow([null, null, "Presentar las tablas al comité", "OPGI", "01/11/2026", "31/01/2027"]);
  sheet.mergeCells("A3:A4");
  sheet.mergeCells("B3:B4");
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const HEADER = [
  "Hallazgo",
  "Acción de mejora",
  "Tarea",
  "Responsable",
  "Fecha inicio",
  "Fecha final",
  "Evidencias",
];

describe("a plan de mejoramiento headed with its own level names", () => {
  it("lists the columns by the type's names with the other names accepted, and reads such a file", async () => {
    const plan = await newPlan("mejoramiento", 2026);
    const form = (await (await planner.get(`/planes/${plan.id}/importar`)).text()).replace(/\s+/g, " ");
    for (const column of [
      "Hallazgo",
      "Acción de mejora",
      "Tarea",
      "Responsable (quién)",
      "Fechas (cuándo)",
      "Evidencias",
    ])
      expect(form).toContain(`<strong>${column}</strong>`);
    expect(form).toContain("También sirve: «Actividades de gestión»");
    expect(form).toContain("También sirve: «Qué (alternativas de mejora)», «Alternativas de mejora»");
    expect(form).toContain("«Fecha inicio» y «Fecha final»");

    const uploaded = await upload(plan.id, await mejoramientoFile(HEADER), "mejoramiento-2026.xlsx");
    expect(uploaded.status).toBe(303);
    const [row] = await db()
      .select()
      .from(planImports)
      .where(eq(planImports.id, importIdOf(uploaded)));
    expect(row?.summary).toMatchObject({
      ok: true,
      problems: [],
      unmatched: [],
      counts: { activities: 1, alternatives: 1, tasks: 2, periods: 2 },
    });
  });

  it("follows the names an administrator gives the levels, on the form and in the file", async () => {
    const [type] = await db().select().from(planTypes).where(eq(planTypes.key, "mejoramiento"));
    if (!type) throw new Error("no mejoramiento type");
    await db()
      .update(planTypes)
      .set({ levelNames: ["Observación", "Acción correctiva", "Actividad"] })
      .where(eq(planTypes.key, "mejoramiento"));
    try {
      const plan = await newPlan("mejoramiento", 2026);
      const form = await (await planner.get(`/planes/${plan.id}/importar`)).text();
      expect(form).toContain("<strong>Observación</strong>");
      const renamed = ["Observaciones", "Acciones correctivas", "Actividades", ...HEADER.slice(3)];
      const uploaded = await upload(plan.id, await mejoramientoFile(renamed), "mejoramiento.xlsx");
      expect(uploaded.status).toBe(303);
      // The former names are the type's no longer: the message names the columns as the type does now.
      const old = await upload(plan.id, await mejoramientoFile(HEADER), "viejo.xlsx");
      expect(old.status).toBe(422);
      expect(await old.text()).toContain(
        "Al archivo le faltan estas columnas: Observación, Acción correctiva.",
      );
    } finally {
      await db()
        .update(planTypes)
        .set({ levelNames: type.levelNames })
        .where(eq(planTypes.key, "mejoramiento"));
    }
  });
});

describe("a file whose periods fall outside the plan's vigencia", () => {
  const component1 = () => paacWorkbook(paacRows().slice(0, 1));

  it("gets one aviso, not an error, with an example row; periods of the plan's year get none", async () => {
    const file = await component1();
    const read = await readPlanFile(file, "paac-2022.xlsx", "paac");
    if (!read.ok) throw new Error(read.message);
    // Every period of the file is in 2022; one has an impossible end and proves nothing on its own.
    const leaves = read.tree.flatMap((c) => c.children.flatMap((s) => s.children));
    const known = leaves.flatMap((a) => a.periods.filter((p) => p.end !== null).map((p) => ({ a, p })));
    const [first] = known;
    if (!first) throw new Error("no periods");
    const day = (iso: string | null) => iso?.split("-").reverse().join("/");

    const plan = await newPlan("paac", 2023);
    const importId = importIdOf(await upload(plan.id, file, "paac-2022.xlsx"));
    const message = `${known.length} periodos están fuera de la vigencia 2023 del plan (por ejemplo, fila ${first.a.row}: ${day(first.p.start)} – ${day(first.p.end)}). Revise que cargó el archivo correcto.`;
    const [row] = await db().select().from(planImports).where(eq(planImports.id, importId));
    expect(row?.summary.ok).toBe(true);
    expect(row?.summary.problems.filter((p) => p.message.includes("vigencia"))).toEqual([
      { row: 0, severity: "aviso", message },
    ]);
    const preview = await (await planner.get(`/planes/${plan.id}/importaciones/${importId}`)).text();
    expect(preview.split(message)).toHaveLength(2);

    const right = await newPlan("paac", 2022);
    const fine = importIdOf(await upload(right.id, file, "paac-2022.xlsx"));
    const [kept] = await db().select().from(planImports).where(eq(planImports.id, fine));
    expect(kept?.summary.problems.some((p) => p.message.includes("vigencia"))).toBe(false);
  });
});

describe("«Cargas recientes»", () => {
  it("says «Con errores» for a failed preview, and a new upload discards the open previews and their files", async () => {
    const plan = await newPlan("paac", 2022);
    const failed = importIdOf(await upload(plan.id, await endBeforeStartFile(), "con-error.xlsx"));
    const open = importIdOf(await upload(plan.id, await paacWorkbook(paacRows().slice(0, 1)), "bueno.xlsx"));
    // The first was discarded by the second upload; this is the state before the third.
    expect(await recentRow(plan.id, "con-error.xlsx")).toContain("Descartada");
    expect(await recentRow(plan.id, "bueno.xlsx")).toContain("Vista previa");

    const other = await newPlan("paac", 2022);
    const broken = importIdOf(await upload(other.id, await endBeforeStartFile(), "roto.xlsx"));
    expect(await recentRow(other.id, "roto.xlsx")).toMatch(/Con errores$/);
    expect(await storedFiles()).toContain(`planes/importaciones/${broken}.xlsx`);

    const latest = importIdOf(
      await upload(plan.id, await paacWorkbook(paacRows().slice(0, 1)), "nuevo.xlsx"),
    );
    const rows = await db().select().from(planImports).where(eq(planImports.planId, plan.id));
    const status = new Map(rows.map((r) => [r.id, [r.status, r.fileKey]]));
    expect(status.get(failed)).toEqual(["descartada", null]);
    expect(status.get(open)).toEqual(["descartada", null]);
    expect(status.get(latest)).toEqual(["vista_previa", `planes/importaciones/${latest}.xlsx`]);
    const files = await storedFiles();
    expect(files).not.toContain(`planes/importaciones/${failed}.xlsx`);
    expect(files).not.toContain(`planes/importaciones/${open}.xlsx`);
    expect(files).toContain(`planes/importaciones/${latest}.xlsx`);
    // Another plan's preview is its own business.
    expect(files).toContain(`planes/importaciones/${broken}.xlsx`);

    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "plan_import.discarded"), eq(auditLog.targetId, plan.id)));
    expect(
      audited.map((a) => a.details).sort((a, b) => String(a?.fileName).localeCompare(String(b?.fileName))),
    ).toEqual([
      { importId: open, fileName: "bueno.xlsx", reason: "reemplazada por una carga nueva" },
      { importId: failed, fileName: "con-error.xlsx", reason: "reemplazada por una carga nueva" },
    ]);
    const stale = await planner.post(`/planes/${plan.id}/importaciones/${open}/aplicar`, {});
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("Esta carga ya se aplicó o se descartó.");
  });
});
