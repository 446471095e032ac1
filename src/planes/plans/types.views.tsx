// Administrators' page of plan types: each type with its three level names, and the form to rename one.
// The shape (how its spreadsheets are read) is shown but never edited.
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { Button, CsrfField, ErrorSummary, Field } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
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
});

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
        Cada tipo de plan tiene sus propios nombres para los tres niveles. Puede cambiar los nombres; la forma
        en que SIPAP lee sus archivos no cambia.
      </p>
      <table class="table table--compact table--stack">
        <caption class="visually-hidden">Tipos de plan</caption>
        <thead>
          <tr>
            <th scope="col">Nombre</th>
            <th scope="col">Niveles</th>
            <th scope="col">Lectura de archivos</th>
            <th scope="col">Acción</th>
          </tr>
        </thead>
        <tbody>
          {props.types.map((type) => (
            <tr>
              <td data-label="Nombre">{type.name}</td>
              <td data-label="Niveles">{type.levelNames.join(" › ")}</td>
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
            <Button>Guardar los cambios</Button>
          </form>
        </section>
      )}
    </Layout>
  );
}
