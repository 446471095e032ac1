// An activity (or any node) of a plan with everything known about it — its reports per period and
// dependencia, the history of its progress and its change log — the change log table the plan page reuses,
// and «Actividades de mi dependencia» for a responsable de plan (phone first): the inbox of periods to
// report (progress/inbox.views.tsx), then every activity of the dependencia.
import type { Child } from "hono/jsx";
import { formatDateTime, formatIsoDay } from "../../shared/time.ts";
import { BackLink } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf, formatNumber } from "../../shared/words.ts";
import { ActivityHistory, ActivityReports } from "../progress/history.views.tsx";
import { InboxSections } from "../progress/inbox.views.tsx";
import type { ActivityProgress } from "../progress/progress.service.ts";
import type { MyInbox } from "./plans.mine.ts";
import type { ChangeView, ItemDetail, MyActivity } from "./plans.service.ts";
import { PLAN_CHANGE_FIELD_LABELS, PLAN_CHANGE_KIND_LABELS, type PlanChangeFields } from "./plans.types.ts";
import { PeriodsText, PlanStatusTag, ResponsablesText } from "./plans.views.tsx";
import { headingOf } from "./tree.rules.ts";

/** «PAAC 2022» as is; «Plan de acción» as «Plan de acción (2026)». */
const planTitle = (plan: { title: string; year: number }) =>
  plan.title.includes(String(plan.year)) ? plan.title : `${plan.title} (${plan.year})`;

function FieldChanges({ fields }: { fields: PlanChangeFields }) {
  const entries = Object.entries(fields);
  if (entries.length === 0) return null;
  return (
    <ul>
      {entries.map(([field, [before, after]]) => (
        <li>
          {PLAN_CHANGE_FIELD_LABELS[field] ?? field}: {before ?? "(vacío)"} → {after ?? "(vacío)"}
        </li>
      ))}
    </ul>
  );
}

export function ChangesTable(props: { changes: ChangeView[]; caption: string; showItem?: boolean }) {
  return (
    <table class="table table--compact table--stack">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Versión</th>
          {props.showItem && <th scope="col">Parte del plan</th>}
          <th scope="col">Cambio</th>
          <th scope="col">Detalle</th>
          <th scope="col">Quién</th>
          <th scope="col">Cuándo</th>
        </tr>
      </thead>
      <tbody>
        {props.changes.map(({ change, by }) => (
          <tr>
            <td data-label="Versión">{change.version}</td>
            {props.showItem && (
              <td data-label="Parte del plan">
                {change.code ? `${change.code} ` : ""}
                {change.label}
              </td>
            )}
            <td data-label="Cambio">{PLAN_CHANGE_KIND_LABELS[change.kind]}</td>
            <td data-label="Detalle">
              <FieldChanges fields={change.fields} />
            </td>
            <td data-label="Quién">{by ?? "SIPAP"}</td>
            <td data-label="Cuándo">{formatDateTime(change.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The meta as written, with the quantity read from it when the text does not start with that number already:
 * «Un (1) informe…» gains «(cantidad: 1 informe)»; «1 informe de evaluación» would only repeat itself.
 */
function metaText(meta: string, quantity: number | null, unit: string | null): string {
  if (quantity === null) return meta;
  const number = formatNumber(quantity, 1);
  if (meta.trimStart().startsWith(number)) return meta;
  return `${meta} (cantidad: ${number}${unit ? ` ${unit}` : ""})`;
}

export function ItemPage(props: {
  ctx: PageContext;
  detail: ItemDetail;
  backHref: string;
  backLabel: string;
  /** May open the plan's staff page (planeación, control interno, administrador). */
  canReadPlan: boolean;
  /** Reports and history of an activity (a leaf); none for a component or subcomponent. */
  progress?: ActivityProgress;
}) {
  const { ctx, detail } = props;
  const { item, parents, plan: row } = detail;
  const names = row.levelNames;
  const title = item.code && !item.text.startsWith(item.code) ? `${item.code} ${item.text}` : item.text;
  const rows: [string, Child][] = [
    [
      "Plan",
      // A responsable de plan reads activities, not the plan's staff page: the public page when there is one.
      props.canReadPlan ? (
        <a href={`/planes/${row.plan.id}`}>{planTitle(row.plan)}</a>
      ) : row.plan.status === "publicado" || row.plan.status === "cerrado" || row.plan.version > 1 ? (
        <a href={`/transparencia/planes/${row.plan.slug}`}>{planTitle(row.plan)}</a>
      ) : (
        planTitle(row.plan)
      ),
    ],
    ...parents.map((p): [string, Child] => [
      names[p.level - 1] ?? "",
      headingOf(p, names[p.level - 1] ?? ""),
    ]),
    ["Producto", item.product],
    ["Meta", item.meta && metaText(item.meta, item.metaQuantity, item.metaUnit)],
    ["Evidencia esperada", item.evidence],
    ["Nota", item.note],
    ["Peso", item.weight !== null ? formatNumber(item.weight, 1) : null],
    ["Responsables", <ResponsablesText responsables={item.responsables} />],
    ["Fechas", <PeriodsText periods={item.periods} />],
    ["Fila en el archivo", item.sourceRow !== null ? String(item.sourceRow) : null],
  ];
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={props.backHref}>{props.backLabel}</BackLink>
      <p class="hint">
        {names[item.level - 1]} · {row.plan.title} ·{" "}
        <PlanStatusTag status={row.plan.status} version={row.plan.version} />
      </p>
      <h1>{title}</h1>
      <dl class="summary-list">
        {rows
          .filter(([, value]) => value !== null && value !== undefined && value !== "")
          .map(([label, value]) => (
            <div>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {props.progress && (
        <>
          <ActivityReports
            progress={props.progress}
            planId={row.plan.id}
            itemId={item.id}
            csrfToken={ctx.csrfToken}
            staff={props.canReadPlan}
          />
          <ActivityHistory events={props.progress.events} />
        </>
      )}
      <section class="section">
        <h2 class="heading-m">Historia</h2>
        {detail.history.length === 0 ? (
          <p>No tiene cambios registrados.</p>
        ) : (
          <ChangesTable changes={detail.history} caption={`Cambios de «${title}»`} />
        )}
      </section>
    </Layout>
  );
}

function ActivityCard({ activity, showPlan }: { activity: MyActivity; showPlan?: boolean }) {
  const { leaf } = activity;
  return (
    <li class="task">
      <a class="task__link" href={`/planes/${activity.planId}/actividades/${leaf.id}`}>
        {leaf.code && !leaf.text.startsWith(leaf.code) ? `${leaf.code} ` : ""}
        {leaf.text}
      </a>{" "}
      {activity.overdue && <strong class="tag tag--espera">Vencida</strong>}
      {activity.dueThisMonth && <strong class="tag tag--siguiente">Vence este mes</strong>}
      <p class="hint">
        {showPlan ? `${activity.planTitle} · ${activity.path.join(" › ")}` : activity.path.join(" › ")}
      </p>
      <p>
        Fechas: <PeriodsText periods={leaf.periods} />
      </p>
      {activity.dueOn && (
        <p>
          {activity.overdue ? "Terminó el" : "Próximo vencimiento:"} {formatIsoDay(activity.dueOn)}
        </p>
      )}
    </li>
  );
}

export function MyActivitiesPage(props: { ctx: PageContext; inbox: MyInbox; dependencia: string | null }) {
  const { ctx } = props;
  const mine = props.inbox.activities;
  const total = mine.plans.reduce((n, p) => n + p.activities.length, 0);
  return (
    <Layout ctx={ctx} title="Actividades de mi dependencia">
      <h1>Actividades de mi dependencia</h1>
      {!props.dependencia ? (
        <p>
          Su cuenta no tiene una dependencia asignada. Pida a la Subsecretaría de Sistemas de Información que
          la registre para ver las actividades que le corresponden.
        </p>
      ) : (
        <>
          <p class="lead">
            {props.dependencia}: {countOf(total, "actividad", "actividades")} en planes aprobados o
            publicados, incluidas las asignadas a todas las dependencias.
          </p>
          {mine.plans.length === 0 ? (
            <p>
              Todavía no hay actividades de su dependencia en planes aprobados. Cuando la Oficina de
              Planeación apruebe un plan que la nombre, aparecerán aquí.
            </p>
          ) : (
            <InboxSections lines={props.inbox.lines} csrfToken={ctx.csrfToken} />
          )}
          {/* Folded: what to do now is above; the whole list is for looking something up. */}
          {mine.plans.map((plan) => (
            <details class="section">
              <summary>
                Todas las actividades: {planTitle(plan)} (
                {countOf(plan.activities.length, "actividad", "actividades")})
              </summary>
              <p class="hint">{plan.typeName} · la más próxima a vencer primero</p>
              <ul class="task-list">
                {plan.activities.map((a) => (
                  <ActivityCard activity={a} />
                ))}
              </ul>
            </details>
          ))}
        </>
      )}
    </Layout>
  );
}
