// The PAAC 2022 imported, reconciled, approved and published through the services, for the tests of those
// who read it (citizen, control interno, responsable de plan). Planeación's own path through the pages is
// e2e/plans.test.ts; this uses the same answers (plans.data.ts) and the same file.

import { seedDependencias } from "../../src/demo/demo.service.ts";
import { applyImport, startImport } from "../../src/planes/imports/imports.service.ts";
import { DEFAULT_COMMITTEE } from "../../src/planes/plans/plans.rules.ts";
import { approvePlan, createPlan, publishPlan } from "../../src/planes/plans/plans.service.ts";
import { listActiveDependencias, mapAlias } from "../../src/planes/responsables/responsables.service.ts";
import { systemAuditContext } from "../../src/shared/audit.ts";
import type { TestContext } from "../../test/app.ts";
import { paacWorkbook } from "../../test/plan-sheets.ts";
import { OPGI, PAAC_RECONCILIATIONS } from "./plans.data.ts";

export const PAAC_TITLE = "Plan Anticorrupción y de Atención al Ciudadano 2022";
export const PAAC_ACT = "Acta 01 de 2022";

export async function publishPaac2022(ctx: TestContext) {
  const db = ctx.database.db;
  const at = ctx.clock.now();
  const audit = systemAuditContext;
  await seedDependencias(db, at, audit);
  const ids = new Map((await listActiveDependencias(db)).map((d) => [d.name, d.id]));
  const id = (name: string) => {
    const found = ids.get(name);
    if (!found) throw new Error(`no dependencia «${name}»`);
    return found;
  };
  for (const [written, answer] of Object.entries(PAAC_RECONCILIATIONS)) {
    const mapped = await mapAlias(db, at, audit, {
      written,
      kind: answer.kind,
      dependenciaIds:
        answer.kind === "dependencias"
          ? answer.names.map(id)
          : answer.kind === "equipo"
            ? [id(answer.dependencia)]
            : [],
      team: answer.kind === "equipo" ? answer.team : null,
    });
    if (!mapped.ok) throw new Error(`«${written}»: ${mapped.message}`);
  }
  const plan = await createPlan(db, at, audit, {
    typeKey: "paac",
    year: 2022,
    ownerDependenciaId: id(OPGI),
    title: PAAC_TITLE,
  });
  const started = await startImport(ctx.deps, audit, plan.id, await paacWorkbook(), "paac-2022.xlsx");
  if (!started.ok) throw new Error(started.message);
  await applyImport(ctx.deps, audit, plan.id, started.import.id);
  await approvePlan(db, at, audit, plan.id, {
    committee: DEFAULT_COMMITTEE,
    act: PAAC_ACT,
    approvedOn: "2022-01-28",
  });
  await publishPlan(db, ctx.deps.jobs, at, audit, plan.id);
  return { plan, dependenciaId: id };
}
