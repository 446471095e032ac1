// After a publication, the version's PDF and xlsx are rendered in the background and kept in storage, so
// the first citizen who downloads them does not wait. One job per version (keyed by it); a download that
// comes first renders and stores the same file itself (publication.files.ts).
import { defineJob, type JobQueue } from "../../core/jobs/jobs.types.ts";
import { renderPublicationFiles } from "./publication.files.ts";

/** The name the plans module sends at publication, with {planId, version}. */
export const RENDER_PUBLICATION = "planes.render_publication";

export interface RenderPublicationData {
  planId: string;
  version: number;
}

export const queuePublicationRender = (jobs: JobQueue, data: RenderPublicationData) =>
  jobs.send<RenderPublicationData>(RENDER_PUBLICATION, data, {
    singletonKey: `${data.planId}:v${data.version}`,
  });

export const publicationJobs = [
  defineJob<RenderPublicationData>({
    name: RENDER_PUBLICATION,
    title: "PDF y Excel de un plan publicado",
    retryLimit: 3,
    retryDelaySeconds: 10,
    expireInSeconds: 10 * 60,
    async run({ planId, version }, { deps }) {
      const { database, storage, config, logger } = deps;
      const rendered = await renderPublicationFiles(database.db, storage, config, planId, version);
      logger.info({ planId, version, rendered }, "plan publication files rendered");
    },
  }),
];
