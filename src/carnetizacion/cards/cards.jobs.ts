// Background work of cards: the daily expiry, shortly after midnight in Bogotá (when validity ends).
import { defineJob } from "../../core/jobs/jobs.types.ts";
import { expireCards } from "./cards.service.ts";

export const cardsJobs = [
  defineJob({
    name: "cards.expire",
    title: "Vencimiento de carnets",
    cron: "5 0 * * *",
    // Idempotent: a start after a night the server was off catches up at once.
    runAtStart: true,
    async run(_data, { deps }) {
      const expired = await expireCards(deps.database.db, deps.clock.now());
      if (expired > 0) deps.logger.info({ cards: expired }, "expired cards disabled");
    },
  }),
];
