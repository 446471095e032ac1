import type { Person } from "../../core/people/people.service.ts";
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import { CheckList } from "../../shared/views/CheckList.tsx";
import { Button, CsrfField, ErrorSummary, Field, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf } from "../../shared/words.ts";
import type { Photo } from "../photos/photos.service.ts";
import type { RejectionReason } from "./review.table.ts";

interface QueueRow {
  photoId: string;
  firstNames: string;
  lastNames: string;
  documentType: string;
  documentNumber: string;
  dependencia: string | null;
  checksPassed: boolean;
  createdAt: Date;
}

export function QueuePage(props: {
  ctx: PageContext;
  rows: QueueRow[];
  dependencias: { value: string; label: string }[];
  campaigns: { value: string; label: string }[];
  values: { dependencia: string; campana: string };
  /** The filter as a query string, kept on every link ("" or "?…"). */
  query: string;
}) {
  const { ctx, rows, query } = props;
  const first = rows[0];
  return (
    <Layout ctx={ctx} title="Fotos por revisar">
      <h1>Fotos por revisar</h1>
      <form method="get" action="/ssi/fotos" class="search-form">
        <Select
          name="dependencia"
          label="Dependencia"
          options={props.dependencias}
          values={props.values}
          emptyLabel="Todas"
        />
        {props.campaigns.length > 0 && (
          <Select
            name="campana"
            label="Campaña"
            options={props.campaigns}
            values={props.values}
            emptyLabel="Todas"
          />
        )}
        <Button variant="secondary">Filtrar</Button>
      </form>
      {first ? (
        <>
          <p class="lead">
            {rows.length === 50 ? "Hay 50 o más fotos" : `Hay ${countOf(rows.length, "foto", "fotos")}`}{" "}
            esperando revisión, la más antigua primero.
          </p>
          <p>
            <a class="button" href={`/ssi/fotos/${first.photoId}${query}`}>
              Empezar a revisar
            </a>
          </p>
          <section class="table-scroll" tabindex={0} aria-label="Tabla desplazable">
            <table class="table table--compact table--stack">
              <caption class="visually-hidden">Fotos en revisión</caption>
              <thead>
                <tr>
                  <th scope="col">Persona</th>
                  <th scope="col">Documento</th>
                  <th scope="col">Dependencia</th>
                  <th scope="col">Revisión automática</th>
                  <th scope="col">Enviada</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    <td>
                      <a href={`/ssi/fotos/${row.photoId}${query}`}>
                        {row.firstNames} {row.lastNames}
                      </a>
                    </td>
                    <td data-label="Documento">
                      {row.documentType} {row.documentNumber}
                    </td>
                    <td data-label="Dependencia">{row.dependencia ?? "Sin dependencia"}</td>
                    <td data-label="Revisión automática">
                      {row.checksPassed ? "Cumple" : "Con observaciones"}
                    </td>
                    <td data-label="Enviada">{formatDateTime(row.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : (
        <p class="lead">No hay fotos esperando revisión.</p>
      )}
    </Layout>
  );
}

export function ReviewPage(props: {
  ctx: PageContext;
  photo: Photo;
  person: Person;
  dependencia: string | undefined;
  reasons: RejectionReason[];
  nextId: string | undefined;
  query: string;
  errors?: FormErrors;
  values?: FormValues;
}) {
  const { ctx, photo, person, reasons, nextId, query, errors = {}, values = {} } = props;
  const pending = photo.state === "en_revision";
  return (
    <Layout
      ctx={ctx}
      title={`Revisar foto de ${person.firstNames} ${person.lastNames}`}
      islands={["review-keys"]}
    >
      <ErrorSummary errors={errors} />
      <a class="back-link" href={`/ssi/fotos${query}`}>
        Volver a la fila
      </a>
      <h1>
        {person.firstNames} {person.lastNames}
      </h1>
      <p class="lead">
        {person.documentType} {person.documentNumber} · {props.dependencia ?? "Sin dependencia"} · enviada el{" "}
        {formatDateTime(photo.createdAt)}
      </p>
      <div class="review">
        <figure class="review__figure">
          <img
            class="portrait"
            src={`/ssi/fotos/${photo.id}/retrato`}
            alt="Retrato recortado 3:4, como irá en el carnet"
            width="240"
            height="320"
          />
          <figcaption>Como irá en el carnet</figcaption>
        </figure>
        <figure class="review__figure">
          <img class="review__original" src={`/ssi/fotos/${photo.id}/original`} alt="Foto original enviada" />
          <figcaption>Original enviada</figcaption>
        </figure>
      </div>
      {photo.explanation && (
        <div class="notice">
          <p>
            <strong>Explicación de la persona:</strong> {photo.explanation}
          </p>
        </div>
      )}
      <h2 class="heading-m">Revisión automática</h2>
      <CheckList checks={photo.checks} />
      {pending ? (
        <div class="review__actions">
          <form id="approve-form" method="post" action={`/ssi/fotos/${photo.id}/aprobar${query}`}>
            <CsrfField token={ctx.csrfToken} />
            <Button>
              Aprobar <kbd>A</kbd>
            </Button>
          </form>
          <form method="post" action={`/ssi/fotos/${photo.id}/rechazar${query}`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <Select
              name="reason"
              label="Motivo del rechazo (tecla R)"
              options={reasons.map((r) => ({ value: r.label, label: r.label }))}
              values={values}
              errors={errors}
              emptyLabel="Elija un motivo"
            />
            <div class="field">
              <label for="note">Indicación para la persona (opcional)</label>
              <textarea class="textarea" id="note" name="note" rows={2} maxlength={500}>
                {values.note ?? ""}
              </textarea>
            </div>
            <Button variant="warning">Rechazar</Button>
          </form>
        </div>
      ) : (
        <p class="status-tag">Esta foto ya fue revisada.</p>
      )}
      <p class="hint">
        Atajos: <kbd>A</kbd> aprueba, <kbd>R</kbd> lleva al motivo de rechazo, <kbd>S</kbd> salta a la
        siguiente.
      </p>
      {nextId && (
        <p>
          <a id="next-photo" href={`/ssi/fotos/${nextId}${query}`}>
            Saltar a la siguiente foto
          </a>
        </p>
      )}
    </Layout>
  );
}

export function ReasonsPage(props: { ctx: PageContext; reasons: RejectionReason[]; errors?: FormErrors }) {
  const { ctx, reasons, errors = {} } = props;
  return (
    <Layout ctx={ctx} title="Motivos de rechazo de fotos">
      <ErrorSummary errors={errors} />
      <h1>Motivos de rechazo de fotos</h1>
      <p class="lead">
        Los operadores eligen uno de estos motivos al rechazar una foto; la persona lo ve en su correo.
      </p>
      <table class="table">
        <caption class="visually-hidden">Motivos</caption>
        <thead>
          <tr>
            <th scope="col">Motivo</th>
            <th scope="col">Estado</th>
            <th scope="col">Acción</th>
          </tr>
        </thead>
        <tbody>
          {reasons.map((reason) => (
            <tr>
              <td>{reason.label}</td>
              <td>{reason.active ? "En uso" : "Retirado"}</td>
              <td>
                <form method="post" action={`/admin/motivos-rechazo/${reason.id}`} class="inline-form">
                  <CsrfField token={ctx.csrfToken} />
                  <input type="hidden" name="active" value={reason.active ? "false" : "true"} />
                  <button type="submit" class="link-button">
                    {reason.active ? "Retirar" : "Volver a usar"}
                    <span class="visually-hidden"> «{reason.label}»</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 class="heading-m">Agregar un motivo</h2>
      <form method="post" action="/admin/motivos-rechazo" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field name="label" label="Motivo" errors={errors} />
        <Button>Agregar motivo</Button>
      </form>
    </Layout>
  );
}
