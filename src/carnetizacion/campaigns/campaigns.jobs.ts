// Background work of campaigns: the daily reminders to liaisons whose lists are missing, in the morning
// in Bogotá so they arrive with the working day. Each reminder is recorded, so a rerun sends nothing twice.
import { defineJob } from "../../core/jobs/jobs.types.ts";
import { sendReminders } from "./campaigns.tracking.ts";

export const campaignsJobs = [
  defineJob({
    name: "campaigns.remind",
    title: "Recordatorios de campañas",
    cron: "0 7 * * *",
    runAtStart: true,
    async run(_data, { deps }) {
      const sent = await sendReminders(deps.database.db, deps.clock.now(), deps.config);
      if (sent > 0) deps.logger.info({ reminders: sent }, "campaign reminders queued");
    },
  }),
];
