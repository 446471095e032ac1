// What an import would change in a plan: the tree read from the file and the plan's current items, both
// flattened by item key and compared field by field, as people read them («13/01/2022 – 31/01/2022»).
// Pure: the same file imported twice gives no change at all.
import type { PlanChangeFields } from "../plans/plans.types.ts";
import type { ParsedNode } from "../sheets/sheets.types.ts";

export interface FlatPeriod {
  start: string | null;
  end: string | null;
  /** As written in the file when a date could not be read. */
  written: string | null;
}

/** One item of a plan, from the file or from the database, in the form both are compared in. */
export interface FlatItem {
  key: string;
  parentKey: string | null;
  level: 1 | 2 | 3;
  /** Place among its siblings, from 0. */
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
  row: number | null;
  /** As written, in order. */
  responsables: string[];
  periods: FlatPeriod[];
}

const orNull = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** The tree as a list, parents before their children, each with its parent's key and its position. */
export function flattenTree(tree: readonly ParsedNode[]): FlatItem[] {
  const flat: FlatItem[] = [];
  const visit = (nodes: readonly ParsedNode[], parentKey: string | null) => {
    nodes.forEach((node, position) => {
      flat.push({
        key: node.key,
        parentKey,
        level: node.level,
        position,
        code: orNull(node.code),
        text: node.text.trim(),
        product: orNull(node.product),
        meta: orNull(node.meta),
        metaQuantity: node.metaQuantity ?? null,
        metaUnit: orNull(node.metaUnit),
        evidence: orNull(node.evidence),
        note: orNull(node.note),
        weight: node.weight ?? null,
        row: node.row,
        responsables: node.responsables,
        periods: node.periods.map((p) => ({
          start: p.start,
          end: p.end,
          written: p.start && p.end ? null : (p.raw ?? null),
        })),
      });
      visit(node.children, node.key);
    });
  };
  visit(tree, null);
  return flat;
}

/** Keys that appear more than once: the file names two items the same way, and they could not be told apart. */
export function repeatedKeys(items: readonly FlatItem[]): FlatItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.key)) return true;
    seen.add(item.key);
    return false;
  });
}

const day = (iso: string) => {
  const [year, month, dayOfMonth] = iso.split("-");
  return `${dayOfMonth}/${month}/${year}`;
};

/** «13/01/2022 – 31/01/2022»; a period with an impossible date as it was written («01/04/2022 - 31/04/2022»). */
export function formatPeriod(period: FlatPeriod): string {
  if (period.start && period.end) return `${day(period.start)} – ${day(period.end)}`;
  if (period.written) return period.written;
  return `${period.start ? day(period.start) : "sin fecha"} – ${period.end ? day(period.end) : "sin fecha"}`;
}

const weights = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 4 });

/** «3 Rendición de cuentas», or the text alone where the plan has no codes (matrices). */
export const itemLabel = (item: Pick<FlatItem, "code" | "text">) =>
  item.code ? `${item.code} ${item.text}` : item.text;

export const DIFF_FIELDS = [
  "code",
  "text",
  "product",
  "meta",
  "evidence",
  "note",
  "weight",
  "responsables",
  "periods",
  "parent",
] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

export const FIELD_LABELS: Record<DiffField, string> = {
  code: "Código",
  text: "Texto",
  product: "Producto",
  meta: "Meta",
  evidence: "Evidencia",
  note: "Nota",
  weight: "Peso",
  responsables: "Responsables",
  periods: "Periodos",
  parent: "Dentro de",
};

/** The compared fields as displayed text; the parent as its label in the same tree. */
function shownFields(item: FlatItem, labels: ReadonlyMap<string, string>): Record<DiffField, string | null> {
  return {
    code: item.code,
    text: item.text,
    product: item.product,
    meta: item.meta,
    evidence: item.evidence,
    note: item.note,
    weight: item.weight === null ? null : weights.format(item.weight),
    responsables: item.responsables.length > 0 ? item.responsables.join("; ") : null,
    periods: item.periods.length > 0 ? item.periods.map(formatPeriod).join("; ") : null,
    parent: item.parentKey === null ? null : (labels.get(item.parentKey) ?? item.parentKey),
  };
}

export interface ItemChange {
  key: string;
  level: 1 | 2 | 3;
  code: string | null;
  /** The item's text: after the change, or before it for a removal. */
  label: string;
  kind: "agregada" | "modificada" | "eliminada";
  /** For a change: field → [before, after], as displayed. Empty for additions and removals. */
  fields: PlanChangeFields;
}

export interface PlanDiff {
  added: ItemChange[];
  changed: ItemChange[];
  removed: ItemChange[];
}

const labelsOf = (items: readonly FlatItem[]) => new Map(items.map((item) => [item.key, itemLabel(item)]));

/**
 * What applying `incoming` over `current` adds, changes and removes, matched by key. The parent counts as
 * changed when the key of the parent differs (a renamed parent is its own change, not its children's).
 */
export function diffItems(current: readonly FlatItem[], incoming: readonly FlatItem[]): PlanDiff {
  const before = new Map(current.map((item) => [item.key, item]));
  const after = new Set(incoming.map((item) => item.key));
  const beforeLabels = labelsOf(current);
  const afterLabels = labelsOf(incoming);
  const diff: PlanDiff = { added: [], changed: [], removed: [] };
  for (const item of incoming) {
    const base = { key: item.key, level: item.level, code: item.code, label: item.text };
    const old = before.get(item.key);
    if (!old) {
      diff.added.push({ ...base, kind: "agregada", fields: {} });
      continue;
    }
    const was = shownFields(old, beforeLabels);
    const is = shownFields(item, afterLabels);
    const fields: PlanChangeFields = {};
    for (const field of DIFF_FIELDS) {
      const changed = field === "parent" ? old.parentKey !== item.parentKey : was[field] !== is[field];
      if (changed) fields[field] = [was[field], is[field]];
    }
    if (Object.keys(fields).length > 0) diff.changed.push({ ...base, kind: "modificada", fields });
  }
  for (const old of current)
    if (!after.has(old.key))
      diff.removed.push({
        key: old.key,
        level: old.level,
        code: old.code,
        label: old.text,
        kind: "eliminada",
        fields: {},
      });
  return diff;
}

/** Whether the stored row of an item must be written again: any column differs, shown or not (its row, its place). */
export function storedColumnsDiffer(old: FlatItem, item: FlatItem): boolean {
  return (
    old.parentKey !== item.parentKey ||
    old.level !== item.level ||
    old.position !== item.position ||
    old.code !== item.code ||
    old.text !== item.text ||
    old.product !== item.product ||
    old.meta !== item.meta ||
    old.metaQuantity !== item.metaQuantity ||
    old.metaUnit !== item.metaUnit ||
    old.evidence !== item.evidence ||
    old.note !== item.note ||
    old.weight !== item.weight ||
    old.row !== item.row
  );
}

/** Items per level (1, 2, 3) and periods of a flattened tree. */
export function countLevels(items: readonly FlatItem[]): {
  levels: [number, number, number];
  periods: number;
} {
  const levels: [number, number, number] = [0, 0, 0];
  let periods = 0;
  for (const item of items) {
    levels[item.level - 1] = (levels[item.level - 1] ?? 0) + 1;
    periods += item.periods.length;
  }
  return { levels, periods };
}

/**
 * The plural of a level's name, for counts: «Componente» → «componentes», «Actividad de gestión» →
 * «actividades de gestión», «Acción de mejora» → «acciones de mejora». Only the first word changes.
 */
export function pluralOfLevel(name: string): string {
  const lower = name.charAt(0).toLowerCase() + name.slice(1);
  const [first = "", ...rest] = lower.split(" ");
  const unaccented = first.replace(/ión$/, "ion");
  const plural = /[aeiouáéó]$/.test(first)
    ? `${first}s`
    : first.endsWith("z")
      ? `${first.slice(0, -1)}ces`
      : first.endsWith("s")
        ? first
        : `${unaccented}es`;
  return [plural, ...rest].join(" ");
}

export const singularOfLevel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const activityName = (change: Pick<ItemChange, "code" | "label">) => change.code ?? `«${change.label}»`;
const KEEP_IT =
  "(puede cambiar su texto, su meta o sus fechas) y cargue el archivo de nuevo. Si de verdad sobra, pida a planeación que la quite en una nueva versión del plan.";

/** Why an activity with progress reports cannot leave the plan, as the preview lists it. */
export const reportedRemovalMessage = (change: Pick<ItemChange, "code" | "label">) =>
  `La actividad ${activityName(change)} tiene reportes de avance: no se puede quitar del plan. Déjela en el archivo ${KEEP_IT}`;

/** The same for every such activity at once, for the refusal of «Aplicar» (at most ten named). */
export function reportedRemovalsMessage(changes: readonly Pick<ItemChange, "code" | "label">[]): string {
  const first = changes[0];
  if (changes.length === 1 && first) return reportedRemovalMessage(first);
  const names = changes.slice(0, 10).map(activityName);
  if (changes.length > 10) names.push(`${changes.length - 10} más`);
  const list = new Intl.ListFormat("es", { style: "long", type: "conjunction" }).format(names);
  return `Las actividades ${list} tienen reportes de avance: no se pueden quitar del plan. Déjelas en el archivo ${KEEP_IT}`;
}
