// The warning to control interno before a follow-up's publication deadline (the tenth business day of the
// month after the cut): once per follow-up, to each active person with the role, individually, when the
// due date is three business days away or less, or has passed, and the report is not published yet.
import type { Config } from "../../config.ts";
import { queueEmails } from "../../core/mail/mail.service.ts";
import { findActiveWithRole } from "../../core/people/people.service.ts";
import type { Db } from "../../db/client.ts";
import { recordAudit, systemAuditContext } from "../../shared/audit.ts";
import { bogotaDay } from "../../shared/time.ts";
import { businessDaysUntil } from "./cuts.rules.ts";
import * as repo from "./followups.repository.ts";
import { dayText, deadlineNear } from "./followups.rules.ts";
import { FOLLOWUP_STATUS_LABELS } from "./followups.types.ts";

/** Warns about every follow-up whose deadline is near or past; returns how many follow-ups were warned. */
export async function warnFollowupDeadlines(db: Db, at: Date, settings: Pick<Config, "publicBaseUrl">) {
  const today = bogotaDay(at);
  const due = (await repo.listUnwarned(db)).filter((row) => deadlineNear(row.followup.dueOn, today));
  if (due.length === 0) return 0;
  const people = (await findActiveWithRole(db, "control_interno")).filter((p) => p.email);
  // Nobody to write to yet: left unmarked, so whoever gets the role later is still warned.
  if (people.length === 0) return 0;
  let warned = 0;
  for (const { followup, title } of due) {
    const overdue = today > followup.dueOn;
    const left = businessDaysUntil(today, followup.dueOn);
    await db.transaction(async (tx) => {
      // Marked first, in the same transaction: a second run (another instance) finds it marked.
      if (!(await repo.markWarned(tx, followup.id, at))) return;
      const subject = overdue
        ? `Venció el plazo para publicar el seguimiento de «${title}»`
        : `Se acerca el plazo para publicar el seguimiento de «${title}»`;
      await queueEmails(
        tx,
        at,
        people.map((person) => ({
          to: person.email as string,
          personId: person.id,
          kind: "followup_deadline",
          subject,
          text: [
            `Hola, ${person.firstNames}:`,
            "",
            `El informe de seguimiento de «${title}», corte del ${dayText(followup.cutOn)}, debe publicarse a más tardar el ${dayText(followup.dueOn)} (décimo día hábil del mes siguiente al corte).`,
            overdue
              ? "Ese plazo ya venció: publíquelo cuanto antes. SIPAP registra la fecha en que se publique."
              : `Quedan ${left === 1 ? "1 día hábil" : `${left} días hábiles`}.`,
            `Estado actual: ${FOLLOWUP_STATUS_LABELS[followup.status].toLowerCase()}.`,
            "",
            `Ábralo en ${settings.publicBaseUrl}/seguimientos/${followup.id}`,
          ].join("\n"),
        })),
      );
      await recordAudit(tx, at, systemAuditContext, {
        action: "plan_followup.deadline_warned",
        targetType: "plan_followup",
        targetId: followup.id,
        details: { cutOn: followup.cutOn, dueOn: followup.dueOn, recipients: people.length, late: overdue },
      });
      warned++;
    });
  }
  return warned;
}
