// How a published snapshot reads to the public: headings with the type's level names, responsables as
// reconciled (and as written only when that differs), periods as Spanish dates, and the file names and
// storage keys of the downloads. Pure: the pages, the open data and the PDF/xlsx share these words.
import { formatDate, formatIsoDay, startOfBogotaDay } from "../../shared/time.ts";
import {
  PLAN_CHANGE_FIELD_LABELS,
  type PlanStatus,
  type SnapshotChange,
  type SnapshotItem,
  type SnapshotResponsable,
} from "../plans/plans.types.ts";

export type DownloadKind = "pdf" | "xlsx" | "csv" | "json";
/** Rendered once per version by the job (or on first download) and kept in storage. */
export type StoredKind = "pdf" | "xlsx";
export type SnapshotPeriod = SnapshotItem["periods"][number];

export const DOWNLOAD_TYPES: Record<DownloadKind, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/** The route of each download, beside the plan's page (permissions.ts transparency.*). */
export const DOWNLOAD_PATHS: Record<DownloadKind, string> = {
  pdf: "plan.pdf",
  xlsx: "plan.xlsx",
  csv: "datos.csv",
  json: "datos.json",
};

/** «paac-2022-v1.pdf»: the slug never changes, so the name says which plan and version it is. */
export const downloadFileName = (slug: string, version: number, kind: DownloadKind) =>
  `${slug}-v${version}.${kind}`;

export const storageKeyOf = (planId: string, version: number, kind: StoredKind) =>
  `planes/publicaciones/${planId}/v${version}.${kind}`;

/** What the public is told about a plan's state: a closed year is said as such, anything else is in force. */
export const publicStatusLabel = (status: PlanStatus) =>
  status === "cerrado" ? "Vigencia cerrada" : "Vigente";

export const planPath = (slug: string) => `/transparencia/planes/${slug}`;
export const versionPath = (slug: string, version: number) => `${planPath(slug)}/version/${version}`;
export const downloadPath = (slug: string, kind: DownloadKind, version?: number) =>
  `${planPath(slug)}/${DOWNLOAD_PATHS[kind]}${version === undefined ? "" : `?version=${version}`}`;

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .toLowerCase();

/**
 * «Componente 3. Rendición de cuentas»; a text that already starts with the level's name («Componente 3:
 * Rendición…», as some files write it) is kept as it is rather than said twice.
 */
export function itemTitle(levelName: string, item: Pick<SnapshotItem, "code" | "text">): string {
  if (fold(item.text).startsWith(fold(levelName))) return item.text;
  return item.code ? `${levelName} ${item.code}. ${item.text}` : `${levelName}: ${item.text}`;
}

/**
 * «Actividad 1.1», the short name of a leaf (its text follows on its own); a matrix's tasks have no code,
 * so they are numbered by their place among their siblings («Tarea (cómo) 2»).
 */
export const itemLabel = (levelName: string, item: Pick<SnapshotItem, "code">, position?: number) =>
  item.code ? `${levelName} ${item.code}` : position ? `${levelName} ${position}` : levelName;

/** Every reconciled name, once, in the plan's order. */
export function reconciledNames(responsables: SnapshotResponsable[]): string[] {
  return [...new Set(responsables.flatMap((r) => r.names))];
}

/** The texts as the plan wrote them, once each. */
export const writtenTexts = (responsables: SnapshotResponsable[]) => [
  ...new Set(responsables.map((r) => r.written)),
];

/**
 * Whether the plan's own words say something the reconciled names do not («OPGI.» for «Oficina de
 * Planeación de Gestión Institucional – OPGI»); the same text up to accents, case and punctuation is not.
 */
export function writtenDiffers(responsables: SnapshotResponsable[]): boolean {
  const names = new Set(reconciledNames(responsables).map(fold));
  return writtenTexts(responsables).some((written) => !names.has(fold(written)));
}

/** «13 de enero de 2022» from an ISO day; the ISO text itself if it is not a calendar day. */
export function spanishDay(iso: string): string {
  const start = startOfBogotaDay(iso);
  return start ? formatDate(start) : iso;
}

/** The day as the office's spreadsheets print it: «13/01/2022». */
export const sheetDay = (iso: string | null) => (iso ? formatIsoDay(iso) : "");

/** A period in plain Spanish; an impossible date is said as written, never moved to a real one. */
export function describePeriod(period: SnapshotPeriod): { text: string; note: string | null } {
  const { start, end, written } = period;
  if (start && end)
    return {
      text: start === end ? `El ${spanishDay(start)}` : `Del ${spanishDay(start)} al ${spanishDay(end)}`,
      note: null,
    };
  if (written) {
    const known = start ? `Desde el ${spanishDay(start)}. ` : end ? `Hasta el ${spanishDay(end)}. ` : "";
    return {
      text: `${known}Como aparece en el plan: «${written}»`,
      note: "Esta fecha no existe en el calendario; se publica tal como la escribió la oficina.",
    };
  }
  if (start) return { text: `Desde el ${spanishDay(start)}`, note: null };
  if (end) return { text: `Hasta el ${spanishDay(end)}`, note: null };
  return { text: "Sin fecha", note: null };
}

export interface LeafPath {
  /** The leaf's ancestors, top first (none for a top-level item that holds only a note). */
  ancestors: SnapshotItem[];
  leaf: SnapshotItem;
}

/** Every item without children, with its ancestors, in the plan's order. */
export function leavesOf(items: SnapshotItem[], ancestors: SnapshotItem[] = []): LeafPath[] {
  return items.flatMap((item) =>
    item.children.length === 0 ? [{ ancestors, leaf: item }] : leavesOf(item.children, [...ancestors, item]),
  );
}

/** The item at each level along a leaf's path (a level the plan skips is undefined). */
export function levelsOf(path: LeafPath): [SnapshotItem?, SnapshotItem?, SnapshotItem?] {
  const byLevel: [SnapshotItem?, SnapshotItem?, SnapshotItem?] = [];
  for (const item of [...path.ancestors, path.leaf]) byLevel[item.level - 1] = item;
  return byLevel;
}

export const countLeaves = (items: SnapshotItem[]) => leavesOf(items).length;

/** The Spanish name of a changed field (the same words as the staff pages); an unknown one as stored. */
export const fieldLabel = (field: string) => PLAN_CHANGE_FIELD_LABELS[field] ?? field;

export const CHANGE_KIND_LABELS: Record<SnapshotChange["kind"], string> = {
  agregada: "Se agregó",
  modificada: "Se modificó",
  eliminada: "Se eliminó",
};

/**
 * The published change log: the adjustments made after the first version (the PAAC guide's «ajustes y
 * modificaciones»). What version 1 recorded while it was drafted is its first writing, not a change.
 */
export const publicChanges = (changes: SnapshotChange[]) => changes.filter((change) => change.version > 1);

/** Versions newest first, each with its changes. */
export function changesByVersion<V extends { number: number }>(versions: V[], changes: SnapshotChange[]) {
  const published = publicChanges(changes);
  return [...versions]
    .sort((a, b) => b.number - a.number)
    .map((version) => ({
      version,
      changes: published.filter((change) => change.version === version.number),
    }));
}
