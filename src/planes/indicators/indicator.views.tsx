// One indicator: its definition, the chart of its history, the measurements with their evidence, the form
// to record a measurement and planeación's forms to edit or deactivate it.
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime, formatIsoDay } from "../../shared/time.ts";
import { BackLink, Button, CsrfField, ErrorSummary, Field, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { formatNumber } from "../../shared/words.ts";
import { zoneLegend } from "../progress/zones.rules.ts";
import { HistoryChart } from "./indicators.chart.views.tsx";
import { COMPLIANCE_FORMULA, formatCompliance, formatWithUnit } from "./indicators.rules.ts";
import type { IndicatorDetail, MeasurementDetail } from "./indicators.service.ts";
import { DIRECTION_LABELS, FREQUENCY_LABELS } from "./indicators.types.ts";
import { IndicatorForm, indicatorValues, LABELS, type Option, ZoneText } from "./indicators.views.tsx";

/** What the evidence input accepts (from the evidence service, passed by the routes). */
export interface EvidenceUploadHelp {
  accept: string;
  types: string;
  maxFileBytes: number;
}

/** «350 kB», «2,4 MB»: a small evidence file is not «0 MB». Megabytes of 1.048.576 bytes, as configured. */
function formatSize(bytes: number): string {
  const mb = bytes / 1_048_576;
  return mb < 1 ? `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} kB` : `${formatNumber(mb, 1)} MB`;
}

const MEASURE_LABELS: Record<string, string> = {
  periodKey: "Periodo",
  value: "Valor medido",
  analysis: "Análisis",
  replace: "Reemplazar",
  evidence: "Evidencias",
};

function Definition({ detail }: { detail: IndicatorDetail }) {
  const { indicator, zones } = detail;
  const rows: [string, string][] = [
    ["Dependencia", detail.dependencia],
    ["Proceso", indicator.process],
    ["Fórmula", indicator.formula],
    ["Unidad de medida", indicator.unit],
    ["Sentido", DIRECTION_LABELS[indicator.direction]],
    ["Frecuencia", FREQUENCY_LABELS[indicator.frequency]],
    ["Vigencia", String(indicator.year)],
    ["Meta", formatWithUnit(indicator.target, indicator.unit)],
    [
      "Línea base",
      indicator.baseline === null ? "No registrada" : formatWithUnit(indicator.baseline, indicator.unit),
    ],
    ["Cómo se calcula el cumplimiento", COMPLIANCE_FORMULA[indicator.direction]],
    [
      "Zonas de cumplimiento",
      `${zoneLegend("bajo", zones)}; ${zoneLegend("medio", zones)}; ${zoneLegend("alto", zones)} y más.`,
    ],
  ];
  return (
    <dl class="summary-list">
      {rows.map(([label, value]) => (
        <div>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function EvidenceLinks({ measurement }: { measurement: MeasurementDetail }) {
  if (measurement.evidence.length === 0) return <>Sin evidencias</>;
  return (
    <ul>
      {measurement.evidence.map((e) => (
        <li>
          <a href={`/evidencias/${e.id}`} download>
            {e.fileName}
          </a>{" "}
          <span class="hint">({formatSize(e.size)})</span>
        </li>
      ))}
    </ul>
  );
}

function MeasurementsTable({ detail }: { detail: IndicatorDetail }) {
  const { indicator } = detail;
  return (
    <div class="table-scroll">
      <table class="table table--stack">
        <caption>Mediciones de «{indicator.name}», con su cumplimiento frente a la meta</caption>
        <thead>
          <tr>
            <th scope="col">Periodo</th>
            <th scope="col">Valor</th>
            <th scope="col">Cumplimiento</th>
            <th scope="col">Zona</th>
            <th scope="col">Análisis</th>
            <th scope="col">Evidencias</th>
            <th scope="col">Registró</th>
          </tr>
        </thead>
        <tbody>
          {detail.measurements.map((m) => (
            <tr>
              <th scope="row">{m.periodLabel}</th>
              <td data-label="Valor">{formatWithUnit(m.measurement.value, indicator.unit)}</td>
              <td data-label="Cumplimiento">{formatCompliance(m.compliance)}</td>
              <td data-label="Zona">
                <ZoneText zone={m.zone} />
              </td>
              <td data-label="Análisis">{m.measurement.analysis}</td>
              <td data-label="Evidencias">
                <EvidenceLinks measurement={m} />
              </td>
              <td data-label="Registró">
                {m.by ?? "Sistema"}, {formatDateTime(m.measurement.recordedAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MeasureForm(props: {
  ctx: PageContext;
  detail: IndicatorDetail;
  upload: EvidenceUploadHelp;
  errors: FormErrors;
  values?: FormValues;
}) {
  const { detail, errors } = props;
  const { indicator } = detail;
  const measured = new Set(detail.measurements.map((m) => m.measurement.periodKey));
  if (detail.measurable.length === 0) {
    const first = detail.periods[0];
    return (
      <p>
        Todavía no ha terminado ningún periodo de este indicador
        {first ? `: el primero, ${first.label}, se puede medir desde el ${formatIsoDay(first.endsOn)}.` : "."}
      </p>
    );
  }
  const latestOpen = [...detail.measurable].reverse().find((p) => !measured.has(p.key));
  const values: FormValues = { periodKey: latestOpen?.key ?? "", ...props.values };
  return (
    <form
      method="post"
      action={`/indicadores/${indicator.id}/mediciones`}
      enctype="multipart/form-data"
      novalidate
    >
      <CsrfField token={props.ctx.csrfToken} />
      <Select
        name="periodKey"
        label="Periodo"
        hint="Solo los periodos que ya terminaron (o terminan hoy)."
        options={detail.measurable.map((p) => ({
          value: p.key,
          label: measured.has(p.key) ? `${p.label} (ya medido)` : p.label,
        }))}
        values={values}
        errors={errors}
      />
      <Field
        name="value"
        label={`Valor medido (${indicator.unit})`}
        hint="El resultado de la fórmula. Use coma o punto para los decimales, por ejemplo 85,5."
        values={values}
        errors={errors}
        width="short"
      />
      <div class={errors.analysis ? "field field--error" : "field"}>
        <label for="analysis">Análisis</label>
        <p class="hint" id="analysis-hint">
          Qué explica el resultado frente a la meta y qué acciones se tomarán.
        </p>
        {errors.analysis && (
          <p class="field-error" id="analysis-error">
            <span class="visually-hidden">Error: </span>
            {errors.analysis}
          </p>
        )}
        <textarea
          class="textarea"
          id="analysis"
          name="analysis"
          rows={5}
          aria-invalid={errors.analysis ? "true" : undefined}
          aria-describedby={errors.analysis ? "analysis-hint analysis-error" : "analysis-hint"}
        >
          {values.analysis ?? ""}
        </textarea>
      </div>
      <div class={errors.evidence ? "field field--error" : "field"}>
        <label for="evidence">Evidencias (opcional)</label>
        <p class="hint" id="evidence-hint">
          {props.upload.types}, sin macros; cada archivo de hasta {formatSize(props.upload.maxFileBytes)}.
          Puede elegir varios.
          {Object.keys(errors).length > 0 &&
            " Como el formulario tuvo un error, elija de nuevo los archivos."}
        </p>
        {errors.evidence && (
          <p class="field-error" id="evidence-error">
            <span class="visually-hidden">Error: </span>
            {errors.evidence}
          </p>
        )}
        <input
          class="file-input"
          type="file"
          id="evidence"
          name="evidence"
          accept={props.upload.accept}
          multiple
          aria-invalid={errors.evidence ? "true" : undefined}
          aria-describedby={errors.evidence ? "evidence-hint evidence-error" : "evidence-hint"}
        />
      </div>
      <div class={errors.replace ? "field field--error" : "field"}>
        {errors.replace && (
          <p class="field-error" id="replace-error">
            <span class="visually-hidden">Error: </span>
            {errors.replace}
          </p>
        )}
        <div class="checkbox">
          <input
            type="checkbox"
            id="replace"
            name="replace"
            value="si"
            checked={values.replace === "si"}
            aria-describedby={errors.replace ? "replace-error" : undefined}
          />
          <label for="replace">
            Reemplazar la medición de este periodo (solo si ya estaba medido; las evidencias anteriores se
            conservan)
          </label>
        </div>
      </div>
      <Button>Registrar la medición</Button>
    </form>
  );
}

export function IndicatorPage(props: {
  ctx: PageContext;
  detail: IndicatorDetail;
  canManage: boolean;
  editing: boolean;
  dependencias: Option[];
  upload: EvidenceUploadHelp;
  /** Errors and values of the form sent: the measurement form, or the edit form when `editing`. */
  errors?: FormErrors;
  values?: FormValues;
}) {
  const { ctx, detail, canManage, editing, errors = {} } = props;
  const { indicator } = detail;
  const base = `/indicadores/${indicator.id}`;
  return (
    <Layout ctx={ctx} title={indicator.name}>
      <BackLink href="/indicadores">Volver a los indicadores</BackLink>
      <ErrorSummary errors={errors} labels={editing ? LABELS : MEASURE_LABELS} />
      <h1>
        {indicator.name}{" "}
        {!indicator.active && <strong class="tag tag--pendiente">Inactivo: no recibe mediciones</strong>}
      </h1>
      <Definition detail={detail} />
      {canManage && !editing && (
        <div class="button-group">
          <a href={`${base}?editar=1`}>Modificar el indicador</a>
          <form method="post" action={base}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="accion" value={indicator.active ? "desactivar" : "activar"} />
            <Button variant={indicator.active ? "warning" : "secondary"}>
              {indicator.active ? "Desactivar el indicador" : "Activar de nuevo el indicador"}
            </Button>
          </form>
        </div>
      )}
      {editing && (
        <section class="section">
          <h2 class="heading-m">Modificar el indicador</h2>
          <p>
            Una vez medido, su dependencia, su frecuencia y su vigencia ya no cambian.{" "}
            <a href={base}>Cancelar</a>
          </p>
          <IndicatorForm
            csrfToken={ctx.csrfToken}
            action={base}
            submit="Guardar los cambios"
            dependencias={props.dependencias}
            values={props.values ?? indicatorValues(indicator)}
            errors={errors}
          />
        </section>
      )}
      <section class="section">
        <h2 class="heading-m">Historia</h2>
        {detail.measurements.length === 0 ? (
          <p>Todavía no hay mediciones.</p>
        ) : (
          <>
            <HistoryChart indicator={indicator} periods={detail.periods} measurements={detail.measurements} />
            <MeasurementsTable detail={detail} />
          </>
        )}
      </section>
      {detail.canMeasure && !editing && (
        <section class="section">
          <h2 class="heading-m">Registrar una medición</h2>
          <MeasureForm
            ctx={ctx}
            detail={detail}
            upload={props.upload}
            errors={errors}
            values={props.values}
          />
        </section>
      )}
    </Layout>
  );
}
