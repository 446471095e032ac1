// `npm run sipap -- plans:import <file.xlsx> --type paac|matriz [--year YYYY] [--dry-run] --json`: reads a
// plan's spreadsheet as the web import does and prints ONE JSON document on stdout (counts, problems,
// responsables to reconcile, the tree). Without --dry-run it also keeps the file as an import of the plan of
// that type and year (created in borrador when missing, owned by the OPGI) and applies it when nothing is
// left to fix; what is left can be finished in the plan's preview page. Exit 0: the file was understood
// (even with responsables to reconcile); 2: refused (unreadable, errors, or the plan takes no import).
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Storage } from "../core/storage/storage.types.ts";
import type { Database } from "../db/client.ts";
import {
  applyImport,
  checkTree,
  findPlansOfYear,
  reconcileTree,
  startImport,
} from "../planes/imports/imports.service.ts";
import { createPlan, findPlanType } from "../planes/plans/plans.service.ts";
import type { PlanShape } from "../planes/plans/plans.types.ts";
import { listActiveDependencias } from "../planes/responsables/responsables.service.ts";
import { MAX_PLAN_FILE_BYTES, readPlanFile, tooBigMessage } from "../planes/sheets/sheets.service.ts";
import type { ImportProblem, ParsedNode } from "../planes/sheets/sheets.types.ts";
import { systemAuditContext } from "../shared/audit.ts";
import { AppError } from "../shared/errors.ts";
import { bogotaDay, type Clock } from "../shared/time.ts";

export interface PlanImportOptions {
  type?: string;
  year?: string;
  dryRun: boolean;
}

/** The plan type each shape's files go to. */
const TYPE_OF: Record<PlanShape, string> = { paac: "paac", matriz: "accion" };
const TITLE_OF: Record<PlanShape, string> = {
  paac: "Plan Anticorrupción y de Atención al Ciudadano",
  matriz: "Plan de Acción Institucional",
};

export class PlanImportUsageError extends Error {}

export function checkPlanImportArgs(file: string | undefined, options: PlanImportOptions): PlanShape {
  if (!file)
    throw new PlanImportUsageError(
      "Indique el archivo: npm run sipap -- plans:import <archivo.xlsx> --type paac|matriz --json",
    );
  if (options.type !== "paac" && options.type !== "matriz")
    throw new PlanImportUsageError("Indique el tipo de plan con --type paac o --type matriz.");
  if (options.year !== undefined && !/^(20\d\d|2100)$/.test(options.year))
    throw new PlanImportUsageError("Escriba la vigencia con cuatro cifras, por ejemplo --year 2026.");
  return options.type;
}

function treeJson(nodes: readonly ParsedNode[]): unknown[] {
  return nodes.map((node) => ({
    level: node.level,
    key: node.key,
    code: node.code,
    text: node.text,
    ...(node.product !== undefined && { product: node.product }),
    ...(node.meta !== undefined && { meta: node.meta }),
    ...(node.evidence !== undefined && { evidence: node.evidence }),
    ...(node.note !== undefined && { note: node.note }),
    responsables: node.responsables,
    periods: node.periods.map((p) => ({
      start: p.start,
      end: p.end,
      ...(p.raw !== undefined && { raw: p.raw }),
    })),
    row: node.row,
    children: treeJson(node.children),
  }));
}

/** The year most periods start in: the vigencia the file is about. */
function yearOfPeriods(nodes: readonly ParsedNode[]): number | undefined {
  const years = new Map<number, number>();
  const visit = (list: readonly ParsedNode[]) => {
    for (const node of list) {
      for (const period of node.periods) {
        const year = Number((period.start ?? period.end ?? "").slice(0, 4));
        if (year) years.set(year, (years.get(year) ?? 0) + 1);
      }
      visit(node.children);
    }
  };
  visit(nodes);
  return [...years].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
}

interface Printed {
  document: Record<string, unknown>;
  code: 0 | 2;
}

const refused = (message: string, problems: readonly ImportProblem[] = []): Printed => ({
  document: {
    ok: false,
    message,
    counts: {},
    problems: problems.map((p) => ({ row: p.row, message: p.message, severity: p.severity })),
    unmatched: [],
    tree: [],
  },
  code: 2,
});

/** Runs the command and returns the JSON document to print and the exit code. */
export async function importPlanFile(
  deps: { database: Database; storage: Storage; clock: Clock },
  file: string,
  shape: PlanShape,
  options: PlanImportOptions,
): Promise<Printed> {
  let data: Buffer;
  try {
    // The size first: a huge file (or a device such as /dev/zero) is refused without being read into memory.
    const info = await stat(file);
    if (!info.isFile()) return refused(`${file} no es un archivo.`);
    if (info.size > MAX_PLAN_FILE_BYTES) return refused(tooBigMessage(info.size));
    data = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refused(
      code === "ENOENT" ? `No existe el archivo ${file}.` : `No se pudo leer el archivo ${file} (${code}).`,
    );
  }
  const fileName = path.basename(file);
  const db = deps.database.db;
  // Headers may use the level names of the type, as an administrator set them.
  const type = await findPlanType(db, TYPE_OF[shape]);
  const read = await readPlanFile(data, fileName, shape, { levelNames: type?.levelNames });
  if (!read.ok) return refused(read.message, read.problems);
  const { errors, avisos } = checkTree(read);
  const { unmatched } = await reconcileTree(db, read.tree);
  const ok = errors.length === 0;
  const document: Record<string, unknown> = {
    ok,
    counts: read.counts,
    problems: [...errors, ...avisos]
      .sort((a, b) => a.row - b.row)
      .map((p) => ({ row: p.row, message: p.message, severity: p.severity })),
    unmatched: unmatched.map((u) => ({
      text: u.text,
      suggestions: u.suggestions.map((s) => s.name),
      rows: u.rows,
    })),
    tree: treeJson(read.tree),
  };
  if (options.dryRun) return { document, code: ok ? 0 : 2 };
  // A file with errors changes nothing, not even the list of plans.
  if (!ok) return { document: { ...document, applied: false }, code: 2 };

  const year = options.year
    ? Number(options.year)
    : (yearOfPeriods(read.tree) ?? Number(bogotaDay(deps.clock.now()).slice(0, 4)));
  // A year taken from the file's dates is whatever they say («01/01/1900»): only 2000–2100 makes a plan.
  if (year < 2000 || year > 2100)
    return {
      document: {
        ...document,
        ok: false,
        applied: false,
        message: `Las fechas del archivo son del año ${year}. Indique la vigencia del plan con --year, por ejemplo --year 2026.`,
      },
      code: 2,
    };
  const typeKey = TYPE_OF[shape];
  let target: { plan?: string; year: number } = { year };
  try {
    const plans = await findPlansOfYear(db, typeKey, year);
    let plan = plans.find((p) => p.status === "borrador") ?? plans[0];
    if (!plan) {
      const opgi = (await listActiveDependencias(db)).find((d) => d.acronym?.toUpperCase() === "OPGI");
      const type = await findPlanType(db, typeKey);
      if (!opgi || !type)
        return {
          document: {
            ...document,
            ok: false,
            applied: false,
            message: "No existe la dependencia OPGI: créela antes de cargar planes.",
          },
          code: 2,
        };
      const created = await createPlan(db, deps.clock.now(), systemAuditContext, {
        typeKey,
        year,
        ownerDependenciaId: opgi.id,
        title: `${TITLE_OF[shape]} ${year}`,
      });
      plan = (await findPlansOfYear(db, typeKey, year)).find((p) => p.id === created.id);
    }
    if (!plan) throw new Error("plan not found after creating it");
    target = { plan: plan.slug, year };
    const started = await startImport(deps, systemAuditContext, plan.id, data, fileName);
    if (!started.ok)
      return {
        document: { ...document, ...target, ok: false, applied: false, message: started.message },
        code: 2,
      };
    const imported = { ...target, importId: started.import.id };
    if (unmatched.length > 0) return { document: { ...document, ...imported, applied: false }, code: 0 };
    const changes = await applyImport(deps, systemAuditContext, plan.id, started.import.id);
    return { document: { ...document, ...imported, applied: true, changes }, code: 0 };
  } catch (error) {
    // createPlan and the import say in Spanish why they refuse: that goes in the document, exit 2.
    if (!(error instanceof AppError)) throw error;
    return {
      document: { ...document, ...target, ok: false, applied: false, message: error.userMessage },
      code: 2,
    };
  }
}
