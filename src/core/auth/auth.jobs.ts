// Background work of authentication, on the shared job queue: the hourly purge, the hourly sweep for
// people left without a credential, and issuing the credentials of an applied list. Cron jobs run once
// per tick across all instances; every job may run twice (a retry) without doing anything twice.
import { defineJob, type JobContext } from "../jobs/jobs.types.ts";
import {
  ISSUE_LIST_CREDENTIALS,
  type IssueListCredentialsData,
  issueCredentialsWhereMissing,
  issueMissingCredentials,
} from "./auth.credentials.ts";
import { issueListCredentialsSchema } from "./auth.schemas.ts";
import { purgeExpired } from "./auth.sessions.ts";

export async function runIssueListCredentials(data: IssueListCredentialsData, { deps, signal }: JobContext) {
  const { submissionId, actorId, personIds } = issueListCredentialsSchema.parse(data);
  const issued = await issueCredentialsWhereMissing(
    deps.database.db,
    deps.clock.now(),
    { actorId, ip: null, requestId: submissionId && `list:${submissionId}` },
    deps.config,
    personIds,
    signal,
  );
  deps.logger.info({ submissionId, listed: personIds.length, issued }, "list credentials issued");
}

export const authJobs = [
  defineJob({
    name: "auth.purge-expired",
    title: "Borrar sesiones, credenciales y contadores vencidos",
    cron: "5 * * * *",
    async run(_data, { deps }) {
      await purgeExpired(deps.database.db, deps.clock.now(), deps.config);
    },
  }),
  defineJob({
    name: "auth.issue-missing-credentials",
    title: "Enviar credenciales iniciales que faltan",
    cron: "35 * * * *",
    // A list applied just before its instance stopped: its people need not wait for the next tick.
    runAtStart: true,
    async run(_data, { deps, signal }) {
      const issued = await issueMissingCredentials(
        deps.database.db,
        deps.clock.now(),
        deps.config,
        undefined,
        signal,
      );
      if (issued > 0) deps.logger.info({ credentials: issued }, "missing initial credentials issued");
    },
  }),
  defineJob<IssueListCredentialsData>({
    name: ISSUE_LIST_CREDENTIALS,
    title: "Credenciales iniciales de una lista",
    run: runIssueListCredentials,
  }),
];
