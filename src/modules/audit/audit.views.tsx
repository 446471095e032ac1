import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import { Button, ErrorSummary, Field, Pagination } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import type { AuditListRow } from "./audit.repository.ts";

function describeDetails(details: Record<string, unknown>): string {
  const entries = Object.entries(details);
  return entries.length === 0 ? "" : entries.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join("; ");
}

function describeTarget(row: AuditListRow): string {
  if (row.targetFirstNames) return `${row.targetFirstNames} ${row.targetLastNames}`;
  return row.targetType ? `${row.targetType} ${row.targetId ?? ""}` : "";
}

export function AuditPage(props: {
  ctx: PageContext;
  rows: AuditListRow[];
  hasMore: boolean;
  page: number;
  values: FormValues;
  errors?: FormErrors;
  unknownPerson?: boolean;
}) {
  const { ctx, rows, values, errors = {} } = props;
  return (
    <Layout ctx={ctx} title="Auditoría">
      <ErrorSummary errors={errors} />
      <h1>Auditoría</h1>
      <p class="lead">
        Registro de solo adición de ingresos, cambios de estado y accesos a datos personales.
      </p>
      <form method="get" action="/admin/auditoria" class="search-form search-form--wide">
        <Field
          name="accion"
          label="Acción (comienza por)"
          hint="Por ejemplo: login, person."
          values={values}
          errors={errors}
        />
        <Field
          name="persona"
          label="Documento de la persona"
          hint="Quien actuó o sobre quien se actuó."
          values={values}
          errors={errors}
        />
        <Field name="desde" type="date" label="Desde" values={values} errors={errors} />
        <Field name="hasta" type="date" label="Hasta" values={values} errors={errors} />
        <Button variant="secondary">Buscar</Button>
      </form>
      {props.unknownPerson && <p>No hay ninguna persona con ese número de documento.</p>}
      {rows.length === 0 && !props.unknownPerson ? (
        <p>No hay registros que coincidan con la búsqueda.</p>
      ) : (
        <section class="table-scroll" tabindex={0} aria-label="Tabla desplazable">
          <table class="table table--compact">
            <caption class="visually-hidden">Registros de auditoría, del más reciente al más antiguo</caption>
            <thead>
              <tr>
                <th scope="col">Fecha y hora</th>
                <th scope="col">Acción</th>
                <th scope="col">Quién</th>
                <th scope="col">Sobre</th>
                <th scope="col">Detalles</th>
                <th scope="col">Dirección</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td>{formatDateTime(row.at)}</td>
                  <td>
                    <code>{row.action}</code>
                  </td>
                  <td>
                    {row.actorFirstNames
                      ? `${row.actorFirstNames} ${row.actorLastNames}`
                      : "Sistema o anónimo"}
                  </td>
                  <td>{describeTarget(row)}</td>
                  <td class="details">{describeDetails(row.details)}</td>
                  <td>{row.ip ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <Pagination
        page={props.page}
        hasMore={props.hasMore}
        query={values}
        labels={["Más recientes", "Más antiguos"]}
      />
    </Layout>
  );
}
