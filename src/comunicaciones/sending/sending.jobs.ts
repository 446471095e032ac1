// Background work of sending: a sweep every minute (and at start, to resume after a restart) that starts
// what is due, takes back rows a dead process left «enviándose», finishes what is done and queues one
// sender per request; the sender works one request's queue (one at a time across instances: singletonKey).
import { randomUUID } from "node:crypto";
import { defineJob } from "../../core/jobs/jobs.types.ts";
import { createSmtpSender, type SmtpSender } from "../../core/mail/mail.pool.ts";
import { deliverRequest } from "./sending.deliver.ts";
import { dispatch } from "./sending.service.ts";

/** This process: rows it claims carry it, so a restarted PGlite instance knows the others are dead. */
export const BOOT_ID = randomUUID();

// One pooled SMTP sender per process and URL, kept across runs.
const senders = new Map<string, SmtpSender>();
const senderFor = (url: string, connections: number) => {
  const key = `${url}#${connections}`;
  let sender = senders.get(key);
  if (!sender) {
    sender = createSmtpSender(url, { maxConnections: connections });
    senders.set(key, sender);
  }
  return sender;
};

export const sendingJobs = [
  defineJob({
    name: "sending.dispatch",
    title: "Comunicaciones: inicio y seguimiento de envíos",
    cron: "* * * * *",
    runAtStart: true,
    retryLimit: 0,
    expireInSeconds: 600,
    async run(_data, { deps }) {
      const { database, clock, config, jobs, logger } = deps;
      const outcome = await dispatch(database.db, clock.now(), {
        bootId: BOOT_ID,
        singleProcess: Boolean(database.pglite),
        domains: config.comm.allowedDomains,
        queueSender: (requestId) =>
          jobs.send("sending.deliver", { requestId }, { singletonKey: `comm-send-${requestId}` }),
      });
      if (outcome.started + outcome.recovered + outcome.queued > 0) logger.info(outcome, "comm dispatch");
    },
  }),
  defineJob<{ requestId: string }>({
    name: "sending.deliver",
    title: "Comunicaciones: envío de un mensaje masivo",
    // A failed run is picked up by the next minute's sweep, with its rows recovered.
    retryLimit: 0,
    expireInSeconds: 4 * 3600,
    heartbeatSeconds: 30,
    async run({ requestId }, { deps, signal }) {
      const { database, clock, config, storage, logger } = deps;
      // Without SMTP nothing can leave: the request stays «enviándose» until SMTP_URL is set.
      if (!config.smtpUrl) return;
      const result = await deliverRequest(
        database.db,
        clock,
        senderFor(config.smtpUrl, config.comm.smtpConnections),
        storage,
        requestId,
        {
          bootId: BOOT_ID,
          from: config.comm.from,
          domain: config.entity.emailDomain,
          window: 2 * config.comm.smtpConnections,
          signal,
        },
      );
      logger.info({ requestId, ...result }, "comm deliver");
    },
  }),
];
