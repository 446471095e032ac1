// Following a campaign: which dependencias sent which lists (and when), who is late, the consolidated
// lists for SSI, and the reminder e-mails to liaisons who have not sent (one message per liaison).

import type { Config } from "../../config.ts";
import { activeDependencias } from "../../core/dependencias/dependencias.service.ts";
import { queueEmail } from "../../core/mail/mail.service.ts";
import { findActiveWithRole } from "../../core/people/people.service.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { bogotaDay, formatDateTime } from "../../shared/time.ts";
import { pluralize } from "../../shared/words.ts";
import { writeSheet } from "../../shared/xlsx.ts";
import { listTitle } from "../lists/lists.sheets.ts";
import { TYPED_COLUMNS } from "../lists/lists.typed.ts";
import * as repo from "./campaigns.repository.ts";
import type { Campaign, ListKind } from "./campaigns.table.ts";

export const LIST_KINDS: ListKind[] = ["desvinculados", "contratistas", "cintas"];

export interface DashboardCell {
  sentAt: Date | undefined;
  people: number;
  late: boolean;
}

export interface CampaignDashboardRow {
  dependenciaId: string;
  dependencia: string;
  lists: Record<ListKind, DashboardCell>;
}

/** Per dependencia and list: when it was applied (the latest time), how many people, and whether it is late. */
export async function campaignDashboard(db: Db, at: Date, campaign: Campaign) {
  const applied = await repo.listSubmissionsOf(db, { campaignId: campaign.id, state: "aplicada" });
  const overdue = at > campaign.deadline;
  const rows: CampaignDashboardRow[] = (await activeDependencias(db)).map((d) => {
    const lists = Object.fromEntries(
      LIST_KINDS.map((kind) => {
        const sent = applied.filter((s) => s.dependenciaId === d.id && s.kind === kind);
        const cell: DashboardCell = {
          sentAt: sent[0]?.appliedAt ?? undefined,
          people: sent.reduce((sum, s) => sum + s.rowCount, 0),
          late: sent.length === 0 && overdue,
        };
        return [kind, cell];
      }),
    ) as Record<ListKind, DashboardCell>;
    return { dependenciaId: d.id, dependencia: d.name, lists };
  });
  const complete = rows.filter((r) => LIST_KINDS.every((k) => r.lists[k].sentAt)).length;
  return { rows, complete, total: rows.length };
}

/** One list of the campaign, every dependencia's applied rows together, as xlsx. Audited. */
export async function consolidatedList(
  db: Db,
  at: Date,
  audit: AuditContext,
  campaign: Campaign,
  kind: ListKind,
) {
  const names = new Map((await activeDependencias(db)).map((d) => [d.id, d.name]));
  const applied = await repo.findAppliedRows(db, campaign.id, kind);
  const rows = applied.flatMap((s) =>
    s.rows.map((row) => ({
      ...row.values,
      dependencia: names.get(s.dependenciaId) ?? "",
      appliedAt: s.appliedAt,
    })),
  );
  await recordAudit(db, at, audit, {
    action: "campaign.list_exported",
    targetType: "campaign",
    targetId: campaign.id,
    details: { kind, rows: rows.length },
  });
  return writeSheet(
    listTitle(kind),
    [
      {
        header: "Dependencia que envió",
        width: 40,
        value: (r: Record<string, unknown>) => String(r.dependencia ?? ""),
      },
      ...TYPED_COLUMNS[kind]
        .filter((key) => key !== "dependencia")
        .map((key) => ({
          header: COLUMN_HEADERS[key] ?? key,
          value: (r: Record<string, unknown>) => String(r[key] ?? ""),
        })),
      {
        header: "Aplicada",
        width: 22,
        value: (r: Record<string, unknown>) => (r.appliedAt as Date | null) ?? "",
      },
    ],
    rows,
  );
}

const COLUMN_HEADERS: Record<string, string> = {
  fullName: "Nombre completo",
  documentType: "Tipo de documento",
  documentNumber: "Número de documento",
  firstNames: "Nombres",
  lastNames: "Apellidos",
  contractNumber: "Número de contrato",
  contractStart: "Fecha de inicio",
  contractEnd: "Fecha de terminación",
  email: "Correo institucional",
  phone: "Teléfono",
  bloodType: "Grupo sanguíneo y RH",
};

/**
 * The hourly job: `reminderDays` before the deadline and again on its day (Bogotá), each liaison whose
 * dependencia has not sent all three lists gets one individual e-mail per moment. Returns how many.
 */
export async function sendReminders(db: Db, at: Date, settings: Pick<Config, "publicBaseUrl" | "entity">) {
  let sent = 0;
  const today = bogotaDay(at);
  for (const campaign of await repo.findOpenCampaigns(db)) {
    if (at > campaign.deadline) continue;
    const deadlineDay = bogotaDay(campaign.deadline);
    const daysLeft = Math.round((Date.parse(deadlineDay) - Date.parse(today)) / 86_400_000);
    const moment = daysLeft === 0 ? "dia" : daysLeft <= campaign.reminderDays ? "antes" : undefined;
    if (!moment) continue;
    const { rows } = await campaignDashboard(db, at, campaign);
    const missingBy = new Map(
      rows.map((r) => [r.dependenciaId, LIST_KINDS.filter((k) => !r.lists[k].sentAt)]),
    );
    for (const liaison of await findActiveWithRole(db, "enlace")) {
      const missing = liaison.dependenciaId ? missingBy.get(liaison.dependenciaId) : undefined;
      if (!liaison.email || !missing?.length) continue;
      if (!(await repo.recordReminder(db, campaign.id, liaison.id, moment, at))) continue;
      await queueEmail(db, at, {
        to: liaison.email,
        personId: liaison.id,
        kind: "campaign_reminder",
        subject: `${moment === "dia" ? "Hoy vence" : "Se acerca"} el plazo de «${campaign.name}»`,
        text: [
          `Hola, ${liaison.firstNames}:`,
          "",
          `El plazo de la campaña «${campaign.name}» vence el ${formatDateTime(campaign.deadline)} (hora de Colombia).`,
          `Su dependencia aún no ha enviado ${pluralize(missing.length, "esta lista", "estas listas")}:`,
          ...missing.map((kind) => `  - ${listTitle(kind)}`),
          "",
          `${pluralize(missing.length, "Envíela", "Envíelas")} en ${settings.publicBaseUrl}/dependencia/listas`,
          "Si una lista no tiene personas, use «Informar que no hay personas» para que cuente como enviada.",
        ].join("\n"),
      });
      sent++;
    }
  }
  return sent;
}
