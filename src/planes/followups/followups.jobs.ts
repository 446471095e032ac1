// Background work of the follow-ups: each morning in Bogotá, warn control interno about publication
// deadlines that are near or past (once per follow-up, see followups.deadline.ts).
import { defineJob } from "../../core/jobs/jobs.types.ts";
import { warnFollowupDeadlines } from "./followups.deadline.ts";

export const WARN_FOLLOWUP_DEADLINE = "planes.warn_followup_deadline";

export const followupsJobs = [
  defineJob({
    name: WARN_FOLLOWUP_DEADLINE,
    title: "Aviso del plazo de publicación de los seguimientos",
    cron: "0 7 * * *",
    runAtStart: true,
    async run(_data, { deps }) {
      const warned = await warnFollowupDeadlines(deps.database.db, deps.clock.now(), deps.config);
      if (warned > 0) deps.logger.info({ followups: warned }, "follow-up deadline warnings queued");
    },
  }),
];
