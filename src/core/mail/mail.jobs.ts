// Background work of mail: the outbox is swept every minute and what is due goes out over SMTP. The
// outbox keeps its own retry times per message (mail.rules.ts); the job only decides when to look.
import { defineJob } from "../jobs/jobs.types.ts";
import { deliverDue, type MailTransport, smtpTransport } from "./mail.service.ts";

// One pooled SMTP transport per process and URL, not one per sweep.
const transports = new Map<string, MailTransport>();
const transportFor = (url: string) => {
  let transport = transports.get(url);
  if (!transport) {
    transport = smtpTransport(url);
    transports.set(url, transport);
  }
  return transport;
};

const BATCH = 20;

export const mailJobs = [
  defineJob({
    name: "mail.deliver",
    title: "Envío de correos",
    cron: "* * * * *",
    runAtStart: true,
    // A sweep that fails is simply the next minute's sweep: no retries piling up behind it.
    retryLimit: 0,
    expireInSeconds: 600,
    async run(_data, { deps, signal }) {
      const { config, database, clock, logger } = deps;
      // Without SMTP the outbox is read by administrators on «Correos»: nothing to send.
      if (!config.smtpUrl) return;
      const transport = transportFor(config.smtpUrl);
      let sent = 0;
      // Batches until the due messages run out, stopping between batches when the instance shuts down.
      while (!signal.aborted) {
        const batch = await deliverDue(database.db, clock.now(), transport, config.mailFrom, BATCH);
        sent += batch;
        if (batch < BATCH) break;
      }
      if (sent > 0) logger.info({ sent }, "mail delivered");
    },
  }),
];
