// The published xlsx read back by SIPAP's own importer (readPlanFile), as a planner does when a plan of a
// year is the start of the next one: the whole seed PAAC 2022 (a note-only component, the sixth without
// subcomponents, activities over several periods and with several responsables, 31/04/2022), the seed matrix
// and the example plan come back with the same keys, codes, texts, responsables as written and periods.

import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { matrizWorkbook, paacWorkbook } from "../../../test/plan-sheets.ts";
import { createPlan } from "../../../test/plans.ts";
import { XLSX_TYPE } from "../../shared/xlsx.ts";
import { DiffSection } from "../imports/imports.diff.views.tsx";
import { planImports } from "../imports/imports.table.ts";
import type { PlanShape, PlanSnapshot, SnapshotItem } from "../plans/plans.types.ts";
import { readPlanFile } from "../sheets/sheets.service.ts";
import type { ParsedNode, ReadPlanResult } from "../sheets/sheets.types.ts";
import { examplePlanSnapshots } from "./publication.example.ts";
import { planXlsx, RECONCILED_HEADER } from "./publication.xlsx.ts";

const LINKS = { entityName: "Alcaldía de Pasto", schemaUrl: "https://x/s", planUrl: "https://x/p" };

/** What the plans module would publish from a reading: reconciled names differ from the written texts. */
function snapshotOf(read: ReadPlanResult, shape: PlanShape): PlanSnapshot {
  if (!read.ok) throw new Error(read.message);
  const item = (node: ParsedNode): SnapshotItem => ({
    level: node.level,
    key: node.key,
    code: node.code,
    text: node.text,
    product: node.product ?? null,
    meta: node.meta ?? null,
    metaQuantity: node.metaQuantity ?? null,
    metaUnit: node.metaUnit ?? null,
    evidence: node.evidence ?? null,
    note: node.note ?? null,
    weight: node.weight ?? null,
    responsables: node.responsables.map((written) => ({ written, names: [`Conciliada: ${written}`] })),
    periods: node.periods.map((p) => ({ start: p.start, end: p.end, written: p.raw ?? null })),
    children: node.children.map(item),
  });
  const [example] = examplePlanSnapshots();
  const type: PlanSnapshot["type"] =
    shape === "paac"
      ? example.type
      : {
          key: "accion",
          name: "Plan de Acción Institucional",
          shape: "matriz",
          levelNames: ["Actividad de gestión", "Alternativa de mejora (qué)", "Tarea (cómo)"],
        };
  return { ...example, type, items: read.tree.map(item), changes: [] };
}

interface Compared {
  key: string;
  level: number;
  code: string | null;
  text: string;
  product: string | null;
  meta: string | null;
  evidence: string | null;
  note: string | null;
  weight: number | null;
  responsables: string[];
  periods: { start: string | null; end: string | null; written: string | null }[];
  children: Compared[];
}

const fromSnapshot = (item: SnapshotItem): Compared => ({
  key: item.key,
  level: item.level,
  code: item.code,
  text: item.text,
  product: item.product,
  meta: item.meta,
  evidence: item.evidence,
  note: item.note,
  weight: item.weight,
  responsables: item.responsables.map((r) => r.written),
  periods: item.periods,
  children: item.children.map(fromSnapshot),
});

const fromReading = (node: ParsedNode): Compared => ({
  key: node.key,
  level: node.level,
  code: node.code,
  text: node.text,
  product: node.product ?? null,
  meta: node.meta ?? null,
  evidence: node.evidence ?? null,
  note: node.note ?? null,
  weight: node.weight ?? null,
  responsables: node.responsables,
  periods: node.periods.map((p) => ({ start: p.start, end: p.end, written: p.raw ?? null })),
  children: node.children.map(fromReading),
});

async function readBack(snapshot: PlanSnapshot) {
  const bytes = await planXlsx(snapshot, LINKS);
  const read = await readPlanFile(bytes, `${snapshot.slug}-v${snapshot.version}.xlsx`, snapshot.type.shape);
  if (!read.ok) throw new Error(`not read: ${read.message}`);
  return { bytes, read, errors: read.problems.filter((p) => p.severity === "error") };
}

/** Every leaf with its weight set, from 1 to n, and one with a decimal: the «Peso» column goes and comes back. */
function weighted(snapshot: PlanSnapshot): PlanSnapshot {
  let n = 0;
  const weigh = (item: SnapshotItem): SnapshotItem =>
    item.children.length === 0 && item.level === 3
      ? { ...item, weight: ++n === 2 ? 2.5 : n }
      : { ...item, children: item.children.map(weigh) };
  return { ...snapshot, items: snapshot.items.map(weigh) };
}

describe("the published xlsx read back by the importer", () => {
  it("gives back the whole seed PAAC 2022: counts, keys, codes, texts, notes, responsables as written, periods", async () => {
    const original = await readPlanFile(await paacWorkbook(), "paac-2022.xlsx", "paac");
    if (!original.ok) throw new Error("seed not read");
    const snapshot = snapshotOf(original, "paac");
    // What the seed holds, so the round trip covers it: a note-only component, one without subcomponents,
    // several periods and several responsables on one activity, and the date that does not exist.
    expect(snapshot.items.find((c) => c.key === "c2")?.note).toMatch(/^Ver documento anexo/);
    expect(snapshot.items.find((c) => c.key === "c6")?.children[0]?.key).toBe("c6/-/1");
    const all = snapshot.items.flatMap((c) => c.children.flatMap((s) => [s, ...s.children]));
    expect(all.some((leaf) => leaf.periods.length === 3)).toBe(true);
    expect(all.some((leaf) => leaf.responsables.length === 4)).toBe(true);

    const { read, errors } = await readBack(snapshot);
    expect(errors).toEqual([]);
    expect(read.counts).toEqual(original.counts);
    expect(read.counts).toEqual({ components: 6, subcomponents: 18, activities: 77, periods: 88 });
    expect(read.tree.map(fromReading)).toEqual(snapshot.items.map(fromSnapshot));
    // The impossible date is read again as the office wrote it: a notice, not an error.
    expect(read.problems.map((p) => p.message)).toEqual([expect.stringContaining("31/04/2022 no existe")]);
  });

  it("gives back the seed matrix, with weights in a «Peso» column", async () => {
    const original = await readPlanFile(await matrizWorkbook(), "matriz.xlsx", "matriz");
    const snapshot = weighted(snapshotOf(original, "matriz"));
    const { read, errors } = await readBack(snapshot);
    expect(errors).toEqual([]);
    expect(read.counts).toEqual({ activities: 6, alternatives: 6, tasks: 29, periods: 29 });
    expect(read.tree.map(fromReading)).toEqual(snapshot.items.map(fromSnapshot));
  });

  it("gives back the example plan, a PAAC's weights, and an activity of a component after its subcomponents", async () => {
    const [, example] = examplePlanSnapshots();
    const [c1, ...rest] = example.items;
    const loose = c1?.children[0]?.children[0];
    if (!c1 || !loose) throw new Error("example tree");
    const mixed = {
      ...example,
      items: [{ ...c1, children: [...c1.children, { ...loose, key: "c1/-/9", code: "9" }] }, ...rest],
    };
    for (const snapshot of [example, weighted(example), mixed]) {
      const { read, errors } = await readBack(snapshot);
      expect(errors).toEqual([]);
      expect(read.counts).toMatchObject({ components: 3, subcomponents: 3 });
      expect(read.tree.map(fromReading)).toEqual(snapshot.items.map(fromSnapshot));
    }
  });
});

describe("the «Plan» sheet", () => {
  it("is laid out as the office keeps a PAAC: headings, a header per component, a row per period", async () => {
    const [, example] = examplePlanSnapshots();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await planXlsx(example, LINKS)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Plan", "Cambios"]);
    const sheet = workbook.getWorksheet("Plan");
    if (!sheet) throw new Error("no Plan sheet");
    const rows: string[][] = [];
    const numbers: number[] = [];
    sheet.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")));
      numbers.push(row.number);
    });
    const header = [
      "Subcomponente / Proceso",
      "Actividades",
      "Producto",
      "Meta",
      "Responsable",
      "Fecha Inicio",
      "Fecha Final",
      RECONCILED_HEADER,
    ];
    expect(rows[0]).toEqual(["Plan Anticorrupción y de Atención al Ciudadano 2022 – versión 2"]);
    const at = (start: string) => rows.findIndex((row) => row.some((cell) => cell.startsWith(start)));
    const c1 = at("Componente 1:");
    expect(rows[c1]).toEqual([
      "Componente 1: Gestión del riesgo de corrupción – Mapa de riesgos de corrupción",
    ]);
    expect(rows[c1 + 1]).toEqual(header);
    // The note-only component: its heading and its note, no header.
    const c2 = at("Componente 2:");
    expect(rows.slice(c2, c2 + 2)).toEqual([
      ["Componente 2: Racionalización de trámites"],
      ["Ver documento anexo “Estrategia de racionalización de trámites 2022”"],
    ]);
    // 5.1: responsable as written, reconciled apart; its impossible period as written; two more periods
    // on continuation rows with the activity cell empty.
    const followUp = at("5.1 ");
    expect(rows[followUp]).toEqual([
      "Subcomponente 5. Seguimiento",
      "5.1 Realizar seguimiento al PAAC incluyendo el mapa de riesgos de corrupción, conforme lo establece la ley.",
      "Informes de seguimiento de PAAC y riesgos de corrupción.",
      "3 informes de seguimiento de PAAC y mapa de riesgos de corrupción.",
      "Oficina de Control Interno de Gestión",
      "1/04/2022",
      "31/04/2022",
      "Oficina de Control Interno de Gestión – OCI",
    ]);
    expect(rows[followUp + 1]).toEqual([
      "Subcomponente 5. Seguimiento",
      "",
      "",
      "",
      "",
      "01/08/2022",
      "31/08/2022",
      "",
    ]);
    // The sixth component has no subcomponents; 3 has two responsables, one per line as written.
    const divulge = at("3 Divulgar");
    expect(rows[divulge]?.[0]).toBe("");
    expect(rows[divulge]?.[4]).toBe("OPGI.\nLíderes de proceso");
    expect(rows[divulge]?.[7]).toBe(
      "Oficina de Planeación de Gestión Institucional – OPGI\nTodas las dependencias",
    );
    // Dates are text, as the office types them: no date cell a spreadsheet could move a day.
    const start = sheet.getRow(numbers[followUp + 1] ?? 0).getCell(6);
    expect([start.value, start.type]).toEqual(["01/08/2022", ExcelJS.ValueType.String]);
  });

  it("writes a matrix under the matrix's own header, the period in one «Cuándo» cell", async () => {
    const original = await readPlanFile(await matrizWorkbook(), "matriz.xlsx", "matriz");
    const snapshot = snapshotOf(original, "matriz");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await planXlsx(snapshot, LINKS)) as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook
      .getWorksheet("Plan")
      ?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    expect(rows[2]).toEqual([
      "Actividades de gestión",
      "Qué (alternativas de mejora)",
      "Cómo (mejoras/tareas a implementar)",
      "Quién (responsable de cada tarea)",
      "Cuándo (fecha prevista para iniciar y terminar cada tarea)",
      "Evidencias",
      RECONCILED_HEADER,
    ]);
    expect(rows[3]?.[4]).toBe("01/02/2026 - 31/03/2026");
  });
});

describe("a published plan uploaded into a new plan", () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.database.close());

  it("is previewed with every component and activity, and no error", async () => {
    const planner = await signIn(ctx, await makePerson(ctx, { roles: ["planeacion"] }));
    const { plan } = await createPlan(ctx.database.db, { typeKey: "paac", year: 2023 });
    const [, example] = examplePlanSnapshots();
    const file = { name: "paac-2022-v2.xlsx", data: await planXlsx(example, LINKS), type: XLSX_TYPE };
    const uploaded = await planner.postFiles(`/planes/${plan.id}/importar`, {}, { file });
    expect(uploaded.status).toBe(303);
    const [imported] = await ctx.database.db
      .select()
      .from(planImports)
      .where(eq(planImports.planId, plan.id));
    expect(imported?.summary?.counts).toEqual({ components: 3, subcomponents: 3, activities: 6, periods: 9 });
    expect(imported?.summary?.problems.filter((p) => p.severity === "error")).toEqual([]);
    const html = await (await planner.get(uploaded.headers.get("location") ?? "")).text();
    expect(html).not.toContain("no pertenecen a ningún componente");
    expect(html).not.toContain("no cambiaría nada");
  });
});

describe("the import preview of a file with nothing to apply", () => {
  const none = { added: [], changed: [], removed: [] };
  const levels = ["Componente", "Subcomponente", "Actividad"];
  const text = (props: Parameters<typeof DiffSection>[0]) => String(DiffSection(props));

  it("says «no cambiaría nada» only when the plan already holds what a good file says", () => {
    // The walkthrough's file: errors and no items, into an empty plan.
    expect(text({ diff: none, levelNames: levels, empty: true, errors: 1 })).not.toContain(
      "no cambiaría nada",
    );
    expect(text({ diff: none, levelNames: levels, empty: true })).toContain(
      "El archivo no trae ningún elemento del plan que SIPAP pueda leer",
    );
    expect(text({ diff: none, levelNames: levels, empty: false, errors: 2 })).toContain(
      "Cuando corrija los errores del archivo",
    );
    expect(text({ diff: none, levelNames: levels, empty: false, errors: 0 })).toContain(
      "Aplicar este archivo no cambiaría nada: el plan ya está exactamente así.",
    );
  });
});
