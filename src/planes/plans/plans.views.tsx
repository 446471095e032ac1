// The list of plans by year and type with the form to create one, and the small pieces every plans page
// shares (status tag, responsables, periods).
import type { Child } from "hono/jsx";
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { Button, CsrfField, ErrorSummary, Field, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf } from "../../shared/words.ts";
import { formatPeriod, isImpossible, type PeriodLike } from "./plans.rules.ts";
import type { PlanListRow, PlanType } from "./plans.service.ts";
import { PLAN_STATUS_LABELS, type PlanStatus } from "./plans.types.ts";
import type { TreeResponsable } from "./tree.rules.ts";

const STATUS_TAG: Record<PlanStatus, string> = {
  borrador: "tag tag--pendiente",
  aprobado: "tag tag--siguiente",
  publicado: "tag tag--hecho",
  cerrado: "tag tag--espera",
};

/** A borrador after the first version is an adjustment: the version before it is still the one in force. */
export function PlanStatusTag({ status, version = 1 }: { status: PlanStatus; version?: number }) {
  const label =
    status === "borrador" && version > 1
      ? `Versión ${version} en borrador (rige la ${version - 1})`
      : PLAN_STATUS_LABELS[status];
  return <strong class={STATUS_TAG[status]}>{label}</strong>;
}

/** One line as is, several as a list. */
function Lines({ lines }: { lines: Child[] }) {
  if (lines.length === 1) return <>{lines[0]}</>;
  return (
    <ul>
      {lines.map((line) => (
        <li>{line}</li>
      ))}
    </ul>
  );
}

/** Each responsable as reconciled, with the text as written in the file when it differs. */
export function ResponsablesText({ responsables }: { responsables: TreeResponsable[] }) {
  if (responsables.length === 0) return <>Sin responsable</>;
  return (
    <Lines
      lines={responsables.map((r) => {
        const names = r.names.join(", ");
        return (
          <>
            {names}
            {names !== r.written && <span class="hint"> (en el archivo: «{r.written}»)</span>}
          </>
        );
      })}
    />
  );
}

/** Each period; a date impossible in the source is shown as written, with a warning. */
export function PeriodsText({ periods }: { periods: PeriodLike[] }) {
  if (periods.length === 0) return <>Sin fechas</>;
  return (
    <Lines
      lines={periods.map((p) => (
        <>
          {formatPeriod(p)}
          {isImpossible(p) && <strong class="tag tag--espera">Fecha imposible en el archivo</strong>}
        </>
      ))}
    />
  );
}

/** «3 componentes, 5 subcomponentes y 20 actividades» with the type's own level names. */
export function levelCounts(levels: [number, number, number], names: [string, string, string]) {
  const parts = levels.map((n, i) => countOf(n, (names[i] ?? "").toLowerCase(), plural(names[i] ?? "")));
  return `${parts.slice(0, -1).join(", ")} y ${parts.at(-1)}`;
}

/** «Actividad de gestión» → «actividades de gestión», «Tarea (cómo)» → «tareas (cómo)». */
export function plural(name: string): string {
  const [first = "", ...rest] = name.toLowerCase().split(" ");
  const head = first.endsWith("ón")
    ? `${first.slice(0, -2)}ones`
    : /[aeiou]$/.test(first)
      ? `${first}s`
      : first.endsWith("z")
        ? `${first.slice(0, -1)}ces`
        : `${first}es`;
  return [head, ...rest].join(" ");
}

export function PlansPage(props: {
  ctx: PageContext;
  plans: PlanListRow[];
  years: number[];
  types: PlanType[];
  filter: { year?: number; type?: string };
  dependencias: { value: string; label: string }[];
  canCreate: boolean;
  errors?: FormErrors;
  values?: FormValues;
}) {
  const { ctx, errors = {}, filter } = props;
  const years = [...new Set([...props.years, ...props.plans.map((p) => p.plan.year)])].sort((a, b) => b - a);
  const byYear = new Map<number, PlanListRow[]>();
  for (const row of props.plans) byYear.set(row.plan.year, [...(byYear.get(row.plan.year) ?? []), row]);
  const typeOptions = props.types.map((t) => ({ value: t.key, label: t.name }));
  const filtered = Boolean(filter.year || filter.type);
  return (
    <Layout ctx={ctx} title="Planes">
      <ErrorSummary errors={errors} />
      <h1>Planes</h1>
      <p class="lead">
        Planes institucionales por vigencia y tipo: su estructura, responsables y fechas, sus versiones y su
        publicación.
      </p>
      {(props.plans.length > 0 || filtered) && (
        <form method="get" action="/planes" class="search-form">
          {/* «vigencia» and «tipo», as on the public list: «year» is the creation form's field below, and
              two controls with one id would leave that form's «Vigencia» label pointing at this select. */}
          <Select
            name="vigencia"
            label="Vigencia"
            options={years.map((y) => ({ value: String(y), label: String(y) }))}
            values={{ vigencia: filter.year ? String(filter.year) : "" }}
            emptyLabel="Todas"
          />
          <Select
            name="tipo"
            label="Tipo de plan"
            options={typeOptions}
            values={{ tipo: filter.type ?? "" }}
            emptyLabel="Todos"
          />
          <Button variant="secondary">Filtrar</Button>
        </form>
      )}
      {props.plans.length === 0 && (
        <p>
          {filtered
            ? "No hay planes con este filtro."
            : props.canCreate
              ? "Todavía no hay planes. Cree el primero con el formulario de abajo y luego importe su archivo de Excel."
              : "Todavía no hay planes. La Oficina de Planeación los crea e importa."}
        </p>
      )}
      {[...byYear].map(([year, rows]) => (
        <section class="section">
          <h2 class="heading-m">Vigencia {year}</h2>
          <ul class="task-list">
            {rows.map((row) => (
              <li class="task">
                <a class="task__link" href={`/planes/${row.plan.id}`}>
                  {row.plan.title}
                </a>{" "}
                <PlanStatusTag status={row.plan.status} version={row.plan.version} />
                <p>
                  {row.typeName} · {row.owner} · versión {row.plan.version}
                </p>
                <p>{levelCounts(row.levels, row.levelNames)}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {props.canCreate && (
        <section class="section">
          <h2 class="heading-m">Crear un plan</h2>
          <p>El plan se crea en borrador; después se importa su archivo de Excel, se aprueba y se publica.</p>
          <form method="post" action="/planes" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <Select
              name="typeKey"
              label="Tipo de plan"
              options={typeOptions}
              values={props.values}
              errors={errors}
              emptyLabel="Elija un tipo"
            />
            <Field
              name="year"
              label="Vigencia"
              hint="El año del plan, por ejemplo 2026."
              inputmode="numeric"
              values={props.values}
              errors={errors}
              width="short"
            />
            <Select
              name="ownerDependenciaId"
              label="Dependencia responsable del plan"
              options={props.dependencias}
              values={props.values}
              errors={errors}
              emptyLabel="Elija una dependencia"
            />
            <Field
              name="title"
              label="Título"
              hint="Por ejemplo: Plan Anticorrupción y de Atención al Ciudadano 2026"
              values={props.values}
              errors={errors}
            />
            <Button>Crear el plan</Button>
          </form>
        </section>
      )}
    </Layout>
  );
}
