// An activity's reports (per period × responsible dependencia) and its history, for the activity's page;
// the report's state tag and percentage the other progress pages reuse.

import { formatDateTime, formatIsoDay } from "../../shared/time.ts";
import { CsrfField } from "../../shared/views/components.tsx";
import { formatNumber } from "../../shared/words.ts";
import { formatPeriod } from "../plans/plans.rules.ts";
import type { ActivityProgress } from "./progress.activity.ts";
import { reportPeriod } from "./progress.rules.ts";
import type { EventRow } from "./progress.service.ts";
import { ACTIVITY_EVENT_LABELS, REPORT_STATUS_LABELS, type ReportStatus } from "./progress.types.ts";

const TAGS: Record<ReportStatus, string> = {
  borrador: "tag tag--pendiente",
  enviado: "tag tag--siguiente",
  devuelto: "tag tag--espera",
  validado: "tag tag--hecho",
};

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  return <strong class={TAGS[status]}>{REPORT_STATUS_LABELS[status]}</strong>;
}

/** «75 %», «12,5 %»; «—» without a figure. */
export const percentText = (percent: number | null | undefined) =>
  percent === null || percent === undefined ? "—" : `${formatNumber(percent, 1)} %`;

/** The «Reportar» button of one period: a POST that opens (or reuses) the draft. */
export function StartReportForm(props: {
  csrfToken: string;
  planId: string;
  itemId: string;
  periodKey: string;
  /** Read by screen readers after «Reportar», so each button of a list says which period it reports. */
  context: string;
}) {
  return (
    <form
      method="post"
      action={`/planes/${props.planId}/actividades/${props.itemId}/reportes`}
      class="inline-form"
    >
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="periodKey" value={props.periodKey} />
      <button type="submit" class="button button--secondary">
        Reportar<span class="visually-hidden"> {props.context}</span>
      </button>
    </form>
  );
}

export function ActivityReports(props: {
  progress: ActivityProgress;
  planId: string;
  itemId: string;
  csrfToken: string;
  /** Staff see every dependencia; a responsable only their own. */
  staff: boolean;
}) {
  const { rows, all } = props.progress;
  return (
    <section class="section">
      <h2 class="heading-m">Reportes</h2>
      {all && props.staff && (
        <p class="hint">
          Actividad asignada a todas las dependencias: se listan las dependencias que ya abrieron un reporte.
        </p>
      )}
      {rows.length === 0 ? (
        <p>Todavía no hay reportes de avance de esta actividad.</p>
      ) : (
        <table class="table table--compact table--stack">
          <caption class="visually-hidden">Reportes de avance por periodo y dependencia</caption>
          <thead>
            <tr>
              <th scope="col">Periodo</th>
              <th scope="col">Dependencia</th>
              <th scope="col">Estado</th>
              <th scope="col">Avance</th>
              <th scope="col">Reporte</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <td data-label="Periodo">{formatPeriod(row.period)}</td>
                <td data-label="Dependencia">{row.dependencia}</td>
                <td data-label="Estado">
                  {row.report ? <ReportStatusTag status={row.report.status} /> : "Sin reporte"}
                  {row.report?.overMeta && <strong class="tag tag--espera">Supera la meta</strong>}
                </td>
                <td data-label="Avance">{percentText(row.report?.percent)}</td>
                <td data-label="Reporte">
                  {row.report ? (
                    <a href={`/reportes/${row.report.id}`}>
                      Ver el reporte
                      <span class="visually-hidden">
                        {" "}
                        de {row.dependencia}, {formatPeriod(row.period)}
                      </span>
                    </a>
                  ) : row.canStart ? (
                    <StartReportForm
                      csrfToken={props.csrfToken}
                      planId={props.planId}
                      itemId={props.itemId}
                      periodKey={row.periodKey}
                      context={`el periodo ${formatPeriod(row.period)}`}
                    />
                  ) : row.lockedBy ? (
                    `Cerrado por el corte del ${formatIsoDay(row.lockedBy)}`
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function EventDetail({ row }: { row: EventRow }) {
  const { event } = row;
  const details = event.details;
  switch (event.kind) {
    case "evidencia_agregada":
    case "evidencia_eliminada":
      return (
        <>
          «{String(details.fileName ?? "")}» · SHA-256{" "}
          <code class="details">{String(details.sha256 ?? "")}</code>
        </>
      );
    case "reporte_devuelto":
      return <>Comentario: {event.comment}</>;
    case "reporte_validado":
    case "verificacion_oci":
      return (
        <>
          {percentText(event.percent)}
          {event.comment ? ` · ${event.comment}` : ""}
        </>
      );
    default:
      return (
        <>
          {percentText(event.percent)}
          {details.overMeta === "si" ? " · supera la meta" : ""}
        </>
      );
  }
}

export function ActivityHistory({ events }: { events: EventRow[] }) {
  return (
    <section class="section">
      <h2 class="heading-m">Historial</h2>
      {events.length === 0 ? (
        <p>Todavía no hay reportes, revisiones ni verificaciones de esta actividad.</p>
      ) : (
        <table class="table table--compact table--stack">
          <caption class="visually-hidden">Historial de reportes, revisiones y verificaciones</caption>
          <thead>
            <tr>
              <th scope="col">Cuándo</th>
              <th scope="col">Qué</th>
              <th scope="col">Dependencia y periodo</th>
              <th scope="col">Detalle</th>
              <th scope="col">Quién</th>
            </tr>
          </thead>
          <tbody>
            {events.map((row) => (
              <tr>
                <td data-label="Cuándo">{formatDateTime(row.event.at)}</td>
                <td data-label="Qué">{ACTIVITY_EVENT_LABELS[row.event.kind]}</td>
                <td data-label="Dependencia y periodo">
                  {[
                    row.dependencia,
                    row.period?.key
                      ? formatPeriod(
                          reportPeriod({
                            periodStartsOn: row.period.startsOn,
                            periodEndsOn: row.period.endsOn,
                            periodKey: row.period.key,
                          }),
                        )
                      : null,
                  ]
                    .filter(Boolean)
                    .join(" · ") || "—"}
                </td>
                <td data-label="Detalle">
                  <EventDetail row={row} />
                </td>
                <td data-label="Quién">{row.actor ?? "SIPAP"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
