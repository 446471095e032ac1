// The header of a plan's table, found by its labels wherever it is (titles above it, the header repeated after
// page breaks, one header per component). Labels are compared without accents, case, punctuation or extra
// spaces, by how they start: «Subcomponente / Proceso», «FECHA DE INICIO», «QUÉ (ALTERNATIVA S DE MEJORA)».
// A header may take two rows («Fecha» over «Inicio» and «Final»). A matrix also takes its plan type's level
// names as the names of its three level columns (a plan de mejoramiento: «Hallazgo | Acción de mejora | Tarea»).
import type { PlanShape } from "../plans/plans.types.ts";
import type { GridRow } from "./sheets.grid.ts";

export type ColumnKey =
  | "subcomponent"
  | "activity"
  | "product"
  | "meta"
  | "responsable"
  | "start"
  | "end"
  | "when"
  | "weight"
  | "alternative"
  | "task"
  | "evidence";

export interface ColumnDef {
  key: ColumnKey;
  /** How the column is named in messages. */
  label: string;
  match: RegExp;
  required: boolean;
  /** The plan type's name for the column (columnsOf); tried before every `match`, so it wins over them. */
  alias?: RegExp;
}

const START = /^(?:fecha (?:de )?inicio|fecha inicial|fecha de iniciacion|fecha desde|inicio|desde)\b/;
const END =
  /^(?:fecha (?:de )?(?:finalizacion|terminacion|final|fin|limite|cierre)|fecha hasta|final|fin|hasta|terminacion)\b/;
const WHEN = /^(?:cuando|fechas? programadas?|fechas|periodos?|plazo|cronograma|fecha)\b/;
const WEIGHT = /^(?:peso|ponderacion)\b/;

// The order is the order of preference when a label could be read two ways: dates before «fecha» alone.
const DATES = (when: string): ColumnDef[] => [
  { key: "start", label: "Fecha Inicio", match: START, required: false },
  { key: "end", label: "Fecha Final", match: END, required: false },
  { key: "when", label: when, match: WHEN, required: false },
];

export const COLUMNS: Record<PlanShape, readonly ColumnDef[]> = {
  paac: [
    {
      key: "subcomponent",
      label: "Subcomponente / Proceso",
      match: /^(?:sub ?componentes?|procesos?)\b/,
      required: false,
    },
    { key: "activity", label: "Actividades", match: /^actividad(?:es)?\b/, required: true },
    { key: "product", label: "Producto", match: /^productos?\b/, required: false },
    { key: "meta", label: "Meta", match: /^metas?\b/, required: true },
    { key: "responsable", label: "Responsable", match: /^responsables?\b/, required: true },
    ...DATES("Fecha programada"),
    { key: "weight", label: "Peso", match: WEIGHT, required: false },
  ],
  matriz: [
    { key: "activity", label: "Actividades de gestión", match: /^actividad(?:es)?\b/, required: true },
    {
      key: "alternative",
      label: "Qué (alternativas de mejora)",
      match: /^(?:que|alternativas?)\b/,
      required: true,
    },
    {
      key: "task",
      label: "Cómo (mejoras/tareas a implementar)",
      match: /^(?:como|mejoras?|tareas?)\b/,
      required: true,
    },
    { key: "responsable", label: "Quién (responsable)", match: /^(?:quien|responsables?)\b/, required: true },
    { key: "evidence", label: "Evidencias", match: /^evidencias?\b/, required: false },
    ...DATES("Cuándo (fecha prevista para iniciar y terminar)"),
    { key: "weight", label: "Peso", match: WEIGHT, required: false },
  ],
};

export type ColumnMap = Partial<Record<ColumnKey, number>>;

const LEVEL_KEYS: readonly ColumnKey[] = ["activity", "alternative", "task"];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A level name as a header label: without what it says in parentheses («Tarea (cómo)» → «tarea»), each word
 * singular or plural («Acciones correctivas», «Hallazgos»). Undefined for a name too short to tell.
 */
function levelAlias(name: string): RegExp | undefined {
  const core = normalizeLabel(name.replace(/\([^)]*\)/g, " "));
  if (core.length < 3) return undefined;
  const words = core
    .split(" ")
    .map((word) => escapeRegExp(word) + (/(?:es|s)$/.test(word) ? "" : "(?:es|s)?"));
  // Labels are normalised to single-spaced words: a space or the end closes the name (\b misses «ñ»).
  return new RegExp(`^${words.join(" ")}(?= |$)`);
}

/**
 * The columns of a shape for a plan type. A matrix's three level columns also go by the type's level names
 * (including names an administrator gave them), and messages name them so; the usual labels keep working.
 */
export function columnsOf(shape: PlanShape, levelNames?: readonly string[]): readonly ColumnDef[] {
  const defs = COLUMNS[shape];
  if (shape !== "matriz" || !levelNames) return defs;
  return defs.map((def) => {
    const name = levelNames[LEVEL_KEYS.indexOf(def.key)]?.trim();
    const alias = name ? levelAlias(name) : undefined;
    return name && alias ? { ...def, label: name, alias } : def;
  });
}

export interface HeaderMatch {
  /** Column key → index of its cell (0 = column A). */
  columns: ColumnMap;
  /** Labels of the required columns not found. */
  missing: string[];
  /** Columns found by the plan type's level name rather than by the usual labels. */
  aliased: ColumnKey[];
  matched: number;
  /** The last row of the header (the second when it takes two). */
  lastRow: number;
}

/** Lowercase, no accents, letters and digits only, single spaces. */
export function normalizeLabel(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9ñ]+/g, " ")
    .trim();
}

/** A label longer than this is data, not a header («CUÁNDO (FECHA PREVISTA PARA INICIAR Y TERMINAR…)» has 58). */
const MAX_LABEL_CHARS = 90;
/** Labels already normalised: every row is tried as a header, and most texts repeat (merged cells). */
const labelCache = new Map<string, string>();

function labelOf(text: string): string | undefined {
  // Data, not a label: too long, or starting with a figure (a code, a date, an amount).
  if (text === "" || text.length > MAX_LABEL_CHARS || (text.charCodeAt(0) >= 48 && text.charCodeAt(0) <= 57))
    return undefined;
  let label = labelCache.get(text);
  if (label === undefined) {
    if (labelCache.size > 10_000) labelCache.clear();
    label = normalizeLabel(text);
    labelCache.set(text, label);
  }
  return label;
}

function labelsOf(row: GridRow | undefined): (string | undefined)[] {
  return (row?.cells ?? []).map((cell) => (cell && !cell.above ? labelOf(cell.text) : undefined));
}

/** Level names first: a mejoramiento's «Actividad» level must not be taken for «Actividades de gestión». */
function assign(
  defs: readonly ColumnDef[],
  labels: (string | undefined)[],
): { columns: ColumnMap; aliased: ColumnKey[] } {
  const columns: ColumnMap = {};
  const aliased: ColumnKey[] = [];
  const taken = new Set<number>();
  if (defs.some((d) => d.alias))
    labels.forEach((label, at) => {
      if (!label) return;
      const def = defs.find((d) => columns[d.key] === undefined && d.alias?.test(label));
      if (!def) return;
      columns[def.key] = at;
      aliased.push(def.key);
      taken.add(at);
    });
  labels.forEach((label, at) => {
    if (!label || taken.has(at)) return;
    const def = defs.find((d) => columns[d.key] === undefined && d.match.test(label));
    if (def) columns[def.key] = at;
  });
  return { columns, aliased };
}

/** The dates are one column with the period or two (start, end): a matrix names its «Cuándo», a PAAC both dates. */
export function missingOf(
  shape: PlanShape,
  columns: ColumnMap,
  defs: readonly ColumnDef[] = COLUMNS[shape],
): string[] {
  const missing = defs
    .filter((def) => def.required && columns[def.key] === undefined)
    .map((def) => def.label);
  if (columns.when !== undefined) return missing;
  const label = (key: ColumnKey) => defs.find((def) => def.key === key)?.label ?? key;
  if (columns.start === undefined && columns.end === undefined)
    missing.push(...(shape === "matriz" ? [label("when")] : [label("start"), label("end")]));
  else if (columns.start === undefined) missing.push(label("start"));
  else if (columns.end === undefined) missing.push(label("end"));
  return missing;
}

const count = (columns: ColumnMap) => Object.keys(columns).length;

/**
 * Reads a row (and, when it is not complete alone, the row under it) as the header of a plan of this shape.
 * Undefined when fewer than two labels match: the row is data or a title.
 */
export function matchHeader(
  shape: PlanShape,
  row: GridRow,
  next?: GridRow,
  defs: readonly ColumnDef[] = COLUMNS[shape],
): HeaderMatch | undefined {
  const upper = labelsOf(row);
  if (upper.filter(Boolean).length < 2) return undefined;
  const single = assign(defs, upper);
  if (count(single.columns) < 2) return undefined; // a data row: the common case, so it stops here
  const header = (found: ReturnType<typeof assign>, lastRow: number): HeaderMatch => ({
    columns: found.columns,
    missing: missingOf(shape, found.columns, defs),
    aliased: found.aliased,
    matched: count(found.columns),
    lastRow,
  });
  // «Fecha» (or «Cuándo») over «Inicio» and «Final»: the dates' labels come from the row below.
  const when = single.columns.when;
  if (when !== undefined && next?.row === row.row + 1) {
    const lower = labelsOf(next);
    const combined = upper.map((label, at) => {
      const below = lower[at];
      const under = label === undefined || label === upper[when];
      return under && below && (START.test(below) || END.test(below)) ? below : label;
    });
    const split = assign(defs, combined);
    if (split.columns.start !== undefined && split.columns.end !== undefined) {
      delete split.columns.when;
      const two = header(split, next.row);
      if (two.missing.length === 0) return two;
    }
  }
  return header(single, row.row);
}
