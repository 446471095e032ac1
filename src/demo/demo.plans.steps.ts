// The steps OPGI takes with every demo plan, through the same services as the pages: import a file into a
// plan (reconciling the responsables the demo's aliases name), approve it in the committee's act, publish it.
import type { Config } from "../config.ts";
import { findDependenciaByName } from "../core/dependencias/dependencias.service.ts";
import type { Storage } from "../core/storage/storage.types.ts";
import type { Database } from "../db/client.ts";
import { applyImport, type ImportDeps, startImport, viewImport } from "../planes/imports/imports.service.ts";
import { approvePlan, publishPlan } from "../planes/plans/plans.transitions.ts";
import { renderPublicationFiles } from "../planes/publication/publication.files.ts";
import { mapAlias, normalizeResponsable } from "../planes/responsables/responsables.service.ts";
import type { AuditContext } from "../shared/audit.ts";
import { DEMO_ALIASES } from "./demo.plans.data.ts";

export interface PlanSetting {
  database: Database;
  storage: Storage;
  config: Config;
  audit: AuditContext;
  ownerId: string;
}

/** Bogotá noon of a day, so the date reads the same in every time zone. */
export const day = (iso: string) => new Date(`${iso}T12:00:00-05:00`);

export const importDeps = (s: PlanSetting, at: Date): ImportDeps => ({
  database: s.database,
  storage: s.storage,
  clock: { now: () => at },
});

/** Creates a plan and applies a file to it, reconciling what the demo's aliases say. */
export async function importInto(s: PlanSetting, planId: string, file: Buffer, fileName: string, at: Date) {
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
export const approve = (s: PlanSetting, planId: string, isoDay: string, act: string) =>
  approvePlan(s.database.db, day(isoDay), s.audit, planId, { committee: "", act, approvedOn: isoDay });

/**
 * Publishing renders the version's PDF and xlsx; here they are rendered at once, as the job would — or,
 * with `render` false, left to the first download, which renders what storage lacks (seconds of CPU saved
 * on the demo's first start).
 */
export async function publish(s: PlanSetting, planId: string, at: Date, render = true) {
  const jobs = {
    send: async (_name: string, data: object) => {
      const { planId: id, version } = data as { planId: string; version: number };
      if (render) await renderPublicationFiles(s.database.db, s.storage, s.config, id, version);
      return null;
    },
  };
  await publishPlan(s.database.db, jobs, at, s.audit, planId);
}
