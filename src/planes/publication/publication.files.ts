// The downloads of a published version. PDF and xlsx are rendered once per version into storage (by the
// job sent at publication, or by the first download that finds them missing); a version's snapshot never
// changes and its rendering is byte-for-byte repeatable, so a render racing another (on another instance)
// stores the same file. Within one process a render is never run twice at once. CSV and JSON are rendered
// on request and kept in a small memo (publication.service.ts).
import type { Readable } from "node:stream";
import type { Storage } from "../../core/storage/storage.types.ts";
import type { Db } from "../../db/client.ts";
import type { PlanSnapshot } from "../plans/plans.types.ts";
import { singleFlight } from "./publication.memo.ts";
import { planPdf } from "./publication.pdf.ts";
import { findPublishedVersionById } from "./publication.repository.ts";
import {
  type ChangeKeys,
  DOWNLOAD_TYPES,
  type DownloadKind,
  downloadFileName,
  FILE_FORMAT,
  type StoredKind,
  storageKeyOf,
} from "./publication.rules.ts";
import {
  changeKeysOf,
  findPublishedRef,
  loadPublishedPlan,
  openDataFile,
  openDataTag,
  type PublicConfig,
  type PublishedRef,
  planTag,
  publicLinks,
} from "./publication.service.ts";
import { planXlsx } from "./publication.xlsx.ts";

export interface Download {
  fileName: string;
  contentType: string;
  /** Stable for one version and format (a hash: no internal id), known before anything is read. */
  etag: string;
  /** The bytes, read or rendered only when asked: a 304 never needs them. */
  body: () => Promise<Buffer | Readable>;
}

/** What a stored file is rendered from: the version's snapshot and the keys of its changes. */
interface Rendered {
  snapshot: PlanSnapshot;
  changeKeys: ChangeKeys;
}

function renderStored({ snapshot, changeKeys }: Rendered, kind: StoredKind, config: PublicConfig) {
  const links = publicLinks(config, snapshot);
  return kind === "pdf" ? planPdf(snapshot, links, changeKeys) : planXlsx(snapshot, links, changeKeys);
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
  load: () => Promise<Rendered>,
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
    etag: planTag(ref, config, [kind, FILE_FORMAT]),
    body: async () =>
      (await storage.get(storageKeyOf(ref.planId, ref.version, kind))) ??
      renderOnce(storage, config, ref, kind, load),
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
  const source = async () => ({
    snapshot: found.snapshot,
    changeKeys: await changeKeysOf(db, planId, found.snapshot),
  });
  for (const kind of ["pdf", "xlsx"] as const) {
    const key = storageKeyOf(planId, version, kind);
    if (await storage.has(key)) continue;
    await renderOnce(storage, config, { planId, version }, kind, source);
    rendered.push(kind);
  }
  return rendered;
}
