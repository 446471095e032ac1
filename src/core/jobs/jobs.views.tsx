import { formatDateTime } from "../../shared/time.ts";
import { Button, CsrfField } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf, formatNumber } from "../../shared/words.ts";
import type { FailedJob, QueueSummary } from "./jobs.service.ts";

// The states in the order a job goes through them, with the column headings administrators read.
const COLUMNS = [
  ["created", "En espera"],
  ["active", "En curso"],
  ["retry", "Por reintentar"],
  ["completed", "Terminadas"],
  ["failed", "Fallidas"],
] as const;

/** "5 0 * * *" reads better as what it means for the common shapes used here. */
function describeCron(cron: string) {
  if (cron === "* * * * *") return "cada minuto";
  const every = /^\*\/(\d+) \* \* \* \*$/.exec(cron);
  if (every) return `cada ${every[1]} minutos`;
  const hourly = /^(\d+) \* \* \* \*$/.exec(cron);
  if (hourly) return `cada hora (minuto ${hourly[1]})`;
  const daily = /^(\d+) (\d+) \* \* \*$/.exec(cron);
  if (daily) return `cada día a las ${daily[2]?.padStart(2, "0")}:${daily[1]?.padStart(2, "0")}`;
  return cron;
}

export function JobsPage(props: {
  ctx: PageContext;
  queues: QueueSummary[];
  failed: (FailedJob & { title: string })[];
}) {
  const { ctx, queues, failed } = props;
  return (
    <Layout ctx={ctx} title="Tareas">
      <h1>Tareas</h1>
      <p class="lead">
        El trabajo que SIPAP hace en segundo plano: envío de correos, PDF de los lotes, vencimientos y
        recordatorios. Una tarea que falla se reintenta sola, con esperas cada vez más largas; si sigue
        fallando queda abajo, con su error, hasta que usted la reintente. Horas de Colombia.
      </p>
      <section class="table-scroll" tabindex={0} aria-label="Tabla desplazable">
        <table class="table table--compact table--stack">
          <caption>Tareas por tipo y estado</caption>
          <thead>
            <tr>
              <th scope="col">Tarea</th>
              <th scope="col">Cuándo corre</th>
              {COLUMNS.map(([, label]) => (
                <th scope="col">{label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {queues.map((queue) => (
              <tr>
                <th scope="row" data-label="Tarea">
                  {queue.title}
                </th>
                <td data-label="Cuándo corre">{queue.cron ? describeCron(queue.cron) : "cuando se pide"}</td>
                {COLUMNS.map(([state, label]) => (
                  <td data-label={label}>{formatNumber(queue.counts[state])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <h2>Tareas fallidas</h2>
      {failed.length === 0 ? (
        <p>No hay tareas fallidas.</p>
      ) : (
        <>
          <p>{countOf(failed.length, "tarea falló", "tareas fallaron")} después de todos sus intentos.</p>
          <ul class="message-list">
            {failed.map((job) => (
              <li class="message">
                <p>
                  <strong>{job.title}</strong>
                  {job.failedOn && ` · falló el ${formatDateTime(job.failedOn)}`} ·{" "}
                  {countOf(job.attempts, "intento", "intentos")}
                </p>
                <p class="hint">
                  Error: <code>{job.error || "sin mensaje"}</code>
                </p>
                <form method="post" action={`/admin/tareas/${job.id}/reintentar`}>
                  <CsrfField token={ctx.csrfToken} />
                  <Button variant="secondary">Reintentar</Button>
                </form>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
