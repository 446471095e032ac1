// OCS's queue (bandeja): requests to take, in review, approved, scheduled, returned, and those sent or rejected in
// the last 30 days, the oldest first; and the calendar of
// scheduled and sending requests by Bogotá day.
import { formatIsoDay } from "../../shared/time.ts";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import type { CalendarEntry } from "../sending/sending.calendar.ts";
import { STATE_LABELS } from "./requests.rules.ts";
import type { RequestListItem } from "./requests.service.ts";
import { RequestTable } from "./requests.views.tsx";

export function QueuePage({ ctx, rows }: { ctx: PageContext; rows: RequestListItem[] }) {
  const groups = [
    { title: "Nuevas, por tomar", rows: rows.filter((r) => r.request.state === "nuevo") },
    { title: "En revisión", rows: rows.filter((r) => r.request.state === "en_revision") },
    { title: "Aprobadas, por programar", rows: rows.filter((r) => r.request.state === "aprobado") },
    {
      title: "Programadas y enviándose",
      rows: rows.filter((r) => r.request.state === "programado" || r.request.state === "enviando"),
    },
    { title: "Devueltas al solicitante", rows: rows.filter((r) => r.request.state === "devuelto") },
    {
      title: "Enviadas y rechazadas en los últimos 30 días",
      rows: rows.filter((r) => r.request.state === "enviado" || r.request.state === "rechazado"),
    },
  ];
  return (
    <Layout ctx={ctx} title="Solicitudes de comunicación">
      <h1>Solicitudes de comunicación</h1>
      <p>
        <a href="/comunicaciones/calendario">Calendario de envíos programados</a>
      </p>
      {groups.map((group) => (
        <section aria-label={group.title}>
          <h2>
            {group.title} ({group.rows.length})
          </h2>
          {group.rows.length === 0 ? <p>Ninguna.</p> : <RequestTable rows={group.rows} showRequester />}
        </section>
      ))}
    </Layout>
  );
}

export function CalendarPage({
  ctx,
  days,
  gapMinutes,
}: {
  ctx: PageContext;
  days: { day: string; entries: CalendarEntry[] }[];
  gapMinutes: number;
}) {
  return (
    <Layout ctx={ctx} title="Calendario de envíos">
      <h1>Calendario de envíos</h1>
      <p>
        Comunicaciones programadas y en envío, por día (hora de Colombia). Entre dos envíos masivos debe haber
        al menos {gapMinutes} minutos; los avisos a una sola persona no cuentan.
      </p>
      <p>
        <a href="/comunicaciones/bandeja">Volver a las solicitudes</a>
      </p>
      {days.length === 0 && <p>No hay envíos programados.</p>}
      {days.map(({ day, entries }) => (
        <section aria-labelledby={`day-${day}`}>
          <h2 id={`day-${day}`}>{formatIsoDay(day)}</h2>
          <table class="table table--stack">
            <thead>
              <tr>
                <th scope="col">Hora</th>
                <th scope="col">Solicitud</th>
                <th scope="col">Asunto</th>
                <th scope="col">Dependencia</th>
                <th scope="col">Estado</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr>
                  <td data-label="Hora">{entry.time}</td>
                  <td data-label="Solicitud">
                    <a href={`/comunicaciones/solicitudes/${entry.id}`}>{entry.code}</a>
                    {entry.single ? " (a una persona)" : ""}
                  </td>
                  <td data-label="Asunto">
                    {entry.subject ?? <em>Aviso individual – contenido reservado</em>}
                  </td>
                  <td data-label="Dependencia">{entry.dependenciaName}</td>
                  <td data-label="Estado">
                    {STATE_LABELS[entry.state]}
                    {entry.paused ? " (en pausa)" : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </Layout>
  );
}
