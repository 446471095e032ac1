// The list of indicators with its filters and planeación's form to create one, and the pieces the
// indicator's page shares (zone with its colour, the indicator's form).
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { Button, CsrfField, ErrorSummary, Field, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { DEFAULT_ZONES, ZONE_COLOUR_NAMES, ZONE_LABELS, type ZoneKey } from "../progress/zones.rules.ts";
import { formatCompliance, formatWithUnit } from "./indicators.rules.ts";
import type { IndicatorListRow, PlanIndicator } from "./indicators.service.ts";
import {
  DIRECTION_LABELS,
  FREQUENCY_LABELS,
  INDICATOR_DIRECTIONS,
  INDICATOR_FREQUENCIES,
} from "./indicators.types.ts";

export type Option = { value: string; label: string };

/** Strong enough against white for bars and swatches (WCAG 1.4.11, 3:1); the zone's name is always beside. */
export const ZONE_COLOURS: Record<ZoneKey, string> = { bajo: "#a4161a", medio: "#9a6700", alto: "#0b6b3a" };

/** «Alto (verde)» with a swatch of its colour; the colour never carries the meaning alone. */
export function ZoneText({ zone }: { zone: ZoneKey | undefined }) {
  if (!zone) return <>Sin zona</>;
  return (
    <span>
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
        <rect width="12" height="12" fill={ZONE_COLOURS[zone]} />
      </svg>{" "}
      {ZONE_LABELS[zone]} ({ZONE_COLOUR_NAMES[zone]})
    </span>
  );
}

export const LABELS: Record<string, string> = {
  dependenciaId: "Dependencia",
  process: "Proceso",
  name: "Nombre del indicador",
  formula: "Fórmula",
  unit: "Unidad de medida",
  direction: "Sentido",
  frequency: "Frecuencia de medición",
  year: "Vigencia",
  target: "Meta",
  baseline: "Línea base",
  zoneLowMax: "Zonas de cumplimiento",
  zoneMidMax: "Zonas de cumplimiento",
};

/** The form's values from an indicator (editing), numbers written the Colombian way. */
export function indicatorValues(indicator: PlanIndicator): FormValues {
  const decimal = (n: number) => String(n).replace(".", ",");
  return {
    dependenciaId: indicator.dependenciaId,
    process: indicator.process,
    name: indicator.name,
    formula: indicator.formula,
    unit: indicator.unit,
    direction: indicator.direction,
    frequency: indicator.frequency,
    year: String(indicator.year),
    target: decimal(indicator.target),
    baseline: indicator.baseline === null ? "" : decimal(indicator.baseline),
    zoneLowMax: String(indicator.zoneLowMax),
    zoneMidMax: String(indicator.zoneMidMax),
  };
}

/** Creating and editing share the fields; `action` says where the form goes. */
export function IndicatorForm(props: {
  csrfToken: string;
  action: string;
  submit: string;
  dependencias: Option[];
  values?: FormValues;
  errors: FormErrors;
}) {
  const { errors } = props;
  const values: FormValues = {
    zoneLowMax: String(DEFAULT_ZONES.lowMax),
    zoneMidMax: String(DEFAULT_ZONES.midMax),
    ...props.values,
  };
  const zoneError = errors.zoneLowMax ?? errors.zoneMidMax;
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField token={props.csrfToken} />
      <Select
        name="dependenciaId"
        label={LABELS.dependenciaId ?? ""}
        hint="La que lidera el proceso y registra las mediciones."
        options={props.dependencias}
        values={values}
        errors={errors}
        emptyLabel="Elija una dependencia"
      />
      <Field
        name="process"
        label="Proceso"
        hint="Por ejemplo: Gestión de la atención al ciudadano"
        values={values}
        errors={errors}
      />
      <Field name="name" label="Nombre del indicador" values={values} errors={errors} />
      <div class={errors.formula ? "field field--error" : "field"}>
        <label for="formula">Fórmula</label>
        <p class="hint" id="formula-hint">
          Como la escribe el proceso, por ejemplo: (PQRD respondidas a tiempo ÷ PQRD recibidas) × 100
        </p>
        {errors.formula && (
          <p class="field-error" id="formula-error">
            <span class="visually-hidden">Error: </span>
            {errors.formula}
          </p>
        )}
        <textarea
          class="textarea"
          id="formula"
          name="formula"
          rows={3}
          aria-invalid={errors.formula ? "true" : undefined}
          aria-describedby={errors.formula ? "formula-hint formula-error" : "formula-hint"}
        >
          {values.formula ?? ""}
        </textarea>
      </div>
      <Field
        name="unit"
        label="Unidad de medida"
        hint="Por ejemplo: %, días, número de PQRD."
        values={values}
        errors={errors}
        width="medium"
      />
      <Select
        name="direction"
        label="Sentido"
        options={INDICATOR_DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] }))}
        values={values}
        errors={errors}
        emptyLabel="Elija el sentido"
      />
      <Select
        name="frequency"
        label="Frecuencia de medición"
        options={INDICATOR_FREQUENCIES.map((f) => ({ value: f, label: FREQUENCY_LABELS[f] }))}
        values={values}
        errors={errors}
        emptyLabel="Elija la frecuencia"
      />
      <Field name="year" label="Vigencia" inputmode="numeric" values={values} errors={errors} width="short" />
      <Field
        name="target"
        label="Meta"
        hint="En la unidad del indicador. Use coma o punto para los decimales, por ejemplo 90 o 2,5."
        values={values}
        errors={errors}
        width="short"
      />
      <Field
        name="baseline"
        label="Línea base (opcional)"
        hint="El valor de partida, si se conoce."
        values={values}
        errors={errors}
        width="short"
      />
      <fieldset
        class={zoneError ? "fieldset field--error" : "fieldset"}
        aria-describedby={zoneError ? "zones-hint zones-error" : "zones-hint"}
      >
        <legend>Zonas de cumplimiento</legend>
        <p class="hint" id="zones-hint">
          El cumplimiento de cada medición frente a la meta cae en una zona: baja (rojo) hasta el primer
          límite, media (amarillo) hasta el segundo y alta (verde) por encima. Por omisión, 59 % y 79 %.
        </p>
        {zoneError && (
          <p class="field-error" id="zones-error">
            <span class="visually-hidden">Error: </span>
            {zoneError}
          </p>
        )}
        <Field
          name="zoneLowMax"
          label="La zona baja llega hasta (%)"
          inputmode="numeric"
          values={values}
          width="short"
        />
        <Field
          name="zoneMidMax"
          label="La zona media llega hasta (%)"
          inputmode="numeric"
          values={values}
          width="short"
        />
      </fieldset>
      <Button>{props.submit}</Button>
    </form>
  );
}

export function IndicatorsPage(props: {
  ctx: PageContext;
  rows: IndicatorListRow[];
  years: number[];
  /** Readers of every indicator get the filters; a responsable de plan sees own dependencia's only. */
  all: boolean;
  filter: { dependencia?: string; vigencia?: number };
  dependencias: Option[];
  canCreate: boolean;
  errors?: FormErrors;
  values?: FormValues;
}) {
  const { ctx, rows, filter, errors = {} } = props;
  const filtered = Boolean(filter.dependencia || filter.vigencia);
  return (
    <Layout ctx={ctx} title="Indicadores de gestión">
      <ErrorSummary errors={errors} labels={LABELS} />
      <h1>Indicadores de gestión</h1>
      <p class="lead">
        {props.all
          ? "Los indicadores de cada proceso (política de MIPG): su meta, su última medición, el cumplimiento y su zona."
          : "Los indicadores de los procesos de su dependencia: registre cada periodo su medición, su análisis y sus evidencias."}
      </p>
      {props.all && (
        <form method="get" action="/indicadores" class="search-form">
          <Select
            name="dependencia"
            label="Dependencia"
            options={props.dependencias}
            values={{ dependencia: filter.dependencia ?? "" }}
            emptyLabel="Todas"
          />
          <Select
            name="vigencia"
            label="Vigencia"
            options={props.years.map((y) => ({ value: String(y), label: String(y) }))}
            values={{ vigencia: filter.vigencia ? String(filter.vigencia) : "" }}
            emptyLabel="Todas"
          />
          <Button variant="secondary">Filtrar</Button>
        </form>
      )}
      {rows.length === 0 ? (
        <p>
          {filtered
            ? "No hay indicadores con este filtro."
            : props.all
              ? "Todavía no hay indicadores."
              : "Su dependencia todavía no tiene indicadores. La Oficina de Planeación los registra."}
        </p>
      ) : (
        <div class="table-scroll">
          <table class="table table--stack">
            <caption class="visually-hidden">Indicadores con su última medición</caption>
            <thead>
              <tr>
                <th scope="col">Indicador</th>
                <th scope="col">Dependencia y proceso</th>
                <th scope="col">Meta</th>
                <th scope="col">Última medición</th>
                <th scope="col">Cumplimiento</th>
                <th scope="col">Zona</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ indicator, dependencia, last }) => (
                <tr>
                  <th scope="row">
                    <a href={`/indicadores/${indicator.id}`}>{indicator.name}</a>
                    <span class="hint">
                      {" "}
                      ({FREQUENCY_LABELS[indicator.frequency].toLowerCase()}, {indicator.year})
                    </span>
                    {!indicator.active && <strong class="tag tag--pendiente">Inactivo</strong>}
                  </th>
                  <td data-label="Dependencia y proceso">
                    {dependencia} · {indicator.process}
                  </td>
                  <td data-label="Meta">{formatWithUnit(indicator.target, indicator.unit)}</td>
                  <td data-label="Última medición">
                    {last
                      ? `${formatWithUnit(last.measurement.value, indicator.unit)} (${last.periodLabel})`
                      : "Sin mediciones"}
                  </td>
                  <td data-label="Cumplimiento">{last ? formatCompliance(last.compliance) : ""}</td>
                  <td data-label="Zona">{last ? <ZoneText zone={last.zone} /> : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canCreate && (
        <section class="section">
          <h2 class="heading-m">Registrar un indicador</h2>
          <p>
            Cada proceso mide sus indicadores de gestión con la frecuencia que se fije aquí; la dependencia
            que lo lidera registra las mediciones.
          </p>
          <IndicatorForm
            csrfToken={ctx.csrfToken}
            action="/indicadores"
            submit="Registrar el indicador"
            dependencias={props.dependencias}
            values={props.values}
            errors={errors}
          />
        </section>
      )}
    </Layout>
  );
}
