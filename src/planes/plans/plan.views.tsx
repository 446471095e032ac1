// One plan: its header, what planeación can do in its status, its tree with filters and its versions
// with the change log of each.
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime, formatIsoDay, MONTH_NAMES } from "../../shared/time.ts";
import { BackLink, Button, CsrfField, ErrorSummary, Field, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf, formatNumber } from "../../shared/words.ts";
import { ChangesTable } from "./activity.views.tsx";
import { DEFAULT_COMMITTEE } from "./plans.rules.ts";
import type { PlanTree, VersionView } from "./plans.service.ts";
import { PLAN_CHANGE_KIND_LABELS } from "./plans.types.ts";
import { levelCounts, PeriodsText, PlanStatusTag, plural, ResponsablesText } from "./plans.views.tsx";
import { headingOf, type TreeNode } from "./tree.rules.ts";

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
      </dl>
      {published && (
        <p>
          Página pública: <a href={`/transparencia/planes/${plan.slug}`}>/transparencia/planes/{plan.slug}</a>
          {plan.status === "borrador" && " (muestra la última versión publicada mientras esta se prepara)"}
        </p>
      )}
      <p>
        <a href={`/planes/${plan.id}/cronograma`}>Ver el cronograma del plan</a>
      </p>
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
        {tree.nodes.map((node) => (
          <TreeSection node={node} planId={plan.id} levelNames={levelNames} />
        ))}
      </section>
      <Versions versions={props.versions} />
    </Layout>
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

function TreeSection(props: { node: TreeNode; planId: string; levelNames: [string, string, string] }) {
  const { node, levelNames } = props;
  return (
    <section class="section">
      <h3 class="heading-m">{headingOf(node, levelNames[0])}</h3>
      {node.note && <p>{node.note}</p>}
      <Children nodes={node.children} planId={props.planId} levelNames={levelNames} caption={node.text} />
    </section>
  );
}

/** Runs of leaves as tables; a node with children as a sub-heading with its own. */
function Children(props: {
  nodes: TreeNode[];
  planId: string;
  levelNames: [string, string, string];
  caption: string;
}) {
  const groups: (TreeNode | TreeNode[])[] = [];
  for (const node of props.nodes) {
    const last = groups.at(-1);
    if (node.children.length > 0) groups.push(node);
    else if (Array.isArray(last)) last.push(node);
    else groups.push([node]);
  }
  return (
    <>
      {groups.map((group) =>
        Array.isArray(group) ? (
          <LeafTable
            leaves={group}
            planId={props.planId}
            levelNames={props.levelNames}
            caption={props.caption}
          />
        ) : (
          <>
            <h4>{headingOf(group, props.levelNames[group.level - 1] ?? "")}</h4>
            {group.note && <p>{group.note}</p>}
            <Children
              nodes={group.children}
              planId={props.planId}
              levelNames={props.levelNames}
              caption={group.text}
            />
          </>
        ),
      )}
    </>
  );
}

function LeafTable(props: {
  leaves: TreeNode[];
  planId: string;
  levelNames: [string, string, string];
  caption: string;
}) {
  const name = props.levelNames[2];
  // A matrix's tasks carry the expected evidence, not a product and a meta: the column shows what they have.
  const evidenceOnly = props.leaves.every((leaf) => !leaf.product && !leaf.meta);
  const column = evidenceOnly ? "Evidencia esperada" : "Producto y meta";
  return (
    <table class="table table--compact table--stack">
      <caption class="visually-hidden">
        {plural(name)} de «{props.caption}»
      </caption>
      <thead>
        <tr>
          <th scope="col">{name}</th>
          <th scope="col">{column}</th>
          <th scope="col">Responsables</th>
          <th scope="col">Fechas</th>
        </tr>
      </thead>
      <tbody>
        {props.leaves.map((leaf) => (
          <tr>
            <td data-label={name}>
              <a href={`/planes/${props.planId}/actividades/${leaf.id}`}>
                {leaf.code && !leaf.text.startsWith(leaf.code) ? `${leaf.code} ` : ""}
                {leaf.text}
              </a>
            </td>
            <td data-label={column}>
              {(evidenceOnly ? leaf.evidence : [leaf.product, leaf.meta].filter(Boolean).join(" · ")) ||
                leaf.note ||
                ""}
            </td>
            <td data-label="Responsables">
              <ResponsablesText responsables={leaf.responsables} />
            </td>
            <td data-label="Fechas">
              <PeriodsText periods={leaf.periods} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
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
