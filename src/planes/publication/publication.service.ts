// The public «Transparencia» section: published plans read from the snapshots frozen at publication
// (never from the working tables, so a borrador never shows), grouped for the public, and their
// downloads. Ley 1712 de 2014 art. 9 and Res. 1519 de 2020 Anexo 2; no login, no personal data.
import type { Db } from "../../db/client.ts";
import { AppError } from "../../shared/errors.ts";
import type { PlanSnapshot, PlanStatus } from "../plans/plans.types.ts";
import { examplePlanSnapshots } from "./publication.example.ts";
import { type PublicLinks, planCsv, planJson } from "./publication.exports.ts";
import {
  findLatestPublishedNumber,
  findPublishedVersion,
  listLatestPublished,
  type PublishedPlanRow,
} from "./publication.repository.ts";
import { publicStatusLabel, versionPath } from "./publication.rules.ts";

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

export interface PublishedPlan {
  planId: string;
  status: PlanStatus;
  snapshot: PlanSnapshot;
  /** The version in force: the highest published one. */
  latestNumber: number;
  isLatest: boolean;
}

/** A published version (the given number, or the latest), or the Spanish 404. */
export async function findPublishedPlan(db: Db, slug: string, number?: number): Promise<PublishedPlan> {
  if (!SLUG.test(slug)) throw planNotFound();
  const found = await findPublishedVersion(db, slug, number);
  if (!found) throw planNotFound();
  const latestNumber = (await findLatestPublishedNumber(db, found.planId)) ?? found.number;
  return {
    planId: found.planId,
    status: found.status,
    snapshot: found.snapshot,
    latestNumber,
    isLatest: found.number === latestNumber,
  };
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
  /** What the filters offer: every year and type that has a published plan. */
  years: number[];
  types: { key: string; name: string }[];
  total: number;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "es");

function typesOf(rows: PublishedPlanRow[]) {
  const types = new Map<string, { key: string; name: string; order: number }>();
  for (const row of rows)
    if (!types.has(row.typeKey))
      types.set(row.typeKey, { key: row.typeKey, name: row.typeName, order: row.typeOrder });
  return [...types.values()].sort((a, b) => a.order - b.order || byName(a, b));
}

/** Published plans by year (newest first) and type (in the types' order), optionally filtered. */
export async function listPublishedPlans(
  db: Db,
  filters: { year?: number; type?: string } = {},
): Promise<PlanListing> {
  const rows = await listLatestPublished(db);
  const types = typesOf(rows);
  const years = [...new Set(rows.map((row) => row.year))].sort((a, b) => b - a);
  const shown = rows.filter(
    (row) =>
      (filters.year === undefined || row.year === filters.year) &&
      (filters.type === undefined || row.typeKey === filters.type),
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
              statusLabel: publicStatusLabel(row.status),
              closed: row.status === "cerrado",
            })),
        }))
        .filter((type) => type.plans.length > 0),
    }));
  return { groups, years, types: types.map(({ key, name }) => ({ key, name })), total: shown.length };
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

// A version's files never change (the JSON only with the plan's state): their sizes are measured once per
// process. A derived value of immutable data, not state: any instance computes the same.
const knownSizes = new Map<string, { csv: number; json: number }>();

/** Sizes of the files rendered on the fly; the stored ones (PDF, xlsx) are not read to measure them. */
export function openDataSizes(plan: PublishedPlan, links: PublicLinks): { csv: number; json: number } {
  const key = `${plan.planId}:${plan.snapshot.version}:${plan.status}:${links.schemaUrl}`;
  let sizes = knownSizes.get(key);
  if (!sizes) {
    sizes = {
      csv: planCsv(plan.snapshot).length,
      json: planJson(plan.snapshot, plan.status, links).length,
    };
    if (knownSizes.size >= 200) knownSizes.clear();
    knownSizes.set(key, sizes);
  }
  return sizes;
}

/** The example the open-data page shows: a few rows of the CSV and the start of the JSON. */
export function openDataExample(config: { publicBaseUrl: string; entity: { name: string } }) {
  const [, example] = examplePlanSnapshots();
  const links = publicLinks(config, example);
  const csvLines = planCsv(example)
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .split("\r\n");
  const json = planJson(example, "publicado", links).toString("utf8");
  return { csv: csvLines.slice(0, 4).join("\n"), json: `${json.split("\n").slice(0, 40).join("\n")}\n…` };
}
