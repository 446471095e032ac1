// A communication request's page: its data (a sensitive notice's content only for its readers), the
// audience's counts and dropped addresses, the history of its steps, and the steps the viewer may take.

import type { FormErrors } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import { BackLink, Button, CsrfField, ErrorSummary, Notice } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf } from "../../shared/words.ts";
import { DROP_REASON_LABELS } from "../messages/addresses.rules.ts";
import { SendingPanel } from "../sending/sending.views.tsx";
import { CLASSIFICATION_LABELS, EVENT_LABELS, STATE_LABELS } from "./requests.rules.ts";
import type { RequestView } from "./requests.service.ts";
import { Attachments, CommentForm, Consultations } from "./requests.steps.views.tsx";

function Row({ term, children }: { term: string; children: unknown }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children as string}</dd>
    </div>
  );
}

function audienceText(view: RequestView) {
  const r = view.request;
  if (r.audienceKind === "todos") return "Todos los servidores y contratistas activos";
  if (r.audienceKind === "persona") return view.recipientName ?? "Una persona";
  if (r.audienceKind === "lista") return "Una lista de correos pegada o cargada por quien la pidió";
  const parts = [
    r.audienceDependenciaIds.length === 0
      ? "Todas las dependencias"
      : `${countOf(r.audienceDependenciaIds.length, "dependencia", "dependencias")}${r.audienceIncludeChildren ? " con las que dependen de ellas" : ""}`,
  ];
  if (r.audienceVinculacion)
    parts.push(r.audienceVinculacion === "planta" ? "solo planta" : "solo contratistas");
  return parts.join(", ");
}

function StepForm(props: {
  ctx: PageContext;
  view: RequestView;
  action: string;
  label: string;
  comment?: string;
  variant?: "secondary" | "warning";
  errors: FormErrors;
}) {
  const id = `comment-${props.action}`;
  const error = props.comment ? props.errors[id] : undefined;
  return (
    <form
      method="post"
      action={`/comunicaciones/solicitudes/${props.view.request.id}/${props.action}`}
      class="stack"
    >
      <CsrfField token={props.ctx.csrfToken} />
      <input type="hidden" name="rowVersion" value={String(props.view.request.rowVersion)} />
      {props.comment && (
        <div class={error ? "field field--error" : "field"}>
          <label for={id}>{props.comment}</label>
          {error && (
            <p class="field-error" id={`${id}-error`}>
              <span class="visually-hidden">Error: </span>
              {error}
            </p>
          )}
          <textarea
            class="textarea"
            id={id}
            name="comment"
            rows={3}
            aria-describedby={error ? `${id}-error` : undefined}
            aria-invalid={error ? "true" : undefined}
          />
        </div>
      )}
      <Button variant={props.variant}>{props.label}</Button>
    </form>
  );
}

export function RequestPage({
  ctx,
  view,
  errors = {},
}: {
  ctx: PageContext;
  view: RequestView;
  errors?: FormErrors;
}) {
  const r = view.request;
  const can = (move: string) => (view.moves as string[]).includes(move);
  return (
    <Layout ctx={ctx} title={`Solicitud ${view.code}`}>
      <BackLink href={view.isRequester ? "/comunicaciones/mis-solicitudes" : "/comunicaciones/bandeja"}>
        Volver
      </BackLink>
      <ErrorSummary errors={errors} />
      <h1>Solicitud de comunicación {view.code}</h1>
      {!view.readable && (
        <Notice>
          Aviso individual – contenido reservado. Solo lo leen quien lo pidió, quien lo revisa o aprueba y la
          persona que lo recibe.
        </Notice>
      )}
      <dl class="summary-list">
        <Row term="Estado">{STATE_LABELS[r.state]}</Row>
        <Row term="Dependencia">{view.dependenciaName}</Row>
        <Row term="Solicitante">{view.requesterName}</Row>
        <Row term="Clase">{CLASSIFICATION_LABELS[r.classification]}</Row>
        <Row term="Fecha deseada">{formatDateTime(r.desiredAt)}</Row>
        {view.readable && <Row term="Propósito">{r.purpose}</Row>}
        {view.readable && <Row term="Destinatarios">{audienceText(view)}</Row>}
        {view.audience && (
          <Row term="Recibirían el mensaje">{countOf(view.audience.deliverable, "persona", "personas")}</Row>
        )}
      </dl>
      {view.readable && (
        <section aria-labelledby="message-title">
          <h2 id="message-title">Mensaje</h2>
          <p>
            <strong>Asunto:</strong> {r.subject}
          </p>
          <div class="message-body" style="white-space: pre-wrap">
            {r.body}
          </div>
        </section>
      )}
      <Attachments view={view} />
      {view.readable && (
        <p>
          <a href={`/comunicaciones/solicitudes/${r.id}/vista-previa`}>
            Ver la vista previa del mensaje y los destinatarios
          </a>
        </p>
      )}
      {view.audience && view.audience.dropped.length > 0 && (
        <section aria-labelledby="dropped-title">
          <h2 id="dropped-title">No recibirán el mensaje ({view.audience.dropped.length})</h2>
          <p>Comunicaciones solo escribe a correos institucionales, una vez a cada uno.</p>
          <ul>
            {view.audience.dropped.slice(0, 100).map((d) => (
              <li>
                {d.name}
                {d.email ? ` <${d.email}>` : ""}: {DROP_REASON_LABELS[d.reason]}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Consultations ctx={ctx} view={view} errors={errors} />
      {view.moves.length > 0 && (
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">Qué puede hacer</h2>
          {can("edit") && (
            <p>
              <a class="button button--secondary" href={`/comunicaciones/solicitudes/${r.id}/editar`}>
                Modificar la solicitud
              </a>
              {(r.state === "aprobado" || r.state === "programado") && " Si la modifica, vuelve a revisión."}
            </p>
          )}
          {can("resubmit") && (
            <StepForm
              ctx={ctx}
              view={view}
              errors={errors}
              action="reenviar"
              label="Enviar de nuevo a revisión"
            />
          )}
          {can("take") && (
            <StepForm ctx={ctx} view={view} errors={errors} action="revisar" label="Tomar para revisión" />
          )}
          {can("approve") && view.unfavourable.length > 0 && (
            <Notice kind="important">Hay un concepto desfavorable: léalo arriba antes de aprobar.</Notice>
          )}
          {can("approve") && (
            <StepForm ctx={ctx} view={view} errors={errors} action="aprobar" label="Aprobar" />
          )}
          {can("return") && (
            <StepForm
              ctx={ctx}
              view={view}
              errors={errors}
              action="devolver"
              label="Devolver con observaciones"
              comment="Qué debe corregir quien la pidió"
              variant="secondary"
            />
          )}
          {can("reject") && (
            <StepForm
              ctx={ctx}
              view={view}
              errors={errors}
              action="rechazar"
              label="Rechazar"
              comment="Motivo del rechazo"
              variant="warning"
            />
          )}
        </section>
      )}
      <SendingPanel ctx={ctx} view={view} errors={errors} />
      <CommentForm ctx={ctx} view={view} errors={errors} />
      <section aria-labelledby="history-title">
        <h2 id="history-title">Historial</h2>
        <ol class="timeline">
          {view.events.map(({ event, actorName }) => (
            <li>
              <strong>{EVENT_LABELS[event.kind]}</strong> – {formatDateTime(event.at)}
              {actorName ? `, ${actorName}` : ""}
              {event.comment && <p>{event.comment}</p>}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
