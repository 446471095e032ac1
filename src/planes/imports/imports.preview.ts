// The preview of an import, from a tree already read (sheets.service.ts readPlanFile): counts per level, the
// problems, the responsables reconciled and those still to reconcile (with the closest dependencias), and
// what applying would add, change and remove against the plan as it is now. Reads only.
import type { Db } from "../../db/client.ts";
import { countOf, formatNumber, pluralize } from "../../shared/words.ts";
import {
  describeMatch,
  loadMatcher,
  normalizeResponsable,
  type Resolution,
} from "../responsables/responsables.service.ts";
import type { ImportProblem, ImportSummary, ParsedNode, ReadPlanResult } from "../sheets/sheets.types.ts";
import * as repo from "./imports.repository.ts";
import {
  countLevels,
  diffItems,
  type FlatItem,
  flattenTree,
  formatPeriod,
  type ItemChange,
  type PlanDiff,
  repeatedKeys,
  reportedRemovalMessage,
} from "./imports.rules.ts";

export type ReadTree = Extract<ReadPlanResult, { ok: true }>;

export interface UnmatchedResponsableView {
  text: string;
  rows: number[];
  suggestions: { id: string; name: string }[];
}

export interface ImportAnalysis {
  items: FlatItem[];
  counts: ReturnType<typeof countLevels>;
  errors: ImportProblem[];
  avisos: ImportProblem[];
  /** Every distinct written responsable and what it stands for. */
  resolutions: Map<string, Resolution>;
  unmatched: UnmatchedResponsableView[];
  matched: { text: string; description: string; via: string; rows: number[] }[];
  diff: PlanDiff;
  /** Removed items that have progress reports: an error each, and «Aplicar» refuses them by name. */
  reportedRemovals: ItemChange[];
  /** Items the plan has now (0: the import fills an empty plan). */
  currentItems: number;
  /** No errors and nothing left to reconcile. */
  canApply: boolean;
}

/** The plan's items as the importer compares them, with the stored id of each key. */
export async function loadCurrentItems(db: Db, planId: string) {
  const { items, responsables, periods } = await repo.findPlanTree(db, planId);
  const keyOf = new Map(items.map((item) => [item.id, item.itemKey]));
  const writtenOf = new Map<string, string[]>();
  const responsableRows = new Map<string, string[]>();
  for (const row of responsables) {
    const written = writtenOf.get(row.itemId) ?? [];
    // An alias to several dependencias gives several rows with the same text: the file wrote it once.
    if (written.at(-1) !== row.written) written.push(row.written);
    writtenOf.set(row.itemId, written);
    const signatures = responsableRows.get(row.itemId) ?? [];
    signatures.push(responsableSignature(row));
    responsableRows.set(row.itemId, signatures);
  }
  const periodsOf = new Map<string, FlatItem["periods"]>();
  for (const row of periods) {
    const list = periodsOf.get(row.itemId) ?? [];
    list.push({ start: row.startsOn, end: row.endsOn, written: row.written });
    periodsOf.set(row.itemId, list);
  }
  const flat: FlatItem[] = items.map((item) => ({
    key: item.itemKey,
    parentKey: item.parentId ? (keyOf.get(item.parentId) ?? null) : null,
    level: item.level as 1 | 2 | 3,
    position: item.position,
    code: item.code,
    text: item.text,
    product: item.product,
    meta: item.meta,
    metaQuantity: item.metaQuantity,
    metaUnit: item.metaUnit,
    evidence: item.evidence,
    note: item.note,
    weight: item.weight,
    row: item.sourceRow,
    responsables: writtenOf.get(item.id) ?? [],
    periods: periodsOf.get(item.id) ?? [],
  }));
  return {
    flat,
    idOf: new Map(items.map((item) => [item.itemKey, item.id])),
    responsableRows: new Map([...responsableRows].map(([id, list]) => [id, list.join("\n")])),
  };
}

export function responsableSignature(row: {
  written: string;
  dependenciaId?: string | null;
  allDependencias?: boolean | null;
  team?: string | null;
}) {
  return [row.written, row.dependenciaId ?? "", row.allDependencias ? "todas" : "", row.team ?? ""].join("|");
}

/** Rows of the file where each written responsable appears. */
function rowsByResponsable(tree: readonly ParsedNode[]): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  const visit = (nodes: readonly ParsedNode[]) => {
    for (const node of nodes) {
      for (const text of node.responsables) {
        const list = rows.get(text) ?? [];
        if (list.at(-1) !== node.row) list.push(node.row);
        rows.set(text, list);
      }
      visit(node.children);
    }
  };
  visit(tree);
  return rows;
}

/** The file's own problems, and items it names twice (the importer could not tell them apart). */
export function checkTree(read: ReadTree) {
  const items = flattenTree(read.tree);
  const repeated = repeatedKeys(items).map(
    (item): ImportProblem => ({
      row: item.row ?? 0,
      message: `«${item.code ? `${item.code} ` : ""}${item.text}» está repetido: hay otro elemento igual en el mismo lugar del plan. Quite uno de los dos o corrija su código.`,
      severity: "error",
    }),
  );
  const problems = [...read.problems, ...repeated].sort((a, b) => a.row - b.row);
  return {
    items,
    errors: problems.filter((p) => p.severity === "error"),
    avisos: problems.filter((p) => p.severity !== "error"),
  };
}

/**
 * One aviso for the periods that fall wholly outside the plan's vigencia (a 2022 file loaded into the 2023
 * plan), with the first as an example. A period that only overlaps the year is fine: improvement plans run
 * into the next one. Undefined when every period touches the year.
 */
export function vigenciaAviso(items: readonly FlatItem[], year: number): ImportProblem | undefined {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  let outside = 0;
  let example: string | undefined;
  for (const item of items)
    for (const period of item.periods) {
      // Only known dates count: an impossible end («31/04/2022») proves nothing about the year.
      const before = period.end !== null && period.end < first;
      const after = period.start !== null && period.start > last;
      if (!before && !after) continue;
      outside++;
      example ??= `${item.row ? `fila ${formatNumber(item.row)}: ` : ""}${formatPeriod(period)}`;
    }
  if (outside === 0) return undefined;
  return {
    row: 0,
    severity: "aviso",
    message: `${countOf(outside, "periodo", "periodos")} ${pluralize(outside, "está", "están")} fuera de la vigencia ${year} del plan (por ejemplo, ${example}). Revise que cargó el archivo correcto.`,
  };
}

/** Every written responsable of the tree, what it stands for, and the rows where it appears. */
export async function reconcileTree(db: Db, tree: readonly ParsedNode[]) {
  const rows = rowsByResponsable(tree);
  const match = await loadMatcher(db);
  const resolutions = new Map([...rows.keys()].map((text) => [text, match(text)]));
  // «Todas las dependencias» and «Todas las dependencias.» are one text to reconcile: one mapping serves both.
  const unmatched = new Map<string, UnmatchedResponsableView>();
  const matched: ImportAnalysis["matched"] = [];
  for (const [text, resolution] of resolutions) {
    const where = rows.get(text) ?? [];
    if (resolution.kind !== "unmatched") {
      matched.push({ text, description: describeMatch(resolution), via: resolution.via, rows: where });
      continue;
    }
    const key = normalizeResponsable(text);
    const same = unmatched.get(key);
    if (same) same.rows = [...new Set([...same.rows, ...where])].sort((a, b) => a - b);
    else unmatched.set(key, { text, rows: where, suggestions: resolution.suggestions });
  }
  return { resolutions, unmatched: [...unmatched.values()], matched };
}

/**
 * Everything the preview shows and «Aplicar» re-checks, for a tree read from a file. `db` may be a
 * transaction: applying analyses again inside it, against the data as it is then.
 */
export async function previewParsed(
  db: Db,
  plan: { id: string; year?: number },
  read: ReadTree,
): Promise<ImportAnalysis> {
  const { items, errors, avisos: fileAvisos } = checkTree(read);
  const outside = plan.year === undefined ? undefined : vigenciaAviso(items, plan.year);
  // The whole file's aviso first: it may mean the wrong file, which matters more than any one row.
  const avisos = outside ? [outside, ...fileAvisos] : fileAvisos;
  const { resolutions, unmatched, matched } = await reconcileTree(db, read.tree);
  const current = await loadCurrentItems(db, plan.id);
  const diff = diffItems(current.flat, items);
  // Removing an item deletes its reports (and their history) with it: the file must keep it.
  const reported = diff.removed.length > 0 ? await repo.reportedItemIds(db, plan.id) : new Set<string>();
  const reportedRemovals = diff.removed.filter((change) => reported.has(current.idOf.get(change.key) ?? ""));
  errors.unshift(
    ...reportedRemovals.map(
      (change): ImportProblem => ({
        row: 0,
        severity: "error",
        message: reportedRemovalMessage(change),
      }),
    ),
  );
  return {
    items,
    counts: countLevels(items),
    errors,
    avisos,
    resolutions,
    unmatched,
    matched,
    diff,
    reportedRemovals,
    currentItems: current.flat.length,
    canApply: errors.length === 0 && unmatched.length === 0,
  };
}

/** What the import row keeps of an analysis, so lists need not read the file again. */
export function summarize(read: ReadTree, analysis: ImportAnalysis, planVersion: number): ImportSummary {
  return {
    planVersion,
    ok: analysis.errors.length === 0,
    counts: read.counts,
    problems: [...analysis.errors, ...analysis.avisos].sort((a, b) => a.row - b.row),
    unmatched: analysis.unmatched.map((u) => ({
      text: u.text,
      rows: u.rows,
      suggestions: u.suggestions.map((s) => s.name),
    })),
    diff: {
      added: analysis.diff.added.length,
      changed: analysis.diff.changed.length,
      removed: analysis.diff.removed.length,
    },
  };
}
