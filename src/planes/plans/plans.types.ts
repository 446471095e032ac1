// Shared shapes of the plans area: states, the published snapshot (what the public pages and open data
// read) and the change log's fields.

export type PlanShape = "paac" | "matriz";
export type PlanStatus = "borrador" | "aprobado" | "publicado" | "cerrado";

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  borrador: "Borrador",
  aprobado: "Aprobado",
  publicado: "Publicado",
  cerrado: "Cerrado",
};

/** field → [before, after], as displayed text («13/01/2022 – 13/01/2022»), null when absent. */
export type PlanChangeFields = Record<string, [string | null, string | null]>;

export interface SnapshotResponsable {
  /** As written in the plan. */
  written: string;
  /** What it was reconciled to: dependencia names, «Todas las dependencias», or «Equipo MIPG (OPGI)». */
  names: string[];
}

export interface SnapshotItem {
  level: 1 | 2 | 3;
  key: string;
  code: string | null;
  text: string;
  product: string | null;
  meta: string | null;
  metaQuantity: number | null;
  metaUnit: string | null;
  evidence: string | null;
  note: string | null;
  weight: number | null;
  responsables: SnapshotResponsable[];
  /** start/end ISO dates or null; `written` when a date was impossible in the source. */
  periods: { start: string | null; end: string | null; written: string | null }[];
  children: SnapshotItem[];
}

export interface SnapshotChange {
  version: number;
  kind: "agregada" | "modificada" | "eliminada";
  code: string | null;
  label: string;
  fields: PlanChangeFields;
  at: string;
}

/** A published version as the public reads it: frozen at publication, never recomputed. */
export interface PlanSnapshot {
  planId: string;
  slug: string;
  title: string;
  year: number;
  type: { key: string; name: string; shape: PlanShape; levelNames: [string, string, string] };
  owner: string;
  version: number;
  /** Why this version exists («Versión inicial» for the first). */
  reason: string;
  approval: { committee: string; act: string; date: string } | null;
  /** ISO timestamp. */
  publishedAt: string;
  items: SnapshotItem[];
  /** Every version up to this one: number, reason, approval date, publication date. */
  versions: { number: number; reason: string; approvedOn: string | null; publishedAt: string | null }[];
  /** The change log of versions 2…n (what changed, when, why is in `versions`). Who is the office, not a person. */
  changes: SnapshotChange[];
}

/** How a change log row's kind reads (staff pages, the public change log, the import preview). */
export const PLAN_CHANGE_KIND_LABELS: Record<SnapshotChange["kind"], string> = {
  agregada: "Agregada",
  modificada: "Modificada",
  eliminada: "Eliminada",
};

/** Names of the fields a change log row may carry (PlanChangeFields keys); unknown keys show as they are. */
export const PLAN_CHANGE_FIELD_LABELS: Record<string, string> = {
  code: "Código",
  text: "Texto",
  product: "Producto",
  meta: "Meta",
  metaQuantity: "Cantidad de la meta",
  metaUnit: "Unidad de la meta",
  evidence: "Evidencia esperada",
  note: "Nota",
  weight: "Peso",
  responsables: "Responsables",
  periods: "Fechas",
  parent: "Ubicación",
  level: "Nivel",
};
