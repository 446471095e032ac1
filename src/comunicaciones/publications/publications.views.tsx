// Pages of publication requests (GTI-F-020): the requester's list and form, SSI's queue, and a request's
// page with SSI's two decisions (publish, return with a comment). Every form works without JavaScript.

import type { Child } from "hono/jsx";
import { formatFileSize } from "../../shared/files/checks.ts";
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime, formatIsoDay } from "../../shared/time.ts";
import {
  BackLink,
  Button,
  CsrfField,
  ErrorSummary,
  Field,
  FileField,
  Notice,
  Select,
  TextArea,
} from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { docTypeOptions } from "../library/library.admin.views.tsx";
import { PUB_STATE_LABELS, TARGET_LABELS, TARGETS } from "./publications.rules.ts";
import type { PubListItem, PubRequestView } from "./publications.service.ts";

export const PUB_LABELS: Record<string, string> = {
  docType: "Tipo de documento",
  docNumber: "Número",
  docDate: "Fecha del documento",
  issuingOffice: "Dependencia que lo expide",
  title: "Título",
  summary: "Resumen",
  target: "Dónde se publica",
  section: "Sección",
  file: "Archivo",
  comment: "Observación",
};

function PubTable(props: { rows: PubListItem[]; caption: string; showDependencia?: boolean }) {
  return (
    <table class="table table--stack">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Solicitud</th>
          <th scope="col">Documento</th>
          {props.showDependencia && <th scope="col">Dependencia</th>}
          <th scope="col">Estado</th>
          <th scope="col">Radicada</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr>
            <td data-label="Solicitud">
              <a href={`/publicaciones/solicitudes/${row.request.id}`}>{row.code}</a>
            </td>
            <td data-label="Documento">
              {row.label}: {row.request.title}
            </td>
            {props.showDependencia && <td data-label="Dependencia">{row.dependenciaName}</td>}
            <td data-label="Estado">{PUB_STATE_LABELS[row.request.state]}</td>
            <td data-label="Radicada">{formatDateTime(row.request.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MyPubRequestsPage({ ctx, rows }: { ctx: PageContext; rows: PubListItem[] }) {
  return (
    <Layout ctx={ctx} title="Mis solicitudes de publicación">
      <h1>Mis solicitudes de publicación</h1>
      <p>
        Las circulares, resoluciones y actos administrativos que su dependencia pide publicar en el sitio web
        o en la intranet (formato GTI-F-020). Los publica la Subsecretaría de Sistemas de Información.
      </p>
      <p>
        <a class="button" href="/publicaciones/solicitudes/nueva">
          Nueva solicitud de publicación
        </a>
      </p>
      {rows.length === 0 ? (
        <p>Su dependencia aún no tiene solicitudes de publicación.</p>
      ) : (
        <PubTable rows={rows} caption="Solicitudes de su dependencia, las más recientes primero" />
      )}
    </Layout>
  );
}

export function PubRequestFormPage(props: {
  ctx: PageContext;
  values: FormValues;
  errors: FormErrors;
  maxFileText: string;
  accept: string;
}) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title="Nueva solicitud de publicación">
      <ErrorSummary errors={errors} labels={PUB_LABELS} />
      <BackLink href="/publicaciones/solicitudes">Mis solicitudes de publicación</BackLink>
      <h1>Nueva solicitud de publicación (GTI-F-020)</h1>
      <form method="post" action="/publicaciones/solicitudes" enctype="multipart/form-data" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Select
          name="docType"
          label="Tipo de documento"
          options={docTypeOptions}
          values={values}
          errors={errors}
          emptyLabel="Elija el tipo"
        />
        <Field
          name="docNumber"
          label="Número"
          hint="Como aparece en el documento, por ejemplo 004"
          width="short"
          values={values}
          errors={errors}
        />
        <Field
          name="docDate"
          label="Fecha del documento"
          hint="aaaa-mm-dd, por ejemplo 2026-01-27"
          type="date"
          width="medium"
          values={values}
          errors={errors}
        />
        <Field name="issuingOffice" label="Dependencia que lo expide" values={values} errors={errors} />
        <Field name="title" label="Título" values={values} errors={errors} />
        <TextArea
          name="summary"
          label="Resumen"
          hint="De qué trata y a quién le sirve, en pocas líneas. Se muestra en la biblioteca."
          rows={4}
          values={values}
          errors={errors}
        />
        <Select
          name="target"
          label="Dónde se publica"
          options={TARGETS.map((t) => ({ value: t, label: TARGET_LABELS[t] }))}
          values={values}
          errors={errors}
          emptyLabel="Elija dónde"
        />
        <Field
          name="section"
          label="Sección"
          hint="Por ejemplo «Circulares 2026»"
          values={values}
          errors={errors}
        />
        <FileField
          name="file"
          label="Archivo"
          hint={`PDF, Word (.docx) o LibreOffice (.odt), de hasta ${props.maxFileText}. Se revisa su contenido: no se aceptan macros, scripts ni programas.`}
          accept={props.accept}
          error={errors.file}
        />
        <div class="checkbox">
          <input
            type="checkbox"
            id="internalDistribution"
            name="internalDistribution"
            value="si"
            checked={values.internalDistribution === "si"}
          />
          <label for="internalDistribution">
            Difundirla también por correo a los servidores (la Oficina de Comunicación Social revisa el
            mensaje, que lleva el enlace al documento)
          </label>
        </div>
        <Button>Enviar la solicitud</Button>
      </form>
    </Layout>
  );
}

export function PubQueuePage(props: { ctx: PageContext; pending: PubListItem[]; handled: PubListItem[] }) {
  return (
    <Layout ctx={props.ctx} title="Solicitudes de publicación">
      <h1>Solicitudes de publicación</h1>
      <p>
        Lo que las dependencias piden publicar (GTI-F-020). Publicar lo deja en la{" "}
        <a href="/admin/documentos">biblioteca de documentos</a> con una dirección que no cambia.
      </p>
      {props.pending.length === 0 ? (
        <p>No hay solicitudes por publicar.</p>
      ) : (
        <PubTable rows={props.pending} caption="Por publicar, las más antiguas primero" showDependencia />
      )}
      {props.handled.length > 0 && (
        <>
          <h2>Atendidas recientemente</h2>
          <PubTable
            rows={props.handled}
            caption="Publicadas o devueltas, las más recientes primero"
            showDependencia
          />
        </>
      )}
    </Layout>
  );
}

function Facts({ view }: { view: PubRequestView }) {
  const r = view.request;
  const row = (term: string, value: Child) => (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl class="summary-list">
      {row("Estado", PUB_STATE_LABELS[r.state])}
      {row("Dependencia", view.dependenciaName)}
      {row("Pidió", view.requesterName)}
      {row("Radicada", formatDateTime(r.createdAt))}
      {row("Documento", view.label)}
      {row("Fecha del documento", formatIsoDay(r.docDate))}
      {row("Expide", r.issuingOffice)}
      {row("Título", r.title)}
      {row("Resumen", r.summary)}
      {row("Dónde se publica", TARGET_LABELS[r.target])}
      {row("Sección", r.section)}
      {row("Difusión interna por correo", r.internalDistribution ? "Sí" : "No")}
      {row(
        "Archivo",
        <a href={`/publicaciones/solicitudes/${r.id}/archivo`}>
          {r.fileName} ({formatFileSize(r.size)})
        </a>,
      )}
      {view.slug && row("Publicada en", <a href={`/documentos/${view.slug}`}>/documentos/{view.slug}</a>)}
      {r.comment && row("Observación de Sistemas", r.comment)}
    </dl>
  );
}

export function PubRequestPage(props: {
  ctx: PageContext;
  view: PubRequestView;
  errors?: FormErrors;
  values?: FormValues;
}) {
  const { ctx, view } = props;
  const errors = props.errors ?? {};
  const version = String(view.request.rowVersion);
  return (
    <Layout ctx={ctx} title={`Solicitud de publicación ${view.code}`}>
      <ErrorSummary errors={errors} labels={PUB_LABELS} />
      <BackLink href={view.mayDecide ? "/publicaciones/bandeja" : "/publicaciones/solicitudes"}>
        Solicitudes de publicación
      </BackLink>
      <h1>Solicitud de publicación {view.code}</h1>
      {view.request.state === "devuelto" && (
        <Notice>Sistemas devolvió esta solicitud: corrija lo indicado y radique una solicitud nueva.</Notice>
      )}
      <Facts view={view} />
      {view.mayDecide && (
        <>
          <h2>Publicar</h2>
          <form method="post" action={`/publicaciones/solicitudes/${view.request.id}/publicar`}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="rowVersion" value={version} />
            <p>
              Queda en /documentos como{" "}
              {view.request.target === "intranet" ? "documento interno" : "documento público"}
              {view.request.internalDistribution
                ? ", y se crea la solicitud de difusión interna para Comunicaciones"
                : ""}
              .
            </p>
            <Button>Publicar el documento</Button>
          </form>
          <h2>Devolver</h2>
          <form method="post" action={`/publicaciones/solicitudes/${view.request.id}/devolver`}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="rowVersion" value={version} />
            <TextArea
              name="comment"
              label="Observación"
              hint="Qué debe corregir la dependencia. La recibe por correo."
              rows={3}
              values={props.values ?? {}}
              errors={errors}
            />
            <Button variant="secondary">Devolver la solicitud</Button>
          </form>
        </>
      )}
    </Layout>
  );
}
