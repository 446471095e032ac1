// The daily reminders to responsables de plan (docs/DOMAIN.md, «Planes»): before a period ends and after
// it ended unreported, at the days set per plan type (reminders.rules.ts decides what is due). Each
// reminder (activity, dependencia, period, kind) is sent only once ever: its plan_reminders row is inserted
// in the same transaction as the e-mails, and a rerun or a second instance finds it there. Each person gets
// one individual e-mail per run listing all of their dependencia's due reports.
import type { Config } from "../../config.ts";
import { queueEmails } from "../../core/mail/mail.service.ts";
import { findActiveWithRole } from "../../core/people/people.service.ts";
import type { Db } from "../../db/client.ts";
import { recordAudit, systemAuditContext } from "../../shared/audit.ts";
import { bogotaDay, formatIsoDay } from "../../shared/time.ts";
import { pluralize } from "../../shared/words.ts";
import { loadPlanProgress } from "../progress/rollup.service.ts";
import * as repo from "./monitoring.repository.ts";
import { type DueReminder, dueReminders } from "./reminders.rules.ts";

export interface RemindersSent {
  /** Reminders (activity, dependencia, period) sent before and after the end. */
  before: number;
  after: number;
  /** E-mails queued. */
  emails: number;
  plans: number;
}

interface PlanReminder extends DueReminder {
  planId: string;
  planTitle: string;
}

/** Sends what is due today (Bogotá) across every plan under way; audits one summary row when any went. */
export async function sendPlanReminders(
  db: Db,
  at: Date,
  settings: Pick<Config, "publicBaseUrl">,
): Promise<RemindersSent> {
  const today = bogotaDay(at);
  const result: RemindersSent = { before: 0, after: 0, emails: 0, plans: 0 };
  const plans = await repo.listUnderWayPlans(db);
  const sent = await repo.sentReminderKeys(
    db,
    plans.map((p) => p.id),
  );
  const due: PlanReminder[] = [];
  for (const plan of plans) {
    if (plan.before <= 0 && plan.after <= 0) continue;
    const view = await loadPlanProgress(db, plan.id, today);
    for (const reminder of dueReminders(view.tree, view.reports, today, plan))
      if (!sent.has(repo.reminderKey(reminder)))
        due.push({ ...reminder, planId: plan.id, planTitle: plan.title });
  }
  if (due.length === 0) return result;

  const byDependencia = new Map<string, PlanReminder[]>();
  for (const reminder of due) {
    const list = byDependencia.get(reminder.dependenciaId);
    if (list) list.push(reminder);
    else byDependencia.set(reminder.dependenciaId, [reminder]);
  }
  const people = (await findActiveWithRole(db, "responsable_plan")).filter((p) => p.email);
  const names = await repo.dependenciaNames(db, [...byDependencia.keys()]);
  const reminded = new Set<string>();
  for (const [dependenciaId, reminders] of byDependencia) {
    const recipients = people.filter((p) => p.dependenciaId === dependenciaId);
    // Nobody to write to yet: nothing is recorded, so whoever the dependencia names later is reminded.
    if (recipients.length === 0) continue;
    await db.transaction(async (tx) => {
      const inserted = await repo.insertReminders(
        tx,
        reminders.map((r) => ({
          planId: r.planId,
          itemId: r.itemId,
          dependenciaId,
          periodKey: r.periodKey,
          kind: r.kind,
          recipients: recipients.length,
          sentAt: at,
        })),
      );
      const fresh = new Set(inserted.map(repo.reminderKey));
      const mine = reminders.filter((r) => fresh.has(repo.reminderKey(r)));
      if (mine.length === 0) return;
      const dependencia = names.get(dependenciaId) ?? "Su dependencia";
      await queueEmails(
        tx,
        at,
        recipients.map((person) => ({
          to: person.email as string,
          personId: person.id,
          kind: "plan_report_reminder",
          subject: subjectOf(mine),
          text: reminderText(person.firstNames, dependencia, mine, settings.publicBaseUrl),
        })),
      );
      for (const r of mine) {
        if (r.kind === "antes") result.before++;
        else result.after++;
        reminded.add(r.planId);
      }
      result.emails += recipients.length;
    });
  }
  result.plans = reminded.size;
  if (result.emails > 0)
    await recordAudit(db, at, systemAuditContext, {
      action: "plan_reminders.sent",
      targetType: "plan_reminders",
      details: {
        remindersBefore: result.before,
        remindersAfter: result.after,
        recipients: result.emails,
        plans: result.plans,
      },
    });
  return result;
}

const subjectOf = (reminders: readonly PlanReminder[]) =>
  reminders.some((r) => r.kind === "despues")
    ? "SIPAP: reportes de avance vencidos sin enviar"
    : "SIPAP: reportes de avance que vencen pronto";

const inDays = (n: number) => (n === 0 ? "hoy" : `en ${n} ${pluralize(n, "día", "días")}`);
const daysAgo = (n: number) => `hace ${n} ${pluralize(n, "día", "días")}`;

function line(r: PlanReminder): string {
  const when =
    r.kind === "antes"
      ? `vence el ${formatIsoDay(r.endsOn)} (${inDays(r.daysLeft)})`
      : `venció el ${formatIsoDay(r.endsOn)} (${daysAgo(-r.daysLeft)})`;
  return `  - «${r.planTitle}»: ${r.activity}. Periodo ${r.period}; ${when}.`;
}

function reminderText(
  firstNames: string,
  dependencia: string,
  reminders: readonly PlanReminder[],
  baseUrl: string,
): string {
  const soon = reminders.filter((r) => r.kind === "antes");
  const late = reminders.filter((r) => r.kind === "despues");
  return [
    `Hola, ${firstNames}:`,
    "",
    `${dependencia} tiene reportes de avance de planes por enviar a planeación en SIPAP.`,
    ...(late.length > 0 ? ["", "Periodos vencidos sin reporte enviado:", ...late.map(line)] : []),
    ...(soon.length > 0 ? ["", "Periodos que vencen pronto:", ...soon.map(line)] : []),
    "",
    `Repórtelos en ${baseUrl}/mis-actividades`,
    "Si su dependencia ya envió el reporte de un periodo, no tiene que hacer nada más con él.",
  ].join("\n");
}
