// A published plan for the public: its data, its structure (components as sections, each activity as a
// card of definitions, readable on a phone), its versions and change log, and its downloads.
import type { Child } from "hono/jsx";
import { formatDate } from "../../shared/time.ts";
import { BackLink } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { formatMegabytes, formatNumber } from "../../shared/words.ts";
import { FollowupsSection } from "../followups/followups.public.views.tsx";
import type { PublicFollowupSummary } from "../followups/followups.types.ts";
import type { SnapshotItem } from "../plans/plans.types.ts";
import {
  CHANGE_KIND_LABELS,
  changesByVersion,
  countOfLeaves,
  type DownloadKind,
  describePeriod,
  downloadPath,
  fieldLabel,
  itemLabel,
  itemTitle,
  leavesOf,
  placeChanges,
  planPath,
  publicStatusLabel,
  reconciledNames,
  spanishDay,
  versionPath,
  writtenDiffers,
  writtenTexts,
} from "./publication.rules.ts";
import type { PublishedPlan } from "./publication.service.ts";

type Levels = [string, string, string];
const anchorOf = (item: SnapshotItem) => `n-${item.key.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
/** «12 kB» below a megabyte (a plan's open data usually is), «1,4 MB» above. */
const fileSize = (bytes: number) =>
  bytes < 1_000_000 ? `${formatNumber(Math.max(1, Math.round(bytes / 1000)))} kB` : formatMegabytes(bytes);
const publishedOn = (iso: string | null) => (iso ? formatDate(new Date(iso)) : "No publicada");

function Heading({ depth, id, children }: { depth: number; id: string; children: string }) {
  if (depth === 0) return <h2 id={id}>{children}</h2>;
  if (depth === 1) return <h3 id={id}>{children}</h3>;
  return <h4 id={id}>{children}</h4>;
}

function Responsables({ item }: { item: SnapshotItem }) {
  const names = reconciledNames(item.responsables);
  return (
    <>
      <ul>
        {names.map((name) => (
          <li>{name}</li>
        ))}
      </ul>
      {writtenDiffers(item.responsables) && (
        <p class="hint">Como aparece en el plan: «{writtenTexts(item.responsables).join("», «")}»</p>
      )}
    </>
  );
}

function Periods({ item }: { item: SnapshotItem }) {
  return (
    <ul>
      {item.periods.map((period) => {
        const { text, note } = describePeriod(period);
        return (
          <li>
            {text}
            {note && <span class="hint"> ({note})</span>}
          </li>
        );
      })}
    </ul>
  );
}

/** One activity as a block of definitions: no wide table to scroll on a phone. */
function Activity(props: { item: SnapshotItem; levels: Levels; depth: number; position: number }) {
  const { item, levels, depth } = props;
  const id = anchorOf(item);
  const rows: [string, Child][] = [
    ["Producto", item.product],
    ["Meta", item.meta],
    ["Evidencia", item.evidence],
    ["Responsables", item.responsables.length > 0 ? <Responsables item={item} /> : null],
    ["Periodos", item.periods.length > 0 ? <Periods item={item} /> : null],
  ];
  return (
    <article class="section" aria-labelledby={id}>
      <Heading depth={depth} id={id}>
        {itemLabel(levels[item.level - 1] ?? levels[2], item, props.position)}
      </Heading>
      <p>{item.note ?? item.text}</p>
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
    </article>
  );
}

/** What hangs from an item: its activities, or its subcomponents with theirs. */
function Children({ item, levels, depth }: { item: SnapshotItem; levels: Levels; depth: number }) {
  return (
    <>
      {item.children.map((child, index) =>
        child.children.length === 0 && child.level === 3 ? (
          <Activity item={child} levels={levels} depth={depth + 1} position={index + 1} />
        ) : (
          <Branch item={child} levels={levels} depth={depth + 1} />
        ),
      )}
    </>
  );
}

/** A component or subcomponent: its heading, its note, then what hangs from it. */
function Branch({ item, levels, depth }: { item: SnapshotItem; levels: Levels; depth: number }) {
  const id = anchorOf(item);
  const name = levels[item.level - 1] ?? levels[0];
  if (item.children.length === 0 && item.level === 3)
    return <Activity item={item} levels={levels} depth={depth} position={1} />;
  const leaves = leavesOf(item.children).filter((path) => path.leaf.level === 3).length;
  return (
    <section aria-labelledby={id}>
      <Heading depth={depth} id={id}>
        {itemTitle(name, item)}
      </Heading>
      {item.note && <p>{item.note}</p>}
      {depth === 0 && item.children.length > 0 ? (
        // A component's activities stay folded under their count: the whole PAAC open is tens of
        // thousands of pixels on a phone. The heading stays outside, in the page's outline.
        <details class="section">
          <summary>{countOfLeaves(levels[2], leaves)}</summary>
          <Children item={item} levels={levels} depth={depth} />
        </details>
      ) : (
        <Children item={item} levels={levels} depth={depth} />
      )}
    </section>
  );
}

const DOWNLOADS: { kind: DownloadKind; label: string; format: string }[] = [
  { kind: "pdf", label: "Plan en PDF", format: "PDF, para leer o imprimir" },
  { kind: "xlsx", label: "Plan en Excel", format: "hoja de cálculo .xlsx, con la hoja «Cambios»" },
  { kind: "csv", label: "Datos abiertos en CSV", format: "CSV, una fila por actividad y periodo" },
  { kind: "json", label: "Datos abiertos en JSON", format: "JSON, el plan completo con versiones y cambios" },
];

function Downloads({ plan, sizes }: { plan: PublishedPlan; sizes: Partial<Record<DownloadKind, number>> }) {
  const { slug, version } = plan.snapshot;
  return (
    <section aria-labelledby="descargas">
      <h2 id="descargas">Descargar este plan</h2>
      <ul>
        {DOWNLOADS.map(({ kind, label, format }) => {
          const size = sizes[kind];
          return (
            <li>
              <a href={downloadPath(slug, kind, plan.isLatest ? undefined : version)}>
                {label} (versión {version})
              </a>{" "}
              <span class="hint">
                – {format}
                {size !== undefined && `, ${fileSize(size)}`}
              </span>
            </li>
          );
        })}
      </ul>
      <p>
        El formato de los archivos CSV y JSON está explicado en{" "}
        <a href="/transparencia/datos-abiertos">Datos abiertos de los planes</a>.
      </p>
    </section>
  );
}

function Versions({ plan }: { plan: PublishedPlan }) {
  const { snapshot } = plan;
  const history = changesByVersion(snapshot.versions, placeChanges(snapshot, plan.changeKeys));
  return (
    <section aria-labelledby="versiones">
      <h2 id="versiones">Versiones y cambios</h2>
      <table class="table table--stack">
        <caption class="visually-hidden">Versiones del plan</caption>
        <thead>
          <tr>
            <th scope="col">Versión</th>
            <th scope="col">Motivo</th>
            <th scope="col">Aprobada el</th>
            <th scope="col">Publicada el</th>
          </tr>
        </thead>
        <tbody>
          {history.map(({ version }) => (
            <tr>
              <td data-label="Versión">
                {version.publishedAt && version.number !== snapshot.version ? (
                  <a href={versionPath(snapshot.slug, version.number)}>Versión {version.number}</a>
                ) : (
                  `Versión ${version.number}${version.number === snapshot.version ? " (esta página)" : ""}`
                )}
              </td>
              <td data-label="Motivo">{version.reason}</td>
              <td data-label="Aprobada el">
                {version.approvedOn ? spanishDay(version.approvedOn) : "Sin dato"}
              </td>
              <td data-label="Publicada el">{publishedOn(version.publishedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {history
        .filter(({ changes }) => changes.length > 0)
        .map(({ version, changes }) => (
          <section aria-labelledby={`cambios-v${version.number}`}>
            <h3 id={`cambios-v${version.number}`}>Cambios de la versión {version.number}</h3>
            <ul>
              {changes.map((change) => (
                <li>
                  <strong>{CHANGE_KIND_LABELS[change.kind]}</strong> {change.place ? `${change.place} ` : ""}«
                  {change.label}»
                  {Object.keys(change.fields).length > 0 && (
                    <ul>
                      {Object.entries(change.fields).map(([field, [before, after]]) => (
                        <li>
                          {fieldLabel(field)}: antes «{before ?? "sin dato"}»{" "}
                          <span aria-hidden="true">→</span> ahora «{after ?? "sin dato"}»
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      {history.every(({ changes }) => changes.length === 0) && (
        <p>Este plan no tiene ajustes registrados después de su versión inicial.</p>
      )}
    </section>
  );
}

export function PlanPage(props: {
  ctx: PageContext;
  plan: PublishedPlan;
  sizes: Partial<Record<DownloadKind, number>>;
  /** The year it is in Bogotá: a plan published for a year that is over is not said to be in force. */
  currentYear: number;
  /** OCI's published follow-ups, listed on the version in force (none on an older version's page). */
  followups?: PublicFollowupSummary[];
}) {
  const { plan } = props;
  const { snapshot } = plan;
  const levels = snapshot.type.levelNames;
  const approval = snapshot.approval;
  return (
    <Layout
      ctx={props.ctx}
      title={`${snapshot.title}${plan.isLatest ? "" : ` (versión ${snapshot.version})`}`}
    >
      <BackLink href="/transparencia/planes">Planes publicados</BackLink>
      <h1>{snapshot.title}</h1>
      {!plan.isLatest && (
        <div class="notice notice--important">
          <p>
            <strong>Esta no es la versión vigente.</strong> Está viendo la versión {snapshot.version}; la
            vigente es la versión {plan.latestNumber}.{" "}
            <a href={planPath(snapshot.slug)}>Ver la versión vigente</a>
          </p>
        </div>
      )}
      <dl class="summary-list">
        <div>
          <dt>Tipo de plan</dt>
          <dd>{snapshot.type.name}</dd>
        </div>
        <div>
          <dt>Vigencia</dt>
          <dd>{snapshot.year}</dd>
        </div>
        <div>
          <dt>Dependencia responsable</dt>
          <dd>{snapshot.owner}</dd>
        </div>
        <div>
          <dt>Estado</dt>
          <dd>
            {plan.isLatest
              ? publicStatusLabel({ status: plan.status, year: snapshot.year }, props.currentYear)
              : "Versión anterior"}
          </dd>
        </div>
        <div>
          <dt>Aprobación</dt>
          <dd>
            {approval
              ? `${approval.committee}, ${approval.act}, el ${spanishDay(approval.date)}`
              : "Sin datos de aprobación"}
          </dd>
        </div>
        <div>
          <dt>Publicado el</dt>
          <dd>{publishedOn(snapshot.publishedAt)}</dd>
        </div>
        <div>
          <dt>Versión</dt>
          <dd>
            {snapshot.version}: {snapshot.reason}
          </dd>
        </div>
      </dl>
      <nav aria-labelledby="contenido-plan">
        <h2 id="contenido-plan">Contenido</h2>
        <ul>
          {snapshot.items.map((item) => (
            <li>
              <a href={`#${anchorOf(item)}`}>{itemTitle(levels[0], item)}</a>
            </li>
          ))}
          {plan.isLatest && (
            <li>
              <a href="#seguimientos">Seguimientos de control interno</a>
            </li>
          )}
          <li>
            <a href="#versiones">Versiones y cambios</a>
          </li>
          <li>
            <a href="#descargas">Descargar este plan</a>
          </li>
        </ul>
      </nav>
      {snapshot.items.map((item) => (
        <Branch item={item} levels={levels} depth={0} />
      ))}
      {plan.isLatest && <FollowupsSection slug={snapshot.slug} followups={props.followups ?? []} />}
      <Versions plan={plan} />
      <Downloads plan={plan} sizes={props.sizes} />
    </Layout>
  );
}
