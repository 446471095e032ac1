// The plans of the demo, done as OPGI does them: the real PAAC 2022 imported from the spreadsheet the project
// ships, its responsables reconciled once, approved and published, then adjusted as version 2 with its change
// log, and its year of progress around it (reports, reviews and control interno's three follow-ups,
// demo.paac.ts); the PTEP 2026 with this year's reports (demo.ptep.ts); the real Matriz operativa 2026
// imported and approved; a closed improvement plan of 2025 and a 2026 one still in draft with an upload
// waiting for reconciliation; the MIPG indicators (demo.indicators.ts). Every step goes through the same
// services as the pages, dated when its people would have done it.
import { readFile } from "node:fs/promises";
import type { Config } from "../config.ts";
import { findDependenciaByName } from "../core/dependencias/dependencias.service.ts";
import { deliverDue } from "../core/mail/mail.service.ts";
import { findPersonByDocument } from "../core/people/people.service.ts";
import type { Storage } from "../core/storage/storage.types.ts";
import type { Database, Db } from "../db/client.ts";
import { findPlansOfYear, startImport } from "../planes/imports/imports.service.ts";
import { createPlan } from "../planes/plans/plans.service.ts";
import { closePlan, startNewVersion } from "../planes/plans/plans.transitions.ts";
import { bogotaDay } from "../shared/time.ts";
import { tellIndicators } from "./demo.indicators.ts";
import { tellStretch } from "./demo.paac.ts";
import {
  DEMO_IMPROVEMENT_2025,
  DEMO_IMPROVEMENT_2026,
  demoFollowUp,
  paacVersion2,
} from "./demo.plans.data.ts";
import { approve, day, importDeps, importInto, type PlanSetting, publish } from "./demo.plans.steps.ts";
import type { ProgressSetting } from "./demo.progress.ts";
import { createPtep, tellPtepProgress } from "./demo.ptep.ts";
import { appointResponsables } from "./demo.responsables.ts";
import { buildMatrizWorkbook, workbookBuffer } from "./plans/plans.workbook.ts";

const SHIPPED = new URL("./plans/", import.meta.url);
const PLANEACION_DOCUMENT = "9000000005";
const WEEK_MS = 7 * 86_400_000;

/** What the demo's plans hold once loaded (all zero when they were there already). */
export interface DemoPlansLoaded {
  plans: number;
  reports: number;
  indicatorMeasurements: number;
}

/** Loads the demo plans once: nothing is written when the PAAC 2022 is already there. */
export async function loadDemoPlans(
  database: Database,
  storage: Storage,
  config: Config,
  at: Date,
): Promise<DemoPlansLoaded> {
  const none = { plans: 0, reports: 0, indicatorMeasurements: 0 };
  const db = database.db;
  if ((await findPlansOfYear(db, "paac", 2022)).length > 0) return none;
  const planner = await findPersonByDocument(db, PLANEACION_DOCUMENT);
  const owner = await findDependenciaByName(db, "Oficina de Planeación de Gestión Institucional");
  if (!planner || !owner) return none;
  return db.transaction((tx) =>
    tellPlans({ ...database, db: tx }, storage, config, at, planner.id, owner.id),
  );
}

async function tellPlans(
  database: Database,
  storage: Storage,
  config: Config,
  at: Date,
  plannerId: string,
  ownerId: string,
): Promise<DemoPlansLoaded> {
  const db = database.db;
  const s: PlanSetting = {
    database,
    storage,
    config,
    audit: { actorId: plannerId, ip: null, requestId: null },
    ownerId,
  };
  const cast = await appointResponsables(db, at, s.audit);
  const progress: ProgressSetting = { database, storage, config, cast };
  let reports = await tellPaac2022(s, progress);
  await tellMatriz2026(s);
  const ptep = await createPtep(s);
  reports += await tellPtepProgress(progress, ptep, at);
  await tellFollowUp(s, at);
  await tellImprovementPlans(s);
  const indicatorMeasurements = await tellIndicators(progress, at);
  await deliverOldMail(db, at, config.mailFrom);
  return { plans: 6, reports, indicatorMeasurements };
}

// The demo has no mail server: what the plans' story sent more than a week ago (planeación's returns) is
// marked delivered through the outbox's own code with a transport that drops it, as the cards' story does.
async function deliverOldMail(db: Db, at: Date, from: string) {
  const before = new Date(at.getTime() - WEEK_MS);
  for (let round = 0; round < 100; round++)
    if ((await deliverDue(db, before, { send: async () => {} }, from, 200)) === 0) return;
}

/** The PAAC 2022 and its year: each stretch of reports and its cut's follow-up, the June adjustment between. */
async function tellPaac2022(s: PlanSetting, progress: ProgressSetting): Promise<number> {
  const db = s.database.db;
  const plan = await createPlan(db, day("2022-01-11"), s.audit, {
    typeKey: "paac",
    year: 2022,
    ownerDependenciaId: s.ownerId,
    title: "Plan Anticorrupción y de Atención al Ciudadano 2022",
  });
  const paac = { id: plan.id, title: plan.title, year: 2022 };
  const file = await readFile(new URL("paac-2022.xlsx", SHIPPED));
  await importInto(s, plan.id, file, "Anexo 1 PAAC 2022.xlsx", day("2022-01-21"));
  await approve(s, plan.id, "2022-01-28", "Acta 001 de 2022");
  await publish(s, plan.id, day("2022-01-31"));
  let reports = await tellStretch(progress, paac, 0);
  // Version 2: the committee extends the territorial dialogues and adds the evaluation of the strategy.
  await startNewVersion(
    db,
    day("2022-06-10"),
    s.audit,
    plan.id,
    "Ajuste aprobado por el Comité Institucional de Gestión y Desempeño: se amplía el plazo de los espacios territoriales de diálogo y se agrega la evaluación de la estrategia de rendición de cuentas.",
  );
  await importInto(s, plan.id, await paacVersion2(), "Anexo 1 PAAC 2022 ajustado.xlsx", day("2022-06-14"));
  await approve(s, plan.id, "2022-06-24", "Acta 006 de 2022");
  await publish(s, plan.id, day("2022-06-30"));
  reports += await tellStretch(progress, paac, 1);
  reports += await tellStretch(progress, paac, 2);
  return reports;
}

async function tellMatriz2026(s: PlanSetting) {
  const db = s.database.db;
  const plan = await createPlan(db, day("2026-01-13"), s.audit, {
    typeKey: "accion",
    year: 2026,
    ownerDependenciaId: s.ownerId,
    title: "Política de Planeación Institucional – Matriz operativa 2026",
  });
  const file = await readFile(new URL("matriz-operativa-2026.xlsx", SHIPPED));
  await importInto(s, plan.id, file, "Matriz operativa 2026.xlsx", day("2026-01-20"));
  await approve(s, plan.id, "2026-01-29", "Acta 001 de 2026");
}

/** This year's follow-up, published some weeks ago, with work due around today. */
async function tellFollowUp(s: PlanSetting, at: Date) {
  const db = s.database.db;
  const today = bogotaDay(at);
  const ago = (days: number) => new Date(at.getTime() - days * 86_400_000);
  const plan = await createPlan(db, ago(70), s.audit, {
    typeKey: "mejoramiento",
    year: Number(today.slice(0, 4)),
    ownerDependenciaId: s.ownerId,
    title: `Plan de mejoramiento ${today.slice(0, 4)} – Seguimiento de la OCI a la atención al ciudadano`,
  });
  const file = await workbookBuffer(buildMatrizWorkbook(demoFollowUp(today)));
  await importInto(s, plan.id, file, "Plan de mejoramiento atención al ciudadano.xlsx", ago(66));
  await approve(s, plan.id, bogotaDay(ago(62)), "009");
  await publish(s, plan.id, ago(60));
}

async function tellImprovementPlans(s: PlanSetting) {
  const db = s.database.db;
  const closed = await createPlan(db, day("2025-03-03"), s.audit, {
    typeKey: "mejoramiento",
    year: 2025,
    ownerDependenciaId: s.ownerId,
    title: "Plan de mejoramiento 2025 – Auditoría interna a la atención de PQRD",
  });
  const file2025 = await workbookBuffer(buildMatrizWorkbook(DEMO_IMPROVEMENT_2025));
  await importInto(s, closed.id, file2025, "Plan de mejoramiento PQRD 2025.xlsx", day("2025-03-10"));
  await approve(s, closed.id, "2025-03-20", "Acta 003 de 2025");
  await publish(s, closed.id, day("2025-03-25"));
  await closePlan(db, day("2026-01-15"), s.audit, closed.id);

  // 2026: the file is uploaded and waits in preview; one responsable is still to be reconciled.
  const draft = await createPlan(db, day("2026-11-17"), s.audit, {
    typeKey: "mejoramiento",
    year: 2026,
    ownerDependenciaId: s.ownerId,
    title: "Plan de mejoramiento 2026 – Auditoría a la gestión documental",
  });
  const file2026 = await workbookBuffer(buildMatrizWorkbook(DEMO_IMPROVEMENT_2026));
  const started = await startImport(
    importDeps(s, day("2026-11-24")),
    s.audit,
    draft.id,
    file2026,
    "Plan de mejoramiento gestión documental 2026.xlsx",
  );
  if (!started.ok) throw new Error(`demo improvement plan refused: ${started.message}`);
}
