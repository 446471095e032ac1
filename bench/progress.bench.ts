// Progress benchmark (issue 12): a 2,000-activity PAAC, approved, with 3,000 validated reports (and some sent
// or missing) and 500 evidence files; then the roll-up of the whole plan after one report changes, OPGI's
// dashboard (data and page HTML), and the closed follow-up's report as xlsx and PDF, each beside a bare
// baseline doing the same work. Aims: dashboard ≤ 1 s, each export ≤ 3 s. Setup is not measured; peak
// memory is the process's RSS while the step runs. Times are the median of RUNS runs after a warm-up.
//   npm run bench:progress                                  PGlite in memory
//   BENCH_DATABASE_URL=postgres://… npm run bench:progress  PGlite and PostgreSQL (scratch database)

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";
import { loadConfig } from "../src/config.ts";
import { dependencias } from "../src/core/dependencias/dependencias.table.ts";
import { type Database, openPglite, openPostgres } from "../src/db/client.ts";
import { seedDependencias } from "../src/demo/demo.service.ts";
import { planEvidence } from "../src/planes/evidence/evidence.table.ts";
import { followupPdf } from "../src/planes/followups/followups.pdf.ts";
import { closeFollowup, openFollowup, reportToExport } from "../src/planes/followups/followups.service.ts";
import { planFollowupItems } from "../src/planes/followups/followups.table.ts";
import type { FollowupReport } from "../src/planes/followups/followups.types.ts";
import { followupXlsx, MATRIX_HEADER } from "../src/planes/followups/followups.xlsx.ts";
import { monitoringDashboard } from "../src/planes/monitoring/monitoring.service.ts";
import { MonitoringPage } from "../src/planes/monitoring/monitoring.views.tsx";
import { createPlan } from "../src/planes/plans/plans.service.ts";
import { planItemPeriods, planItemResponsables, planItems, plans } from "../src/planes/plans/plans.table.ts";
import { planReports } from "../src/planes/progress/progress.table.ts";
import { loadPlanProgress } from "../src/planes/progress/rollup.service.ts";
import { systemAuditContext } from "../src/shared/audit.ts";
import { scratchPostgres } from "./harness.ts";

const COMPONENTS = 20;
const SUBCOMPONENTS = 10;
const ACTIVITIES = 10; // per subcomponent: 20 × 10 × 10 = 2,000 activities
const SHARED = 1_300; // activities with two responsables: 3,300 reports owed
const SENT = 150; // of those, sent and waiting for OPGI; as many missing; the other 3,000 validated
const EVIDENCE = 500;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TODAY = "2026-10-15";
const CUT = "2026-12-31";
const ENTITY = "Alcaldía de Pasto";
const REALIZED = "Se publicó el informe en la sede electrónica.";
const PROOF = "el acta de socialización y el listado de asistencia están en el expediente de la dependencia.";

let peak = 0;
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5).unref();
/** Median time of RUNS runs after one warm-up, with the peak RSS seen during them. */
async function measure<T>(run: () => Promise<T>) {
  let result = await run();
  peak = process.memoryUsage().rss;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const peakMb = Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20);
  return { ms: Math.round(times[Math.floor(times.length / 2)] ?? 0), peakMb, result };
}

const rows: string[] = [];
type Measured = { ms: number; peakMb: number };
function line(step: string, driver: string, m: Measured, baseline: string, bare: Measured) {
  const ratio = `${(m.ms / Math.max(1, bare.ms)).toFixed(1)}×`;
  rows.push(`| ${step} | ${driver} | ${m.ms} | ${m.peakMb} | ${baseline} | ${bare.ms} | ${ratio} |`);
}
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

const month = (n: number) => String(n).padStart(2, "0");
const batches = <T>(list: T[]) =>
  Array.from({ length: Math.ceil(list.length / 500) }, (_, i) => list.slice(i * 500, i * 500 + 500));
const lastDay = (m: number) => new Date(Date.UTC(2026, m, 0)).getUTCDate();

/** The plan written straight into the tables (as an import leaves it), approved, with its reports. */
async function seed(database: Database) {
  const db = database.db;
  const at = new Date("2026-01-20T15:00:00Z");
  await seedDependencias(db, at, systemAuditContext);
  const deps = (await db.select({ id: dependencias.id }).from(dependencias).orderBy(asc(dependencias.name)))
    .map((d) => d.id)
    .slice(0, 8);
  const owner = deps[0] ?? "";
  const plan = await createPlan(db, at, systemAuditContext, {
    typeKey: "paac",
    year: 2026,
    ownerDependenciaId: owner,
    title: "Plan Anticorrupción y de Atención al Ciudadano 2026 (prueba de 2.000 actividades)",
  });
  await db.update(plans).set({ status: "aprobado" }).where(eq(plans.id, plan.id));
  const items: (typeof planItems.$inferInsert)[] = [];
  const responsables: (typeof planItemResponsables.$inferInsert)[] = [];
  const periods: (typeof planItemPeriods.$inferInsert)[] = [];
  const reports: (typeof planReports.$inferInsert)[] = [];
  /** An item under `parentId`; its key says its level and code (c1 → 1, c1/s2 → 2, c1/s2/2.3 → 2.3). */
  const item = (parentId: string | null, at: number, itemKey: string, text: string, more = {}) => {
    const [id, level, code] = [crypto.randomUUID(), itemKey.split("/").length, itemKey.split(/[/cs]/).at(-1)];
    items.push({ id, planId: plan.id, parentId, level, position: at, itemKey, code, text, ...more });
    return id;
  };
  let n = 0;
  for (let c = 1; c <= COMPONENTS; c++) {
    const component = item(null, c, `c${c}`, `Componente ${c}: Componente de prueba ${c}`);
    for (let s = 1; s <= SUBCOMPONENTS; s++) {
      const subText = `Subcomponente ${s}. Línea de trabajo ${s} del componente ${c}.`;
      const sub = item(component, s, `c${c}/s${s}`, subText);
      for (let a = 1; a <= ACTIVITIES; a++, n++) {
        const text = `Realizar la acción ${a} de la línea ${s}, con su informe publicado en la sede electrónica.`;
        const id = item(sub, a, `c${c}/s${s}/${s}.${a}`, text, {
          product: `Informe de la acción ${s}.${a} publicado.`,
          meta: `${a} informes de seguimiento publicados.`,
        });
        const m = ((a + s) % 12) + 1;
        const startsOn = `2026-${month(m)}-01`;
        const endsOn = `2026-${month(m)}-${lastDay(m)}`;
        periods.push({ itemId: id, position: 0, startsOn, endsOn });
        const owners = n < SHARED ? [deps[n % 8], deps[(n + 3) % 8]] : [deps[n % 8]];
        for (const [i, dependenciaId] of owners.entries()) {
          responsables.push({ itemId: id, position: i, written: `Dependencia ${i + 1}`, dependenciaId });
          reports.push({
            planId: plan.id,
            itemId: id,
            dependenciaId: dependenciaId ?? owner,
            periodKey: `${startsOn}/${endsOn}`,
            periodStartsOn: startsOn,
            periodEndsOn: endsOn,
            status: "validado",
            percent: (n * 37 + i * 11) % 101,
            createdAt: at,
            updatedAt: at,
            submittedAt: at,
          });
        }
      }
    }
  }
  // The last reports: some sent (waiting for OPGI), as many never made.
  for (const r of reports.slice(-2 * SENT, -SENT)) r.status = "enviado";
  reports.splice(-SENT, SENT);
  await db.transaction(async (tx) => {
    for (const part of batches(items)) await tx.insert(planItems).values(part);
    for (const part of batches(responsables)) await tx.insert(planItemResponsables).values(part);
    for (const part of batches(periods)) await tx.insert(planItemPeriods).values(part);
    const saved: { id: string; dependenciaId: string }[] = [];
    const ids = { id: planReports.id, dependenciaId: planReports.dependenciaId };
    for (const part of batches(reports))
      saved.push(...(await tx.insert(planReports).values(part).returning(ids)));
    const evidence = saved.slice(0, EVIDENCE).map((r, i) => ({
      planId: plan.id,
      ownerType: "report" as const,
      ownerId: r.id,
      dependenciaId: r.dependenciaId,
      storageKey: `bench/${plan.id}/${i}`,
      fileName: `acta-de-socializacion-de-la-accion-${i + 1}-con-listado-de-asistencia.pdf`,
      contentType: "application/pdf",
      size: 180_000 + i * 97,
      sha256: createHash("sha256").update(`evidencia ${i}`).digest("hex"),
      uploadedAt: at,
    }));
    await tx.insert(planEvidence).values(evidence);
  });
  return { planId: plan.id, leaves: items.filter((i) => i.level === 3).map((i) => i.id ?? "") };
}

/** OCI's follow-up of the last cut: opened by the service, every activity verified (inserted), closed. */
async function closedFollowup(database: Database, planId: string, leaves: string[]): Promise<FollowupReport> {
  const db = database.db;
  const at = new Date("2027-01-05T15:00:00Z");
  const followup = await openFollowup(db, at, systemAuditContext, planId, CUT);
  const verified = leaves.map((itemId, i) => ({
    followupId: followup.id,
    itemId,
    verifiedPercent: (i * 53) % 101,
    realized: i % 3 === 0 ? REALIZED : `${REALIZED.slice(0, -1)}; ${PROOF}`,
    observations: i % 4 === 0 ? "" : "Sin observaciones de fondo; se recomienda fechar los soportes.",
    verifiedAt: at,
  }));
  for (const part of batches(verified)) await db.insert(planFollowupItems).values(part);
  const closed = await closeFollowup(db, at, systemAuditContext, followup.id, ENTITY);
  if (!closed.ok) throw new Error(`follow-up not closed: ${closed.missing.length} missing`);
  return (await reportToExport(db, followup.id, at, ENTITY)).report;
}

/** The bare roll-up: the validated reports in one query, averaged per activity and over the plan. */
async function bareRollUp(database: Database, planId: string) {
  const rows = await database.db
    .select({ itemId: planReports.itemId, percent: planReports.percent })
    .from(planReports)
    .where(and(eq(planReports.planId, planId), eq(planReports.status, "validado")));
  const byItem = new Map<string, { sum: number; count: number }>();
  for (const r of rows) {
    const total = byItem.get(r.itemId) ?? { sum: 0, count: 0 };
    total.sum += r.percent ?? 0;
    total.count++;
    byItem.set(r.itemId, total);
  }
  let sum = 0;
  for (const t of byItem.values()) sum += t.sum / t.count;
  return sum / Math.max(1, byItem.size);
}

/** The bare dashboard: reports with their component and dependencia, averaged per group, as an HTML table. */
async function bareDashboard(database: Database, planId: string) {
  const { rows } = (await database.db.execute(sql`
    SELECT c.text AS component, d.name AS dependencia, r.percent, r.status
      FROM plan_reports r
      JOIN plan_items a ON a.id = r.item_id
      JOIN plan_items s ON s.id = a.parent_id
      JOIN plan_items c ON c.id = s.parent_id
      JOIN dependencias d ON d.id = r.dependencia_id
     WHERE r.plan_id = ${planId}`)) as unknown as {
    rows: { component: string; dependencia: string; percent: number | null; status: string }[];
  };
  const groups = new Map<string, { sum: number; count: number; pending: number }>();
  for (const r of rows)
    for (const key of [`c:${r.component}`, `d:${r.dependencia}`]) {
      const g = groups.get(key) ?? { sum: 0, count: 0, pending: 0 };
      g.sum += r.status === "validado" ? (r.percent ?? 0) : 0;
      g.count++;
      if (r.status === "enviado") g.pending++;
      groups.set(key, g);
    }
  const cells = [...groups].map(
    ([k, g]) =>
      `<tr><th scope="row">${k.slice(2)}</th><td>${(g.sum / g.count).toFixed(1)} %</td><td>${g.pending}</td></tr>`,
  );
  return `<table><thead><tr><th>Grupo</th><th>Avance</th><th>Por validar</th></tr></thead><tbody>${cells.join("")}</tbody></table>`;
}

async function run(driver: string, database: Database, exports: boolean) {
  await database.migrate();
  const { planId, leaves } = await seed(database);
  const [one] = await database.db
    .select({ id: planReports.id })
    .from(planReports)
    .where(and(eq(planReports.planId, planId), eq(planReports.status, "validado")))
    .limit(1);
  let percent = 0;
  const rollUp = await measure(async () => {
    percent = (percent + 7) % 101;
    await database.db
      .update(planReports)
      .set({ percent })
      .where(eq(planReports.id, one?.id ?? ""));
    return loadPlanProgress(database.db, planId, TODAY);
  });
  const bareRoll = await measure(async () => {
    percent = (percent + 7) % 101;
    await database.db
      .update(planReports)
      .set({ percent })
      .where(eq(planReports.id, one?.id ?? ""));
    return bareRollUp(database, planId);
  });
  line(
    "roll-up of the whole plan after one report changes",
    driver,
    rollUp,
    "UPDATE + bare SELECT + JS average",
    bareRoll,
  );
  const { entity } = loadConfig({ DATA_DIR: "/tmp/sipap-bench-unused" });
  const ctx = { entity, user: undefined, csrfToken: "x", flash: undefined, requestId: "b", path: "/" };
  const dashboard = await measure(async () => {
    const view = await monitoringDashboard(database.db, planId, TODAY, {});
    const links = { export: true, review: true, reports: true };
    return String(await MonitoringPage({ ctx, view, links }).toString());
  });
  const bareDash = await measure(() => bareDashboard(database, planId));
  const { unreported, pending } = (await monitoringDashboard(database.db, planId, TODAY, {})).dashboard;
  const shown = `${Math.round(dashboard.result.length / 1024)} kB; ${unreported.length} unreported, ${pending.length} to validate`;
  line(
    `OPGI dashboard: data + page HTML (${shown})`,
    driver,
    dashboard,
    "bare SQL join + JS grouping + HTML table",
    bareDash,
  );
  if (!exports) return;
  const report = await closedFollowup(database, planId, leaves);
  const matrix = report.components.flatMap((c) => c.rows);
  const xlsx = await measure(() => followupXlsx(report));
  const bareX = await measure(() => bareXlsx(report));
  const sizes = `${matrix.length} rows, ${report.evidence.length} evidence; ${Math.round(xlsx.result.length / 1024)} kB`;
  line(`follow-up xlsx (${sizes})`, "—", xlsx, "bare exceljs, same table", bareX);
  const pdf = await measure(() => followupPdf(report));
  const bareP = await measure(() => barePdf(report));
  const pages = `${Math.round(pdf.result.length / 1024)} kB`;
  line(`follow-up PDF, tagged (${pages})`, "—", pdf, "bare pdfkit, same table", bareP);
  // BENCH_OUT=/tmp/x keeps /tmp/x.pdf and the report as /tmp/x.json (to read it, or profile the PDF alone).
  const out = process.env.BENCH_OUT;
  if (out) writeFileSync(`${out}.pdf`, pdf.result);
  if (out) writeFileSync(`${out}.json`, JSON.stringify(report));
}

const HEADER = MATRIX_HEADER.filter((title) => title !== "Zona");
const cellsOf = (row: FollowupReport["components"][number]["rows"][number]) => [
  row.subcomponent,
  row.code ? `${row.code} ${row.activity}` : row.activity,
  row.realized,
  row.meta,
  row.responsable,
  row.scheduled,
  `${row.percent} %`,
  row.observations,
];

/** Bare exceljs: the same 8-column table (and the evidence sheet), no styles. */
async function bareXlsx(report: FollowupReport) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Seguimiento");
  sheet.addRow(HEADER);
  for (const c of report.components) for (const row of c.rows) sheet.addRow(cellsOf(row));
  const annex = workbook.addWorksheet("Anexo");
  for (const e of report.evidence) annex.addRow([e.fileName, e.activityCode, e.size, e.sha256]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const fontDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve("@fontsource/work-sans/package.json")),
  "files",
);
const FONTS = ([["Regular", 400]] as const).map(
  ([face, weight]) =>
    [face, readFileSync(path.join(fontDir, `work-sans-latin-${weight}-normal.woff`))] as const,
);

/** Bare pdfkit: the same table with the same fonts and widths, each cell wrapped by pdfkit; no tags. */
async function barePdf(report: FollowupReport) {
  const pdf = new PDFDocument({ size: "A4", layout: "landscape", margin: 36 });
  for (const [face, file] of FONTS) pdf.registerFont(face, file);
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on("end", () => resolve(Buffer.concat(chunks))));
  const table = (widths: number[], rows: string[][]) => {
    for (const cells of rows) {
      pdf.font("Regular").fontSize(8);
      const height =
        Math.max(...cells.map((c, i) => pdf.heightOfString(c || " ", { width: (widths[i] ?? 0) - 8 }))) + 8;
      if (pdf.y + height > pdf.page.height - 50) pdf.addPage();
      const y = pdf.y;
      let x = 36;
      for (const [i, c] of cells.entries()) {
        const w = widths[i] ?? 0;
        pdf.rect(x, y, w, height).lineWidth(0.5).stroke("#b3b3b3");
        pdf.fillColor("#1f1f1f").text(c, x + 4, y + 4, { width: w - 8 });
        x += w;
      }
      pdf.x = 36;
      pdf.y = y + height;
    }
  };
  table(
    [95, 140, 125, 95, 80, 70, 50, 115],
    [HEADER, ...report.components.flatMap((c) => c.rows.map(cellsOf))],
  );
  pdf.addPage();
  table(
    [250, 60, 75, 385],
    report.evidence.map((e) => [e.fileName, e.activityCode ?? "", String(e.size), e.sha256]),
  );
  pdf.end();
  return done;
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
const today = new Date().toISOString().slice(0, 10);
console.log(`Machine: ${machine}, Node ${process.version}; ${today}; load average ${loadAverage()}`);
const pglite = await openPglite(undefined);
await run("PGlite", pglite, true);
await pglite.close();
const adminUrl = process.env.BENCH_DATABASE_URL;
if (adminUrl) {
  const scratch = await scratchPostgres(adminUrl);
  const database = await openPostgres(scratch.url);
  try {
    await run("PostgreSQL", database, false);
  } finally {
    await database.close();
    await scratch.drop();
  }
}
console.log("\n| step | driver | ms | peak RSS MB | baseline | baseline ms | ratio |");
console.log("| --- | --- | ---: | ---: | --- | ---: | ---: |");
for (const r of rows) console.log(r);
console.log(`Median of ${RUNS} runs after a warm-up; load average after: ${loadAverage()}`);
process.exit(0);
