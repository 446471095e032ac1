// The pages of an import: the upload form (what files are accepted, the columns of the plan's shape, the
// latest imports) and the preview (counts, problems, responsables to reconcile, what would change, and
// «Aplicar» / «Descartar»).
import type { FormErrors } from "../../shared/forms.ts";
import { endSentence, formatDateTime } from "../../shared/time.ts";
import {
  BackLink,
  Button,
  CsrfField,
  ErrorSummary,
  FileField,
  Notice,
} from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf, formatNumber, pluralize } from "../../shared/words.ts";
import { MapForm, type MapFormValues } from "../responsables/responsables.views.tsx";
import type { ImportProblem } from "../sheets/sheets.types.ts";
import { DiffSection, MatchedResponsables, ProblemsTable } from "./imports.diff.views.tsx";
import { pluralOfLevel, singularOfLevel } from "./imports.rules.ts";
import type { ImportView, PlanForImport, PlanImport } from "./imports.service.ts";
import type { ImportStatus } from "./imports.table.ts";

const STATUS_LABELS: Record<ImportStatus, string> = {
  vista_previa: "Vista previa",
  aplicada: "Aplicada",
  descartada: "Descartada",
  rechazada: "Rechazada",
};

// As the reader finds them (sheets.columns.ts): by how the header starts, without accents or case.
const PAAC_COLUMNS = [
  "Una fila de título sobre la tabla de cada componente («Componente 3: Rendición de cuentas»)",
  "Subcomponente / Proceso (un componente sin subcomponentes puede no tenerla)",
  "Actividades, con el código al comienzo («1.1 Socializar…») (obligatoria)",
  "Producto",
  "Meta (obligatoria)",
  "Responsable (obligatoria); varios en una celda, uno por línea o separados por «;»",
  "Fecha Inicio y Fecha Final, o una sola columna de fechas («01/02/2022 - 30/06/2022»)",
  "Peso (si el plan pondera las actividades)",
];

interface MatrizColumn {
  name: string;
  required?: boolean;
  /** What else the column may be called in the file. */
  also: string[];
  hint?: string;
}

/**
 * A matrix's columns under the plan type's own level names («Hallazgo», «Acción de mejora», «Tarea» in a plan
 * de mejoramiento), with the usual matrix labels the reader also takes.
 */
function matrizColumns(levelNames: readonly string[]): MatrizColumn[] {
  const [first, second, third] = levelNames;
  return [
    { name: first ?? "Actividad de gestión", required: true, also: ["Actividades de gestión"] },
    {
      name: second ?? "Alternativa de mejora",
      required: true,
      also: ["Qué (alternativas de mejora)", "Alternativas de mejora"],
    },
    { name: third ?? "Tarea", required: true, also: ["Cómo (mejoras / tareas a implementar)", "Tareas"] },
    {
      name: "Responsable (quién)",
      required: true,
      also: ["Responsables", "Quién"],
      hint: "varios en una celda, uno por línea o separados por «;»",
    },
    {
      name: "Fechas (cuándo)",
      required: true,
      also: ["Cuándo", "Periodo", "Plazo", "Cronograma"],
      hint: "el periodo en una celda («01/02/2026 - 31/03/2026»), o dos columnas: «Fecha inicio» y «Fecha final»",
    },
    { name: "Evidencias", also: ["Evidencia"] },
    { name: "Peso", also: ["Ponderación"], hint: "si el plan pondera las tareas" },
  ];
}

/** A name without case, accents, parentheses or plurals: «Tareas» is no alternative to «Tarea (cómo)». */
const baseName = (name: string) =>
  name
    .replace(/\([^)]*\)/g, " ")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word.replace(/(?:es|s)$/, ""))
    .join(" ");
const sameName = (a: string, b: string) => baseName(a) === baseName(b);

function MatrizColumns(props: { levelNames: readonly string[] }) {
  return (
    <>
      <ul>
        {matrizColumns(props.levelNames).map((column) => {
          const also = column.also.filter((name) => !sameName(name, column.name));
          return (
            <li>
              <strong>{column.name}</strong>
              {column.required ? " (obligatoria)" : ""}
              {column.hint ? `: ${column.hint}` : ""}
              {also.length > 0 ? `. También sirve: ${also.map((name) => `«${name}»`).join(", ")}.` : "."}
            </li>
          );
        })}
      </ul>
      <p class="hint">
        Los títulos se reconocen sin importar mayúsculas, tildes, singular o plural, ni lo que sigue al
        nombre: «QUÉ (ALTERNATIVAS DE MEJORA)» sirve como «Qué».
      </p>
    </>
  );
}

const planHeading = (plan: PlanForImport) => `${plan.title} (versión ${formatNumber(plan.version)})`;

export function ImportFormPage(props: {
  ctx: PageContext;
  plan: PlanForImport;
  imports: PlanImport[];
  /** Why this plan takes no import now (not a draft). */
  refusal?: string;
  errors?: FormErrors;
  /** The rows behind a refusal (the missing columns, for instance). */
  problems?: ImportProblem[];
}) {
  const { ctx, plan, errors = {} } = props;
  return (
    <Layout ctx={ctx} title={`Cargar el archivo: ${plan.title}`}>
      <ErrorSummary errors={errors} />
      <BackLink href={`/planes/${plan.id}`}>Volver al plan</BackLink>
      <h1>Cargar el archivo del plan</h1>
      <p class="lead">{planHeading(plan)}</p>
      {props.refusal ? (
        <Notice>{props.refusal}</Notice>
      ) : (
        <section class="section">
          <p>
            Cargue el Excel (.xlsx) tal como lo lleva la oficina: con las filas de título sobre el encabezado,
            celdas combinadas, el encabezado repetido en cada página y filas que solo agregan un periodo o un
            responsable. SIPAP muestra primero una vista previa; nada cambia en el plan hasta que usted la
            aplique. Si carga una versión corregida del mismo archivo, verá qué se agrega, qué cambia y qué se
            quita.
          </p>
          <h2 class="heading-m">Columnas que SIPAP busca ({plan.typeName})</h2>
          {plan.shape === "matriz" ? (
            <MatrizColumns levelNames={plan.levelNames} />
          ) : (
            <ul>
              {PAAC_COLUMNS.map((column) => (
                <li>{column}</li>
              ))}
            </ul>
          )}
          <p class="hint">
            No sirven archivos .xls, .ods ni protegidos con contraseña: ábralos en Excel o LibreOffice y
            guárdelos como «Libro de Excel (.xlsx)». Las fórmulas se leen con el último valor que Excel
            guardó.
          </p>
          <form method="post" action={`/planes/${plan.id}/importar`} enctype="multipart/form-data" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <FileField
              name="file"
              label="Archivo del plan"
              hint="Excel (.xlsx), hasta 10 MB."
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              error={errors.file}
            />
            <Button>Revisar el archivo</Button>
          </form>
          {props.problems && props.problems.length > 0 && (
            <ProblemsTable
              title="Qué revisar en el archivo"
              problems={props.problems}
              caption="Motivos por los que no se pudo leer el archivo"
            />
          )}
        </section>
      )}
      {props.imports.length > 0 && <ImportsTable plan={plan} imports={props.imports} />}
    </Layout>
  );
}

/** A preview whose file has errors can never be applied: the list says so rather than «Vista previa». */
const statusOf = (imported: PlanImport) =>
  imported.status === "vista_previa" && imported.summary.ok === false
    ? "Con errores"
    : STATUS_LABELS[imported.status];

function ImportsTable(props: { plan: PlanForImport; imports: PlanImport[] }) {
  return (
    <section class="section">
      <h2 class="heading-m">Cargas recientes</h2>
      <table class="table table--compact table--stack">
        <caption class="visually-hidden">Archivos cargados en este plan, el más reciente primero</caption>
        <thead>
          <tr>
            <th scope="col">Archivo</th>
            <th scope="col">Fecha</th>
            <th scope="col">Estado</th>
          </tr>
        </thead>
        <tbody>
          {props.imports.map((imported) => (
            <tr>
              <th scope="row">
                <a href={`/planes/${props.plan.id}/importaciones/${imported.id}`}>{imported.fileName}</a>
              </th>
              <td data-label="Fecha">{formatDateTime(imported.createdAt)}</td>
              <td data-label="Estado">{statusOf(imported)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Counts(props: { view: ImportView }) {
  const { plan, analysis } = props.view;
  if (!analysis) return null;
  const { levels, periods } = analysis.counts;
  return (
    <dl class="summary-list">
      {plan.levelNames.map((name, level) => (
        <div>
          <dt>{name}</dt>
          <dd>{countOf(levels[level] ?? 0, singularOfLevel(name), pluralOfLevel(name))}</dd>
        </div>
      ))}
      <div>
        <dt>Periodos</dt>
        <dd>{countOf(periods, "periodo", "periodos")}</dd>
      </div>
    </dl>
  );
}

function leadOf(view: ImportView): string {
  const { imported, analysis } = view;
  if (imported.status === "aplicada") {
    const diff = imported.summary.diff;
    const applied = `Se aplicó el ${formatDateTime(imported.appliedAt ?? imported.createdAt)}`;
    return diff
      ? `${applied}: ${countOf(diff.added, "agregado", "agregados")}, ${countOf(diff.changed, "modificado", "modificados")} y ${countOf(diff.removed, "eliminado", "eliminados")}.`
      : endSentence(applied);
  }
  if (imported.status !== "vista_previa") return "Esta carga se descartó: no cambió nada en el plan.";
  if (!analysis) return "Nada ha cambiado en el plan.";
  const pending = [
    analysis.errors.length > 0 &&
      `corregir ${pluralize(analysis.errors.length, "el error", `los ${formatNumber(analysis.errors.length)} errores`)} en el archivo y cargarlo de nuevo`,
    analysis.unmatched.length > 0 &&
      `conciliar ${pluralize(analysis.unmatched.length, "un responsable", `${formatNumber(analysis.unmatched.length)} responsables`)}`,
  ].filter(Boolean);
  return pending.length > 0
    ? `Antes de aplicar falta ${pending.join(" y ")}. Nada ha cambiado en el plan.`
    : "El archivo está listo para aplicar. Nada cambia en el plan hasta que lo aplique.";
}

export function PreviewPage(props: {
  ctx: PageContext;
  view: ImportView;
  /** `_form` for «Aplicar»; for a mapping form, its errors and values under the written text. */
  errors?: FormErrors;
  mapping?: { text: string; errors: FormErrors; values: MapFormValues };
}) {
  const { ctx, view, errors = {} } = props;
  const { plan, imported, analysis } = view;
  const base = `/planes/${plan.id}/importaciones/${imported.id}`;
  // A mapping form's error is summarised at the top with a link to that form.
  const mappingAt = props.mapping
    ? (analysis?.unmatched.findIndex((u) => u.text === props.mapping?.text) ?? -1)
    : -1;
  const summary: FormErrors = { ...errors };
  if (props.mapping)
    summary[mappingAt >= 0 ? `m${mappingAt}-form` : "_form"] =
      `«${props.mapping.text}»: ${Object.values(props.mapping.errors)[0] ?? "revise la conciliación."}`;
  return (
    <Layout ctx={ctx} title={`Vista previa: ${imported.fileName}`}>
      <ErrorSummary errors={summary} />
      <BackLink href={`/planes/${plan.id}`}>Volver al plan</BackLink>
      <h1>Vista previa: {imported.fileName}</h1>
      <p class="lead">{planHeading(plan)}</p>
      <p>{leadOf(view)}</p>
      {view.message && <Notice>{view.message}</Notice>}
      <Counts view={view} />
      {analysis && (
        <>
          <ProblemsTable
            title="Errores"
            problems={analysis.errors}
            caption="Filas que SIPAP no pudo entender y por qué"
          />
          <ProblemsTable
            title="Avisos"
            problems={analysis.avisos}
            caption="Filas que se cargan tal como están escritas, para revisar"
          />
          {analysis.unmatched.length > 0 && (
            <section class="section">
              <h2 class="heading-m">
                Responsables por conciliar ({formatNumber(analysis.unmatched.length)})
              </h2>
              <p>
                SIPAP no sabe a qué dependencia corresponde cada uno de estos textos. Dígalo una vez: queda
                guardado en «Responsables de planes» y sirve para las próximas cargas. SIPAP nunca crea una
                dependencia por su cuenta.
              </p>
              {analysis.unmatched.map((unmatched, index) => (
                <MapForm
                  ctx={ctx}
                  action={`${base}/responsables`}
                  index={index}
                  unmatched={unmatched}
                  dependencias={view.dependencias}
                  errors={props.mapping?.text === unmatched.text ? props.mapping.errors : undefined}
                  values={props.mapping?.text === unmatched.text ? props.mapping.values : undefined}
                />
              ))}
            </section>
          )}
          <MatchedResponsables matched={analysis.matched} />
          <DiffSection
            diff={analysis.diff}
            levelNames={plan.levelNames}
            empty={analysis.currentItems === 0}
            errors={analysis.errors.length}
          />
        </>
      )}
      {imported.status === "vista_previa" && (
        <div class="button-group section">
          {analysis?.canApply && (
            <form method="post" action={`${base}/aplicar`} class="inline-form">
              <CsrfField token={ctx.csrfToken} />
              <Button>Aplicar</Button>
            </form>
          )}
          <form method="post" action={`${base}/descartar`} class="inline-form">
            <CsrfField token={ctx.csrfToken} />
            <Button variant="secondary">Descartar</Button>
          </form>
        </div>
      )}
    </Layout>
  );
}
