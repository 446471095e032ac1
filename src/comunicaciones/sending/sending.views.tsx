// Sending on the request's page (schedule, unschedule, resume for OCS; the send's state and summary) and the
// delivery log page: one row per recipient, filtered by state, with the reason of each failure or drop.
import type { FormErrors } from "../../shared/forms.ts";
import { bogotaDay, formatDateTime } from "../../shared/time.ts";
import { BackLink, Button, CsrfField, Field, Notice, Pagination } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { DROP_REASON_LABELS } from "../messages/addresses.rules.ts";
import type { RequestView } from "../requests/requests.service.ts";
import type { DeliveryLog } from "./sending.log.ts";
import { DELIVERY_STATE_LABELS, DELIVERY_STATES } from "./sending.rules.ts";

function PostButton(props: {
  ctx: PageContext;
  id: string;
  action: string;
  label: string;
  rowVersion: number;
}) {
  return (
    <form method="post" action={`/comunicaciones/solicitudes/${props.id}/${props.action}`} class="stack">
      <CsrfField token={props.ctx.csrfToken} />
      <input type="hidden" name="rowVersion" value={String(props.rowVersion)} />
      <Button variant="secondary">{props.label}</Button>
    </form>
  );
}

/** The send's part of a request's page; OCS gets the schedule buttons. */
export function SendingPanel({
  ctx,
  view,
  errors,
}: {
  ctx: PageContext;
  view: RequestView;
  errors: FormErrors;
}) {
  const r = view.request;
  const roles = ctx.user?.roles ?? [];
  const ocs = roles.includes("comunicaciones");
  const mayReadLog = ocs || roles.includes("enlace") || roles.includes("jefe_dependencia");
  const logLink = mayReadLog && (r.state === "enviando" || r.state === "enviado") && (
    <p>
      <a href={`/comunicaciones/solicitudes/${r.id}/envios`}>Ver el envío por destinatario</a>
    </p>
  );
  if (r.state === "aprobado" && ocs) {
    const at = r.desiredAt;
    // Bogotá is UTC−5 all year (no daylight saving): the 24-hour time the input expects.
    const values = {
      date: bogotaDay(at),
      time: new Date(at.getTime() - 5 * 3_600_000).toISOString().slice(11, 16),
    };
    return (
      <section aria-labelledby="schedule-title">
        <h2 id="schedule-title">Programar el envío</h2>
        <form method="post" action={`/comunicaciones/solicitudes/${r.id}/programar`} class="stack">
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="rowVersion" value={String(r.rowVersion)} />
          <Field
            name="date"
            label="Fecha (hora de Colombia)"
            type="date"
            values={values}
            errors={errors}
            width="medium"
          />
          <Field
            name="time"
            label="Hora"
            type="time"
            values={values}
            errors={errors}
            width="short"
            hint="Por ejemplo 09:30."
          />
          <Button>Programar el envío</Button>
        </form>
        <p>
          <a href="/comunicaciones/calendario">Ver el calendario de envíos</a>
        </p>
      </section>
    );
  }
  if (r.state === "programado" && r.scheduledAt)
    return (
      <section aria-labelledby="sending-title">
        <h2 id="sending-title">Envío</h2>
        <p>Programada para el {formatDateTime(r.scheduledAt)}.</p>
        {ocs && (
          <p>
            <a href="/comunicaciones/calendario">Ver el calendario de envíos</a>
          </p>
        )}
        {ocs && (
          <PostButton
            ctx={ctx}
            id={r.id}
            action="desprogramar"
            label="Quitar la programación"
            rowVersion={r.rowVersion}
          />
        )}
      </section>
    );
  if (r.state === "enviando")
    return (
      <section aria-labelledby="sending-title">
        <h2 id="sending-title">Envío</h2>
        {r.pausedUntil ? (
          <Notice>
            El envío está en pausa porque el servidor de correo no responde. Se intentará de nuevo el{" "}
            {formatDateTime(r.pausedUntil)}. Nadie pierde su mensaje por la pausa.
          </Notice>
        ) : (
          <p>Enviándose ahora, un mensaje por persona.</p>
        )}
        {ocs && r.pausedUntil && (
          <PostButton
            ctx={ctx}
            id={r.id}
            action="reanudar"
            label="Reanudar el envío ahora"
            rowVersion={r.rowVersion}
          />
        )}
        {logLink}
      </section>
    );
  if (r.state === "enviado")
    return (
      <section aria-labelledby="sending-title">
        <h2 id="sending-title">Resultado del envío</h2>
        <SummaryList
          summary={{
            sent: r.sentCount ?? 0,
            failed: r.failedCount ?? 0,
            dropped: r.droppedCount ?? 0,
            duplicateRisk: r.duplicateRiskCount ?? 0,
          }}
        />
        {logLink}
      </section>
    );
  return null;
}

function SummaryList({
  summary,
}: {
  summary: { sent: number; failed: number; dropped: number; duplicateRisk: number };
}) {
  return (
    <dl class="summary-list">
      <div>
        <dt>Enviados</dt>
        <dd>{summary.sent}</dd>
      </div>
      <div>
        <dt>Fallidos</dt>
        <dd>{summary.failed}</dd>
      </div>
      <div>
        <dt>No enviados (sin correo o correo no institucional)</dt>
        <dd>{summary.dropped}</dd>
      </div>
      <div>
        <dt>Posibles duplicados</dt>
        <dd>{summary.duplicateRisk}</dd>
      </div>
    </dl>
  );
}

function reasonOf(row: DeliveryLog["rows"][number]) {
  if (row.state === "descartado" && row.dropReason) return DROP_REASON_LABELS[row.dropReason];
  if (row.state === "fallido") return row.lastError ?? "El servidor de correo no lo aceptó";
  if (row.state === "enviado" && row.recovered)
    return "Posible duplicado: se envió de nuevo después de un reinicio";
  if (row.state === "pendiente" && row.attempts > 0) return row.lastError ?? "Se intentará de nuevo";
  return "";
}

export function DeliveryLogPage({ ctx, log }: { ctx: PageContext; log: DeliveryLog }) {
  const query: Record<string, string> = log.state ? { estado: log.state } : {};
  return (
    <Layout ctx={ctx} title={`Envío de ${log.code}`}>
      <BackLink href={`/comunicaciones/solicitudes/${log.request.id}`}>Volver a la solicitud</BackLink>
      <h1>Envío de la solicitud {log.code}</h1>
      {!log.readable && (
        <Notice>Aviso individual – contenido reservado: no se muestra a quién se envió.</Notice>
      )}
      {log.request.pausedUntil && (
        <Notice>
          El envío está en pausa hasta el {formatDateTime(log.request.pausedUntil)}: el servidor de correo no
          responde.
        </Notice>
      )}
      <SummaryList summary={log.summary} />
      <form method="get" class="stack">
        <div class="field">
          <label for="estado">Mostrar</label>
          <select class="select" id="estado" name="estado">
            <option value="">Todos los destinatarios</option>
            {DELIVERY_STATES.map((state) => (
              <option value={state} selected={log.state === state}>
                {DELIVERY_STATE_LABELS[state]}
              </option>
            ))}
          </select>
        </div>
        <Button variant="secondary">Filtrar</Button>
      </form>
      {log.rows.length === 0 ? (
        <p>No hay destinatarios en este estado.</p>
      ) : (
        <table class="table table--stack">
          <caption class="visually-hidden">Destinatarios y estado de su mensaje</caption>
          <thead>
            <tr>
              <th scope="col">Destinatario</th>
              <th scope="col">Correo</th>
              <th scope="col">Estado</th>
              <th scope="col">Enviado</th>
              <th scope="col">Motivo</th>
            </tr>
          </thead>
          <tbody>
            {log.rows.map((row) => (
              <tr>
                <td data-label="Destinatario">{row.name || "Sin nombre"}</td>
                <td data-label="Correo">{row.email ?? "—"}</td>
                <td data-label="Estado">{DELIVERY_STATE_LABELS[row.state]}</td>
                <td data-label="Enviado">{row.sentAt ? formatDateTime(row.sentAt) : "—"}</td>
                <td data-label="Motivo">{reasonOf(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={log.page} hasMore={log.hasMore} query={query} />
    </Layout>
  );
}
