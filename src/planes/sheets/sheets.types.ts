// What reading a plan spreadsheet gives back (sheets.service.ts readPlanFile). Pure data: no database.
import type { PlanShape } from "../plans/plans.types.ts";

/** One start–end period. A date impossible in the source («31/04/2022») is null, with the text kept in `raw`. */
export interface ParsedPeriod {
  /** ISO date (YYYY-MM-DD) or null when missing or impossible. */
  start: string | null;
  end: string | null;
  /** The period as written in the file; present when start or end is null. */
  raw?: string;
}

/**
 * One node of the tree. PAAC: level 1 componente, 2 subcomponente, 3 actividad (a component without a
 * subcomponent column, like the PAAC's sixth, holds activities directly). Matriz: level 1 actividad de
 * gestión, 2 alternativa de mejora (QUÉ), 3 tarea (CÓMO).
 */
export interface ParsedNode {
  level: 1 | 2 | 3;
  /**
   * Identity of the node across imports of the same plan, unique in the tree. PAAC: from the numbers
   * ("c3", "c3/s1", "c3/s1/1.6"; "c6/-/4"). Matriz: from the normalised texts of the node and its parents.
   */
  key: string;
  /** PAAC only: "3" for a component, "1" for a subcomponent, "1.6" for an activity (trailing dot dropped). */
  code: string | null;
  text: string;
  product?: string;
  meta?: string;
  /** Parsed from the meta where it has one: «1 informe de evaluación» → 1 / "informe de evaluación"; «100% de…» → 100 / "%". */
  metaQuantity?: number | null;
  metaUnit?: string | null;
  evidence?: string;
  /** A level with nothing but a pointer («Ver documento anexo “Estrategia de racionalización de trámites 2022”»). */
  note?: string;
  weight?: number | null;
  /** As written, one per person or office named, in file order, without duplicates. Leaves only. */
  responsables: string[];
  /** Leaves only. */
  periods: ParsedPeriod[];
  /** The spreadsheet row (1-based, as Excel shows it) where the node starts. */
  row: number;
  children: ParsedNode[];
}

export interface ImportProblem {
  /** Spreadsheet row as Excel shows it (0 when the problem is the whole file). */
  row: number;
  /** Plain Spanish, names the column or value («La fecha final 31/04/2022 no existe…»). */
  message: string;
  /** "error" refuses the import; "aviso" is shown but the file can be applied (impossible dates kept as written). */
  severity: "error" | "aviso";
  sheet?: string;
}

/** PAAC: components, subcomponents, activities, periods. Matriz: activities, alternatives, tasks, periods. */
export type ImportCounts = Record<string, number>;

export type ReadPlanResult =
  | { ok: true; shape: PlanShape; tree: ParsedNode[]; counts: ImportCounts; problems: ImportProblem[] }
  /** The file as a whole could not be read (format, password, zip bomb, missing columns). */
  | { ok: false; message: string; problems: ImportProblem[] };

/** A written responsable no dependencia or alias matches, with the closest dependencias. */
export interface UnmatchedResponsable {
  text: string;
  /** Dependencia names, closest first (at most 3). */
  suggestions: string[];
  /** Rows where it appears. */
  rows: number[];
}

/** What plan_imports.summary keeps of a reading. */
export interface ImportSummary {
  ok: boolean;
  message?: string;
  counts: ImportCounts;
  problems: ImportProblem[];
  unmatched: UnmatchedResponsable[];
  diff?: { added: number; changed: number; removed: number };
  /** The plan's version when the file was read: a preview applies only to that version. */
  planVersion?: number;
}
