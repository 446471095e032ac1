// Parts of an import's preview: the rows SIPAP could not understand, the responsables it recognised, and
// what applying would add, change and remove in the plan.
import { formatNumber, pluralize } from "../../shared/words.ts";
import type { ImportProblem } from "../sheets/sheets.types.ts";
import { FIELD_LABELS, type ItemChange, type PlanDiff } from "./imports.rules.ts";

/** Long previews show this many lines per list; the counts above always say how many there are. */
const SHOWN = 500;

const rowLabel = (row: number) => (row > 0 ? `Fila ${formatNumber(row)}` : "Todo el archivo");

export function ProblemsTable(props: { title: string; problems: ImportProblem[]; caption: string }) {
  if (props.problems.length === 0) return null;
  return (
    <section class="section">
      <h2 class="heading-m">
        {props.title} ({formatNumber(props.problems.length)})
      </h2>
      <table class="table table--compact table--stack">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Fila</th>
            <th scope="col">Qué pasa</th>
          </tr>
        </thead>
        <tbody>
          {props.problems.slice(0, SHOWN).map((problem) => (
            <tr>
              <th scope="row">
                {rowLabel(problem.row)}
                {problem.sheet && <span class="hint"> (hoja «{problem.sheet}»)</span>}
              </th>
              <td data-label="Qué pasa">{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.problems.length > SHOWN && <p class="hint">Se muestran los primeros {formatNumber(SHOWN)}.</p>}
    </section>
  );
}

export function MatchedResponsables(props: {
  matched: { text: string; description: string; via: string; rows: number[] }[];
}) {
  if (props.matched.length === 0) return null;
  const VIA: Record<string, string> = {
    nombre: "por su nombre",
    sigla: "por su sigla",
    alias: "conciliado antes",
  };
  return (
    <details class="section">
      <summary>
        {pluralize(
          props.matched.length,
          "Un responsable reconocido",
          `${formatNumber(props.matched.length)} responsables reconocidos`,
        )}
      </summary>
      <table class="table table--compact table--stack">
        <caption class="visually-hidden">
          Responsables del archivo y la dependencia que les corresponde
        </caption>
        <thead>
          <tr>
            <th scope="col">Texto en el archivo</th>
            <th scope="col">Corresponde a</th>
            <th scope="col">Cómo</th>
          </tr>
        </thead>
        <tbody>
          {props.matched.map((m) => (
            <tr>
              <th scope="row">{m.text}</th>
              <td data-label="Corresponde a">{m.description}</td>
              <td data-label="Cómo">{VIA[m.via] ?? m.via}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

const labelOf = (change: ItemChange) => (change.code ? `${change.code} ${change.label}` : change.label);

function ChangeList(props: { title: string; changes: ItemChange[]; levelNames: readonly string[] }) {
  if (props.changes.length === 0) return null;
  return (
    <section class="section">
      <h3 class="heading-m">
        {props.title} ({formatNumber(props.changes.length)})
      </h3>
      <ul>
        {props.changes.slice(0, SHOWN).map((change) => (
          <li>
            <span class="hint">{props.levelNames[change.level - 1]}:</span> {labelOf(change)}
          </li>
        ))}
      </ul>
      {props.changes.length > SHOWN && <p class="hint">Se muestran los primeros {formatNumber(SHOWN)}.</p>}
    </section>
  );
}

function ChangedTable(props: { changes: ItemChange[]; levelNames: readonly string[] }) {
  if (props.changes.length === 0) return null;
  return (
    <section class="section">
      <h3 class="heading-m">Modificados ({formatNumber(props.changes.length)})</h3>
      <section class="table-scroll" tabindex={0} aria-label="Elementos modificados (tabla desplazable)">
        <table class="table table--compact table--stack">
          <caption class="visually-hidden">Cada campo que cambia, con su valor antes y después</caption>
          <thead>
            <tr>
              <th scope="col">Elemento</th>
              <th scope="col">Campo</th>
              <th scope="col">Antes</th>
              <th scope="col">Después</th>
            </tr>
          </thead>
          <tbody>
            {props.changes.slice(0, SHOWN).flatMap((change) =>
              Object.entries(change.fields).map(([field, [before, after]]) => (
                <tr>
                  <th scope="row">
                    <span class="hint">{props.levelNames[change.level - 1]}:</span> {labelOf(change)}
                  </th>
                  <td data-label="Campo">{FIELD_LABELS[field as keyof typeof FIELD_LABELS] ?? field}</td>
                  <td data-label="Antes">{before ?? "(vacío)"}</td>
                  <td data-label="Después">{after ?? "(vacío)"}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </section>
      {props.changes.length > SHOWN && <p class="hint">Se muestran los primeros {formatNumber(SHOWN)}.</p>}
    </section>
  );
}

/**
 * Why nothing would change: the plan is already so, or (never said as «already so») the file brought nothing
 * SIPAP could read into an empty plan, or it has errors to fix first.
 */
function nothingToApply(empty: boolean, errors: number): string {
  if (errors > 0)
    return "Cuando corrija los errores del archivo y lo cargue de nuevo, aquí verá qué cambiaría en el plan.";
  if (empty)
    return "El archivo no trae ningún elemento del plan que SIPAP pueda leer: no hay nada que aplicar.";
  return "Aplicar este archivo no cambiaría nada: el plan ya está exactamente así.";
}

/** What «Aplicar» would do to the plan as it is now. `errors`: how many errors the file has (0 if none). */
export function DiffSection(props: {
  diff: PlanDiff;
  levelNames: readonly string[];
  empty: boolean;
  errors?: number;
}) {
  const { diff, levelNames } = props;
  const total = diff.added.length + diff.changed.length + diff.removed.length;
  return (
    <section class="section">
      <h2 class="heading-m">Qué cambiaría en el plan</h2>
      {total === 0 ? (
        <p>{nothingToApply(props.empty, props.errors ?? 0)}</p>
      ) : (
        <p>
          {props.empty
            ? "El plan está vacío: se agregaría todo lo que tiene el archivo."
            : `Comparado con el plan como está ahora: ${formatNumber(diff.added.length)} ${pluralize(diff.added.length, "agregado", "agregados")}, ${formatNumber(diff.changed.length)} ${pluralize(diff.changed.length, "modificado", "modificados")} y ${formatNumber(diff.removed.length)} ${pluralize(diff.removed.length, "eliminado", "eliminados")}.`}
        </p>
      )}
      <ChangeList title="Agregados" changes={diff.added} levelNames={levelNames} />
      <ChangedTable changes={diff.changed} levelNames={levelNames} />
      <ChangeList title="Eliminados" changes={diff.removed} levelNames={levelNames} />
    </section>
  );
}
