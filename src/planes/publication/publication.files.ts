// The downloads of a published version. PDF and xlsx are rendered once per version into storage (by the
// job sent at publication, or by the first download that finds them missing); a version's snapshot never
// changes and its rendering is byte-for-byte repeatable, so a render racing another (on another instance)
// stores the same file. Within one process a render is never run twice at once. CSV and JSON are rendered
// on request and kept in a small memo (publication.service.ts).
import type { Readable } from "node:stream";
import type { Storage } from "../../core/storage/storage.types.ts";
import type { Db } from "../../db/client.ts";
import type { PlanSnapshot } from "../plans/plans.types.ts";
import { planXlsx } from "./publication.exports.ts";
import { singleFlight } from "./publication.memo.ts";
import { planPdf } from "./publication.pdf.ts";
import { findPublishedVersionById } from "./publication.repository.ts";
import {
  DOWNLOAD_TYPES,
  type DownloadKind,
  downloadFileName,
  type StoredKind,
  storageKeyOf,
} from "./publication.rules.ts";
import {
  findPublishedRef,
  loadPublishedPlan,
  openDataFile,
  openDataTag,
  type PublicConfig,
  type PublishedRef,
  planTag,
  publicLinks,
} from "./publication.service.ts";

/** Changes when the layout of the PDF or xlsx changes, so caches drop what an older release served. */
const FORMAT = "f1";

export interface Download {
  fileName: string;
  contentType: string;
  /** Stable for one version and format (a hash: no internal id), known before anything is read. */
  etag: string;
  /** The bytes, read or rendered only when asked: a 304 never needs them. */
  body: () => Promise<Buffer | Readable>;
}

function renderStored(snapshot: PlanSnapshot, kind: StoredKind, config: PublicConfig) {
  const links = publicLinks(config, snapshot);
  return kind === "pdf" ? planPdf(snapshot, links) : planXlsx(snapshot, links);
}

type VersionOf = Pick<PublishedRef, "planId" | "version">;
const rendering = new Map<string, Promise<Buffer>>();

/**
 * Renders a version's file and stores it unless one is there already (the job's, another instance's);
 * concurrent callers in this process share one rendering (seconds of CPU for a large plan).
 */
function renderOnce(
  storage: Storage,
  config: PublicConfig,
  version: VersionOf,
  kind: StoredKind,
  load: () => Promise<PlanSnapshot>,
): Promise<Buffer> {
  const key = storageKeyOf(version.planId, version.version, kind);
  return singleFlight(rendering, key, async () => {
    const rendered = await renderStored(await load(), kind, config);
    if (!(await storage.has(key))) await storage.put(key, rendered, { contentType: DOWNLOAD_TYPES[kind] });
    return rendered;
  });
}

/** A download of the plan with this slug: the given published version, or the latest. */
export async function publicationDownload(
  db: Db,
  storage: Storage,
  config: PublicConfig,
  input: { slug: string; kind: DownloadKind; version?: number },
): Promise<Download> {
  // Only which version it is: its snapshot is read if the bytes are needed and not at hand.
  const ref = await findPublishedRef(db, input.slug, input.version);
  const load = () => loadPublishedPlan(db, ref);
  const { kind } = input;
  const head = {
    fileName: downloadFileName(input.slug, ref.version, kind),
    contentType: DOWNLOAD_TYPES[kind],
  };
  if (kind === "csv" || kind === "json")
    return {
      ...head,
      etag: openDataTag(ref, config, kind),
      body: () => openDataFile(ref, config, kind, load),
    };
  return {
    ...head,
    etag: planTag(ref, config, [kind, FORMAT]),
    body: async () =>
      (await storage.get(storageKeyOf(ref.planId, ref.version, kind))) ??
      renderOnce(storage, config, ref, kind, async () => (await load()).snapshot),
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
    await renderOnce(storage, config, { planId, version }, kind, async () => found.snapshot);
    rendered.push(kind);
  }
  return rendered;
}
