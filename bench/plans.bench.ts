// Plan import benchmark (issue 11): a 2,000-activity PAAC written as offices keep it (merged cells, a
// header per component, continuation rows) is read, reconciled and kept as a preview, then applied in one
// transaction; beside bare exceljs loading the same file. Aim: ≤ 3 s for each step. Peak memory is the
// process's RSS while the step runs.
//   npm run bench:plans                                  PGlite in memory
//   BENCH_DATABASE_URL=postgres://… npm run bench:plans  PGlite and PostgreSQL (scratch database)
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { findDependenciaByName } from "../src/core/dependencias/dependencias.service.ts";
import { localStorage } from "../src/core/storage/storage.local.ts";
import { type Database, openPglite, openPostgres } from "../src/db/client.ts";
import { seedDependencias } from "../src/demo/demo.service.ts";
import type { PaacComponent, PaacRow } from "../src/demo/plans/paac-2022.rows.ts";
import { buildPaacWorkbook, workbookBuffer } from "../src/demo/plans/plans.workbook.ts";
import { applyImport, startImport } from "../src/planes/imports/imports.service.ts";
import { createPlan } from "../src/planes/plans/plans.service.ts";
import { planItemPeriods, planItemResponsables, planItems } from "../src/planes/plans/plans.table.ts";
import { readPlanFile } from "../src/planes/sheets/sheets.service.ts";
import type { ParsedNode } from "../src/planes/sheets/sheets.types.ts";
import { systemAuditContext } from "../src/shared/audit.ts";
import { systemClock } from "../src/shared/time.ts";
import { scratchPostgres } from "./harness.ts";

const COMPONENTS = 20;
const SUBCOMPONENTS = 10;
const ACTIVITIES = 10; // per subcomponent: 20 × 10 × 10 = 2,000 activities
// Names the reconciliation matches without an alias (name, acronym, «Municipal», no accent).
const RESPONSABLES = ["OPGI", "UAC.", "Secretaría de Salud Municipal", "Secretaria de Gobierno", "SSI"];

let peak = 0;
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5).unref();
async function measure<T>(run: () => Promise<T>): Promise<{ ms: number; peakMb: number; result: T }> {
  peak = process.memoryUsage().rss;
  const start = performance.now();
  const result = await run();
  return {
    ms: Math.round(performance.now() - start),
    peakMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20),
    result,
  };
}

function bigPlan(): PaacComponent[] {
  return Array.from({ length: COMPONENTS }, (_, c) => {
    const rows: PaacRow[] = [];
    for (let s = 1; s <= SUBCOMPONENTS; s++)
      for (let a = 1; a <= ACTIVITIES; a++) {
        const month = ((a + s) % 12) + 1;
        rows.push({
          subcomponent:
            a === 1 ? `Subcomponente ${s}. Línea de trabajo ${s} del componente ${c + 1}.` : undefined,
          activity: `${s}.${a} Realizar la acción ${a} de la línea ${s}, con su informe publicado en la sede electrónica.`,
          product: `Informe de la acción ${s}.${a} publicado.`,
          meta: `${a} informes de seguimiento publicados.`,
          responsable: RESPONSABLES[(c + s + a) % RESPONSABLES.length],
          start: `01/${String(month).padStart(2, "0")}/2026`,
          end: `28/${String(month).padStart(2, "0")}/2026`,
        });
      }
    return { heading: `Componente ${c + 1}: Componente de prueba ${c + 1}`, withSubcomponents: true, rows };
  });
}

const file = await workbookBuffer(buildPaacWorkbook(bigPlan(), { dateCells: {} }));
console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}; ` +
    `${COMPONENTS * SUBCOMPONENTS * ACTIVITIES} activities, ${(file.length / 1024).toFixed(0)} kB xlsx`,
);

const bareLoad = await measure(async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as never);
  return workbook.worksheets[0]?.rowCount ?? 0;
});
const parse = await measure(() => readPlanFile(file, "plan.xlsx", "paac"));
if (!parse.result.ok) throw new Error(parse.result.message);
console.log("\n| step | driver | SIPAP | peak RSS | baseline | baseline time |");
console.log("| --- | --- | ---: | ---: | --- | ---: |");
console.log(
  `| read the file (parser alone) | — | ${parse.ms} ms | ${parse.peakMb} MB | bare exceljs load | ${bareLoad.ms} ms |`,
);

async function run(driver: string, database: Database) {
  await database.migrate();
  const db = database.db;
  const at = new Date();
  await seedDependencias(db, at, systemAuditContext);
  const opgi = await findDependenciaByName(db, "Oficina de Planeación de Gestión Institucional");
  if (!opgi) throw new Error("OPGI missing");
  const plan = await createPlan(db, at, systemAuditContext, {
    typeKey: "paac",
    year: 2026,
    ownerDependenciaId: opgi.id,
    title: "Plan de prueba de 2.000 actividades",
  });
  const storage = localStorage(mkdtempSync(path.join(os.tmpdir(), "sipap-bench-plans-")));
  const deps = { database, storage, clock: systemClock };
  const preview = await measure(() => startImport(deps, systemAuditContext, plan.id, file, "plan.xlsx"));
  const started = preview.result;
  if (!started.ok) throw new Error(started.message);
  const summary = started.import.summary;
  if (summary.unmatched.length > 0 || summary.problems.some((p) => p.severity === "error"))
    throw new Error(`unexpected problems: ${JSON.stringify(summary).slice(0, 300)}`);
  const apply = await measure(() => applyImport(deps, systemAuditContext, plan.id, started.import.id));
  const again = await measure(() => startImport(deps, systemAuditContext, plan.id, file, "plan.xlsx"));
  const other = await createPlan(db, at, systemAuditContext, {
    typeKey: "paac",
    year: 2027,
    ownerDependenciaId: opgi.id,
    title: "Plan de la línea base",
  });
  const bare = await measure(() => bareInsert(database, other.id, opgi.id));
  console.log(
    `| preview: store, read, reconcile, compare with the plan | ${driver} | ${preview.ms} ms | ${preview.peakMb} MB | bare exceljs load | ${bareLoad.ms} ms |`,
  );
  console.log(
    `| apply (one transaction: items, responsables, periods, change log) | ${driver} | ${apply.ms} ms | ${apply.peakMb} MB | bare multi-row INSERT of the same items, responsables and periods | ${bare.ms} ms |`,
  );
  console.log(
    `| preview of the same file again (nothing to change: ${JSON.stringify(again.result.ok ? again.result.import.summary.diff : again.result.message)}) | ${driver} | ${again.ms} ms | ${again.peakMb} MB | bare exceljs load | ${bareLoad.ms} ms |`,
  );
}

/** The same rows as apply writes, inserted with plain multi-row INSERTs into a copy of the plan. */
async function bareInsert(database: Database, planId: string, dependenciaId: string) {
  if (!parse.result.ok) return;
  const tree = parse.result.tree;
  await database.db.transaction(async (tx) => {
    const rows: (typeof planItems.$inferInsert)[] = [];
    const responsables: (typeof planItemResponsables.$inferInsert)[] = [];
    const periods: (typeof planItemPeriods.$inferInsert)[] = [];
    const walk = (nodes: ParsedNode[], parentId: string | null) =>
      nodes.forEach((node, position) => {
        const id = crypto.randomUUID();
        rows.push({
          id,
          planId,
          parentId,
          level: node.level,
          position,
          itemKey: `bare/${node.key}`,
          code: node.code,
          text: node.text,
        });
        for (const [i, written] of node.responsables.entries())
          responsables.push({ itemId: id, position: i, written, dependenciaId });
        for (const [i, p] of node.periods.entries())
          periods.push({ itemId: id, position: i, startsOn: p.start, endsOn: p.end });
        walk(node.children, id);
      });
    walk(tree, null);
    for (let i = 0; i < rows.length; i += 500) await tx.insert(planItems).values(rows.slice(i, i + 500));
    for (let i = 0; i < responsables.length; i += 500)
      await tx.insert(planItemResponsables).values(responsables.slice(i, i + 500));
    for (let i = 0; i < periods.length; i += 500)
      await tx.insert(planItemPeriods).values(periods.slice(i, i + 500));
  });
}

const pglite = await openPglite(undefined);
await run("PGlite", pglite);
await pglite.close();
const adminUrl = process.env.BENCH_DATABASE_URL;
if (adminUrl) {
  const scratch = await scratchPostgres(adminUrl);
  const database = await openPostgres(scratch.url);
  try {
    await run("PostgreSQL", database);
  } finally {
    await database.close();
    await scratch.drop();
  }
}
process.exit(0);
