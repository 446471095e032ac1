// Parts of a request's page: its files, its consultations (and OCS's form to ask one), and the comment form
// with files at any step. Each form works without JavaScript (multipart POST with the CSRF field).
import { FILE_ACCEPT, formatFileSize } from "../../shared/files/checks.ts";
import type { FormErrors } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import { Button, CsrfField, Notice, Select } from "../../shared/views/components.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { OFFICE_LABELS, OPINION_LABELS } from "../consultations/consultations.rules.ts";
import type { RequestView } from "./requests.service.ts";

export function Attachments({ view }: { view: RequestView }) {
  if (!view.readable || view.attachments.length === 0) return null;
  const group = (purpose: "mensaje" | "soporte") => view.attachments.filter((a) => a.purpose === purpose);
  return (
    <section aria-labelledby="files-title">
      <h2 id="files-title">Archivos</h2>
      {(["mensaje", "soporte"] as const).map(
        (purpose) =>
          group(purpose).length > 0 && (
            <>
              <h3>
                {purpose === "mensaje" ? "Viajan con el mensaje" : "Soporte para la revisión (no se envían)"}
              </h3>
              <ul>
                {group(purpose).map((a) => (
                  <li>
                    <a href={`/comunicaciones/solicitudes/${view.request.id}/adjuntos/${a.id}`}>
                      {a.fileName}
                    </a>{" "}
                    ({formatFileSize(a.size)})
                  </li>
                ))}
              </ul>
            </>
          ),
      )}
    </section>
  );
}

export function Consultations(props: { ctx: PageContext; view: RequestView; errors: FormErrors }) {
  const { view, errors } = props;
  if (view.consultations.length === 0 && !view.mayConsult) return null;
  return (
    <section aria-labelledby="consult-title">
      <h2 id="consult-title">Consultas a Talento Humano o a la Oficina de Sistemas</h2>
      {view.unfavourable.length > 0 && (
        <Notice kind="important">
          Atención: {view.unfavourable.map((c) => OFFICE_LABELS[c.consultation.office]).join(" y ")} dio
          concepto desfavorable sobre este texto. Puede aprobarse, pero el concepto quedará citado en la
          aprobación.
        </Notice>
      )}
      {view.consultations.length > 0 && (
        <ul>
          {view.consultations.map(({ consultation: q, askedByName, answeredByName, current }) => (
            <li>
              <strong>{OFFICE_LABELS[q.office]}</strong> – preguntó {askedByName}, {formatDateTime(q.askedAt)}
              {!current && " (sobre un texto anterior)"}: {q.question}
              {q.answeredAt && q.opinion ? (
                <p>
                  Respuesta de {answeredByName ?? "la oficina"} ({formatDateTime(q.answeredAt)}):{" "}
                  <strong>{OPINION_LABELS[q.opinion]}</strong>. {q.answer}
                </p>
              ) : (
                <p>Sin responder todavía.</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {view.mayConsult && (
        <form method="post" action={`/comunicaciones/solicitudes/${view.request.id}/consultas`} class="stack">
          <CsrfField token={props.ctx.csrfToken} />
          <Select
            name="office"
            label="A quién consulta"
            options={(["talento_humano", "ssi"] as const).map((o) => ({ value: o, label: OFFICE_LABELS[o] }))}
            values={{}}
            errors={errors}
            emptyLabel="Elija la oficina"
          />
          <div class={errors.question ? "field field--error" : "field"}>
            <label for="question">Su pregunta</label>
            {errors.question && (
              <p class="field-error" id="question-error">
                <span class="visually-hidden">Error: </span>
                {errors.question}
              </p>
            )}
            <textarea class="textarea" id="question" name="question" rows={3} />
          </div>
          <Button variant="secondary">Enviar la consulta</Button>
        </form>
      )}
    </section>
  );
}

export function CommentForm(props: { ctx: PageContext; view: RequestView; errors: FormErrors }) {
  const { view, errors } = props;
  if (!view.readable) return null;
  const error = errors.comentario;
  return (
    <section aria-labelledby="comment-title">
      <h2 id="comment-title">Comentar o agregar archivos</h2>
      <form
        method="post"
        action={`/comunicaciones/solicitudes/${view.request.id}/comentarios`}
        enctype="multipart/form-data"
        class="stack"
      >
        <CsrfField token={props.ctx.csrfToken} />
        <div class={error ? "field field--error" : "field"}>
          <label for="comentario">Comentario</label>
          {error && (
            <p class="field-error" id="comentario-error">
              <span class="visually-hidden">Error: </span>
              {error}
            </p>
          )}
          <textarea
            class="textarea"
            id="comentario"
            name="comment"
            rows={3}
            aria-describedby={error ? "comentario-error" : undefined}
            aria-invalid={error ? "true" : undefined}
          />
        </div>
        <div class="field">
          <label for="archivos">Archivos (opcional)</label>
          <input class="file-input" type="file" id="archivos" name="archivos" accept={FILE_ACCEPT} multiple />
        </div>
        {view.mayEdit ? (
          <Select
            name="purpose"
            label="Los archivos"
            options={[
              { value: "soporte", label: "Son soporte para la revisión (no se envían)" },
              { value: "mensaje", label: "Viajan con el mensaje (cambia la solicitud)" },
            ]}
            values={{}}
          />
        ) : (
          <input type="hidden" name="purpose" value="soporte" />
        )}
        <Button variant="secondary">Guardar el comentario</Button>
      </form>
    </section>
  );
}
