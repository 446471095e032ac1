// SSI's page of the library: every document (withdrawn ones too) with a form to withdraw it, and the form
// to publish one directly (type, number, date, issuing office, title, subject, section, access, file).
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime, formatIsoDay } from "../../shared/time.ts";
import {
  Button,
  CsrfField,
  ErrorSummary,
  Field,
  FileField,
  Select,
  TextArea,
} from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { DOC_TYPE_LABELS, DOC_TYPES, VISIBILITIES, VISIBILITY_LABELS } from "./library.rules.ts";
import type { PublisherRow } from "./library.service.ts";

export const DOCUMENT_LABELS: Record<string, string> = {
  docType: "Tipo de documento",
  number: "Número",
  issuedOn: "Fecha del documento",
  issuingOffice: "Dependencia que lo expide",
  title: "Título",
  subject: "Asunto",
  section: "Sección",
  visibility: "Acceso",
  file: "Archivo",
  reason: "Motivo del retiro",
};

export const docTypeOptions = DOC_TYPES.map((t) => ({ value: t, label: DOC_TYPE_LABELS[t] }));

function WithdrawForm({ row, csrf }: { row: PublisherRow; csrf: string }) {
  const id = `reason-${row.id}`;
  return (
    <details>
      <summary>Retirar</summary>
      <form method="post" action={`/admin/documentos/${row.id}/retirar`}>
        <CsrfField token={csrf} />
        <div class="field">
          <label for={id}>Motivo del retiro (lo verá quien abra la dirección)</label>
          <textarea class="textarea" id={id} name="reason" rows={2} />
        </div>
        <Button variant="warning">Retirar el documento</Button>
      </form>
    </details>
  );
}

export function LibraryAdminPage(props: {
  ctx: PageContext;
  rows: PublisherRow[];
  values: FormValues;
  errors: FormErrors;
  maxFileText: string;
  accept: string;
}) {
  const { ctx, rows, values, errors } = props;
  return (
    <Layout ctx={ctx} title="Documentos publicados">
      <ErrorSummary errors={errors} labels={DOCUMENT_LABELS} />
      <h1>Documentos publicados</h1>
      <p>
        Lo que aquí se publica queda en <a href="/documentos">/documentos</a> con una dirección que no cambia.
        Las solicitudes de las dependencias (GTI-F-020) llegan a la{" "}
        <a href="/publicaciones/bandeja">bandeja de publicaciones</a>.
      </p>
      {rows.length === 0 && <p>Todavía no hay documentos publicados.</p>}
      <table class="table table--stack" hidden={rows.length === 0}>
        <caption>Documentos de la biblioteca, los más recientes primero</caption>
        <thead>
          <tr>
            <th scope="col">Documento</th>
            <th scope="col">Fecha</th>
            <th scope="col">Acceso</th>
            <th scope="col">Publicado</th>
            <th scope="col">Estado</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <td data-label="Documento">
                <a href={`/documentos/${row.slug}`}>{row.label}</a>: {row.title}
              </td>
              <td data-label="Fecha">{formatIsoDay(row.issuedOn)}</td>
              <td data-label="Acceso">{row.visibility === "publico" ? "Público" : "Interno"}</td>
              <td data-label="Publicado">{formatDateTime(row.publishedAt)}</td>
              <td data-label="Estado">
                {row.withdrawnAt ? (
                  `Retirado: ${row.withdrawnReason ?? ""}`
                ) : (
                  <WithdrawForm row={row} csrf={ctx.csrfToken} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Publicar un documento</h2>
      <form method="post" action="/admin/documentos" enctype="multipart/form-data" novalidate>
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
          name="number"
          label="Número"
          hint="Como aparece en el documento, por ejemplo 004"
          width="short"
          values={values}
          errors={errors}
        />
        <Field
          name="issuedOn"
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
          name="subject"
          label="Asunto"
          hint="De qué trata, en una o dos frases."
          rows={3}
          values={values}
          errors={errors}
        />
        <Field
          name="section"
          label="Sección (opcional)"
          hint="Por ejemplo «Circulares 2026» o «Planes institucionales»"
          values={values}
          errors={errors}
        />
        <Select
          name="visibility"
          label="Acceso"
          options={VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_LABELS[v] }))}
          values={values}
          errors={errors}
          emptyLabel="Elija quién puede verlo"
        />
        <FileField
          name="file"
          label="Archivo"
          hint={`PDF, Word (.docx) o LibreOffice (.odt), de hasta ${props.maxFileText}. Se revisa su contenido: no se aceptan macros, scripts ni programas.`}
          accept={props.accept}
          error={errors.file}
        />
        <Button>Publicar</Button>
      </form>
    </Layout>
  );
}
