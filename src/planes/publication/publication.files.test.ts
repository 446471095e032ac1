// The PDF and xlsx of a published version: rendered by the job after publication (or by the first
// download) into storage, served from there, the same bytes every time; read back with exceljs and pdftotext.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makeDependencia } from "../../../test/factories.ts";
import { getBuffer } from "../../core/storage/storage.types.ts";
import { planChanges, plans, planVersions } from "../plans/plans.table.ts";
import type { SnapshotItem } from "../plans/plans.types.ts";
import { examplePlanSnapshots } from "./publication.example.ts";
import { queuePublicationRender, RENDER_PUBLICATION } from "./publication.jobs.ts";
import { planPdf } from "./publication.pdf.ts";
import { storageKeyOf } from "./publication.rules.ts";
import { planXlsx } from "./publication.xlsx.ts";

const run = promisify(execFile);
let ctx: TestContext;
const visitor = () => new TestClient(ctx.app);

async function insertPlan(published: boolean) {
  const owner = await makeDependencia(ctx);
  const slug = `paac-2022-${randomUUID().slice(0, 8)}`;
  const [plan] = await ctx.database.db
    .insert(plans)
    .values({
      typeKey: "paac",
      year: 2022,
      ownerDependenciaId: owner.id,
      title: "PAAC",
      slug,
      status: "publicado",
      version: 2,
    })
    .returning();
  if (!plan) throw new Error("plan not inserted");
  for (const snapshot of examplePlanSnapshots({ planId: plan.id, slug }))
    await ctx.database.db.insert(planVersions).values({
      planId: plan.id,
      number: snapshot.version,
      reason: snapshot.reason,
      createdAt: new Date(snapshot.publishedAt),
      publishedAt: published ? new Date(snapshot.publishedAt) : null,
      snapshot: published ? snapshot : null,
    });
  return { planId: plan.id, slug };
}

async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sipap-plan-"));
  const file = path.join(dir, "plan.pdf");
  await writeFile(file, pdf);
  const { stdout } = await run("pdftotext", ["-raw", file, "-"]);
  return stdout;
}

async function download(url: string) {
  const response = await visitor().get(url);
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

describe("the job sent at publication", () => {
  it("renders the version's PDF and xlsx into storage once, and the downloads serve those files", async () => {
    const plan = await insertPlan(true);
    expect(await queuePublicationRender(ctx.jobs, { planId: plan.planId, version: 2 })).toBeTruthy();
    // A second publication event for the same version while the first waits is not queued twice.
    expect(await queuePublicationRender(ctx.jobs, { planId: plan.planId, version: 2 })).toBeNull();
    expect(await ctx.jobs.runQueued({ names: [RENDER_PUBLICATION] })).toEqual({ completed: 1, failed: 0 });
    const pdfKey = storageKeyOf(plan.planId, 2, "pdf");
    const xlsxKey = storageKeyOf(plan.planId, 2, "xlsx");
    expect(pdfKey).toBe(`planes/publicaciones/${plan.planId}/v2-f2.pdf`);
    const storedPdf = await getBuffer(ctx.deps.storage, pdfKey);
    const storedXlsx = await getBuffer(ctx.deps.storage, xlsxKey);
    expect(storedPdf?.subarray(0, 5).toString()).toBe("%PDF-");
    expect(storedXlsx?.subarray(0, 2).toString()).toBe("PK");

    const pdf = await download(`/transparencia/planes/${plan.slug}/plan.pdf`);
    expect(pdf.response.status).toBe(200);
    expect(pdf.response.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.response.headers.get("content-disposition")).toBe(
      `attachment; filename="${plan.slug}-v2.pdf"`,
    );
    expect(pdf.bytes.equals(storedPdf ?? Buffer.alloc(0))).toBe(true);
    const xlsx = await download(`/transparencia/planes/${plan.slug}/plan.xlsx`);
    expect(xlsx.response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(xlsx.bytes.equals(storedXlsx ?? Buffer.alloc(0))).toBe(true);

    // Run again (a retry, a late duplicate): the stored files are left as they are.
    await ctx.deps.storage.put(pdfKey, Buffer.from("%PDF- stored earlier"));
    await queuePublicationRender(ctx.jobs, { planId: plan.planId, version: 2 });
    await ctx.jobs.runQueued({ names: [RENDER_PUBLICATION] });
    expect((await getBuffer(ctx.deps.storage, pdfKey))?.toString()).toBe("%PDF- stored earlier");
  });

  it("renders nothing for a version that is not published", async () => {
    const plan = await insertPlan(false);
    await queuePublicationRender(ctx.jobs, { planId: plan.planId, version: 1 });
    expect(await ctx.jobs.runQueued({ names: [RENDER_PUBLICATION] })).toEqual({ completed: 1, failed: 0 });
    expect(await ctx.deps.storage.has(storageKeyOf(plan.planId, 1, "pdf"))).toBe(false);
    expect((await visitor().get(`/transparencia/planes/${plan.slug}/plan.pdf`)).status).toBe(404);
  });
});

describe("a download the job has not rendered yet", () => {
  it("is rendered, stored and served; the next download gets the stored file", async () => {
    const plan = await insertPlan(true);
    const key = storageKeyOf(plan.planId, 1, "xlsx");
    expect(await ctx.deps.storage.has(key)).toBe(false);
    const first = await download(`/transparencia/planes/${plan.slug}/plan.xlsx?version=1`);
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get("content-disposition")).toBe(
      `attachment; filename="${plan.slug}-v1.xlsx"`,
    );
    expect((await getBuffer(ctx.deps.storage, key))?.equals(first.bytes)).toBe(true);
    const second = await download(`/transparencia/planes/${plan.slug}/plan.xlsx?version=1`);
    expect(second.bytes.equals(first.bytes)).toBe(true);
  });
});

describe("the rendering", () => {
  it("gives the same bytes for the same version at any time, so racing renders store one file", async () => {
    const [, snapshot] = examplePlanSnapshots();
    const links = { entityName: "Alcaldía de Pasto", schemaUrl: "https://x/s", planUrl: "https://x/p" };
    const pdf = await planPdf(snapshot, links);
    const xlsx = await planXlsx(snapshot, links);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2031-07-04T03:21:00Z"));
      expect((await planPdf(snapshot, links)).equals(pdf)).toBe(true);
      expect((await planXlsx(snapshot, links)).equals(xlsx)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("writes the xlsx's «Cambios» sheet with where each change happened, from the change log", async () => {
    const plan = await insertPlan(true);
    // The change log rows the snapshot was built from: only they know the component of a removed item.
    const [, example] = examplePlanSnapshots();
    for (const [change, key] of example.changes.map(
      (c, i) => [c, ["c1/s1/1.2", "c1/s2/2.1", "c6/-/3"][i]] as const,
    ))
      await ctx.database.db.insert(planChanges).values({
        planId: plan.planId,
        version: change.version,
        itemKey: key ?? "",
        code: change.code,
        label: change.label,
        level: 3,
        kind: change.kind,
        fields: change.fields,
        createdAt: new Date(change.at),
      });
    const { bytes } = await download(`/transparencia/planes/${plan.slug}/plan.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Plan", "Cambios"]);
    const changes = workbook.getWorksheet("Cambios");
    const changed = changes
      ?.getRows(1, changes?.rowCount ?? 1)
      ?.map((row) => (row.values as unknown[]).slice(1));
    expect(changed?.[0]).toEqual([
      "Versión",
      "Motivo de la versión",
      "Cambio",
      "Ubicación",
      "Elemento",
      "Campo",
      "Antes",
      "Después",
      "Fecha",
    ]);
    expect(changed).toContainEqual([
      2,
      expect.stringContaining("Ajuste aprobado"),
      "Se modificó",
      "Componente 1 · 1.2",
      expect.stringContaining("Evaluar"),
      "Fechas",
      "01/07/2022 – 31/08/2022",
      "01/09/2022 – 30/09/2022",
      "10/03/2022",
    ]);
    expect(changed?.some((row) => row[2] === "Se eliminó" && row[3] === "Componente 1 · 2.1")).toBe(true);
    expect(changed?.some((row) => row[2] === "Se agregó" && row[3] === "Componente 6 · 3")).toBe(true);
    expect(changed?.[1]).toEqual([1, "Versión inicial", "Versión inicial", "", "", "", "", "", "31/01/2022"]);
  });

  it("writes texts exactly as published, as string cells: no apostrophe and no formula", async () => {
    const [, example] = examplePlanSnapshots();
    const edit = (item: SnapshotItem): SnapshotItem => ({
      ...item,
      product: item.key === "c1/s1/1.1" ? "=cmd|' /C calc'!A0" : item.product,
      meta: item.key === "c1/s1/1.1" ? "-2+3" : item.meta,
      children: item.children.map(edit),
    });
    const snapshot = { ...example, items: example.items.map(edit) };
    const links = { entityName: "Alcaldía de Pasto", schemaUrl: "https://x/s", planUrl: "https://x/p" };
    const bytes = await planXlsx(snapshot, links);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    workbook.getWorksheet("Plan")?.eachRow((row) => row.eachCell((c) => cells.push(c)));
    for (const text of ["=cmd|' /C calc'!A0", "-2+3"]) {
      const found = cells.find((c) => c.value === text);
      expect(found?.type).toBe(ExcelJS.ValueType.String);
    }
    expect(cells.filter((c) => String(c.value).startsWith("'"))).toEqual([]);
    const entries = unzipSync(new Uint8Array(bytes));
    const sheets = Object.keys(entries).filter((name) => name.startsWith("xl/worksheets/sheet"));
    expect(sheets.length).toBe(2);
    for (const name of sheets) expect(strFromU8(entries[name] ?? new Uint8Array())).not.toMatch(/<f[\s>]/);
  });

  it("writes a readable PDF: title page, activities, Spanish dates, change log and page numbers", async () => {
    const plan = await insertPlan(true);
    const { response, bytes } = await download(`/transparencia/planes/${plan.slug}/plan.pdf`);
    expect(response.status).toBe(200);
    const text = await pdfText(bytes);
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Plan Anticorrupción y de Atención al Ciudadano 2022");
    expect(flat).toContain("Alcaldía de Pasto");
    expect(flat).toContain(
      "Comité Institucional de Gestión y Desempeño, Acta 03 de 2022, el 14 de marzo de 2022",
    );
    expect(flat).toContain("Publicado el: 15 de marzo de 2022");
    expect(flat).toContain("Componente 1. Gestión del riesgo de corrupción");
    expect(flat).toContain("Realizar seguimiento al PAAC");
    expect(flat).toContain("Oficina de Control Interno de Gestión – OCI");
    expect(flat).toContain("«1/04/2022 - 31/04/2022»");
    expect(flat).toContain("Versiones y cambios");
    // Without the change log rows (inserted straight), the component comes from the plan's own tree.
    expect(flat).toMatch(/Se modificó Componente 1 · 1\.2 «Evaluar la implementación/);
    const pages = text.split("\f").filter((page) => page.trim() !== "");
    expect(pages.length).toBeGreaterThan(2);
    expect(flat).toContain(`Página 1 de ${pages.length}`);
    expect(flat).toContain(`Página ${pages.length} de ${pages.length}`);
  });
  it("tags the PDF for screen readers: Spanish, its title shown, headings, paragraphs and tables", async () => {
    const [, snapshot] = examplePlanSnapshots();
    const links = { entityName: "Alcaldía de Pasto", schemaUrl: "https://x/s", planUrl: "https://x/p" };
    const dir = await mkdtemp(path.join(os.tmpdir(), "sipap-plan-"));
    const file = path.join(dir, "plan.pdf");
    await writeFile(file, await planPdf(snapshot, links));
    const { stdout: info } = await run("pdfinfo", [file]);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    const { stdout: structure } = await run("pdfinfo", ["-struct-text", file]);
    const tags = structure.split("\n").map((line) => line.trim());
    expect(tags[0]).toBe("Document");
    const firstUnder = (tag: string) => tags[tags.indexOf(tag) + 1];
    expect(firstUnder("H1 (block)")).toBe('"Plan Anticorrupción y de Atención al Ciudadano 2022"');
    expect(firstUnder("H2 (block)")).toBe(
      '"Componente 1. Gestión del riesgo de corrupción – Mapa de riesgos de corrupción"',
    );
    expect(firstUnder("H3 (block)")).toBe(
      '"Subcomponente 1. Política de Administración de Riesgos de Corrupción"',
    );
    expect(tags).toContain("Table (block)");
    expect(tags).toContain(
      '"Realizar seguimiento al PAAC incluyendo el mapa de riesgos de corrupción, conforme lo establece la ley."',
    );
    // Page numbers and cell borders are artifacts: no «Página 1 de 4» read as content.
    expect(structure).not.toContain("Página 1 de");
    // Catalog: the language and the title shown in the window, not the file name.
    const raw = (await planPdf(snapshot, links)).toString("latin1");
    expect(raw).toContain("/Lang (es-CO)");
    expect(raw).toMatch(/\/DisplayDocTitle true/);
  });
});
