// The public «Transparencia» section: published plans read from the snapshots frozen at publication
// (never from the working tables, so a borrador never shows), grouped for the public, and their
// downloads. Ley 1712 de 2014 art. 9 and Res. 1519 de 2020 Anexo 2; no login, no personal data.
import { createHash } from "node:crypto";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../shared/errors.ts";
import type { PlanSnapshot, PlanStatus } from "../plans/plans.types.ts";
import { examplePlanSnapshots } from "./publication.example.ts";
import { documentedFields, type PublicLinks, planCsv, planJson } from "./publication.exports.ts";
import { RecentlyUsed } from "./publication.memo.ts";
import {
  findPublishedSnapshot,
  findPublishedVersionRef,
  listChangeKeys,
  listLatestPublished,
  listPlanTypes,
  type PublishedPlanRow,
} from "./publication.repository.ts";
import { type ChangeKeys, matchChangeKeys, publicStatusLabel, versionPath } from "./publication.rules.ts";

/** Unknown, unpublished and malformed addresses all get the same answer: nothing says a draft exists. */
export const planNotFound = () =>
  new AppError(
    "transparency.not_found",
    404,
    "Ese plan no existe o todavía no está publicado. Vea los planes publicados en la sección Transparencia.",
  );

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** «12», not «12abc» nor «0»: anything else is no version. */
export function parseVersionNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^[1-9]\d{0,5}$/.test(text)) return undefined;
  return Number(text);
}

/** Which published version is asked for, without its snapshot (MBs for a large plan): enough to tag it. */
export interface PublishedRef {
  planId: string;
  status: PlanStatus;
  version: number;
  /** The version in force: the highest published one. */
  latestNumber: number;
  isLatest: boolean;
}

export interface PublishedPlan extends PublishedRef {
  snapshot: PlanSnapshot;
  /** The item key of each of the snapshot's changes, where known: the pages say in which component it was. */
  changeKeys: ChangeKeys;
}

/** A published version (the given number, or the latest), or the Spanish 404; its snapshot is not read. */
export async function findPublishedRef(db: Db, slug: string, number?: number): Promise<PublishedRef> {
  if (!SLUG.test(slug)) throw planNotFound();
  const found = await findPublishedVersionRef(db, slug, number);
  if (!found) throw planNotFound();
  const { planId, status, latestNumber } = found;
  return { planId, status, version: found.number, latestNumber, isLatest: found.number === latestNumber };
}

/**
 * The keys of a snapshot's changes, from the change log rows it was built from (fixed once its version is
 * published, like the snapshot): codes repeat from one component to the next, keys say which component.
 */
export async function changeKeysOf(db: Db, planId: string, snapshot: PlanSnapshot): Promise<ChangeKeys> {
  if (!snapshot.changes.some((change) => change.version > 1)) return [];
  return matchChangeKeys(snapshot.changes, await listChangeKeys(db, planId, snapshot.version));
}

/** The version's snapshot, which never changes once published, and the keys of its changes. */
export async function loadPublishedPlan(db: Db, ref: PublishedRef): Promise<PublishedPlan> {
  const snapshot = await findPublishedSnapshot(db, ref.planId, ref.version);
  if (!snapshot) throw planNotFound();
  return { ...ref, snapshot, changeKeys: await changeKeysOf(db, ref.planId, snapshot) };
}

export interface PlanListEntry {
  slug: string;
  title: string;
  version: number;
  publishedAt: Date | null;
  statusLabel: string;
  closed: boolean;
}

export interface PlanListing {
  groups: { year: number; types: { key: string; name: string; plans: PlanListEntry[] }[] }[];
  /** What the filters offer: every year that has a published plan, every type of plan. */
  years: number[];
  types: { key: string; name: string }[];
  total: number;
  /** The type filtered by, when it is one, and how many plans of it are published in all (any year). */
  type?: { key: string; name: string; published: number };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "es");

function typesOf(rows: PublishedPlanRow[]) {
  const types = new Map<string, { key: string; name: string; order: number }>();
  for (const row of rows)
    if (!types.has(row.typeKey))
      types.set(row.typeKey, { key: row.typeKey, name: row.typeName, order: row.typeOrder });
  return [...types.values()].sort((a, b) => a.order - b.order || byName(a, b));
}

/**
 * Published plans by year (newest first) and type (in the types' order), optionally filtered; a type key
 * that is no type filters nothing. `currentYear` (Bogotá) tells a plan whose year is over.
 */
export async function listPublishedPlans(
  db: Db,
  filters: { year?: number; type?: string },
  currentYear: number,
): Promise<PlanListing> {
  const [rows, allTypes] = await Promise.all([listLatestPublished(db), listPlanTypes(db)]);
  const chosen = allTypes.find((type) => type.key === filters.type);
  const types = typesOf(rows);
  const years = [...new Set(rows.map((row) => row.year))].sort((a, b) => b - a);
  const shown = rows.filter(
    (row) =>
      (filters.year === undefined || row.year === filters.year) &&
      (chosen === undefined || row.typeKey === chosen.key),
  );
  const groups = years
    .filter((year) => shown.some((row) => row.year === year))
    .map((year) => ({
      year,
      types: types
        .map((type) => ({
          key: type.key,
          name: type.name,
          plans: shown
            .filter((row) => row.year === year && row.typeKey === type.key)
            .sort((a, b) => a.title.localeCompare(b.title, "es"))
            .map((row) => ({
              slug: row.slug,
              title: row.title,
              version: row.number,
              publishedAt: row.publishedAt,
              statusLabel: publicStatusLabel(row, currentYear),
              closed: row.status === "cerrado",
            })),
        }))
        .filter((type) => type.plans.length > 0),
    }));
  return {
    groups,
    years,
    types: allTypes,
    total: shown.length,
    type: chosen && { ...chosen, published: rows.filter((row) => row.typeKey === chosen.key).length },
  };
}

/** The addresses the files point back to, from the public base URL. */
export function publicLinks(
  config: { publicBaseUrl: string; entity: { name: string } },
  snapshot: Pick<PlanSnapshot, "slug" | "version">,
): PublicLinks {
  return {
    entityName: config.entity.name,
    schemaUrl: `${config.publicBaseUrl}/transparencia/datos-abiertos`,
    planUrl: `${config.publicBaseUrl}${versionPath(snapshot.slug, snapshot.version)}`,
  };
}

/** What the public pages and files read from the configuration. */
export type PublicConfig = Pick<Config, "publicBaseUrl" | "entity">;

/**
 * Bump when a page or file changes in a way the example plan does not show: the tags (and the memos keyed
 * by them) then change with the release, so no browser keeps an older layout.
 */
const TAG_FORMAT = "t2";

/**
 * A strong ETag from what decides the bytes, known before anything is rendered (a published version is
 * immutable): a hash, so the plan's internal id is never shown. The same on every instance.
 */
export function planTag(ref: PublishedRef, config: PublicConfig, parts: (string | number)[]): string {
  const input = [TAG_FORMAT, ref.planId, ref.version, config.publicBaseUrl, config.entity, ...parts];
  return `"${createHash("sha256").update(JSON.stringify(input)).digest("base64url").slice(0, 27)}"`;
}

let dataFingerprint: string | undefined;

/**
 * A hash of the open data rendered for the example plan: a release that changes the CSV or JSON layout
 * changes every open-data tag by itself, even when nobody bumps TAG_FORMAT.
 */
function openDataFingerprint(): string {
  if (dataFingerprint) return dataFingerprint;
  const [, example] = examplePlanSnapshots();
  const links = { entityName: "E", schemaUrl: "https://e/s", planUrl: "https://e/p" };
  dataFingerprint = createHash("sha256")
    .update(planCsv(example))
    .update(planJson(example, "cerrado", links))
    .digest("base64url")
    .slice(0, 12);
  return dataFingerprint;
}

/** The tag of a version's CSV or JSON; the JSON says whether the year is closed, so it follows the state. */
export const openDataTag = (ref: PublishedRef, config: PublicConfig, kind: "csv" | "json") =>
  planTag(ref, config, [kind, openDataFingerprint(), kind === "json" ? ref.status : ""]);

// CSV and JSON are rendered from the snapshot on request (2,000 activities take a while): the latest few
// are kept, so repeated downloads and the page's size hints render them once.
const openData = new RecentlyUsed<Buffer>(20, 32_000_000, (body) => body.length);

/** A version's CSV or JSON, from the memo when it was rendered lately (else the snapshot is loaded). */
export function openDataFile(
  ref: PublishedRef,
  config: PublicConfig,
  kind: "csv" | "json",
  load: () => Promise<PublishedPlan>,
): Promise<Buffer> {
  return openData.rememberOnce(openDataTag(ref, config, kind), async () => {
    const { snapshot } = await load();
    // The state the tag was made with, even if the plan was closed meanwhile.
    return kind === "csv" ? planCsv(snapshot) : planJson(snapshot, ref.status, publicLinks(config, snapshot));
  });
}

// The sizes outlive the files in the memo: two numbers per version and state, cleared at 200.
const knownSizes = new Map<string, { csv: number; json: number }>();

/** Sizes of the files rendered on the fly; the stored ones (PDF, xlsx) are not read to measure them. */
export async function openDataSizes(plan: PublishedPlan, config: PublicConfig) {
  const key = openDataTag(plan, config, "json");
  let sizes = knownSizes.get(key);
  if (!sizes) {
    const load = async () => plan;
    const csv = await openDataFile(plan, config, "csv", load);
    const json = await openDataFile(plan, config, "json", load);
    sizes = { csv: csv.length, json: json.length };
    if (knownSizes.size >= 200) knownSizes.clear();
    knownSizes.set(key, sizes);
  }
  return sizes;
}

/**
 * The example the open-data page shows: a few rows of the CSV, the start of the JSON, and every documented
 * field with its value in those very files.
 */
export function openDataExample(config: { publicBaseUrl: string; entity: { name: string } }) {
  const [, example] = examplePlanSnapshots();
  const links = publicLinks(config, example);
  const csvLines = planCsv(example)
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .split("\r\n");
  const json = planJson(example, "publicado", links).toString("utf8");
  return {
    csv: csvLines.slice(0, 4).join("\n"),
    json: `${json.split("\n").slice(0, 40).join("\n")}\n…`,
    fields: documentedFields(example, links),
  };
}
