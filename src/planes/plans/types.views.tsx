// Administrators' page of plan types: each type with its three level names, its follow-up cuts, score zones
// and reminder days, and the form to change them. The shape (how its spreadsheets are read) is shown but
// never edited.
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { MONTH_NAMES } from "../../shared/time.ts";
import { Button, CsrfField, ErrorSummary, Field } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf } from "../../shared/words.ts";
import type { PlanType } from "./plans.service.ts";

const SHAPE_LABELS: Record<PlanType["shape"], string> = {
  paac: "Como el Anexo 1 del PAAC: componentes, subcomponentes y actividades con código",
  matriz: "Como una matriz operativa: qué, cómo, quién, cuándo y evidencias",
};

export const typeFormValues = (type: PlanType): FormValues => ({
  name: type.name,
  description: type.description ?? "",
  level1: type.levelNames[0],
  level2: type.levelNames[1],
  level3: type.levelNames[2],
  cuts: type.cuts.join(", "),
  zoneLowMax: String(type.zoneLowMax),
  zoneMidMax: String(type.zoneMidMax),
  reminderDaysBefore: String(type.reminderDaysBefore),
  reminderDaysAfter: String(type.reminderDaysAfter),
});

/** «30 de abril, 31 de agosto y 31 de diciembre». */
export function cutsText(cuts: readonly string[]): string {
  const days = cuts.map((cut) => {
    const [month, day] = cut.split("-");
    return `${Number(day)} de ${MONTH_NAMES[Number(month) - 1] ?? month}`;
  });
  return days.length > 1 ? `${days.slice(0, -1).join(", ")} y ${days.at(-1)}` : (days[0] ?? "Sin cortes");
}

const reminderText = (type: PlanType) =>
  [
    type.reminderDaysBefore > 0
      ? `${countOf(type.reminderDaysBefore, "día", "días")} antes del vencimiento`
      : "ninguno antes",
    type.reminderDaysAfter > 0
      ? `${countOf(type.reminderDaysAfter, "día", "días")} después, sin reporte`
      : "ninguno después",
  ].join("; ");

export function PlanTypesPage(props: {
  ctx: PageContext;
  types: PlanType[];
  editing?: PlanType;
  errors?: FormErrors;
  values?: FormValues;
}) {
  const { ctx, editing, errors = {} } = props;
  const values = props.values ?? (editing ? typeFormValues(editing) : undefined);
  return (
    <Layout ctx={ctx} title="Tipos de plan">
      <ErrorSummary errors={errors} />
      <h1>Tipos de plan</h1>
      <p class="lead">
        Cada tipo de plan tiene sus propios nombres para los tres niveles, sus fechas de corte para el
        seguimiento de control interno, sus zonas de calificación y los días de los recordatorios a los
        responsables. Puede cambiarlos; la forma en que SIPAP lee sus archivos no cambia.
      </p>
      <table class="table table--compact table--stack">
        <caption class="visually-hidden">Tipos de plan</caption>
        <thead>
          <tr>
            <th scope="col">Nombre</th>
            <th scope="col">Niveles</th>
            <th scope="col">Cortes del seguimiento</th>
            <th scope="col">Zonas</th>
            <th scope="col">Recordatorios</th>
            <th scope="col">Lectura de archivos</th>
            <th scope="col">Acción</th>
          </tr>
        </thead>
        <tbody>
          {props.types.map((type) => (
            <tr>
              <td data-label="Nombre">{type.name}</td>
              <td data-label="Niveles">{type.levelNames.join(" › ")}</td>
              <td data-label="Cortes del seguimiento">{cutsText(type.cuts)}</td>
              <td data-label="Zonas">
                Bajo hasta {type.zoneLowMax} %, medio hasta {type.zoneMidMax} %, alto desde{" "}
                {type.zoneMidMax + 1} %
              </td>
              <td data-label="Recordatorios">{reminderText(type)}</td>
              <td data-label="Lectura de archivos">{SHAPE_LABELS[type.shape]}</td>
              <td data-label="Acción">
                <a href={`/admin/tipos-de-plan?editar=${encodeURIComponent(type.key)}#editar`}>
                  Editar<span class="visually-hidden"> {type.name}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <section class="section" id="editar">
          <h2 class="heading-m">Editar «{editing.name}»</h2>
          <form method="post" action={`/admin/tipos-de-plan/${encodeURIComponent(editing.key)}`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <Field name="name" label="Nombre" values={values} errors={errors} />
            <Field
              name="description"
              label="Descripción"
              hint="Opcional: la norma que lo pide."
              values={values}
              errors={errors}
            />
            <Field
              name="level1"
              label="Nombre del primer nivel"
              values={values}
              errors={errors}
              width="medium"
            />
            <Field
              name="level2"
              label="Nombre del segundo nivel"
              values={values}
              errors={errors}
              width="medium"
            />
            <Field
              name="level3"
              label="Nombre del tercer nivel"
              values={values}
              errors={errors}
              width="medium"
            />
            <fieldset class="fieldset">
              <legend>Seguimiento de control interno</legend>
              <Field
                name="cuts"
                label="Fechas de corte"
                hint="Mes y día de cada corte, separados por comas. Por ejemplo: 04-30, 08-31, 12-31."
                values={values}
                errors={errors}
              />
            </fieldset>
            <fieldset class="fieldset">
              <legend>Zonas de calificación</legend>
              <p class="hint">
                Porcentajes enteros. Por defecto: bajo (rojo) de 0 % a 59 %, medio (amarillo) de 60 % a 79 % y
                alto (verde) de 80 % a 100 %.
              </p>
              <Field
                name="zoneLowMax"
                label="La zona baja llega hasta (%)"
                inputmode="numeric"
                values={values}
                errors={errors}
                width="short"
              />
              <Field
                name="zoneMidMax"
                label="La zona media llega hasta (%)"
                inputmode="numeric"
                values={values}
                errors={errors}
                width="short"
              />
            </fieldset>
            <fieldset class="fieldset">
              <legend>Recordatorios a los responsables</legend>
              <p class="hint">
                Días entre 0 y 60. Con 0 no se envía ese recordatorio. Cada uno se envía una sola vez por
                actividad, periodo y dependencia.
              </p>
              <Field
                name="reminderDaysBefore"
                label="Días antes de que termine el periodo"
                inputmode="numeric"
                values={values}
                errors={errors}
                width="short"
              />
              <Field
                name="reminderDaysAfter"
                label="Días después de que termine sin reporte"
                inputmode="numeric"
                values={values}
                errors={errors}
                width="short"
              />
            </fieldset>
            <Button>Guardar los cambios</Button>
          </form>
        </section>
      )}
    </Layout>
  );
}
