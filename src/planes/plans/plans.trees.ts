// Loading a plan's rows as its tree, and finding a node in it: shared by the pages, the transitions
// (the published snapshot) and «Actividades de mi dependencia».
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import * as repo from "./plans.repository.ts";
import type { PlanItem } from "./plans.table.ts";
import { buildTree, type TreeNode } from "./tree.rules.ts";

/** Every node of the plans' trees, keyed by plan. */
export async function loadTrees(db: Db, planIds: string[]): Promise<Map<string, TreeNode[]>> {
  // One after another: inside a transaction the three share one connection.
  const items = await repo.listItems(db, planIds);
  const responsables = await repo.listResponsables(db, planIds);
  const periods = await repo.listPeriods(db, planIds);
  const planOf = new Map(items.map((i) => [i.id, i.planId]));
  const trees = new Map<string, TreeNode[]>();
  for (const planId of planIds) {
    const mine = (id: string) => planOf.get(id) === planId;
    trees.set(
      planId,
      buildTree(
        items.filter((i) => i.planId === planId),
        responsables.filter((r) => mine(r.itemId)),
        periods.filter((p) => mine(p.itemId)),
      ),
    );
  }
  return trees;
}

export async function loadTree(db: Db, planId: string): Promise<TreeNode[]> {
  return (await loadTrees(db, [planId])).get(planId) ?? [];
}

/** «3.1 Realizar la audiencia…» or the text alone. */
export const nodeLabel = (node: { code: string | null; text: string }) =>
  node.code && !node.text.startsWith(node.code) ? `${node.code} ${node.text}` : node.text;

export function findNode(
  nodes: readonly TreeNode[],
  id: string,
  parents: TreeNode[] = [],
): { node: TreeNode; parents: TreeNode[] } | undefined {
  for (const node of nodes) {
    if (node.id === id) return { node, parents };
    const below = findNode(node.children, id, [...parents, node]);
    if (below) return below;
  }
  return undefined;
}

/**
 * One node with its ancestors, as findNode gives it from the whole tree, from a few rows: the pages and the
 * reports about one activity need not load a 2,000-activity plan. A node with children (not an activity)
 * comes from the whole tree, which its children need.
 */
export async function loadBranch(db: Db, planId: string, itemId: string) {
  if (!isUuid(itemId)) return undefined;
  const chain: PlanItem[] = [];
  for (let id: string | null = itemId; id; ) {
    const item = await repo.findItemInPlan(db, planId, id);
    if (!item) return undefined;
    chain.unshift(item);
    id = item.parentId;
  }
  if (await repo.hasChildren(db, itemId)) return findNode(await loadTree(db, planId), itemId);
  const ids = chain.map((item) => item.id);
  const responsables = await repo.listResponsables(db, [planId], ids);
  const periods = await repo.listPeriods(db, [planId], ids);
  return findNode(buildTree(chain, responsables, periods), itemId);
}
