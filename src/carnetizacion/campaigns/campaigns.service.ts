// Campaigns (Circular 002): SSI opens a campaign with a deadline and closes it; while it is open each
// dependencia's liaison sends its three lists (receiving, checking and applying them is lists.service.ts).
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { notFound } from "../../shared/errors.ts";
import * as repo from "./campaigns.repository.ts";

export {
  type Applied,
  applySubmission,
  type ListInput,
  recordFileDownload,
  submitList,
  viewSubmission,
} from "./lists.service.ts";

export const findCampaign = repo.findCampaign;
export const listCampaigns = repo.listCampaigns;
export const findOpenCampaigns = repo.findOpenCampaigns;
export const listSubmissionsOf = repo.listSubmissionsOf;
export const latestCampaign = repo.findLatestCampaign;

export async function openCampaign(
  db: Db,
  at: Date,
  audit: AuditContext,
  input: { name: string; deadline: Date; reminderDays: number },
) {
  const campaign = await repo.insertCampaign(db, { ...input, createdBy: audit.actorId, createdAt: at });
  await recordAudit(db, at, audit, {
    action: "campaign.opened",
    targetType: "campaign",
    targetId: campaign.id,
  });
  return campaign;
}

export async function closeCampaign(db: Db, at: Date, audit: AuditContext, id: string) {
  const campaign = await repo.findCampaign(db, id);
  if (!campaign) throw notFound("La campaña");
  if (campaign.state === "cerrada") return;
  await repo.updateCampaign(db, id, { state: "cerrada", closedAt: at });
  await recordAudit(db, at, audit, { action: "campaign.closed", targetType: "campaign", targetId: id });
}

/** Campaigns as the options of a filter. */
export async function campaignOptions(db: Db) {
  return (await repo.listCampaigns(db)).map((campaign) => ({ value: campaign.id, label: campaign.name }));
}

/** When a campaign was open: the photos sent and cards requested in it. Undefined for an unknown id. */
export async function campaignRange(db: Db, id: string | undefined) {
  const campaign = id ? await repo.findCampaign(db, id) : undefined;
  return campaign && { id: campaign.id, from: campaign.createdAt, to: campaign.closedAt ?? undefined };
}
