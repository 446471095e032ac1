// The responsable's form of a report: one multipart form that works without JavaScript, with two buttons —
// «Guardar borrador» posts to the report, «Enviar a planeación» to its «enviar» address (formaction).

import { formatFileSize, MAX_FILES_PER_UPLOAD } from "../../shared/files/checks.ts";
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { CsrfField, FieldFrame } from "../../shared/views/components.tsx";
import { formatNumber } from "../../shared/words.ts";
import type { TreeNode } from "../plans/tree.rules.ts";
import { countsQuantity } from "./progress.rules.ts";
import { NARRATIVE_MAX } from "./progress.schemas.ts";
import type { PlanReport } from "./progress.service.ts";
import type { EvidenceLimits } from "./report.views.tsx";

/** A labelled textarea; `id` tells apart fields of the same name in two forms of one page. */
export function TextArea(props: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string | null;
  rows?: number;
  maxlength?: number;
}) {
  return (
    <FieldFrame
      id={props.id}
      label={props.label}
      hint={props.hint}
      error={props.error}
      control={(aria) => (
        <textarea
          class="textarea"
          id={props.id}
          name={props.name}
          rows={props.rows ?? 4}
          maxlength={props.maxlength}
          {...aria}
        >
          {props.value ?? ""}
        </textarea>
      )}
    />
  );
}

function NumberInput(props: { id: string; label: string; hint: string; error?: string; value: string }) {
  return (
    <FieldFrame
      id={props.id}
      label={props.label}
      hint={props.hint}
      error={props.error}
      control={(aria) => (
        <input
          class="input input--short"
          id={props.id}
          name={props.id}
          type="text"
          inputmode="decimal"
          value={props.value}
          {...aria}
        />
      )}
    />
  );
}

const numberText = (n: number | null) => (n === null ? "" : formatNumber(n, 1).replace(/\./g, ""));

export function ReportForm(props: {
  csrfToken: string;
  report: PlanReport;
  item: TreeNode;
  meta: string | null;
  limits: EvidenceLimits;
  errors?: FormErrors;
  values?: FormValues;
}) {
  const { report, item, errors, values } = props;
  const byQuantity = countsQuantity(item);
  return (
    <form method="post" action={`/reportes/${report.id}`} enctype="multipart/form-data" novalidate>
      <h2 class="heading-m">{report.status === "devuelto" ? "Corregir el reporte" : "Reportar el avance"}</h2>
      <CsrfField token={props.csrfToken} />
      {byQuantity ? (
        <NumberInput
          id="quantity"
          label="Cantidad lograda en el periodo"
          hint={`Meta: ${props.meta}. El porcentaje se calcula solo (por ejemplo, 3 de 4 es 75 %). Si logró más que la meta, escríbalo: planeación decide al validar.`}
          error={errors?.quantity}
          value={values?.quantity ?? numberText(report.quantity)}
        />
      ) : (
        <NumberInput
          id="percent"
          label="Porcentaje de avance del periodo"
          hint="Un número de 0 a 100, por ejemplo 75 o 12,5."
          error={errors?.percent}
          value={values?.percent ?? numberText(report.percent)}
        />
      )}
      <TextArea
        id="narrative"
        name="narrative"
        label="Lo que se hizo en el periodo"
        hint="Cuente qué se hizo, con fechas y resultados; planeación y control interno lo leen con las evidencias."
        error={errors?.narrative}
        value={values?.narrative ?? report.narrative}
        rows={6}
        maxlength={NARRATIVE_MAX}
      />
      <FieldFrame
        id="evidencias"
        label="Agregar archivos de evidencia"
        hint={`Puede elegir hasta ${MAX_FILES_PER_UPLOAD} a la vez. Se aceptan ${props.limits.types}. Cada archivo hasta ${formatFileSize(props.limits.maxFileBytes)} y todos los del reporte hasta ${formatFileSize(props.limits.maxReportBytes)}. Las fotos se guardan sin sus datos de ubicación.${errors ? " Si el formulario tuvo un error, elija de nuevo los archivos." : ""}`}
        error={errors?.evidencias}
        control={(aria) => (
          <input
            class="file-input"
            type="file"
            id="evidencias"
            name="evidencias"
            accept={props.limits.accept}
            multiple
            {...aria}
          />
        )}
      />
      <div class="button-group">
        <button type="submit" class="button button--secondary">
          Guardar borrador
        </button>
        <button type="submit" class="button" formaction={`/reportes/${report.id}/enviar`}>
          Enviar a planeación
        </button>
      </div>
      <p class="hint hint--after-actions">
        Para enviar hace falta el avance, lo que se hizo y al menos un archivo de evidencia (un reporte de 0 %
        puede ir sin evidencia). Después de enviarlo no se puede cambiar, salvo que planeación lo devuelva.
      </p>
    </form>
  );
}
