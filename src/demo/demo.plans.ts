// The plans of the demo, done as OPGI does them: the real PAAC 2022 imported from the spreadsheet the project
// ships, its responsables reconciled once, approved and published, then adjusted as version 2 with its change
// log; the real Matriz operativa 2026 imported and approved; a closed improvement plan of 2025 and a 2026 one
// still in draft with an upload waiting for reconciliation. Every step goes through the same services as the
// pages, dated when OPGI would have done it.
import { readFile } from "node:fs/promises";
import type { Config } from "../config.ts";
import { findDependenciaByName } from "../core/dependencias/dependencias.service.ts";
import { findPersonByDocument } from "../core/people/people.service.ts";
import type { Storage } from "../core/storage/storage.types.ts";
import type { Database } from "../db/client.ts";
import {
  applyImport,
  findPlansOfYear,
  type ImportDeps,
  startImport,
  viewImport,
} from "../planes/imports/imports.service.ts";
import { createPlan } from "../planes/plans/plans.service.ts";
import { approvePlan, closePlan, publishPlan, startNewVersion } from "../planes/plans/plans.transitions.ts";
import { renderPublicationFiles } from "../planes/publication/publication.files.ts";
import { mapAlias, normalizeResponsable } from "../planes/responsables/responsables.service.ts";
import type { AuditContext } from "../shared/audit.ts";
import { bogotaDay } from "../shared/time.ts";
import {
  DEMO_ALIASES,
  DEMO_IMPROVEMENT_2025,
  DEMO_IMPROVEMENT_2026,
  demoFollowUp,
  paacVersion2,
} from "./demo.plans.data.ts";
import { buildMatrizWorkbook, workbookBuffer } from "./plans/plans.workbook.ts";

const SHIPPED = new URL("./plans/", import.meta.url);
const PLANEACION_DOCUMENT = "9000000005";

interface PlanSetting {
  database: Database;
  storage: Storage;
  config: Config;
  audit: AuditContext;
  ownerId: string;
}

/** Bogotá noon of a day, so the date reads the same in every time zone. */
const day = (iso: string) => new Date(`${iso}T12:00:00-05:00`);
const importDeps = (s: PlanSetting, at: Date): ImportDeps => ({
  database: s.database,
  storage: s.storage,
  clock: { now: () => at },
});

/** Loads the demo plans once: nothing is written when the PAAC 2022 is already there. */
export async function loadDemoPlans(
  database: Database,
  storage: Storage,
  config: Config,
  at: Date,
): Promise<number> {
  const db = database.db;
  if ((await findPlansOfYear(db, "paac", 2022)).length > 0) return 0;
  const planner = await findPersonByDocument(db, PLANEACION_DOCUMENT);
  const owner = await findDependenciaByName(db, "Oficina de Planeación de Gestión Institucional");
  if (!planner || !owner) return 0;
  const s: PlanSetting = {
    database,
    storage,
    config,
    audit: { actorId: planner.id, ip: null, requestId: null },
    ownerId: owner.id,
  };
  await tellPaac2022(s);
  await tellMatriz2026(s);
  await tellFollowUp(s, at);
  await tellImprovementPlans(s);
  return 5;
}

/** Creates a plan and applies a file to it, reconciling what the demo's aliases say. */
async function importInto(s: PlanSetting, planId: string, file: Buffer, fileName: string, at: Date) {
  const deps = importDeps(s, at);
  const started = await startImport(deps, s.audit, planId, file, fileName);
  if (!started.ok) throw new Error(`demo plan ${fileName} refused: ${started.message}`);
  await reconcile(s, deps, planId, started.import.id, at);
  return applyImport(deps, s.audit, planId, started.import.id);
}

/** Maps every responsable the import could not match, as OPGI would; a text without a demo alias is a bug. */
async function reconcile(s: PlanSetting, deps: ImportDeps, planId: string, importId: string, at: Date) {
  const view = await viewImport(deps, planId, importId);
  for (const unmatched of view.analysis?.unmatched ?? []) {
    const alias = DEMO_ALIASES.find((a) =>
      a.texts.some((t) => normalizeResponsable(t) === normalizeResponsable(unmatched.text)),
    );
    if (!alias) throw new Error(`demo has no alias for «${unmatched.text}»`);
    const dependenciaIds: string[] = [];
    for (const name of alias.dependencias) {
      const found = await findDependenciaByName(s.database.db, name);
      if (!found) throw new Error(`demo alias names an unknown dependencia «${name}»`);
      dependenciaIds.push(found.id);
    }
    const mapped = await mapAlias(s.database.db, at, s.audit, {
      written: unmatched.text,
      kind: alias.kind,
      dependenciaIds,
      team: alias.team ?? null,
    });
    if (!mapped.ok) throw new Error(`demo alias for «${unmatched.text}»: ${mapped.message}`);
  }
}

/** The Comité Institucional de Gestión y Desempeño approves the plan on `isoDay` in its act. */
const approve = (s: PlanSetting, planId: string, isoDay: string, act: string) =>
  approvePlan(s.database.db, day(isoDay), s.audit, planId, { committee: "", act, approvedOn: isoDay });

/** Publishing renders the version's PDF and xlsx; here they are rendered at once, as the job would. */
async function publish(s: PlanSetting, planId: string, at: Date) {
  const render = {
    send: async (_name: string, data: object) => {
      const { planId: id, version } = data as { planId: string; version: number };
      await renderPublicationFiles(s.database.db, s.storage, s.config, id, version);
      return null;
    },
  };
  await publishPlan(s.database.db, render, at, s.audit, planId);
}

async function tellPaac2022(s: PlanSetting) {
  const db = s.database.db;
  const plan = await createPlan(db, day("2022-01-11"), s.audit, {
    typeKey: "paac",
    year: 2022,
    ownerDependenciaId: s.ownerId,
    title: "Plan Anticorrupción y de Atención al Ciudadano 2022",
  });
  const file = await readFile(new URL("paac-2022.xlsx", SHIPPED));
  await importInto(s, plan.id, file, "Anexo 1 PAAC 2022.xlsx", day("2022-01-21"));
  await approve(s, plan.id, "2022-01-28", "Acta 001 de 2022");
  await publish(s, plan.id, day("2022-01-31"));
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
