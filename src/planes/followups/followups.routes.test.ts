// OCI's follow-up of a cut, end to end on one plan: opening (not before the cut, not twice), the reports it
// locks, verifying each activity, closing (refused while one is unverified), the report as xlsx and PDF,
// the deadline warning, publishing (late here) and what the public then reads. Who may do what on the way.
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn, type TestPerson } from "../../../test/factories.ts";
import { createPlan, createPlanWithItems } from "../../../test/plans.ts";
import { outbox } from "../../core/mail/mail.table.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { planEvidence } from "../evidence/evidence.table.ts";
import { planActivityEvents, planReports } from "../progress/progress.table.ts";
import { warnFollowupDeadlines } from "./followups.deadline.ts";
import { planFollowupItems, planFollowups } from "./followups.table.ts";

const run = promisify(execFile);
let ctx: TestContext;
let tree: Awaited<ReturnType<typeof createPlanWithItems>>;
let oci: TestClient;
let ociPerson: TestPerson;
let planner: TestClient;
let responsable: TestClient;
let visitor: TestClient;
let followupId = "";
let slug = "";
const SHA_PUBLIC = `${"a".repeat(63)}1`;
const SHA_PRIVATE = `${"b".repeat(63)}2`;
let publicEvidenceId = "";

const db = () => ctx.database.db;
let people: { oci: TestPerson; planner: TestPerson; responsable: TestPerson };
/** Moves the test clock to 9:00 in Bogotá of that day; everyone signs in again (sessions time out). */
async function setDay(isoDay: string) {
  const target = new Date(`${isoDay}T14:00:00Z`).getTime();
  ctx.clock.advance(target - ctx.clock.now().getTime());
  oci = await signIn(ctx, people.oci);
  planner = await signIn(ctx, people.planner);
  responsable = await signIn(ctx, people.responsable);
}
const text = (response: Response) => response.text();
const followupRow = async () =>
  (await db().select().from(planFollowups).where(eq(planFollowups.id, followupId)))[0];

beforeAll(async () => {
  ctx = await createTestApp();
  tree = await createPlanWithItems(db(), { year: 2026, status: "aprobado" });
  slug = tree.plan.slug;
  ociPerson = await makePerson(ctx, { roles: ["control_interno"], email: "oci@pasto.gov.co" });
  people = {
    oci: ociPerson,
    planner: await makePerson(ctx, { roles: ["planeacion"] }),
    responsable: await makePerson(ctx, { roles: ["responsable_plan"], dependenciaId: tree.deps.opgi }),
  };
  oci = await signIn(ctx, people.oci);
  planner = await signIn(ctx, people.planner);
  responsable = await signIn(ctx, people.responsable);
  visitor = new TestClient(ctx.app);
  expect((await planner.post(`/planes/${tree.plan.id}/publicar`, {})).status).toBe(303);
  const at = ctx.clock.now();
  const report = async (
    itemId: string,
    dependenciaId: string,
    start: string,
    end: string,
    percent: number,
  ) => {
    const [row] = await db()
      .insert(planReports)
      .values({
        planId: tree.plan.id,
        itemId,
        dependenciaId,
        periodKey: `${start}/${end}`,
        periodStartsOn: start,
        periodEndsOn: end,
        status: "validado",
        percent,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    return row?.id ?? "";
  };
  const r11 = await report(tree.items.activity11, tree.deps.opgi, "2026-01-13", "2026-01-31", 80);
  const r12 = await report(tree.items.activity12, tree.deps.gobierno, "2026-02-01", "2026-02-28", 60);
  const evidence = async (reportId: string, dependenciaId: string, fileName: string, sha256: string) => {
    const [row] = await db()
      .insert(planEvidence)
      .values({
        planId: tree.plan.id,
        ownerType: "report",
        ownerId: reportId,
        dependenciaId,
        storageKey: `test/${sha256}`,
        fileName,
        contentType: "application/pdf",
        size: 2048,
        sha256,
        uploadedAt: at,
      })
      .returning();
    return row?.id ?? "";
  };
  publicEvidenceId = await evidence(r11, tree.deps.opgi, "acta-socializacion.pdf", SHA_PUBLIC);
  await evidence(r12, tree.deps.gobierno, "mapa-riesgos.pdf", SHA_PRIVATE);
});

afterAll(() => ctx.database.close());

describe("opening a follow-up", () => {
  it("is refused before the cut date, and to anyone but control interno", async () => {
    const early = await oci.post(`/planes/${tree.plan.id}/seguimientos`, { cutOn: "2026-04-30" });
    expect(early.status).toBe(422);
    expect(await text(early)).toContain(
      "El corte es el 30 de abril de 2026; podrá abrir el seguimiento desde ese día.",
    );
    expect((await planner.post(`/planes/${tree.plan.id}/seguimientos`, { cutOn: "2026-04-30" })).status).toBe(
      403,
    );
  });

  it("is refused on a borrador plan that was never approved", async () => {
    await setDay("2026-05-04");
    const { plan } = await createPlan(db(), { year: 2026 });
    const refused = await oci.post(`/planes/${plan.id}/seguimientos`, { cutOn: "2026-04-30" });
    expect(refused.status).toBe(422);
    expect(await text(refused)).toContain("nunca ha sido aprobado");
  });

  it("opens from the cut on, once per cut, and lists the cuts with their due dates", async () => {
    const opened = await oci.post(`/planes/${tree.plan.id}/seguimientos`, { cutOn: "2026-04-30" });
    expect(opened.status).toBe(303);
    followupId = opened.headers.get("location")?.split("/").pop() ?? "";
    const row = await followupRow();
    expect(row).toMatchObject({ cutOn: "2026-04-30", dueOn: "2026-05-15", status: "abierto" });

    const second = await oci.post(`/planes/${tree.plan.id}/seguimientos`, { cutOn: "2026-04-30" });
    expect(second.status).toBe(422);
    expect(await text(second)).toContain("Ya existe un seguimiento del corte del 30 de abril de 2026");

    const list = await text(await planner.get(`/planes/${tree.plan.id}/seguimientos`));
    expect(list).toContain("15 de mayo de 2026");
    expect(list).toContain("14 de septiembre de 2026");
    expect(list).toContain("En curso");
    expect(list).not.toContain("Abrir el seguimiento");
  });

  it("locks the reports of periods ending by the cut, and the page says so", async () => {
    const locked = await responsable.post(
      `/planes/${tree.plan.id}/actividades/${tree.items.activity12}/reportes`,
      { periodKey: "2026-02-01/2026-02-28" },
    );
    expect(locked.status).toBe(409);
    expect(await text(locked)).toContain("control interno ya abrió");
    const page = await text(await oci.get(`/seguimientos/${followupId}`));
    expect(page).toContain("Bloqueado por el seguimiento");
    expect(page).toContain("0 de 2 verificadas");
    expect(page).not.toContain("Realizar la audiencia pública"); // 3.1 starts in July
  });
});

describe("verifying and closing", () => {
  it("lets only control interno verify or close", async () => {
    const form = { verifiedPercent: "90", realized: "x", observations: "" };
    const url = `/seguimientos/${followupId}/actividades/${tree.items.activity11}`;
    expect((await planner.post(url, form)).status).toBe(403);
    expect((await responsable.post(url, form)).status).toBe(403);
    expect((await planner.post(`/seguimientos/${followupId}/cerrar`, {})).status).toBe(403);
    expect((await responsable.get(`/seguimientos/${followupId}`)).status).toBe(403);
  });

  it("refuses to close while activities are unverified, listing them", async () => {
    const refused = await oci.post(`/seguimientos/${followupId}/cerrar`, {});
    expect(refused.status).toBe(422);
    const body = await text(refused);
    expect(body).toContain("faltan por verificar 2 actividades");
    expect(body).toContain("1.1 Socializar la política de administración del riesgo");
    expect(body).toContain("1.2 Actualizar el mapa de riesgos de corrupción");
  });

  it("records each verification, in the activity's history and the audit log", async () => {
    const url = `/seguimientos/${followupId}/actividades/${tree.items.activity11}`;
    const bad = await oci.post(url, { verifiedPercent: "150", realized: "", observations: "" });
    expect(bad.status).toBe(422);
    expect(await text(bad)).toContain("El porcentaje verificado debe estar entre 0 y 100.");
    const page = await text(await oci.get(`/seguimientos/${followupId}`));
    expect(page).toContain('value="80"'); // pre-filled with what OPGI validated

    const done = await oci.post(url, {
      verifiedPercent: "90",
      realized: "Socialización hecha en marzo",
      observations: "Acta revisada",
    });
    expect(done.status).toBe(303);
    const events = await db()
      .select()
      .from(planActivityEvents)
      .where(eq(planActivityEvents.kind, "verificacion_oci"));
    expect(events).toMatchObject([{ itemId: tree.items.activity11, percent: 90, comment: "Acta revisada" }]);

    const still = await oci.post(`/seguimientos/${followupId}/cerrar`, {});
    expect(still.status).toBe(422);
    const body = await text(still);
    expect(body).toContain("faltan por verificar 1 actividad");
    expect(body).not.toContain("1.1 Socializar la política de administración del riesgo;");

    // The shortcut verifies the pending one at what was reported (60 % of 2 periods: 30), 1.1 keeps 90.
    const asReported = `/seguimientos/${followupId}/componentes/${tree.items.component1}/como-reportado`;
    expect((await planner.post(asReported, {})).status).toBe(403);
    const shortcut = await oci.post(asReported, {});
    expect(shortcut.headers.get("location")).toBe(
      `/seguimientos/${followupId}?componente=${tree.items.component1}`,
    );
    const verified = await db().select().from(planFollowupItems);
    expect(Object.fromEntries(verified.map((v) => [v.itemId, v.verifiedPercent]))).toEqual({
      [tree.items.activity11]: 90,
      [tree.items.activity12]: 30,
    });
    const sheet = await text(
      await oci.get(`/seguimientos/${followupId}?componente=${tree.items.component1}`),
    );
    expect(sheet).toContain("2 de 2 actividades verificadas");
    expect(sheet).not.toContain("Verificar con el porcentaje reportado");

    // OCI then corrects what it found different.
    const second = `/seguimientos/${followupId}/actividades/${tree.items.activity12}`;
    const corrected = await oci.post(second, { verifiedPercent: "50,0", realized: "", observations: "" });
    expect(corrected.headers.get("location")).toBe(
      `/seguimientos/${followupId}?componente=${tree.items.component1}#a-${tree.items.activity12}`,
    );
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "plan_followup.verified"), eq(auditLog.targetId, followupId)));
    expect(audits).toHaveLength(3);
    // OCI makes an evidence of a validated report public from the sheet, and comes back to the activity.
    const back = `/seguimientos/${followupId}?componente=${tree.items.component1}#a-${tree.items.activity11}`;
    const marked = await oci.post(`/evidencias/${publicEvidenceId}/publica`, { volver: back });
    expect(marked.headers.get("location")).toBe(back);
  });

  it("closes and freezes the report with scores and zones", async () => {
    expect((await oci.post(`/seguimientos/${followupId}/cerrar`, {})).status).toBe(303);
    const row = await followupRow();
    expect(row?.status).toBe("cerrado");
    expect(row?.report).toMatchObject({
      cutOn: "2026-04-30",
      periodLabel: "Enero a abril de 2026",
      followupOn: "2026-05-04",
      score: 70,
      zone: "medio",
    });
    expect(row?.report?.components.map((c) => [c.score, c.zone])).toEqual([[70, "medio"]]);
    expect(row?.report?.evidence.map((e) => e.sha256).sort()).toEqual([SHA_PUBLIC, SHA_PRIVATE]);
    const late = await oci.post(`/seguimientos/${followupId}/actividades/${tree.items.activity11}`, {
      verifiedPercent: "10",
    });
    expect(late.status).toBe(409);
  });
});

describe("the report files", () => {
  it("exports the matrix as xlsx with the header block, zone colours and the annex", async () => {
    const response = await planner.get(`/seguimientos/${followupId}/informe.xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(`seguimiento-${slug}-2026-04-30.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Seguimiento");
    const cells = (row: number) => [1, 2].map((col) => sheet?.getRow(row).getCell(col).value);
    expect(cells(2)).toEqual(["Entidad", ctx.deps.config.entity.name]);
    expect(cells(3)).toEqual(["Vigencia", "2026"]);
    expect(cells(4)).toEqual(["Periodo", "Enero a abril de 2026"]);
    expect(cells(5)).toEqual(["Fecha de seguimiento", "04/05/2026"]);
    const rows: ExcelJS.Row[] = [];
    sheet?.eachRow((row) => {
      rows.push(row);
    });
    const header = rows.find((r) => r.getCell(1).value === "Subcomponente");
    expect(header?.getCell(7).value).toBe("% de avance");
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: header?.number });
    expect(sheet?.pageSetup.orientation).toBe("landscape");
    const activity = (code: string) => rows.find((r) => String(r.getCell(2).value).startsWith(code));
    const fillOf = (row: ExcelJS.Row | undefined) =>
      (row?.getCell(7).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect(activity("1.1")?.getCell(7).value).toBe(0.9);
    expect(activity("1.1")?.getCell(8).value).toBe("Alto");
    expect(fillOf(activity("1.1"))).toBe("FFD1E7DD");
    expect(activity("1.1")?.getCell(3).value).toBe("Socialización hecha en marzo");
    expect(activity("1.2")?.getCell(8).value).toBe("Bajo");
    expect(fillOf(activity("1.2"))).toBe("FFF8D7DA");
    const score = rows.find((r) => String(r.getCell(1).value).startsWith("Calificación del plan"));
    expect(score?.getCell(7).value).toBe(0.7);
    expect(fillOf(score)).toBe("FFFFF3CD");
    const annex = workbook.getWorksheet("Anexo evidencias");
    const hashes: unknown[] = [];
    annex?.eachRow((row) => {
      hashes.push(row.getCell(4).value);
    });
    expect(hashes).toEqual(expect.arrayContaining([SHA_PUBLIC, SHA_PRIVATE]));
    const exported = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "plan_followup.exported"), eq(auditLog.targetId, followupId)));
    expect(exported).toHaveLength(1);
  });

  it("exports an accessible PDF whose text a reader can extract", async () => {
    const response = await oci.get(`/seguimientos/${followupId}/informe.pdf`);
    expect(response.status).toBe(200);
    const dir = await mkdtemp(path.join(os.tmpdir(), "sipap-seguimiento-"));
    const file = path.join(dir, "informe.pdf");
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
    const { stdout } = await run("pdftotext", ["-layout", file, "-"]);
    for (const expected of [
      "Informe de seguimiento",
      "Enero a abril de 2026",
      "Anexo: evidencias",
      SHA_PUBLIC,
    ])
      expect(stdout).toContain(expected);
    const { stdout: info } = await run("pdfinfo", [file]);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
  });
});

describe("the deadline and the publication", () => {
  it("warns control interno once when the due date is near", async () => {
    await setDay("2026-05-13");
    expect(await warnFollowupDeadlines(db(), ctx.clock.now(), ctx.deps.config)).toBe(1);
    expect(await warnFollowupDeadlines(db(), ctx.clock.now(), ctx.deps.config)).toBe(0);
    const mails = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.personId, ociPerson.id), eq(outbox.kind, "followup_deadline")));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body).toContain("15 de mayo de 2026");
  });

  it("shows nothing to the public before publication", async () => {
    const base = `/transparencia/planes/${slug}/seguimientos/2026-04-30`;
    expect((await visitor.get(base)).status).toBe(404);
    expect((await visitor.get(`${base}/informe.xlsx`)).status).toBe(404);
  });

  it("publishes after the due date, recorded as late", async () => {
    await setDay("2026-05-20");
    // Not without saying the report was checked: publishing is for good.
    await oci.post(`/seguimientos/${followupId}/publicar`, {});
    expect((await followupRow())?.status).toBe("cerrado");
    expect((await oci.post(`/seguimientos/${followupId}/publicar`, { confirm: "si" })).status).toBe(303);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "plan_followup.published"), eq(auditLog.targetId, followupId)));
    expect(audit?.details).toMatchObject({ late: true, dueOn: "2026-05-15" });
    const page = await text(await oci.get(`/seguimientos/${followupId}`));
    expect(page).toContain("Publicado después del plazo");
  });

  it("lets the public read the follow-up, its chart, its files and its public evidence", async () => {
    const plan = await visitor.get(`/transparencia/planes/${slug}`);
    expect(await text(plan)).toContain("Corte del 30 de abril de 2026");
    const base = `/transparencia/planes/${slug}/seguimientos/2026-04-30`;
    const response = await visitor.get(base);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    const page = await text(response);
    for (const expected of [
      "15 de mayo de 2026",
      "20 de mayo de 2026",
      "Publicado después del plazo",
      "<svg",
      "70 %",
      "70 %, medio (amarillo)",
      `/transparencia/evidencias/${publicEvidenceId}`,
      SHA_PUBLIC,
    ])
      expect(page).toContain(expected);
    expect(page).not.toContain(SHA_PRIVATE);
    expect(page).not.toContain(ociPerson.lastNames);
    const xlsx = await visitor.get(`${base}/informe.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    const again = await ctx.app.request(`${base}/informe.xlsx`, {
      headers: { "if-none-match": xlsx.headers.get("etag") ?? "" },
    });
    expect(again.status).toBe(304);
    expect((await visitor.get(`${base}/informe.pdf`)).headers.get("content-type")).toBe("application/pdf");
    for (const cut of ["2026-08-31", "2026-02-30", "abril"])
      expect((await visitor.get(`/transparencia/planes/${slug}/seguimientos/${cut}`)).status).toBe(404);
  });
});
