// Planeación's queue of a plan's reports sent for review: oldest first, filtered by dependencia, with the
// reports whose quantity exceeds the meta flagged.
import { formatDateTime } from "../../shared/time.ts";
import { BackLink, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf } from "../../shared/words.ts";
import { formatPeriod } from "../plans/plans.rules.ts";
import { percentText } from "./history.views.tsx";
import { reportPeriod } from "./progress.rules.ts";
import type { reviewQueue } from "./progress.service.ts";

export function ReviewQueuePage(props: {
  ctx: PageContext;
  queue: Awaited<ReturnType<typeof reviewQueue>>;
  dependenciaId: string | undefined;
}) {
  const { ctx, queue } = props;
  const { plan } = queue;
  const title = `Reportes por revisar: ${plan.title}`;
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={`/planes/${plan.id}`}>Volver al plan</BackLink>
      <h1>Reportes por revisar</h1>
      <p class="lead">
        {plan.title}: {countOf(queue.total, "reporte enviado espera", "reportes enviados esperan")} su
        revisión, el más antiguo primero.
      </p>
      {queue.dependencias.length > 1 && (
        <form method="get" action={`/planes/${plan.id}/reportes`} class="search-form">
          <Select
            name="dependencia"
            label="Dependencia"
            options={queue.dependencias}
            values={{ dependencia: props.dependenciaId ?? "" }}
            emptyLabel="Todas"
          />
          <button type="submit" class="button button--secondary">
            Filtrar
          </button>
        </form>
      )}
      {queue.reports.length === 0 ? (
        <p>No hay reportes esperando revisión{props.dependenciaId ? " de esta dependencia" : ""}.</p>
      ) : (
        <table class="table table--compact table--stack">
          <caption class="visually-hidden">Reportes enviados a planeación, el más antiguo primero</caption>
          <thead>
            <tr>
              <th scope="col">Enviado</th>
              <th scope="col">Actividad</th>
              <th scope="col">Periodo</th>
              <th scope="col">Dependencia</th>
              <th scope="col">Avance</th>
              <th scope="col">Reporte</th>
            </tr>
          </thead>
          <tbody>
            {queue.reports.map((row) => {
              const activity =
                row.itemCode && !row.itemText.startsWith(row.itemCode)
                  ? `${row.itemCode} ${row.itemText}`
                  : row.itemText;
              return (
                <tr>
                  <td data-label="Enviado">
                    {row.report.submittedAt ? formatDateTime(row.report.submittedAt) : "—"}
                    {row.submitterFirst && (
                      <span class="hint">
                        {" "}
                        por {row.submitterFirst} {row.submitterLast}
                      </span>
                    )}
                  </td>
                  <td data-label="Actividad">{activity}</td>
                  <td data-label="Periodo">{formatPeriod(reportPeriod(row.report))}</td>
                  <td data-label="Dependencia">{row.dependencia}</td>
                  <td data-label="Avance">
                    {percentText(row.report.percent)}
                    {row.report.overMeta && <strong class="tag tag--espera">Supera la meta</strong>}
                  </td>
                  <td data-label="Reporte">
                    <a href={`/reportes/${row.report.id}`}>
                      Revisar
                      <span class="visually-hidden">
                        {" "}
                        el reporte de {row.dependencia}, {activity}
                      </span>
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
