// «Mis solicitudes» (a dependencia's communication requests) and the request form, which works without
// JavaScript: the audience is chosen with radios, and the fields of each choice are always on the page.

import { FILE_ACCEPT, FILE_TYPES_TEXT, formatFileSize } from "../../shared/files/checks.ts";
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import {
  Button,
  CsrfField,
  ErrorSummary,
  Field,
  FieldFrame,
  FileField,
  Notice,
  Select,
  TextArea,
} from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { TEMPLATE_FIELDS } from "../messages/messages.rules.ts";
import { CLASSIFICATION_LABELS, CLASSIFICATIONS, STATE_LABELS } from "./requests.rules.ts";
import type { RequestListItem } from "./requests.service.ts";

export const LABELS: Record<string, string> = {
  purpose: "Propósito",
  classification: "Clase de comunicación",
  audienceKind: "Destinatarios",
  dependencias: "Dependencias",
  vinculacion: "Vinculación",
  personDocument: "Documento de la persona",
  desiredDate: "Fecha deseada",
  desiredTime: "Hora deseada",
  subject: "Asunto",
  body: "Texto del mensaje",
  listText: "Lista de destinatarios",
  adjuntos: "Archivos adjuntos",
};

/** The list of requests: code, subject (or «contenido reservado»), dependencia, state, date. */
export function RequestTable({ rows, showRequester }: { rows: RequestListItem[]; showRequester?: boolean }) {
  return (
    <table class="table table--stack">
      <thead>
        <tr>
          <th scope="col">Solicitud</th>
          <th scope="col">Asunto</th>
          <th scope="col">Dependencia</th>
          {showRequester && <th scope="col">Solicitante</th>}
          <th scope="col">Estado</th>
          <th scope="col">Fecha deseada</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td data-label="Solicitud">
              <a href={`/comunicaciones/solicitudes/${row.request.id}`}>{row.code}</a>
            </td>
            <td data-label="Asunto">{row.subject ?? <em>Aviso individual – contenido reservado</em>}</td>
            <td data-label="Dependencia">{row.dependenciaName}</td>
            {showRequester && <td data-label="Solicitante">{row.requesterName}</td>}
            <td data-label="Estado">{STATE_LABELS[row.request.state]}</td>
            <td data-label="Fecha deseada">{formatDateTime(row.request.desiredAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MyRequestsPage({ ctx, rows }: { ctx: PageContext; rows: RequestListItem[] }) {
  return (
    <Layout ctx={ctx} title="Mis solicitudes">
      <h1>Mis solicitudes de comunicación</h1>
      <p>
        Las comunicaciones masivas a los servidores las revisa y envía la Oficina de Comunicaciones (Circular
        004 de 2021). Aquí ve las de su dependencia y en qué van.
      </p>
      <p>
        <a class="button" href="/comunicaciones/solicitudes/nueva">
          Nueva solicitud
        </a>
      </p>
      {rows.length === 0 ? <p>Su dependencia aún no tiene solicitudes.</p> : <RequestTable rows={rows} />}
    </Layout>
  );
}

const AUDIENCES = [
  { value: "todos", label: "Todos los servidores y contratistas activos" },
  { value: "filtro", label: "Algunas dependencias, o solo planta o solo contratistas" },
  { value: "persona", label: "Una sola persona (obligatorio para un aviso de interés particular)" },
  { value: "lista", label: "Una lista de correos que usted pega o carga" },
];

/** A file of the request, as the form and the page list it. */
export interface AttachmentItem {
  id: string;
  fileName: string;
  size: number;
  purpose: "mensaje" | "soporte";
}

export interface RequestFormProps {
  ctx: PageContext;
  action: string;
  title: string;
  values: FormValues;
  errors: FormErrors;
  dependencias: { value: string; label: string }[];
  notice?: string;
  /** The request's files (edit): each may be removed. */
  attachments: AttachmentItem[];
  /** Lines of the request's current list (edit), kept unless another is pasted or loaded. */
  listCount?: number | undefined;
  limits: { maxFileBytes: number; maxMailedBytes: number; maxListEntries: number };
}

export function RequestFormPage(props: RequestFormProps) {
  const { ctx, values, errors } = props;
  const checked = new Set((values.dependencias ?? "").split(","));
  const fields = TEMPLATE_FIELDS.map((f) => `{{${f}}}`).join(", ");
  return (
    <Layout ctx={ctx} title={props.title}>
      <ErrorSummary errors={errors} labels={LABELS} />
      <h1>{props.title}</h1>
      {props.notice && <Notice>{props.notice}</Notice>}
      {Object.keys(errors).length > 0 && (
        <Notice>Si había elegido archivos, vuelva a elegirlos: el navegador no los conserva.</Notice>
      )}
      <form method="post" action={props.action} enctype="multipart/form-data" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {values.rowVersion && <input type="hidden" name="rowVersion" value={values.rowVersion} />}
        <TextArea
          name="purpose"
          label="Propósito"
          hint="Para qué es la comunicación y por qué debe llegar a estos destinatarios."
          rows={3}
          values={values}
          errors={errors}
        />
        <Select
          name="classification"
          label="Clase de comunicación"
          hint="Las de convenios, publicitarias o de otra entidad requieren consulta a Talento Humano o a la Oficina de Sistemas antes de aprobarse."
          options={CLASSIFICATIONS.map((c) => ({ value: c, label: CLASSIFICATION_LABELS[c] }))}
          values={values}
          errors={errors}
          emptyLabel="Elija una clase"
        />
        <fieldset
          class={errors.audienceKind ? "fieldset field--error" : "fieldset"}
          id="audienceKind"
          aria-describedby={errors.audienceKind ? "audienceKind-error" : undefined}
        >
          <legend>Destinatarios</legend>
          {errors.audienceKind && (
            <p class="field-error" id="audienceKind-error">
              <span class="visually-hidden">Error: </span>
              {errors.audienceKind}
            </p>
          )}
          <div class="radios">
            {AUDIENCES.map((a) => (
              <div class="radio">
                <input
                  type="radio"
                  id={`audience-${a.value}`}
                  name="audienceKind"
                  value={a.value}
                  checked={values.audienceKind === a.value}
                />
                <label for={`audience-${a.value}`}>{a.label}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset
          class={errors.dependencias ? "fieldset field--error" : "fieldset"}
          id="dependencias"
          aria-describedby={errors.dependencias ? "dependencias-error" : "dependencias-hint"}
        >
          <legend>Si eligió algunas dependencias: cuáles</legend>
          <p class="hint" id="dependencias-hint">
            Sin marcar ninguna, el filtro de vinculación se aplica a todas.
          </p>
          {errors.dependencias && (
            <p class="field-error" id="dependencias-error">
              <span class="visually-hidden">Error: </span>
              {errors.dependencias}
            </p>
          )}
          <div class="checkboxes">
            {props.dependencias.map((d) => (
              <div class="checkbox">
                <input
                  type="checkbox"
                  id={`dep-${d.value}`}
                  name="dependencias"
                  value={d.value}
                  checked={checked.has(d.value)}
                />
                <label for={`dep-${d.value}`}>{d.label}</label>
              </div>
            ))}
          </div>
          <div class="checkbox">
            <input
              type="checkbox"
              id="includeChildren"
              name="includeChildren"
              value="si"
              checked={values.includeChildren !== "no"}
            />
            <label for="includeChildren">Incluir las dependencias que dependen de las marcadas</label>
          </div>
        </fieldset>
        <Select
          name="vinculacion"
          label="Vinculación (si eligió algunas dependencias)"
          options={[
            { value: "planta", label: "Solo servidores de planta" },
            { value: "ops", label: "Solo contratistas" },
          ]}
          values={values}
          errors={errors}
          emptyLabel="Planta y contratistas"
        />
        <Field
          name="personDocument"
          label="Si eligió una sola persona: su número de documento"
          inputmode="numeric"
          width="medium"
          values={values}
          errors={errors}
        />
        <TextArea
          name="listText"
          label="Si eligió una lista: péguela aquí"
          hint={`Una dirección por línea: «correo», «Nombre <correo>» o «correo;nombre;dependencia»; también puede copiar las columnas desde Excel. Hasta ${props.limits.maxListEntries.toLocaleString("es-CO")} direcciones; las que no sean institucionales se descartan y se le muestran.${props.listCount ? ` Si no pega ni carga otra, se conserva la lista actual (${props.listCount.toLocaleString("es-CO")} líneas).` : ""}`}
          rows={6}
          values={values}
          errors={errors}
        />
        <FieldFrame
          id="listaArchivo"
          label="O cargue la lista como archivo"
          hint="Excel (.xlsx) o CSV, con una columna «correo» y, si quiere, «nombre» y «dependencia»."
          control={(aria) => (
            <input
              class="file-input"
              type="file"
              id="listaArchivo"
              name="listaArchivo"
              accept=".xlsx,.csv,.txt,text/csv"
              {...aria}
            />
          )}
        />
        <Field
          name="desiredDate"
          label="Fecha deseada de envío"
          hint="aaaa-mm-dd, por ejemplo 2026-03-15"
          type="date"
          width="medium"
          values={values}
          errors={errors}
        />
        <Field
          name="desiredTime"
          label="Hora deseada de envío"
          hint="hh:mm, hora de Colombia"
          type="time"
          width="short"
          values={values}
          errors={errors}
        />
        <Field name="subject" label="Asunto" values={values} errors={errors} />
        <TextArea
          name="body"
          label="Texto del mensaje"
          hint={`Deje una línea en blanco entre párrafos. Puede usar **negrita**, _cursiva_, listas con «- » y estos campos, que se llenan para cada destinatario: ${fields}.`}
          rows={12}
          values={values}
          errors={errors}
        />
        <FileField
          multiple
          accept={FILE_ACCEPT}
          name="adjuntos"
          label="Archivos que viajan con el mensaje (opcional)"
          hint={`${FILE_TYPES_TEXT}. Cada archivo hasta ${formatFileSize(props.limits.maxFileBytes)}; todos juntos hasta ${formatFileSize(props.limits.maxMailedBytes)}.`}
          error={errors.adjuntos}
        />
        <FileField
          multiple
          accept={FILE_ACCEPT}
          name="soporte"
          label="Documentos de soporte para la revisión (opcional, no se envían)"
          hint={`Por ejemplo, el convenio o la autorización. Cada archivo hasta ${formatFileSize(props.limits.maxFileBytes)}.`}
        />
        {props.attachments.length > 0 && (
          <fieldset class="fieldset">
            <legend>Archivos de la solicitud: marque los que quiere quitar</legend>
            <div class="checkboxes">
              {props.attachments.map((a) => (
                <div class="checkbox">
                  <input type="checkbox" id={`quitar-${a.id}`} name="quitar" value={a.id} />
                  <label for={`quitar-${a.id}`}>
                    {a.fileName} ({formatFileSize(a.size)},{" "}
                    {a.purpose === "mensaje" ? "viaja con el mensaje" : "soporte"})
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        )}
        <Button>Enviar la solicitud</Button>
      </form>
    </Layout>
  );
}
