import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { createPlanWithItems } from "../../../test/plans.ts";
import { outbox } from "../../core/mail/mail.table.ts";
import { auditLog } from "../../shared/audit.table.ts";
import type { Role } from "../../shared/auth/roles.ts";
import { planItemPeriods, planItemResponsables, planItems, planTypes } from "../plans/plans.table.ts";
import { planReminders, planReports } from "../progress/progress.table.ts";
import type { ReportStatus } from "../progress/progress.types.ts";
import { REMIND_REPORTS_JOB } from "./monitoring.jobs.ts";

// The clock starts on 2 February 2026 (Bogotá). The plan (test/plans.ts) plus activity 1.3:
//   1.1 OPGI, 13–31 Jan: validado 100            1.2 todas, Feb and «01/04 – 31/04»: OPGI 80, Gobierno 40
//   1.3 Gobierno, 5–20 Jan: borrador 20 (late)   3.1 Gobierno + Equipo MIPG (OPGI), Jul–Dec: Gobierno enviado 50
let ctx: TestContext;
let t: Awaited<ReturnType<typeof createPlanWithItems>>;
let activity13: string;
let sentReport: string;
beforeAll(async () => {
  ctx = await createTestApp();
  t = await createPlanWithItems(db(), { year: 2026, status: "publicado" });
  const [row] = await db()
    .insert(planItems)
    .values({
      planId: t.plan.id,
      parentId: t.items.subcomponent11,
      level: 3,
      position: 2,
      itemKey: "c1/s1/1.3",
      code: "1.3",
      text: "Publicar el mapa de riesgos",
    })
    .returning();
  activity13 = row?.id ?? "";
  await db().insert(planItemResponsables).values({
    itemId: activity13,
    position: 0,
    written: "Secretaría de Gobierno",
    dependenciaId: t.deps.gobierno,
  });
  await db()
    .insert(planItemPeriods)
    .values({ itemId: activity13, position: 0, startsOn: "2026-01-05", endsOn: "2026-01-20" });
  await report(t.items.activity11, t.deps.opgi, "2026-01-13/2026-01-31", "validado", 100);
  await report(t.items.activity12, t.deps.opgi, "2026-02-01/2026-02-28", "validado", 80);
  await report(t.items.activity12, t.deps.gobierno, "2026-02-01/2026-02-28", "validado", 40);
  await report(activity13, t.deps.gobierno, "2026-01-05/2026-01-20", "borrador", 20);
  sentReport = await report(t.items.activity31, t.deps.gobierno, "2026-07-01/2026-12-31", "enviado", 50);
});
afterAll(() => ctx.database.close());

const db = () => ctx.database.db;
const as = async (...roles: Role[]) => signIn(ctx, await makePerson(ctx, { roles }));
const dashboardOf = (query = "") => `/planes/${t.plan.id}/monitoreo${query}`;

async function report(
  itemId: string,
  dependenciaId: string,
  periodKey: string,
  status: ReportStatus,
  percent: number,
) {
  const [endsOn] = periodKey.split("/").slice(1);
  const [row] = await db()
    .insert(planReports)
    .values({
      planId: t.plan.id,
      itemId,
      dependenciaId,
      periodKey,
      periodStartsOn: periodKey.slice(0, 10),
      periodEndsOn: endsOn,
      status,
      percent,
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
      submittedAt: status === "borrador" ? null : ctx.clock.now(),
    })
    .returning();
  return row?.id ?? "";
}

/** The text of a table's rows (cells joined by «|»), found by its caption. */
function rowsOf(page: string, caption: string): string[] {
  const start = page.search(new RegExp(`<caption[^>]*>${caption.replace(/[()]/g, "\\$&")}`));
  if (start < 0) return [];
  const table = page.slice(start, page.indexOf("</table>", start));
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    (m[1] ?? "")
      .split(/<\/t[hd]>/)
      .map((cell) =>
        cell
          .replace(/<[^>]+>/g, "")
          .replace(/\s+/g, " ")
          .trim(),
      )
      .filter(Boolean)
      .join("|"),
  );
}

describe("the monitoring dashboard", () => {
  it("shows the plan's progress, a traffic light per component and dependencia, the late and the waiting", async () => {
    const response = await (await as("planeacion")).get(dashboardOf());
    expect(response.status).toBe(200);
    const page = await response.text();
    // Plan: (component 1: (100 + 30 + 0) / 3; component 3: 0) / 2 = 21.7 %, expected 33.9 %.
    expect(page).toMatch(/Avance validado<\/dt>\s*<dd>22 %/);
    expect(page).toMatch(/Esperado a hoy<\/dt>\s*<dd>34 %/);
    expect(page).toContain('<span class="zone zone--bajo">Bajo</span>');
    expect(rowsOf(page, "Semáforo por componente")).toEqual([
      "Componente|Actividades|Avance validado|Esperado a hoy|Zona|Atrasadas|Periodos sin reportar|Reportes por validar",
      "Componente 1: Gestión del riesgo de corrupción|3|43 %|68 %|Bajo Con atraso|1|1|0",
      "Componente 3: Rendición de cuentas|1|0 %|0 %|Bajo|0|0|1",
    ]);
    const byDependencia = rowsOf(page, "Semáforo por dependencia");
    expect(byDependencia).toHaveLength(3);
    expect(byDependencia.find((r) => r.startsWith("Oficina de Planeación"))).toMatch(
      /\|2\|50 %\|50 %\|Bajo\|0\|0\|0$/,
    );
    expect(byDependencia.find((r) => r.startsWith("Secretaría de Gobierno"))).toMatch(
      /\|2\|0 %\|50 %\|Bajo Con atraso\|1\|1\|1$/,
    );
    const late = rowsOf(page, "Periodos vencidos sin reporte (1)");
    expect(late[1]).toMatch(
      /^1\.3 Publicar el mapa de riesgos\|Secretaría de Gobierno .*\|05\/01\/2026 – 20\/01\/2026\|13\|Borrador$/,
    );
    expect(page).toContain(`href="/reportes/${sentReport}"`);
    expect(page).toContain(`href="/planes/${t.plan.id}/reportes"`);
    expect(page).toContain(`href="/planes/${t.plan.id}/monitoreo.xlsx"`);
  });

  it("narrows every table by dependencia and by month with a plain GET form", async () => {
    const client = await as("control_interno");
    const page = await (await client.get(dashboardOf())).text();
    expect(page).toContain(`action="/planes/${t.plan.id}/monitoreo"`);
    expect(page).toContain('<option value="2026-01">enero de 2026</option>');
    expect(page).not.toContain(`href="/planes/${t.plan.id}/reportes"`);

    const opgi = await (await client.get(dashboardOf(`?dependencia=${t.deps.opgi}`))).text();
    expect(rowsOf(opgi, "Semáforo por dependencia")).toHaveLength(2);
    expect(opgi).toContain("No hay periodos vencidos sin reporte.");
    expect(opgi).toContain("No hay reportes esperando validación.");
    expect(opgi).toContain(`href="/planes/${t.plan.id}/monitoreo.xlsx?dependencia=${t.deps.opgi}"`);

    // January: activities 1.1 (100 %) and 1.3 (0 %) only.
    const january = await (await client.get(dashboardOf("?mes=2026-01"))).text();
    expect(rowsOf(january, "Semáforo por componente").slice(1)).toEqual([
      "Componente 1: Gestión del riesgo de corrupción|2|50 %|100 %|Bajo Con atraso|1|1|0",
    ]);
    expect(january).toContain("Se muestra: enero de 2026.");
    const nonsense = await client.get(dashboardOf("?mes=2026-13&dependencia=x"));
    expect(nonsense.status).toBe(200);
    expect(rowsOf(await nonsense.text(), "Semáforo por componente")).toHaveLength(3);
  });

  it("exports the same tables as a spreadsheet with the zones filled, and audits the download", async () => {
    const response = await (await as("administrador")).get(`/planes/${t.plan.id}/monitoreo.xlsx?mes=2026-01`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="monitoreo-paac-2026/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Resumen",
      "Por componente",
      "Por dependencia",
      "Sin reportar",
      "Por validar",
    ]);
    const components = workbook.getWorksheet("Por componente");
    expect(components?.getRow(2).values).toEqual([
      undefined,
      "Componente 1: Gestión del riesgo de corrupción",
      2,
      50,
      100,
      "Bajo (rojo)",
      "Con atraso",
      1,
      1,
      0,
    ]);
    expect(components?.getCell("E2").fill).toMatchObject({ fgColor: { argb: "FFF8D7DA" } });
    expect(workbook.getWorksheet("Sin reportar")?.getRow(2).getCell(5).value).toBe(13);
    expect(workbook.getWorksheet("Resumen")?.getCell("B6").value).toBe("enero de 2026");
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "plan_monitoring.exported"), eq(auditLog.targetId, t.plan.id)));
    expect(audited).toHaveLength(1);
    expect(audited[0]?.details).toEqual({ month: "2026-01", dependenciaId: null });
  });

  it("is refused to a responsable de plan, and is not found for an unknown plan", async () => {
    const responsable = await signIn(
      ctx,
      await makePerson(ctx, { roles: ["responsable_plan"], dependenciaId: t.deps.opgi }),
    );
    expect((await responsable.get(dashboardOf())).status).toBe(403);
    expect((await responsable.get(`/planes/${t.plan.id}/monitoreo.xlsx`)).status).toBe(403);
    const planner = await as("planeacion");
    expect((await planner.get("/planes/00000000-0000-4000-8000-000000000000/monitoreo")).status).toBe(404);
  });
});

describe("the plan page", () => {
  it("shows the progress on every level and links to the plan's monitoring, reports and follow-ups", async () => {
    const page = await (await (await as("planeacion")).get(`/planes/${t.plan.id}`)).text();
    expect(page).toMatch(/Avance validado: <strong>22 %<\/strong> · Esperado a hoy: 34 %/);
    expect(page).toMatch(/Avance validado: <strong>43 %<\/strong> · Esperado a hoy: 68 %/);
    expect(page).toContain("Con atraso");
    expect(page).toMatch(
      /0 %<span class="hint"> \(esperado a hoy: 100 %\)<\/span> <span class="zone zone--bajo">Bajo<\/span> <strong class="behind">Atrasada<\/strong>/,
    );
    for (const path of ["monitoreo", "reportes", "seguimientos"])
      expect(page).toContain(`href="/planes/${t.plan.id}/${path}"`);
    const reader = await (await (await as("control_interno")).get(`/planes/${t.plan.id}`)).text();
    expect(reader).toContain(`href="/planes/${t.plan.id}/monitoreo"`);
    expect(reader).not.toContain(`href="/planes/${t.plan.id}/reportes"`);
  });
});

describe("the reminders to responsables", () => {
  it("writes once to each responsable of the late dependencia, never to others, and audits a summary", async () => {
    // A first borrador is not under way: its late activity is not reminded.
    await createPlanWithItems(db(), { year: 2026, opgiId: t.deps.opgi, gobiernoId: t.deps.gobierno });
    const email = (n: number) => `responsable${n}.${t.plan.id.slice(0, 8)}@pasto.gov.co`;
    const gobierno = [1, 2].map((n) => ({ dependenciaId: t.deps.gobierno, email: email(n) }));
    for (const person of gobierno) await makePerson(ctx, { roles: ["responsable_plan"], ...person });
    await makePerson(ctx, { roles: ["planeacion"], dependenciaId: t.deps.gobierno, email: email(3) });
    await makePerson(ctx, { roles: ["responsable_plan"], dependenciaId: t.deps.opgi, email: email(4) });
    const mails = () => db().select().from(outbox).where(eq(outbox.kind, "plan_report_reminder"));

    const run = async () => {
      await ctx.deps.jobs.send(REMIND_REPORTS_JOB, {});
      expect((await ctx.jobs.runQueued({ names: [REMIND_REPORTS_JOB] })).failed).toBe(0);
    };
    await run();
    let sent = await mails();
    expect(sent.map((m) => m.recipient).sort()).toEqual([email(1), email(2)]);
    expect(sent[0]?.subject).toBe("SIPAP: reportes de avance vencidos sin enviar");
    expect(sent[0]?.body).toContain(
      "1.3 Publicar el mapa de riesgos. Periodo 05/01/2026 – 20/01/2026; venció el 20/01/2026 (hace 13 días).",
    );
    expect(sent[0]?.body).not.toContain("1.1");
    expect(await db().select().from(planReminders)).toMatchObject([
      { itemId: activity13, dependenciaId: t.deps.gobierno, kind: "despues", recipients: 2 },
    ]);

    await run();
    expect(await mails()).toHaveLength(2);

    // 28 December: activity 3.1 ends in 3 days; OPGI (through its team) has not reported, Gobierno has sent.
    ctx.clock.advance(329 * 86_400_000);
    await run();
    sent = await mails();
    expect(sent).toHaveLength(3);
    const before = sent.find((m) => m.recipient === email(4));
    expect(before?.subject).toBe("SIPAP: reportes de avance que vencen pronto");
    expect(before?.body).toContain("vence el 31/12/2026 (en 3 días)");
    const summaries = await db().select().from(auditLog).where(eq(auditLog.action, "plan_reminders.sent"));
    expect(summaries.map((s) => s.details)).toEqual([
      { remindersBefore: 0, remindersAfter: 1, recipients: 2, plans: 1 },
      { remindersBefore: 1, remindersAfter: 0, recipients: 1, plans: 1 },
    ]);
  });
});

describe("the plan type's settings", () => {
  const form = {
    name: "Plan de mejoramiento",
    description: "",
    level1: "Hallazgo",
    level2: "Acción de mejora",
    level3: "Tarea",
  };
  const typeRow = async () =>
    (await db().select().from(planTypes).where(eq(planTypes.key, "mejoramiento")))[0];

  it("refuses impossible cuts, zones and reminder days in Spanish, changing nothing, then saves good ones", async () => {
    const client = await as("administrador");
    const page = await (await client.get("/admin/tipos-de-plan?editar=mejoramiento")).text();
    expect(page).toContain('value="06-30, 12-31"');
    const before = await typeRow();
    const bad = await client.post("/admin/tipos-de-plan/mejoramiento", {
      ...form,
      cuts: "06-31, 12-31",
      zoneLowMax: "80",
      zoneMidMax: "70",
      reminderDaysBefore: "90",
      reminderDaysAfter: "dos",
    });
    expect(bad.status).toBe(422);
    const refused = await bad.text();
    expect(refused).toContain("«06-31» no es una fecha de corte válida");
    expect(refused).toContain("El límite de la zona baja debe ser menor que el de la zona media.");
    expect(refused).toContain("Escriba un número entero de días entre 0 y 60.");
    expect(refused).toContain('value="06-31, 12-31"');
    expect(await typeRow()).toEqual(before);

    const saved = await client.post("/admin/tipos-de-plan/mejoramiento", {
      ...form,
      cuts: "12-31, 6-30, 03-31",
      zoneLowMax: "49",
      zoneMidMax: "69",
      reminderDaysBefore: "10",
      reminderDaysAfter: "0",
    });
    expect(saved.status).toBe(303);
    expect(await typeRow()).toMatchObject({
      cuts: ["03-31", "06-30", "12-31"],
      zoneLowMax: 49,
      zoneMidMax: 69,
      reminderDaysBefore: 10,
      reminderDaysAfter: 0,
    });
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "plan_type.updated"), eq(auditLog.targetId, "mejoramiento")));
    expect(audit?.details).toMatchObject({
      cuts: { before: "06-30, 12-31", after: "03-31, 06-30, 12-31" },
      zones: { before: "59 / 79", after: "49 / 69" },
      reminderDaysAfter: { before: 1, after: 0 },
    });
  });
});
