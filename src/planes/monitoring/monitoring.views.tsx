// OPGI's monitoring dashboard of one plan: the plan's progress against the expected by today, a traffic
// light per component and per dependencia, what is late or unreported and what awaits validation, with the
// filters (a GET form) and the export.
import { formatDateTime, formatIsoDay } from "../../shared/time.ts";
import { BackLink, Button, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf, formatNumber } from "../../shared/words.ts";
import { monthLabel } from "../plans/plans.rules.ts";
import { REPORT_STATUS_LABELS } from "../progress/progress.types.ts";
import { BEHIND_TOLERANCE } from "../progress/rollup.rules.ts";
import { activityLabel, type ComponentRow, type DependenciaRow } from "./monitoring.rules.ts";
import type { MonitoringView } from "./monitoring.service.ts";
import { BehindTag, percentText, ZoneLegend, ZoneTag } from "./zone.views.tsx";

export function MonitoringPage(props: {
  ctx: PageContext;
  view: MonitoringView;
  /** Links the person may follow. */
  links: { export: boolean; review: boolean; reports: boolean };
}) {
  const { ctx, view, links } = props;
  const { plan, dashboard, filters } = view;
  const base = `/planes/${plan.id}/monitoreo`;
  const query = new URLSearchParams({
    ...(filters.dependenciaId ? { dependencia: filters.dependenciaId } : {}),
    ...(filters.month ? { mes: filters.month } : {}),
  }).toString();
  const filtered = Boolean(filters.dependenciaId || filters.month);
  const dependencia = view.dependencias.find((d) => d.value === filters.dependenciaId)?.label;
  const scope = [dependencia, filters.month ? monthLabel(filters.month) : undefined]
    .filter(Boolean)
    .join(", ");
  return (
    <Layout ctx={ctx} title={`Monitoreo: ${plan.title}`}>
      <BackLink href={`/planes/${plan.id}`}>Volver al plan</BackLink>
      <h1>Monitoreo del plan</h1>
      <p class="lead">
        {plan.title}. Avance validado por planeación frente al esperado al {formatIsoDay(view.today)}.
      </p>
      <form method="get" action={base} class="search-form">
        <Select
          name="dependencia"
          label="Dependencia responsable"
          options={view.dependencias}
          values={{ dependencia: filters.dependenciaId ?? "" }}
          emptyLabel="Todas"
        />
        <Select
          name="mes"
          label="Mes"
          hint="Periodos que tocan ese mes."
          options={view.months.map((m) => ({ value: m, label: monthLabel(m) }))}
          values={{ mes: filters.month ?? "" }}
          emptyLabel="Todo el año"
        />
        <Button variant="secondary">Filtrar</Button>
      </form>
      {filtered && (
        <p role="status">
          Se muestra: {scope}. <a href={base}>Quitar los filtros</a>
        </p>
      )}
      <ul>
        {links.export && (
          <li>
            <a href={`${base}.xlsx${query ? `?${query}` : ""}`} download>
              Descargar este tablero en Excel (.xlsx)
            </a>
          </li>
        )}
        {links.review && (
          <li>
            <a href={`/planes/${plan.id}/reportes`}>Reportes por revisar</a>
          </li>
        )}
      </ul>
      <section class="section" aria-labelledby="plan-figures">
        <h2 class="heading-m" id="plan-figures">
          Avance del plan{scope ? ` (${scope})` : ""}
        </h2>
        {dashboard.plan ? (
          <dl class="summary-list">
            <div>
              <dt>Avance validado</dt>
              <dd>{percentText(dashboard.plan.progress)}</dd>
            </div>
            <div>
              <dt>Esperado a hoy</dt>
              <dd>{percentText(dashboard.plan.expected)}</dd>
            </div>
            <div>
              <dt>Zona</dt>
              <dd>
                <ZoneTag zone={dashboard.plan.zone} />{" "}
                <BehindTag figures={dashboard.plan} label="Con atraso" />
              </dd>
            </div>
            <div>
              <dt>Actividades</dt>
              <dd>
                {formatNumber(dashboard.activities)} ·{" "}
                {countOf(dashboard.unreported.length, "periodo", "periodos")} sin reportar ·{" "}
                {countOf(dashboard.pending.length, "reporte", "reportes")} por validar
              </dd>
            </div>
          </dl>
        ) : (
          <p>No hay actividades {filtered ? "con estos filtros" : "en este plan"}.</p>
        )}
        <details>
          <summary>Qué significa cada zona</summary>
          <ZoneLegend zones={view.zones} />
          <p>
            «Atrasada» o «Con atraso»: el avance validado está más de {BEHIND_TOLERANCE} puntos por debajo del
            esperado a hoy según las fechas de sus periodos.
          </p>
        </details>
      </section>
      <FiguresTable
        id="por-componente"
        title={`Semáforo por ${plan.levelNames[0].toLowerCase()}`}
        first={plan.levelNames[0]}
        rows={dashboard.components.map((r) => ({ ...r, name: r.label }))}
        empty="No hay componentes con actividades."
      />
      <FiguresTable
        id="por-dependencia"
        title="Semáforo por dependencia"
        first="Dependencia"
        rows={dashboard.dependencias}
        empty="No hay dependencias nombradas como responsables."
        note="El avance de cada dependencia es lo que ella reportó y planeación validó en sus actividades. Las actividades asignadas a todas las dependencias cuentan en la tabla anterior."
      />
      <Unreported view={view} />
      <Pending view={view} links={links} />
    </Layout>
  );
}

function FiguresTable(props: {
  id: string;
  title: string;
  first: string;
  rows: ((ComponentRow | DependenciaRow) & { name: string })[];
  empty: string;
  note?: string;
}) {
  return (
    <section class="section" aria-labelledby={props.id}>
      <h2 class="heading-m" id={props.id}>
        {props.title}
      </h2>
      {props.note && <p>{props.note}</p>}
      {props.rows.length === 0 ? (
        <p>{props.empty}</p>
      ) : (
        <section class="table-scroll" tabindex={0} aria-label={props.title}>
          <table class="table table--compact table--stack">
            <caption class="visually-hidden">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{props.first}</th>
                <th scope="col" class="numeric">
                  Actividades
                </th>
                <th scope="col" class="numeric">
                  Avance validado
                </th>
                <th scope="col" class="numeric">
                  Esperado a hoy
                </th>
                <th scope="col">Zona</th>
                <th scope="col" class="numeric">
                  Atrasadas
                </th>
                <th scope="col" class="numeric">
                  Periodos sin reportar
                </th>
                <th scope="col" class="numeric">
                  Reportes por validar
                </th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr>
                  <th scope="row" data-label={props.first}>
                    {row.name}
                  </th>
                  <td class="numeric" data-label="Actividades">
                    {formatNumber(row.activities)}
                  </td>
                  <td class="numeric" data-label="Avance validado">
                    {percentText(row.progress)}
                  </td>
                  <td class="numeric" data-label="Esperado a hoy">
                    {percentText(row.expected)}
                  </td>
                  <td data-label="Zona">
                    <ZoneTag zone={row.zone} /> <BehindTag figures={row} label="Con atraso" />
                  </td>
                  <td class="numeric" data-label="Atrasadas">
                    {formatNumber(row.late)}
                  </td>
                  <td class="numeric" data-label="Periodos sin reportar">
                    {formatNumber(row.unreported)}
                  </td>
                  <td class="numeric" data-label="Reportes por validar">
                    {formatNumber(row.pending)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

/** A longer list is cut (most days late first): the filters and the export give the rest. */
const UNREPORTED_SHOWN = 200;

function Unreported({ view }: { view: MonitoringView }) {
  const all = view.dashboard.unreported;
  const rows = all.slice(0, UNREPORTED_SHOWN);
  const activity = view.plan.levelNames[2];
  return (
    <section class="section" aria-labelledby="sin-reportar">
      <h2 class="heading-m" id="sin-reportar">
        Vencidos sin reporte
      </h2>
      <p>Periodos ya terminados en los que la dependencia responsable no ha enviado su reporte.</p>
      {all.length > rows.length && (
        <p>
          Se muestran los {formatNumber(rows.length)} con más días de atraso de {formatNumber(all.length)}.
          Use los filtros o descargue el tablero en Excel para verlos todos.
        </p>
      )}
      {rows.length === 0 ? (
        <p>No hay periodos vencidos sin reporte.</p>
      ) : (
        <section class="table-scroll" tabindex={0} aria-label="Periodos vencidos sin reporte">
          <table class="table table--compact table--stack">
            <caption>Periodos vencidos sin reporte ({formatNumber(all.length)})</caption>
            <thead>
              <tr>
                <th scope="col">{activity}</th>
                <th scope="col">Dependencia</th>
                <th scope="col">Periodo</th>
                <th scope="col" class="numeric">
                  Días de atraso
                </th>
                <th scope="col">Reporte</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td data-label={activity}>
                    <a href={`/planes/${view.plan.id}/actividades/${row.leaf.id}`}>
                      {activityLabel(row.leaf)}
                    </a>
                  </td>
                  <td data-label="Dependencia">{row.dependencia}</td>
                  <td data-label="Periodo">{row.period}</td>
                  <td class="numeric" data-label="Días de atraso">
                    {formatNumber(row.daysLate)}
                  </td>
                  <td data-label="Reporte">
                    {row.status ? REPORT_STATUS_LABELS[row.status] : "Sin reporte"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

function Pending({ view, links }: { view: MonitoringView; links: { reports: boolean } }) {
  const rows = view.dashboard.pending;
  const activity = view.plan.levelNames[2];
  return (
    <section class="section" aria-labelledby="por-validar">
      <h2 class="heading-m" id="por-validar">
        Reportes por validar
      </h2>
      {rows.length === 0 ? (
        <p>No hay reportes esperando validación.</p>
      ) : (
        <section class="table-scroll" tabindex={0} aria-label="Reportes por validar">
          <table class="table table--compact table--stack">
            <caption>
              Reportes enviados que esperan la validación de planeación ({formatNumber(rows.length)})
            </caption>
            <thead>
              <tr>
                <th scope="col">{activity}</th>
                <th scope="col">Dependencia</th>
                <th scope="col">Periodo</th>
                <th scope="col">Enviado</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td data-label={activity}>
                    {links.reports ? (
                      <a href={`/reportes/${row.report.id}`}>{activityLabel(row.leaf)}</a>
                    ) : (
                      activityLabel(row.leaf)
                    )}
                  </td>
                  <td data-label="Dependencia">{row.dependencia}</td>
                  <td data-label="Periodo">{row.period}</td>
                  <td data-label="Enviado">
                    {row.report.submittedAt ? formatDateTime(row.report.submittedAt) : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
