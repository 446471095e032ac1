// Dependencia list benchmark (issue 5): a 10,000-row contractors file (list 2) read, checked and kept as a
// preview, then applied in one transaction; beside bare exceljs reading the same file and bare SQL
// inserting the same people in batches. Peak memory is the process's RSS.   npm run bench:lists

import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import {
  applySubmission,
  openCampaign,
  submitList,
} from "../src/carnetizacion/campaigns/campaigns.service.ts";
import { loadConfig } from "../src/config.ts";
import { createDependencia } from "../src/core/dependencias/dependencias.service.ts";
import { createPerson } from "../src/core/people/people.service.ts";
import { people } from "../src/core/people/people.table.ts";
import { localStorage } from "../src/core/storage/storage.local.ts";
import { openPglite } from "../src/db/client.ts";
import { systemAuditContext } from "../src/shared/audit.ts";
import type { CurrentUser } from "../src/shared/auth/roles.ts";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);

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

async function contractorsFile(dependencia: string) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Contratistas");
  sheet.addRow([
    "Tipo de documento",
    "Número de documento",
    "Nombres",
    "Apellidos",
    "Dependencia",
    "Número de contrato",
    "Fecha de inicio",
    "Fecha de terminación",
    "Correo institucional",
    "Teléfono",
    "Grupo sanguíneo y RH",
  ]);
  for (let i = 0; i < ROWS; i++)
    sheet.addRow([
      "CC",
      1_090_000_000 + i,
      `Nombre ${i}`,
      `Apellido Muñoz ${i}`,
      dependencia,
      `OPS-2026-${i}`,
      new Date(Date.UTC(2026, 0, 15)),
      new Date(Date.UTC(2026, 11, 31)),
      `persona${i}@pasto.gov.co`,
      3_001_000_000 + i,
      "O+",
    ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const database = await openPglite(undefined);
await database.migrate();
const db = database.db;
const config = loadConfig({ DATA_DIR: "/tmp/sipap-bench-unused" });
const storage = localStorage(mkdtempSync(path.join(os.tmpdir(), "sipap-bench-lists-")));
const now = new Date();
const dependencia = await createDependencia(db, now, systemAuditContext, {
  name: "Secretaría de Cultura",
  acronym: null,
  parentId: null,
  sortOrder: 0,
  active: true,
});
if (!("id" in dependencia)) throw new Error(dependencia.message);
const campaign = await openCampaign(db, now, systemAuditContext, {
  name: "Bench",
  deadline: new Date(now.getTime() + 86_400_000),
  reminderDays: 3,
});
const liaisonPerson = await createPerson(db, now, systemAuditContext, {
  documentType: "CC",
  documentNumber: "1080000001",
  firstNames: "Enlace",
  lastNames: "Cultura",
  email: null,
  dependenciaId: dependencia.id,
});
const liaison: CurrentUser = {
  id: liaisonPerson.id,
  sessionId: "",
  firstNames: "Enlace",
  lastNames: "",
  dependenciaId: dependencia.id,
  roles: ["enlace"],
  mustChangePassword: false,
  privacyPending: false,
};
const file = await contractorsFile(dependencia.name);
const startMb = Math.round(process.memoryUsage().rss / 2 ** 20);

console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}; ${ROWS} rows, ${(file.length / 1024).toFixed(0)} kB xlsx (PGlite in memory)`,
);
const bareRead = await measure(async () => {
  let n = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    (await import("node:stream")).Readable.from(file),
    {},
  );
  for await (const sheet of reader) for await (const _row of sheet) n++;
  return n;
});
const preview = await measure(() =>
  submitList(db, storage, new Date(), systemAuditContext, config, liaison, campaign.id, "contratistas", {
    file: { name: "contratistas.xlsx", data: file },
  }),
);
if (preview.result.problems.length > 0)
  throw new Error(`unexpected problems: ${JSON.stringify(preview.result.problems.slice(0, 3))}`);
const apply = await measure(() =>
  applySubmission(db, new Date(), systemAuditContext, config, liaison, preview.result.id),
);

const bare = await openPglite(undefined);
await bare.migrate();
const bareInsert = await measure(async () => {
  await bare.db.transaction(async (tx) => {
    for (let i = 0; i < ROWS; i += 500)
      await tx.insert(people).values(
        Array.from({ length: Math.min(500, ROWS - i) }, (_, k) => ({
          documentType: "CC" as const,
          documentNumber: String(1_090_000_000 + i + k),
          firstNames: `Nombre ${i + k}`,
          lastNames: `Apellido ${i + k}`,
          dependenciaId: null,
        })),
      );
  });
});

console.log("\n| step | SIPAP | peak RSS | baseline | baseline time |\n| --- | ---: | ---: | --- | ---: |");
console.log(
  `| read, check and keep the preview | ${preview.ms} ms | ${preview.peakMb} MB | bare exceljs streaming read | ${bareRead.ms} ms |`,
);
console.log(
  `| apply (one transaction: people, card requests, audit) | ${apply.ms} ms | ${apply.peakMb} MB | bare SQL insert of the people, batches of 500 | ${bareInsert.ms} ms |`,
);
console.log(
  `\nprocess RSS before the steps: ${startMb} MB (PGlite in memory, exceljs, the test file); ` +
    `effects: ${JSON.stringify(apply.result.effects)}; aims: each step ≤ 5 s`,
);
await database.close();
await bare.close();
process.exit(0);
