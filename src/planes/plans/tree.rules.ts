// A plan's rows (items, responsables, periods) as the tree people read, and the filters of the plan page.
// Pure: the service loads the rows, the pages and the published snapshot use the same tree.

import { type PeriodLike, periodInMonth } from "./plans.rules.ts";
import type { PlanItem } from "./plans.table.ts";
import type { SnapshotItem, SnapshotResponsable } from "./plans.types.ts";

export const ALL_DEPENDENCIAS_LABEL = "Todas las dependencias";

export interface ResponsableLike {
  itemId: string;
  position: number;
  written: string;
  dependenciaId: string | null;
  allDependencias: boolean;
  team: string | null;
  /** The reconciled dependencia's name and acronym (null for «todas»). */
  dependencia: string | null;
  acronym: string | null;
}

/** One responsable as written, with every dependencia (or «todas») it was reconciled to. */
export interface TreeResponsable extends SnapshotResponsable {
  dependenciaIds: string[];
  all: boolean;
}

export interface TreeNode {
  id: string;
  level: 1 | 2 | 3;
  itemKey: string;
  position: number;
  code: string | null;
  text: string;
  product: string | null;
  meta: string | null;
  metaQuantity: number | null;
  metaUnit: string | null;
  evidence: string | null;
  note: string | null;
  weight: number | null;
  sourceRow: number | null;
  responsables: TreeResponsable[];
  periods: PeriodLike[];
  children: TreeNode[];
}

/** «Equipo MIPG (OPGI)», «Secretaría de Gobierno», «Todas las dependencias». */
export function reconciledName(row: ResponsableLike): string {
  if (row.allDependencias) return ALL_DEPENDENCIAS_LABEL;
  const dependencia = row.dependencia ?? "Dependencia borrada";
  return row.team ? `${row.team} (${row.acronym ?? dependencia})` : dependencia;
}

/** Rows of one item grouped by the text as written (an alias to several dependencias gives several rows). */
export function groupResponsables(rows: readonly ResponsableLike[]): TreeResponsable[] {
  const groups = new Map<string, TreeResponsable>();
  for (const row of [...rows].sort((a, b) => a.position - b.position)) {
    let group = groups.get(row.written);
    if (!group) {
      group = { written: row.written, names: [], dependenciaIds: [], all: false };
      groups.set(row.written, group);
    }
    const name = reconciledName(row);
    if (!group.names.includes(name)) group.names.push(name);
    if (row.allDependencias) group.all = true;
    if (row.dependenciaId && !group.dependenciaIds.includes(row.dependenciaId))
      group.dependenciaIds.push(row.dependenciaId);
  }
  return [...groups.values()];
}

/** The tree of a plan's rows; children in their position order. */
export function buildTree(
  items: readonly PlanItem[],
  responsables: readonly ResponsableLike[],
  periods: readonly (PeriodLike & { itemId: string; position: number })[],
): TreeNode[] {
  const responsablesOf = groupBy(responsables, (r) => r.itemId);
  const periodsOf = groupBy(periods, (p) => p.itemId);
  const nodes = new Map<string, TreeNode>();
  for (const item of items)
    nodes.set(item.id, {
      id: item.id,
      level: item.level as 1 | 2 | 3,
      itemKey: item.itemKey,
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
      sourceRow: item.sourceRow,
      responsables: groupResponsables(responsablesOf.get(item.id) ?? []),
      periods: (periodsOf.get(item.id) ?? [])
        .sort((a, b) => a.position - b.position)
        .map(({ startsOn, endsOn, written }) => ({ startsOn, endsOn, written })),
      children: [],
    });
  const roots: TreeNode[] = [];
  for (const item of items) {
    const node = nodes.get(item.id) as TreeNode;
    const parent = item.parentId ? nodes.get(item.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: TreeNode[]) => {
    list.sort((a, b) => a.position - b.position);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/**
 * An activity (or task): a node with nothing under it below the top level. A component with only a note
 * (the PAAC's component 2) is not one.
 */
export const isLeaf = (node: TreeNode) => node.children.length === 0 && node.level > 1;

/** Every leaf under the nodes, in reading order, with the nodes above it (top first). */
export function leavesOf(
  nodes: readonly TreeNode[],
  above: TreeNode[] = [],
): { leaf: TreeNode; parents: TreeNode[] }[] {
  const found: { leaf: TreeNode; parents: TreeNode[] }[] = [];
  for (const node of nodes) {
    if (isLeaf(node)) found.push({ leaf: node, parents: above });
    else found.push(...leavesOf(node.children, [...above, node]));
  }
  return found;
}

/** Whether the leaf concerns the dependencia: named directly, in a team of it, or through «todas». */
export const concerns = (leaf: TreeNode, dependenciaId: string) =>
  leaf.responsables.some((r) => r.all || r.dependenciaIds.includes(dependenciaId));

export interface TreeFilters {
  /** A level-1 node's id. */
  component?: string;
  dependenciaId?: string;
  /** "YYYY-MM": leaves with a period touching that month. */
  month?: string;
}

/** The tree narrowed by the filters: matching leaves and the nodes above them; all of it without filters. */
export function filterTree(nodes: readonly TreeNode[], filters: TreeFilters): TreeNode[] {
  const roots = filters.component ? nodes.filter((n) => n.id === filters.component) : [...nodes];
  if (!filters.dependenciaId && !filters.month) return roots;
  const matches = (leaf: TreeNode) =>
    (!filters.dependenciaId || concerns(leaf, filters.dependenciaId)) &&
    (!filters.month || leaf.periods.some((p) => periodInMonth(p, filters.month as string)));
  const prune = (list: readonly TreeNode[]): TreeNode[] =>
    list.flatMap((node) => {
      if (isLeaf(node)) return matches(node) ? [node] : [];
      const children = prune(node.children);
      return children.length > 0 ? [{ ...node, children }] : [];
    });
  return prune(roots);
}

/** Nodes per level («3 componentes, 5 subcomponentes, 20 actividades») and periods. */
export function countTree(nodes: readonly TreeNode[]): { levels: [number, number, number]; periods: number } {
  const levels: [number, number, number] = [0, 0, 0];
  let periods = 0;
  const walk = (list: readonly TreeNode[]) => {
    for (const node of list) {
      const index = node.level - 1;
      levels[index] = (levels[index] ?? 0) + 1;
      periods += node.periods.length;
      walk(node.children);
    }
  };
  walk(nodes);
  return { levels, periods };
}

/** The tree as the public snapshot keeps it. */
export function toSnapshotItems(nodes: readonly TreeNode[]): SnapshotItem[] {
  return nodes.map((node) => ({
    level: node.level,
    key: node.itemKey,
    code: node.code,
    text: node.text,
    product: node.product,
    meta: node.meta,
    metaQuantity: node.metaQuantity,
    metaUnit: node.metaUnit,
    evidence: node.evidence,
    note: node.note,
    weight: node.weight,
    responsables: node.responsables.map(({ written, names }) => ({ written, names })),
    periods: node.periods.map((p) => ({ start: p.startsOn, end: p.endsOn, written: p.written })),
    children: toSnapshotItems(node.children),
  }));
}

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** «Componente 1. Gestión…» as written, or the level's name put in front when the text lacks it. */
export function headingOf(node: { code: string | null; text: string }, levelName: string): string {
  if (fold(node.text).startsWith(fold(levelName.split(" (")[0] ?? levelName))) return node.text;
  return node.code ? `${levelName} ${node.code}. ${node.text}` : `${levelName}: ${node.text}`;
}
