// «Consultas»: what OCS asked Talento Humano or SSI, the open ones first with the form to answer, and the
// answered ones with the opinion given.
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import { Button, CsrfField, ErrorSummary, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { CLASSIFICATION_LABELS } from "../requests/requests.rules.ts";
import { OFFICE_LABELS, OPINION_LABELS } from "./consultations.rules.ts";
import { OPINIONS } from "./consultations.schemas.ts";
import type { InboxRow } from "./consultations.service.ts";

function AnswerForm(props: { ctx: PageContext; row: InboxRow; values: FormValues; errors: FormErrors }) {
  const id = props.row.consultation.id;
  const error = props.errors.answer;
  return (
    <form method="post" action={`/comunicaciones/consultas/${id}`} class="stack">
      <CsrfField token={props.ctx.csrfToken} />
      <Select
        name="opinion"
        label="Su concepto"
        options={OPINIONS.map((o) => ({ value: o, label: OPINION_LABELS[o] }))}
        values={props.values}
        errors={props.errors}
        emptyLabel="Elija su concepto"
      />
      <div class={error ? "field field--error" : "field"}>
        <label for={`answer-${id}`}>Su respuesta</label>
        {error && (
          <p class="field-error" id={`answer-${id}-error`}>
            <span class="visually-hidden">Error: </span>
            {error}
          </p>
        )}
        <textarea
          class="textarea"
          id={`answer-${id}`}
          name="answer"
          rows={4}
          aria-describedby={error ? `answer-${id}-error` : undefined}
          aria-invalid={error ? "true" : undefined}
        >
          {props.values.answer ?? ""}
        </textarea>
      </div>
      <Button>Enviar la respuesta</Button>
    </form>
  );
}

export function InboxPage(props: {
  ctx: PageContext;
  rows: InboxRow[];
  /** The consultation whose answer was refused, with what was typed. */
  failed?: { id: string; values: FormValues; errors: FormErrors };
}) {
  const open = props.rows.filter((r) => !r.consultation.answeredAt);
  const answered = props.rows.filter((r) => r.consultation.answeredAt);
  return (
    <Layout ctx={props.ctx} title="Consultas de comunicaciones">
      <ErrorSummary errors={props.failed?.errors ?? {}} />
      <h1>Consultas de comunicaciones</h1>
      <p>
        Antes de aprobar una comunicación de un convenio, publicitaria o de otra entidad, la Oficina de
        Comunicaciones pide su concepto. Lea la solicitud y responda.
      </p>
      <h2>Por responder ({open.length})</h2>
      {open.length === 0 && <p>No tiene consultas por responder.</p>}
      {open.map((row) => (
        <section class="card" aria-label={`Consulta sobre ${row.code}`}>
          <h3>
            <a href={`/comunicaciones/solicitudes/${row.request.id}`}>{row.code}</a>: {row.request.subject}
          </h3>
          <p>
            {CLASSIFICATION_LABELS[row.request.classification]} · {row.dependenciaName} · consulta a{" "}
            {OFFICE_LABELS[row.consultation.office]} de {row.askedByName},{" "}
            {formatDateTime(row.consultation.askedAt)}
          </p>
          <blockquote>{row.consultation.question}</blockquote>
          {row.outdated && (
            <p>La solicitud cambió después de esta pregunta: su respuesta quedará para el texto anterior.</p>
          )}
          <AnswerForm
            ctx={props.ctx}
            row={row}
            values={props.failed?.id === row.consultation.id ? props.failed.values : {}}
            errors={props.failed?.id === row.consultation.id ? props.failed.errors : {}}
          />
        </section>
      ))}
      <h2>Respondidas ({answered.length})</h2>
      {answered.length === 0 ? (
        <p>Ninguna.</p>
      ) : (
        <ul>
          {answered.map((row) => (
            <li>
              <a href={`/comunicaciones/solicitudes/${row.request.id}`}>{row.code}</a>: {row.request.subject}{" "}
              — {row.consultation.opinion ? OPINION_LABELS[row.consultation.opinion] : ""},{" "}
              {row.consultation.answeredAt ? formatDateTime(row.consultation.answeredAt) : ""}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
