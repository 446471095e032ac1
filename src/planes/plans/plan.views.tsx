// One plan: its header with its progress, the links to its monitoring, reports and follow-ups, what
// planeación can do in its status, its tree with filters (plan.tree.views.tsx) and its versions with the
// change log of each.
import { can } from "../../shared/auth/permissions.ts";
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime, formatIsoDay, MONTH_NAMES } from "../../shared/time.ts";
import { BackLink, Button, CsrfField, ErrorSummary, Field, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf, formatNumber } from "../../shared/words.ts";
import { ProgressLine, ZoneLegend } from "../monitoring/zone.views.tsx";
import type { PlanProgress } from "../progress/rollup.rules.ts";
import type { Zones } from "../progress/zones.rules.ts";
import { ChangesTable } from "./activity.views.tsx";
import { TreeSection } from "./plan.tree.views.tsx";
import { DEFAULT_COMMITTEE } from "./plans.rules.ts";
import type { PlanTree, VersionView } from "./plans.service.ts";
import { PLAN_CHANGE_KIND_LABELS } from "./plans.types.ts";
import { levelCounts, PlanStatusTag, plural } from "./plans.views.tsx";

export interface TreeQuery {
  componente?: string;
  dependencia?: string;
  mes?: string;
}

export function PlanPage(props: {
  ctx: PageContext;
  tree: PlanTree;
  query: TreeQuery;
  versions: VersionView[];
  /** An upload waiting in its preview (planeación only). */
  openImport?: { id: string; fileName: string; createdAt: Date };
  canManage: boolean;
  today: string;
  /** The roll-up of the validated reports (progress/rollup.service.ts) and the type's zones. */
  progress: PlanProgress;
  zones: Zones;
  errors?: FormErrors;
  values?: FormValues;
}) {
  const { ctx, tree, errors = {} } = props;
  const { plan, typeName, owner, levelNames } = tree.plan;
  const published = props.versions.some((v) => v.version.publishedAt);
  const leaves = tree.counts.levels[2];
  return (
    <Layout ctx={ctx} title={plan.title}>
      <BackLink href="/planes">Volver a los planes</BackLink>
      <ErrorSummary errors={errors} />
      <h1>{plan.title}</h1>
      <dl class="summary-list">
        <div>
          <dt>Tipo</dt>
          <dd>{typeName}</dd>
        </div>
        <div>
          <dt>Vigencia</dt>
          <dd>{plan.year}</dd>
        </div>
        <div>
          <dt>Dependencia responsable</dt>
          <dd>{owner}</dd>
        </div>
        <div>
          <dt>Estado</dt>
          <dd>
            <PlanStatusTag status={plan.status} version={plan.version} /> · versión {plan.version}
          </dd>
        </div>
        <div>
          <dt>Contenido</dt>
          <dd>
            {levelCounts(tree.counts.levels, levelNames)} ·{" "}
            {countOf(tree.counts.periods, "periodo", "periodos")}
          </dd>
        </div>
        {props.progress.plan && (
          <div>
            <dt>Avance del plan</dt>
            <dd>
              <ProgressLine figures={props.progress.plan} behindLabel="Con atraso" />
            </dd>
          </div>
        )}
      </dl>
      {published && (
        <p>
          Página pública: <a href={`/transparencia/planes/${plan.slug}`}>/transparencia/planes/{plan.slug}</a>
          {plan.status === "borrador" && " (muestra la última versión publicada mientras esta se prepara)"}
        </p>
      )}
      <PlanLinks planId={plan.id} ctx={ctx} />
      {props.openImport && (
        <div class="notice" role="status">
          <p>
            El archivo «{props.openImport.fileName}», cargado el {formatDateTime(props.openImport.createdAt)},
            espera en vista previa.{" "}
            <a href={`/planes/${plan.id}/importaciones/${props.openImport.id}`}>Continuar con esa carga</a>
          </p>
        </div>
      )}
      {props.canManage && <Actions {...props} />}
      <section class="section">
        <h2 class="heading-m">Estructura del plan</h2>
        {leaves > 0 || tree.nodes.length > 0 ? (
          <Filters {...props} />
        ) : (
          <p>
            El plan está vacío.
            {props.canManage &&
              plan.status === "borrador" &&
              " Importe su archivo de Excel para cargar la estructura."}
          </p>
        )}
        {tree.filtered && (
          <p role="status">
            Se muestran {formatNumber(tree.shown)} de{" "}
            {countOf(leaves, levelNames[2].toLowerCase(), plural(levelNames[2]))}
            {props.query.dependencia ? ", incluidas las asignadas a todas las dependencias." : "."}
          </p>
        )}
        {props.progress.plan && (
          <details>
            <summary>Cómo se calcula el avance</summary>
            <p>
              Cuenta solo los reportes validados por planeación. Cada nivel promedia los de abajo (ponderado
              cuando el plan trae pesos); una actividad de varias dependencias promedia lo que reportó cada
              una. El esperado a hoy sale de las fechas de sus periodos.
            </p>
            <ZoneLegend zones={props.zones} />
          </details>
        )}
        {tree.nodes.map((node) => (
          <TreeSection node={node} planId={plan.id} levelNames={levelNames} progress={props.progress} />
        ))}
      </section>
      <Versions versions={props.versions} />
    </Layout>
  );
}

/** The plan's other pages, each shown only to the roles that may open it. */
function PlanLinks({ planId, ctx }: { planId: string; ctx: PageContext }) {
  const roles = ctx.user?.roles;
  const links = [
    { href: `/planes/${planId}/cronograma`, label: "Ver el cronograma del plan", show: true },
    { href: `/planes/${planId}/monitoreo`, label: "Monitoreo", show: can(roles, "monitoring.dashboard") },
    { href: `/planes/${planId}/reportes`, label: "Reportes por revisar", show: can(roles, "reports.review") },
    {
      href: `/planes/${planId}/seguimientos`,
      label: "Seguimientos de control interno",
      show: can(roles, "followups.list"),
    },
  ].filter((link) => link.show);
  return (
    <nav aria-label="Páginas del plan">
      <ul>
        {links.map((link) => (
          <li>
            <a href={link.href}>{link.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Actions(props: Parameters<typeof PlanPage>[0]) {
  const { ctx, errors = {} } = props;
  const { plan } = props.tree.plan;
  const csrf = <CsrfField token={ctx.csrfToken} />;
  const values = { committee: DEFAULT_COMMITTEE, approvedOn: props.today, ...props.values };
  const newVersion = (
    // A rule sets it apart from «Publicar»; first under «Acciones» (publicado), it would look like an end.
    <form
      method="post"
      action={`/planes/${plan.id}/nueva-version`}
      class={plan.status === "aprobado" ? "section" : undefined}
      novalidate
    >
      {csrf}
      <h3 class="heading-m">Cambiar el plan: nueva versión</h3>
      <p>
        Un plan aprobado no se modifica: se crea la versión {plan.version + 1} en borrador, se importa el
        archivo corregido y se aprueba de nuevo. La versión publicada sigue a la vista hasta que publique la
        nueva.
      </p>
      <Field
        name="reason"
        label="Motivo del cambio"
        hint="Se publica con el registro de cambios del plan."
        values={props.values}
        errors={errors}
      />
      <Button variant="secondary">Crear la versión {plan.version + 1}</Button>
    </form>
  );
  return (
    <section class="section">
      <h2 class="heading-m">Acciones</h2>
      {plan.status === "borrador" && (
        <>
          <p>
            <a class="button button--secondary" href={`/planes/${plan.id}/importar`}>
              Importar archivo
            </a>
          </p>
          <form method="post" action={`/planes/${plan.id}/aprobar`} novalidate>
            {csrf}
            <h3 class="heading-m">Registrar la aprobación</h3>
            <Field name="committee" label="Comité que aprobó" values={values} errors={errors} />
            <Field name="act" label="Número del acta" values={values} errors={errors} width="medium" />
            <Field
              name="approvedOn"
              label="Fecha del acta"
              hint="No puede ser posterior a hoy."
              type="date"
              values={values}
              errors={errors}
              width="medium"
            />
            <Button>Aprobar el plan</Button>
          </form>
        </>
      )}
      {plan.status === "aprobado" && (
        <>
          <form method="post" action={`/planes/${plan.id}/publicar`}>
            {csrf}
            <p>Al publicarlo, cualquier persona podrá leer esta versión en la sección Transparencia.</p>
            <Button>Publicar el plan</Button>
          </form>
          {newVersion}
        </>
      )}
      {plan.status === "publicado" && (
        <>
          {newVersion}
          <form method="post" action={`/planes/${plan.id}/cerrar`} class="section">
            {csrf}
            <p>Cierre el plan cuando termine su vigencia. Seguirá publicado, pero ya no admite cambios.</p>
            <div class="checkbox form-field">
              <input type="checkbox" id="confirm-close" name="confirm" value="si" required />
              <label for="confirm-close">
                Entiendo que un plan cerrado no se puede volver a abrir ni cambiar.
              </label>
            </div>
            <Button variant="warning">Cerrar el plan</Button>
          </form>
        </>
      )}
      {plan.status === "cerrado" && <p>Este plan está cerrado: ya no admite cambios.</p>}
    </section>
  );
}

function Filters(props: Parameters<typeof PlanPage>[0]) {
  const { tree, query } = props;
  const { plan, levelNames } = tree.plan;
  const months = MONTH_NAMES.map((name, i) => ({
    value: `${plan.year}-${String(i + 1).padStart(2, "0")}`,
    label: `${name} de ${plan.year}`,
  }));
  return (
    <form method="get" action={`/planes/${plan.id}`} class="search-form">
      <Select
        name="componente"
        label={levelNames[0]}
        options={tree.components}
        values={{ componente: query.componente ?? "" }}
        emptyLabel="Todos"
      />
      <Select
        name="dependencia"
        label="Dependencia responsable"
        options={tree.dependencias}
        values={{ dependencia: query.dependencia ?? "" }}
        emptyLabel="Todas"
      />
      <Select
        name="mes"
        label="Mes"
        options={months}
        values={{ mes: query.mes ?? "" }}
        emptyLabel="Todo el año"
      />
      <Button variant="secondary">Filtrar</Button>
      {tree.filtered && (
        <p>
          <a href={`/planes/${plan.id}`}>Quitar los filtros</a>
        </p>
      )}
    </form>
  );
}

function Versions({ versions }: { versions: VersionView[] }) {
  return (
    <section class="section">
      <h2 class="heading-m">Versiones y cambios</h2>
      {versions.map(({ version, changes }) => {
        const byKind = (["agregada", "modificada", "eliminada"] as const)
          .map((kind) => [kind, changes.filter((c) => c.change.kind === kind).length] as const)
          .filter(([, n]) => n > 0)
          .map(([kind, n]) => {
            const word = PLAN_CHANGE_KIND_LABELS[kind].toLowerCase();
            return countOf(n, word, `${word}s`);
          });
        return (
          <section class="section">
            <h3 class="heading-m">Versión {version.number}</h3>
            <dl class="summary-list">
              <div>
                <dt>Motivo</dt>
                <dd>{version.reason}</dd>
              </div>
              <div>
                <dt>Aprobación</dt>
                <dd>
                  {version.approvedOn
                    ? `${version.approvedCommittee ?? DEFAULT_COMMITTEE}, ${version.approvedAct ?? ""} del ${formatIsoDay(version.approvedOn)}`
                    : "Sin aprobar"}
                </dd>
              </div>
              <div>
                <dt>Publicación</dt>
                <dd>{version.publishedAt ? formatDateTime(version.publishedAt) : "Sin publicar"}</dd>
              </div>
              <div>
                <dt>Cambios</dt>
                <dd>{byKind.length > 0 ? byKind.join(", ") : "Ninguno registrado"}</dd>
              </div>
            </dl>
            {changes.length > 0 && (
              <details>
                <summary>Ver los cambios de la versión {version.number}</summary>
                <ChangesTable
                  changes={changes}
                  caption={`Cambios de la versión ${version.number}`}
                  showItem
                />
              </details>
            )}
          </section>
        );
      })}
    </section>
  );
}
