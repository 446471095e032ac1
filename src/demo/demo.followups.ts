// Control interno's follow-up of one cut of a demo plan, through the same services as its pages: opened a
// few days after the cut, every activity of the cut verified over the following days (what planeación
// validated, now and then less, with OCI's observations), closed, some evidence made public, and published.
// The verifications alone are written in bulk (demo.repository.ts), the rows verifyActivity writes.
import { setEvidencePublic } from "../planes/evidence/evidence.service.ts";
import {
  closeFollowup,
  followupSheet,
  openFollowup,
  publishFollowup,
  type SheetActivity,
} from "../planes/followups/followups.service.ts";
import { expectedOfPeriod } from "../planes/progress/rollup.rules.ts";
import type { AuditContext } from "../shared/audit.ts";
import { hashOf } from "./demo.evidence.ts";
import { OCI_REALIZED, OCI_SAYS } from "./demo.progress.data.ts";
import { addDays, bogotaAt, type DemoPlan, ownWords, type ProgressSetting, pick } from "./demo.progress.ts";
import { insertVerifications } from "./demo.repository.ts";

export interface CutStory {
  cutOn: string;
  /** Bogotá days: opened, closed (verifications fall in between), published. */
  openOn: string;
  closeOn: string;
  publishOn: string;
  /** How many validated evidence files OCI makes public before publishing. */
  publicFiles: number;
}

const round5 = (n: number) => Math.round(n / 5) * 5;

/** What OCI records for one activity: the validated figure, or what it found where there is none. */
export function verificationOf(activity: SheetActivity, cutOn: string, componentCode: string) {
  const { leaf, reported } = activity;
  const key = `${componentCode}:${leaf.code ?? ""}`;
  const seed = hashOf(`${cutOn}|${key}`);
  const realizedOf = () =>
    ownWords(key, Number(cutOn.slice(0, 4))) ??
    `Producto verificado: ${leaf.product ?? leaf.meta ?? leaf.text}`;
  if (reported !== null) {
    if (seed % 11 === 4 && reported >= 60)
      return {
        verifiedPercent: Math.round((reported - (seed % 2 ? 20 : 10)) * 10) / 10,
        realized: realizedOf(),
        observations: pick(OCI_SAYS.lower, seed >>> 4),
      };
    return {
      verifiedPercent: Math.round(reported * 10) / 10,
      realized: realizedOf(),
      observations: reported >= 100 ? pick(OCI_SAYS.agrees, seed >>> 4) : pick(OCI_SAYS.partial, seed >>> 4),
    };
  }
  if (activity.reports.some((r) => r.status === "devuelto"))
    return { verifiedPercent: 0, realized: OCI_REALIZED.unreported, observations: OCI_SAYS.returned };
  const started = leaf.periods.filter((p) => (p.startsOn ?? p.endsOn ?? "9999") <= cutOn);
  if (started.some((p) => p.endsOn !== null && p.endsOn <= cutOn))
    return { verifiedPercent: 0, realized: OCI_REALIZED.unreported, observations: OCI_SAYS.unreported };
  // Still under way at the cut: OCI credits part of what the calendar expects by then.
  const expected =
    started.reduce((sum, p) => sum + (expectedOfPeriod(p, cutOn) ?? 0), 0) / Math.max(1, started.length);
  return {
    verifiedPercent: Math.min(100, round5(expected * (0.6 + (seed % 5) / 10))),
    realized: OCI_REALIZED.underWay,
    observations: pick(OCI_SAYS.underWay, seed >>> 4),
  };
}

/** The whole follow-up of one cut; returns its id. */
export async function runFollowup(s: ProgressSetting, oci: AuditContext, plan: DemoPlan, cut: CutStory) {
  const db = s.database.db;
  const followup = await openFollowup(db, bogotaAt(cut.openOn, 8, 30), oci, plan.id, cut.cutOn);
  const sheet = await followupSheet(db, followup.id, cut.openOn);
  const activities = sheet.groups.flatMap((group, index) =>
    group.parts.flatMap((part) =>
      part.activities.map((activity) => ({
        activity,
        componentCode: group.component.code ?? String(index + 1),
      })),
    ),
  );
  const days = Math.max(1, Math.round((Date.parse(cut.closeOn) - Date.parse(cut.openOn)) / 86_400_000));
  await insertVerifications(
    db,
    activities.map(({ activity, componentCode }, i) => ({
      planId: plan.id,
      followupId: followup.id,
      cutOn: cut.cutOn,
      itemId: activity.leaf.id,
      code: activity.leaf.code,
      ...verificationOf(activity, cut.cutOn, componentCode),
      verifiedBy: oci.actorId,
      at: bogotaAt(
        addDays(cut.openOn, Math.floor((i * days) / activities.length)),
        9 + (i % 8),
        (i * 7) % 60,
      ),
    })),
  );
  const closed = await closeFollowup(db, bogotaAt(cut.closeOn, 16), oci, followup.id, s.config.entity.name);
  if (!closed.ok) throw new Error(`demo follow-up ${cut.cutOn} left activities unverified`);
  const shown = activities
    .flatMap(({ activity }) => activity.evidence)
    .filter((e) => e.validated && !e.isPublic && /\.(pdf|png|jpe?g)$/i.test(e.fileName))
    .sort((a, b) => hashOf(a.sha256) - hashOf(b.sha256))
    .slice(0, cut.publicFiles);
  for (const [i, evidence] of shown.entries())
    await setEvidencePublic(db, bogotaAt(cut.closeOn, 16, 20 + i), oci, evidence.id, true);
  await publishFollowup(db, bogotaAt(cut.publishOn, 10), oci, followup.id);
  return followup.id;
}
