import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import { Button, ErrorSummary, Field, Pagination, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf, formatNumber } from "../../shared/words.ts";
import { ACTION_LABELS, actionOptions as knownActions } from "./audit.rules.ts";
import type { AuditEntryView } from "./audit.service.ts";

/** The filter's actions; a group typed in the address («login») is kept as its own option. */
function actionOptions(current: string | undefined) {
  if (!current || ACTION_LABELS[current]) return knownActions();
  return [{ value: current, label: `Las que comienzan por «${current}»` }, ...knownActions()];
}

export function AuditPage(props: {
  ctx: PageContext;
  rows: AuditEntryView[];
  hasMore: boolean;
  page: number;
  pageSize: number;
  values: FormValues;
  errors?: FormErrors;
  unknownPerson?: boolean;
}) {
  const { ctx, rows, values, errors = {} } = props;
  const first = (props.page - 1) * props.pageSize + 1;
  const exportQuery = new URLSearchParams(
    Object.entries(values).filter(([key, value]) => key !== "pagina" && value !== ""),
  ).toString();
  return (
    <Layout ctx={ctx} title="Auditoría">
      <ErrorSummary errors={errors} />
      <h1>Auditoría</h1>
      <p class="lead">
        Registro de solo adición de ingresos, cambios de estado y accesos a datos personales.
      </p>
      <form method="get" action="/admin/auditoria" class="search-form search-form--wide">
        <Select
          name="accion"
          label="Acción"
          emptyLabel="Todas las acciones"
          options={actionOptions(values.accion)}
          values={values}
          errors={errors}
        />
        <Field
          name="persona"
          label="Documento de la persona"
          hint="Quien actuó, o sobre quien, sus carnets o sus fotos se actuó."
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
        rows.length > 0 && (
          <>
            <p>
              {`Registros ${formatNumber(first)} a ${formatNumber(first + rows.length - 1)}, del más reciente al más antiguo. `}
              <a href={`/admin/auditoria.xlsx${exportQuery ? `?${exportQuery}` : ""}`}>
                Descargar esta búsqueda en Excel (.xlsx)
              </a>
            </p>
            <section class="table-scroll" tabindex={0} aria-label="Tabla desplazable">
              <table class="table table--compact table--stack">
                <caption class="visually-hidden">
                  {`${countOf(rows.length, "registro", "registros")} de auditoría, del más reciente al más antiguo`}
                </caption>
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
                      <td data-label="Fecha y hora">{formatDateTime(row.at)}</td>
                      <td data-label="Acción">{row.actionLabel}</td>
                      <td data-label="Quién">{row.actor}</td>
                      <td data-label="Sobre">{row.subject}</td>
                      <td data-label="Detalles" class="details">
                        {row.details.map((line) => (
                          <div>{line}</div>
                        ))}
                      </td>
                      <td data-label="Dirección">{row.ip}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        )
      )}
      <Pagination
        page={props.page}
        hasMore={props.hasMore}
        query={values}
        labels={["Anteriores", "Siguientes"]}
      />
    </Layout>
  );
}
