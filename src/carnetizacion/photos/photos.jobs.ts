// Background work of the photos module, run by the job queue.
import { defineJob } from "../../core/jobs/jobs.types.ts";
import { deleteExpiredOriginals } from "./photos.service.ts";

export const photoJobs = [
  // Nightly, after the working day: the privacy policy's promise about rejected photos' originals.
  defineJob({
    name: "photos.retention",
    title: "Borrar originales de fotos rechazadas (plazo de conservación)",
    cron: "30 2 * * *",
    async run(_data, { deps }) {
      const { database, storage, clock, config, logger } = deps;
      const deleted = await deleteExpiredOriginals(
        database.db,
        storage,
        clock.now(),
        config.photoOriginalRetentionDays,
      );
      if (deleted > 0) logger.info({ deleted }, "originals of rejected photos deleted");
    },
  }),
];
