// The public side of OCI's follow-ups («Transparencia»): the published follow-ups of a plan (listed on its
// public page), one follow-up by its cut, and its report files. Only a published follow-up is ever shown,
// read from the report frozen at closing; nothing names a person. A published report never changes, so its
// files are rendered once and kept in a small memo (a cache: losing it costs a render).
import { createHash } from "node:crypto";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { AppError } from "../../shared/errors.ts";
import { bogotaDay } from "../../shared/time.ts";
import { XLSX_TYPE } from "../../shared/xlsx.ts";
import { RecentlyUsed } from "../publication/publication.memo.ts";
import { followupPdf } from "./followups.pdf.ts";
import * as repo from "./followups.repository.ts";
import { publishedLate } from "./followups.rules.ts";
import { reportToExport } from "./followups.service.ts";
import type { FollowupEvidence, FollowupReport, PublicFollowupSummary } from "./followups.types.ts";
import { followupXlsx } from "./followups.xlsx.ts";

export type ReportFormat = "xlsx" | "pdf";

/** The same answer for an unknown plan, an unknown cut and a follow-up not yet published. */
export const followupNotFound = () =>
  new AppError(
    "transparency.followup_not_found",
    404,
    "Ese informe de seguimiento no existe o todavía no está publicado. Vea los planes publicados en la sección Transparencia.",
  );

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

interface PublishedRef {
  id: string;
  cutOn: string;
  dueOn: string;
  publishedAt: Date;
}

const summaryOf = (
  ref: Omit<PublishedRef, "id">,
  figures: Pick<FollowupReport, "periodLabel" | "score" | "zone">,
): PublicFollowupSummary => ({
  cutOn: ref.cutOn,
  periodLabel: figures.periodLabel,
  dueOn: ref.dueOn,
  publishedAt: ref.publishedAt.toISOString(),
  late: publishedLate(bogotaDay(ref.publishedAt), ref.dueOn),
  score: figures.score,
  zone: figures.zone,
});

/** The published follow-ups of a plan, by cut: what its public page lists (their reports are not read). */
export async function publishedFollowups(db: Db, planId: string): Promise<PublicFollowupSummary[]> {
  const rows = await repo.listPublishedSummaries(db, planId);
  return rows.flatMap(({ publishedAt, ...row }) =>
    publishedAt ? [summaryOf({ ...row, publishedAt }, row)] : [],
  );
}

/** A tag part for the plan's public page: changes when a follow-up of the plan is published. */
export const followupsTag = (list: readonly PublicFollowupSummary[]) =>
  list.map((f) => `${f.cutOn}@${f.publishedAt}`).join(",");

export interface PublicFollowup {
  followupId: string;
  slug: string;
  summary: PublicFollowupSummary;
  report: FollowupReport;
  /** Evidence OCI made public, as of now (it may mark more after the publication). */
  publicEvidence: FollowupEvidence[];
}

/** A published follow-up of a published plan, without its report; the Spanish 404 otherwise. */
async function publishedRef(db: Db, slug: string, cutOn: string | undefined): Promise<PublishedRef> {
  if (!cutOn || !SLUG.test(slug)) throw followupNotFound();
  const row = await repo.findPublishedFollowup(db, slug, cutOn);
  if (!row?.publishedAt) throw followupNotFound();
  return { id: row.id, cutOn: row.cutOn, dueOn: row.dueOn, publishedAt: row.publishedAt };
}

async function reportOf(db: Db, id: string) {
  const report = await repo.findReport(db, id);
  if (!report) throw followupNotFound();
  return report;
}

/** A published follow-up by the plan's public address and its cut ("YYYY-MM-DD"). */
export async function publicFollowup(
  db: Db,
  slug: string,
  cutOn: string | undefined,
): Promise<PublicFollowup> {
  const ref = await publishedRef(db, slug, cutOn);
  const report = await reportOf(db, ref.id);
  const shown = await repo.publicEvidenceIds(
    db,
    report.evidence.map((e) => e.id),
  );
  return {
    followupId: ref.id,
    slug,
    summary: summaryOf(ref, report),
    report,
    publicEvidence: report.evidence.filter((e) => shown.has(e.id)).map((e) => ({ ...e, isPublic: true })),
  };
}

export interface ReportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<ReportFormat, string> = { xlsx: XLSX_TYPE, pdf: "application/pdf" };

const fileName = (report: FollowupReport, format: ReportFormat, draft: boolean) =>
  `seguimiento-${report.plan.slug}-${report.cutOn}${draft ? "-borrador" : ""}.${format}`;

const render = (report: FollowupReport, format: ReportFormat, draft: boolean) =>
  format === "xlsx" ? followupXlsx(report, draft) : followupPdf(report, draft);

// Published reports' files by follow-up, publication and format: a few, bounded in bytes.
const publishedFiles = new RecentlyUsed<Buffer>(12, 24_000_000, (body) => body.length);

export interface PublicReportFile extends Omit<ReportFile, "body"> {
  etag: string;
  /** The bytes: from the memo, or rendered from the frozen report (a 304 never calls it). */
  body: () => Promise<Buffer>;
}

/**
 * A published report's file for the public; the follow-up must be published. Its tag is known from the
 * follow-up's row alone (a published report never changes), so a revalidation renders nothing.
 */
export async function publicReportFile(
  db: Db,
  slug: string,
  cutOn: string | undefined,
  format: ReportFormat,
): Promise<PublicReportFile> {
  const ref = await publishedRef(db, slug, cutOn);
  const key = `${ref.id}:${ref.publishedAt.toISOString()}:${format}`;
  return {
    fileName: `seguimiento-${slug}-${ref.cutOn}.${format}`,
    contentType: CONTENT_TYPES[format],
    etag: `"${createHash("sha256").update(key).digest("base64url").slice(0, 27)}"`,
    body: () =>
      publishedFiles.rememberOnce(key, async () => render(await reportOf(db, ref.id), format, false)),
  };
}

/** A staff download of the report (a draft while the follow-up is open), audited. */
export async function staffReportFile(
  db: Db,
  at: Date,
  audit: AuditContext,
  followupId: string,
  format: ReportFormat,
  entity: string,
): Promise<ReportFile> {
  const { followup, report, draft } = await reportToExport(db, followupId, at, entity);
  const body = await render(report, format, draft);
  await recordAudit(db, at, audit, {
    action: "plan_followup.exported",
    targetType: "plan_followup",
    targetId: followup.id,
    details: { format, cutOn: followup.cutOn, draft },
  });
  return { fileName: fileName(report, format, draft), contentType: CONTENT_TYPES[format], body };
}
