import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { BackLink, Button, CsrfField, ErrorSummary, Field, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import type { TreeNode } from "./dependencias.rules.ts";
import type { Dependencia } from "./dependencias.table.ts";

type Option = { value: string; label: string };

function DependenciaFields(props: {
  options: Option[];
  values?: FormValues;
  errors?: FormErrors;
  editing: boolean;
}) {
  const { options, values, errors } = props;
  return (
    <>
      <Field name="name" label="Nombre" values={values} errors={errors} />
      <Field
        name="acronym"
        label="Sigla (opcional)"
        hint="Por ejemplo: SSI, OPGI."
        width="short"
        values={values}
        errors={errors}
      />
      <Select
        name="parentId"
        label="Depende de"
        hint="Déjelo en «Ninguna» si depende directamente del Despacho o es de primer nivel."
        emptyLabel="Ninguna (primer nivel)"
        options={options}
        values={values}
        errors={errors}
      />
      <Field
        name="sortOrder"
        label="Orden en la lista"
        hint="Número: las de menor número aparecen primero."
        width="short"
        inputmode="numeric"
        values={values}
        errors={errors}
      />
      {props.editing && (
        <Select
          name="active"
          label="Estado"
          options={[
            { value: "si", label: "Activa" },
            { value: "no", label: "Inactiva (no se ofrece en las listas)" },
          ]}
          values={values}
          errors={errors}
        />
      )}
    </>
  );
}

export function DependenciasPage(props: {
  ctx: PageContext;
  tree: TreeNode<Dependencia>[];
  options: Option[];
  values?: FormValues;
  errors?: FormErrors;
}) {
  const { ctx, tree, errors = {} } = props;
  return (
    <Layout ctx={ctx} title="Dependencias">
      <ErrorSummary errors={errors} />
      <h1>Dependencias</h1>
      <p class="lead">
        El árbol de la organización. Las personas, las listas y los planes se asignan a estas dependencias.
      </p>
      <table class="table">
        <caption class="visually-hidden">Dependencias de la entidad</caption>
        <thead>
          <tr>
            <th scope="col">Nombre</th>
            <th scope="col">Sigla</th>
            <th scope="col">Estado</th>
            <th scope="col">
              <span class="visually-hidden">Acciones</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tree.map(({ item, depth }) => (
            <tr>
              <td>
                <span class={`tree-indent tree-indent--${Math.min(depth, 4)}`}>{item.name}</span>
              </td>
              <td>{item.acronym ?? ""}</td>
              <td>{item.active ? "Activa" : "Inactiva"}</td>
              <td>
                <a href={`/admin/dependencias/${item.id}`}>
                  Editar<span class="visually-hidden"> {item.name}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="nueva">Agregar una dependencia</h2>
      <form method="post" action="/admin/dependencias" novalidate class="narrow">
        <CsrfField token={ctx.csrfToken} />
        <DependenciaFields
          options={props.options}
          values={props.values ?? { sortOrder: "0" }}
          errors={errors}
          editing={false}
        />
        <Button>Agregar dependencia</Button>
      </form>
    </Layout>
  );
}

export function DependenciaEditPage(props: {
  ctx: PageContext;
  dependencia: Dependencia;
  options: Option[];
  values: FormValues;
  errors?: FormErrors;
}) {
  const { ctx, dependencia, errors = {} } = props;
  return (
    <Layout ctx={ctx} title={`Editar ${dependencia.name}`}>
      <BackLink href="/admin/dependencias">Volver a dependencias</BackLink>
      <div class="narrow">
        <ErrorSummary errors={errors} />
        <h1>Editar dependencia</h1>
        <form method="post" action={`/admin/dependencias/${dependencia.id}`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <DependenciaFields
            options={props.options.filter((o) => o.value !== dependencia.id)}
            values={props.values}
            errors={errors}
            editing
          />
          <Button>Guardar cambios</Button>
        </form>
      </div>
    </Layout>
  );
}
