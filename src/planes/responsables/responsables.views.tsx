// Responsables of plans as planeación sees them: the page of the mappings it made (with «Eliminar»), and the
// form to map one written text, which the import preview shows once per text nothing matched.
import type { FormErrors } from "../../shared/forms.ts";
import { formatDate } from "../../shared/time.ts";
import { Button, CsrfField } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf, formatNumber, pluralize } from "../../shared/words.ts";
import { describeMatch } from "./responsables.rules.ts";
import type { AliasWithTargets } from "./responsables.service.ts";

export const KIND_LABELS = {
  dependencias: "Una o varias dependencias",
  todas: "Todas las dependencias",
  equipo: "Un equipo dentro de una dependencia",
} as const;

export function ResponsablesPage(props: { ctx: PageContext; aliases: AliasWithTargets[] }) {
  const { ctx, aliases } = props;
  return (
    <Layout ctx={ctx} title="Responsables de planes">
      <h1>Responsables de planes</h1>
      <p class="lead">
        Los archivos de los planes nombran a los responsables de muchas formas («OPGI.», «Secretaria de
        Gobierno», «Todas las dependencias»). SIPAP reconoce solo los nombres y las siglas de las
        dependencias; lo demás lo concilia usted una vez en la vista previa de una carga, y queda aquí para
        las próximas.
      </p>
      {aliases.length === 0 ? (
        <p>
          Todavía no hay conciliaciones. Aparecen aquí cuando concilia un responsable en la vista previa de la
          carga de un plan.
        </p>
      ) : (
        <section class="section">
          <h2 class="heading-m">{countOf(aliases.length, "conciliación", "conciliaciones")}</h2>
          <table class="table table--compact table--stack">
            <caption class="visually-hidden">
              Textos de los archivos y a qué dependencias corresponden
            </caption>
            <thead>
              <tr>
                <th scope="col">Texto en el archivo</th>
                <th scope="col">Corresponde a</th>
                <th scope="col">Desde</th>
                <th scope="col">
                  <span class="visually-hidden">Acciones</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {aliases.map((alias) => (
                <tr>
                  <th scope="row">{alias.written}</th>
                  <td data-label="Corresponde a">{describeMatch(alias)}</td>
                  <td data-label="Desde">{formatDate(alias.createdAt)}</td>
                  <td data-label="Acciones">
                    <form
                      method="post"
                      action={`/responsables-de-planes/${alias.id}/eliminar`}
                      class="inline-form"
                    >
                      <CsrfField token={ctx.csrfToken} />
                      <Button variant="secondary">
                        Eliminar<span class="visually-hidden"> la conciliación de «{alias.written}»</span>
                      </Button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="hint">
            Eliminar una conciliación no cambia los planes ya cargados: la próxima carga volverá a pedir que
            concilie ese texto.
          </p>
        </section>
      )}
    </Layout>
  );
}

export interface UnmatchedToMap {
  text: string;
  rows: number[];
  suggestions: { id: string; name: string }[];
}

/** What was chosen in the last try of a mapping form, kept when it comes back with an error. */
export interface MapFormValues {
  kind?: string;
  dependencias?: string[];
  equipoDependencia?: string;
  team?: string;
}

function FieldError(props: { id: string; message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p class="field-error" id={props.id}>
      <span class="visually-hidden">Error: </span>
      {props.message}
    </p>
  );
}

/** «fila 12», «filas 12, 40 y 3 más» (Excel's row numbers). */
function rowsText(rows: number[]): string {
  if (rows.length === 0) return "";
  const shown = rows
    .slice(0, 8)
    .map((row) => formatNumber(row))
    .join(", ");
  const more = rows.length > 8 ? ` y ${formatNumber(rows.length - 8)} más` : "";
  return `${pluralize(rows.length, "Fila", "Filas")} ${shown}${more}`;
}

/**
 * One form per text to reconcile: «una o varias dependencias» (the suggestions first, then the full list),
 * «todas las dependencias», or «un equipo dentro de una dependencia». Works without JavaScript.
 */
export function MapForm(props: {
  ctx: PageContext;
  action: string;
  /** Position of the form on the page: keeps the ids of its fields unique. */
  index: number;
  unmatched: UnmatchedToMap;
  dependencias: { id: string; name: string }[];
  errors?: FormErrors;
  values?: MapFormValues;
}) {
  const { unmatched, index, errors = {}, values = {} } = props;
  const id = (name: string) => `m${index}-${name}`;
  const chosen = new Set(values.dependencias ?? []);
  const suggested = new Set(unmatched.suggestions.map((s) => s.id));
  const others = props.dependencias.filter((d) => !suggested.has(d.id));
  const checkbox = (dependencia: { id: string; name: string }, hint?: string) => (
    <div class="checkbox">
      <input
        type="checkbox"
        id={id(`dep-${dependencia.id}`)}
        name="dependencias"
        value={dependencia.id}
        checked={chosen.has(dependencia.id)}
      />
      <label for={id(`dep-${dependencia.id}`)}>
        {dependencia.name}
        {hint && <span class="hint"> ({hint})</span>}
      </label>
    </div>
  );
  const radio = (kind: keyof typeof KIND_LABELS) => (
    <div class="radio">
      <input type="radio" id={id(`kind-${kind}`)} name="kind" value={kind} checked={values.kind === kind} />
      <label for={id(`kind-${kind}`)}>{KIND_LABELS[kind]}</label>
    </div>
  );
  return (
    <form method="post" action={props.action} class="section" id={id("form")}>
      <CsrfField token={props.ctx.csrfToken} />
      <input type="hidden" name="written" value={unmatched.text} />
      <h3 class="heading-m">«{unmatched.text}»</h3>
      <p class="hint">
        {[
          rowsText(unmatched.rows),
          unmatched.suggestions.length > 0
            ? `Se parece a: ${unmatched.suggestions.map((s) => s.name).join("; ")}`
            : "No se parece a ninguna dependencia",
        ]
          .filter(Boolean)
          .join(". ")
          .concat(".")}
      </p>
      <FieldError id={id("written")} message={errors.written} />
      <fieldset
        class={errors.kind ? "fieldset field--error" : "fieldset"}
        id={id("kind")}
        aria-describedby={errors.kind ? id("kind-error") : undefined}
      >
        <legend>¿A qué corresponde?</legend>
        <FieldError id={id("kind-error")} message={errors.kind} />
        <div class="radios">
          {radio("dependencias")}
          {radio("todas")}
          {radio("equipo")}
        </div>
      </fieldset>
      <fieldset
        class={errors.dependencias ? "fieldset field--error" : "fieldset"}
        id={id("dependencias")}
        aria-describedby={errors.dependencias ? id("dependencias-error") : undefined}
      >
        <legend>Si es una o varias dependencias, márquelas</legend>
        <FieldError id={id("dependencias-error")} message={errors.dependencias} />
        <div class="checkboxes">{unmatched.suggestions.map((d) => checkbox(d, "sugerida"))}</div>
        <details>
          <summary>
            {unmatched.suggestions.length > 0 ? "Otras dependencias" : "Lista de dependencias"}
          </summary>
          <div class="checkboxes">{others.map((d) => checkbox(d))}</div>
        </details>
      </fieldset>
      <fieldset class="fieldset">
        <legend>Si es un equipo, diga de qué dependencia y cómo se llama</legend>
        <div class={errors.equipoDependencia ? "field field--error" : "field"}>
          <label for={id("equipoDependencia")}>Dependencia del equipo</label>
          <FieldError id={id("equipoDependencia-error")} message={errors.equipoDependencia} />
          <select
            class="select"
            id={id("equipoDependencia")}
            name="equipoDependencia"
            aria-invalid={errors.equipoDependencia ? "true" : undefined}
            aria-describedby={errors.equipoDependencia ? id("equipoDependencia-error") : undefined}
          >
            <option value="">Elija una dependencia</option>
            {[...unmatched.suggestions, ...others].map((d) => (
              <option value={d.id} selected={values.equipoDependencia === d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div class={errors.team ? "field field--error" : "field"}>
          <label for={id("team")}>Nombre del equipo</label>
          <p class="hint" id={id("team-hint")}>
            Por ejemplo: Equipo MIPG
          </p>
          <FieldError id={id("team-error")} message={errors.team} />
          <input
            class="input input--medium"
            id={id("team")}
            name="team"
            type="text"
            value={values.team ?? ""}
            aria-invalid={errors.team ? "true" : undefined}
            aria-describedby={[id("team-hint"), errors.team && id("team-error")].filter(Boolean).join(" ")}
          />
        </div>
      </fieldset>
      <Button variant="secondary">
        Guardar la conciliación<span class="visually-hidden"> de «{unmatched.text}»</span>
      </Button>
    </form>
  );
}
