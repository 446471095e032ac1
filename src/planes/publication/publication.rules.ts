// How a published snapshot reads to the public: headings with the type's level names, responsables as
// reconciled (and as written only when that differs), periods as Spanish dates, and the file names and
// storage keys of the downloads. Pure: the pages, the open data and the PDF/xlsx share these words.
import { bogotaDay, formatDate, formatIsoDay, startOfBogotaDay } from "../../shared/time.ts";
import { countOf } from "../../shared/words.ts";
import {
  PLAN_CHANGE_FIELD_LABELS,
  type PlanSnapshot,
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

/**
 * The layout of the stored PDF and xlsx: part of their storage key and tag, so a release that changes the
 * layout renders every version again instead of serving the files an older release stored (f2: the xlsx in
 * the importer's layout, the change log with each change's component, the tagged PDF).
 */
export const FILE_FORMAT = "f2";

export const storageKeyOf = (planId: string, version: number, kind: StoredKind) =>
  `planes/publicaciones/${planId}/v${version}-${FILE_FORMAT}.${kind}`;

/** The year it is in Bogotá at that instant. */
export const bogotaYear = (now: Date) => Number(bogotaDay(now).slice(0, 4));

/**
 * What the public is told about the latest published version of a plan: a closed plan says so; a plan
 * still published after its year ended is not said to be current («Vigente» beside a 2022 plan in 2026 read
 * as if it were still in force); otherwise it is the version in force.
 */
export function publicStatusLabel(plan: { status: PlanStatus; year: number }, currentYear: number): string {
  if (plan.status === "cerrado") return "Vigencia cerrada";
  if (plan.year < currentYear) return `Vigencia ${plan.year} terminada`;
  return "Versión vigente";
}

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

/** A Spanish plural of a level's first word: «actividad» → «actividades», «acción» → «acciones». */
function pluralWord(word: string): string {
  if (/[aeiouáéó]$/i.test(word)) return `${word}s`;
  if (/ión$/i.test(word)) return `${word.slice(0, -3)}iones`;
  if (/z$/i.test(word)) return `${word.slice(0, -1)}ces`;
  return `${word}es`;
}

/** «15 actividades», «1 tarea (cómo)»: a count with the type's own name for its leaves. */
export function countOfLeaves(levelName: string, count: number): string {
  const singular = levelName.charAt(0).toLowerCase() + levelName.slice(1);
  const [word = "", ...rest] = singular.split(" ");
  return countOf(count, singular, [pluralWord(word), ...rest].join(" "));
}

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
export const publicChanges = <C extends SnapshotChange>(changes: C[]) =>
  changes.filter((change) => change.version > 1);

/** Versions newest first, each with its changes. */
export function changesByVersion<V extends { number: number }, C extends SnapshotChange>(
  versions: V[],
  changes: C[],
) {
  const published = publicChanges(changes);
  return [...versions]
    .sort((a, b) => b.number - a.number)
    .map((version) => ({
      version,
      changes: published.filter((change) => change.version === version.number),
    }));
}

/** For each change of a snapshot, in its order, the key of the item it concerns when known. */
export type ChangeKeys = readonly (string | undefined)[];

/** A change with where it happened in the plan («Componente 3 · 2.2»): codes repeat from one component to the next. */
export interface PlacedChange extends SnapshotChange {
  place: string;
}

/** The component's number in a PAAC key («c3», «c3~2» when the plan repeated it); a matrix's keys have none. */
const COMPONENT_PART = /^c(\d+)(?:~\d+)?$/;

/**
 * «Componente 3 · 2.2» for an activity of a PAAC («c3/s2/2.2», «c6/-/1»), «Componente 3 · Subcomponente 2»
 * for a subcomponent, «Componente 3» for the component; just the code when the key names no component.
 */
export function changePlace(
  code: string | null,
  key: string | undefined,
  levelNames: readonly [string, string, string],
): string {
  const parts = key?.split("/") ?? [];
  const component = COMPONENT_PART.exec(parts[0] ?? "")?.[1];
  if (!component) return code ?? "";
  const top = `${levelNames[0]} ${component}`;
  if (parts.length === 1) return top;
  if (parts.length === 2) return `${top} · ${levelNames[1]}${code ? ` ${code}` : ""}`;
  return code ? `${top} · ${code}` : top;
}

/**
 * The stored key of each change (plan_changes.item_key), matched to the snapshot's changes by what they say
 * and when they were made; two rows alike are taken in order.
 */
export function matchChangeKeys(
  changes: readonly SnapshotChange[],
  stored: readonly (Pick<SnapshotChange, "version" | "kind" | "code" | "label" | "at"> & { key: string })[],
): ChangeKeys {
  const signature = (c: Pick<SnapshotChange, "version" | "kind" | "code" | "label" | "at">) =>
    JSON.stringify([c.version, c.kind, c.code, c.label, c.at]);
  const queues = new Map<string, string[]>();
  for (const row of stored) {
    const queue = queues.get(signature(row)) ?? [];
    queue.push(row.key);
    queues.set(signature(row), queue);
  }
  return changes.map((change) => queues.get(signature(change))?.shift());
}

/**
 * Each change with its place. The key comes from `keys` when known, else from the one item of the snapshot
 * with the same code and text (an item removed is no longer in it: then only its code is said).
 */
export function placeChanges(
  snapshot: Pick<PlanSnapshot, "items" | "changes" | "type">,
  keys: ChangeKeys = [],
): PlacedChange[] {
  const byContent = new Map<string, string[]>();
  const visit = (items: SnapshotItem[]) => {
    for (const item of items) {
      const id = `${item.code ?? ""}\n${item.text}`;
      byContent.set(id, [...(byContent.get(id) ?? []), item.key]);
      visit(item.children);
    }
  };
  visit(snapshot.items);
  return snapshot.changes.map((change, at) => {
    const found = byContent.get(`${change.code ?? ""}\n${change.label}`);
    const key = keys[at] ?? (found?.length === 1 ? found[0] : undefined);
    return { ...change, place: changePlace(change.code, key, snapshot.type.levelNames) };
  });
}

/** «Se modificó Componente 3 · 2.2 «Socializar…»»: what a change did and to what. */
export const changeHeadline = (change: PlacedChange) =>
  `${CHANGE_KIND_LABELS[change.kind]} ${change.place ? `${change.place} ` : ""}«${change.label}»`;
