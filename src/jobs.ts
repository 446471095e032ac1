// Every module's background jobs, in one list: main.ts starts the queue with it, tests run them from it.
// A module adds its `<module>.jobs.ts` here with one import and one spread.
import { batchesJobs } from "./carnetizacion/batches/batches.jobs.ts";
import { campaignsJobs } from "./carnetizacion/campaigns/campaigns.jobs.ts";
import { cardsJobs } from "./carnetizacion/cards/cards.jobs.ts";
import { photoJobs } from "./carnetizacion/photos/photos.jobs.ts";
import { sendingJobs } from "./comunicaciones/sending/sending.jobs.ts";
import { authJobs } from "./core/auth/auth.jobs.ts";
import type { JobDefinition } from "./core/jobs/jobs.types.ts";
import { mailJobs } from "./core/mail/mail.jobs.ts";
import { followupsJobs } from "./planes/followups/followups.jobs.ts";
import { monitoringJobs } from "./planes/monitoring/monitoring.jobs.ts";
import { publicationJobs } from "./planes/publication/publication.jobs.ts";

export const JOBS: readonly JobDefinition[] = [
  ...mailJobs,
  ...authJobs,
  ...batchesJobs,
  ...cardsJobs,
  ...campaignsJobs,
  ...photoJobs,
  ...publicationJobs,
  ...followupsJobs,
  ...monitoringJobs,
  ...sendingJobs,
];
