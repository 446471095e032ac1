// Pure rules of the dependencias tree.

export interface TreeItem {
  id: string;
  name: string;
  parentId: string | null;
  sortOrder: number;
}

export interface TreeNode<T extends TreeItem> {
  item: T;
  depth: number;
}

/** Flattens the tree depth-first (parents before children, siblings by order then name). */
export function flattenTree<T extends TreeItem>(items: T[]): TreeNode<T>[] {
  const children = new Map<string | null, T[]>();
  const ids = new Set(items.map((i) => i.id));
  for (const item of items) {
    const parent = item.parentId && ids.has(item.parentId) ? item.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), item]);
  }
  const out: TreeNode<T>[] = [];
  const visit = (parent: string | null, depth: number) => {
    const list = (children.get(parent) ?? []).sort(
      (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, "es"),
    );
    for (const item of list) {
      out.push({ item, depth });
      visit(item.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** True when making `parentId` the parent of `id` would put `id` under itself. */
export function wouldCreateCycle(items: TreeItem[], id: string, parentId: string | null): boolean {
  const parentOf = new Map(items.map((i) => [i.id, i.parentId]));
  let current = parentId;
  const seen = new Set<string>();
  while (current) {
    if (current === id || seen.has(current)) return true;
    seen.add(current);
    current = parentOf.get(current) ?? null;
  }
  return false;
}
