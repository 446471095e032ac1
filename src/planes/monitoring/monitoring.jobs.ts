// Background work of monitoring: the daily reminders to responsables de plan, in the morning in Bogotá so
// they arrive with the working day. Not at start: an instance restarted at night would write to people at
// odd hours; the next morning's run sends what is due (each reminder is recorded and never sent twice).
import { defineJob } from "../../core/jobs/jobs.types.ts";
import { sendPlanReminders } from "./monitoring.reminders.ts";

export const REMIND_REPORTS_JOB = "planes.remind_reports";

export const monitoringJobs = [
  defineJob({
    name: REMIND_REPORTS_JOB,
    title: "Recordatorios de reportes de avance de planes",
    cron: "0 7 * * *",
    runAtStart: false,
    async run(_data, { deps }) {
      const sent = await sendPlanReminders(deps.database.db, deps.clock.now(), deps.config);
      if (sent.emails > 0)
        deps.logger.info(
          { before: sent.before, after: sent.after, emails: sent.emails },
          "plan report reminders queued",
        );
    },
  }),
];
