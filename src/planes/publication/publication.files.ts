// The downloads of a published version. PDF and xlsx are rendered once per version into storage (by the
// job sent at publication, or by the first download that finds them missing); a version's snapshot never
// changes and its rendering is byte-for-byte repeatable, so a render racing another stores the same file.
// CSV and JSON are cheap: rendered on every request.
import type { Readable } from "node:stream";
import type { Config } from "../../config.ts";
import type { Storage } from "../../core/storage/storage.types.ts";
import type { Db } from "../../db/client.ts";
import { planCsv, planJson, planXlsx } from "./publication.exports.ts";
import { planPdf } from "./publication.pdf.ts";
import { findPublishedVersionById } from "./publication.repository.ts";
import {
  DOWNLOAD_TYPES,
  type DownloadKind,
  downloadFileName,
  type StoredKind,
  storageKeyOf,
} from "./publication.rules.ts";
import { findPublishedPlan, type PublishedPlan, publicLinks } from "./publication.service.ts";

type PublicConfig = Pick<Config, "publicBaseUrl" | "entity">;

/** Changes when the layout of the files changes, so caches drop what an older release served. */
const FORMAT = "f1";

export interface Download {
  fileName: string;
  contentType: string;
  body: Buffer | Readable;
  /** Stable for one version and format: the bytes never change. */
  etag: string;
}

function renderStored(plan: Pick<PublishedPlan, "snapshot">, kind: StoredKind, config: PublicConfig) {
  const links = publicLinks(config, plan.snapshot);
  return kind === "pdf" ? planPdf(plan.snapshot, links) : planXlsx(plan.snapshot, links);
}

/** The stored file, or a fresh rendering stored before it is served. */
async function storedFile(
  storage: Storage,
  config: PublicConfig,
  plan: Pick<PublishedPlan, "planId" | "snapshot">,
  kind: StoredKind,
): Promise<Buffer | Readable> {
  const key = storageKeyOf(plan.planId, plan.snapshot.version, kind);
  const stored = await storage.get(key);
  if (stored) return stored;
  const rendered = await renderStored(plan, kind, config);
  await storage.put(key, rendered, { contentType: DOWNLOAD_TYPES[kind] });
  return rendered;
}

/** A download of the plan with this slug: the given published version, or the latest. */
export async function publicationDownload(
  db: Db,
  storage: Storage,
  config: PublicConfig,
  input: { slug: string; kind: DownloadKind; version?: number },
): Promise<Download> {
  const plan = await findPublishedPlan(db, input.slug, input.version);
  const { snapshot } = plan;
  const { kind } = input;
  const body =
    kind === "csv"
      ? planCsv(snapshot)
      : kind === "json"
        ? planJson(snapshot, plan.status, publicLinks(config, snapshot))
        : await storedFile(storage, config, plan, kind);
  // The JSON says whether the year is closed: its tag changes with the plan's state.
  const state = kind === "json" ? `-${plan.status === "cerrado" ? "c" : "v"}` : "";
  return {
    fileName: downloadFileName(snapshot.slug, snapshot.version, kind),
    contentType: DOWNLOAD_TYPES[kind],
    body,
    etag: `"${FORMAT}-${plan.planId}-v${snapshot.version}-${kind}${state}"`,
  };
}

/**
 * What the job does after a publication: the version's PDF and xlsx into storage, each only if missing.
 * Nothing when the version is not (or no longer) published.
 */
export async function renderPublicationFiles(
  db: Db,
  storage: Storage,
  config: PublicConfig,
  planId: string,
  version: number,
): Promise<StoredKind[]> {
  const found = await findPublishedVersionById(db, planId, version);
  if (!found) return [];
  const rendered: StoredKind[] = [];
  for (const kind of ["pdf", "xlsx"] as const) {
    const key = storageKeyOf(planId, version, kind);
    if (await storage.has(key)) continue;
    await storage.put(key, await renderStored(found, kind, config), { contentType: DOWNLOAD_TYPES[kind] });
    rendered.push(kind);
  }
  return rendered;
}
