// Which reminders a plan owes its responsables today (docs/DOMAIN.md, «Planes»: late or unreported
// activities are flagged to their responsibles before and after their end dates). Pure: the reminders job
// (monitoring.reminders.ts) loads the plans and sends, once each, what this returns.
//
// - «antes»: the period ends within the type's reminderDaysBefore days (today included) and the
//   dependencia has not sent or validated its report.
// - «despues»: the period ended at least reminderDaysAfter days ago (and at most LATE_REMINDER_WINDOW_DAYS
//   more) and the report is still not sent.
// - 0 days turns that reminder off.
// - Only dependencias named as responsables are reminded. «Todas las dependencias» is left out: nobody in
//   particular owes that report (the roll-up averages those who reported), so writing to every responsable
//   of the entity about every shared activity would be noise that teaches people to ignore the reminders.
// - A period without a readable end date has no deadline to remind of.
import { formatPeriod } from "../plans/plans.rules.ts";
import { leavesOf, type TreeNode } from "../plans/tree.rules.ts";
import { periodKeyOf } from "../progress/progress.types.ts";
import type { ProgressReport } from "../progress/rollup.service.ts";
import { activityLabel, daysBetween, delivered, namedDependencias } from "./monitoring.rules.ts";

export type ReminderKind = "antes" | "despues";

export interface ReminderDays {
  before: number;
  after: number;
}

export interface DueReminder {
  itemId: string;
  dependenciaId: string;
  periodKey: string;
  kind: ReminderKind;
  /** «1.1 Socializar la política…». */
  activity: string;
  period: string;
  endsOn: string;
  /** Days until the end (negative once it ended). */
  daysLeft: number;
}

/** The reminders due today ("YYYY-MM-DD", Bogotá) for one plan, before checking which were already sent. */
export function dueReminders(
  tree: readonly TreeNode[],
  reports: readonly ProgressReport[],
  today: string,
  days: ReminderDays,
): DueReminder[] {
  const done = new Set(
    reports.filter((r) => delivered(r.status)).map((r) => `${r.itemId}|${r.dependenciaId}|${r.periodKey}`),
  );
  const due: DueReminder[] = [];
  for (const { leaf } of leavesOf(tree)) {
    const dependencias = namedDependencias(leaf);
    if (dependencias.length === 0) continue;
    for (const period of leaf.periods) {
      if (!period.endsOn) continue;
      const daysLeft = daysBetween(today, period.endsOn);
      const kind = reminderKind(daysLeft, days);
      if (!kind) continue;
      const periodKey = periodKeyOf(period);
      for (const dependenciaId of dependencias)
        if (!done.has(`${leaf.id}|${dependenciaId}|${periodKey}`))
          due.push({
            itemId: leaf.id,
            dependenciaId,
            periodKey,
            kind,
            activity: activityLabel(leaf),
            period: formatPeriod(period),
            endsOn: period.endsOn,
            daysLeft,
          });
    }
  }
  return due;
}

/**
 * Days after `after` during which a missed «despues» is still sent (a job that did not run for a few days
 * catches up); older periods are never written about, so a plan published late or kept open for years does
 * not flood its responsables with reminders of periods long gone.
 */
export const LATE_REMINDER_WINDOW_DAYS = 14;

/** «antes» within `before` days of the end, «despues» from `after` days past it; 0 turns one off. */
export function reminderKind(daysLeft: number, days: ReminderDays): ReminderKind | undefined {
  if (days.before > 0 && daysLeft >= 0 && daysLeft <= days.before) return "antes";
  const late = -daysLeft;
  if (days.after > 0 && late >= days.after && late <= days.after + LATE_REMINDER_WINDOW_DAYS)
    return "despues";
  return undefined;
}
