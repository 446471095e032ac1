// A submission (envío) of a list, as its liaison or SSI sees it: before applying, every row with the name
// SIPAP has for its document, every problem of each bad row, and the rows whose typed name does not match,
// each to be confirmed before «Aplicar»; after applying, what it changed.
import { can } from "../../shared/auth/permissions.ts";
import type { FormErrors } from "../../shared/forms.ts";
import { endSentence, formatDateTime, formatIsoDay } from "../../shared/time.ts";
import { BackLink, Button, CsrfField, ErrorSummary } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf, formatNumber, pluralize } from "../../shared/words.ts";
import type { Campaign, ListKind, ListSubmission, RowProblem, SubmissionRow } from "./campaigns.table.ts";
import { LIST_TITLES } from "./lists.views.tsx";

const COLUMN_LABELS: Record<string, string> = {
  documentType: "Tipo",
  documentNumber: "Documento",
  contractNumber: "Contrato",
  contractStart: "Inicio",
  contractEnd: "Fin",
  email: "Correo",
  bloodType: "RH",
};

/** Contract dates are kept as yyyy-mm-dd and shown as people write them. */
const shownValue = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? formatIsoDay(value) : value);

/** The name as typed in a row: one column in lists 1 and 3, nombres + apellidos in list 2. */
const typedName = (row: SubmissionRow) =>
  row.values.fullName || `${row.values.firstNames ?? ""} ${row.values.lastNames ?? ""}`.trim();

/** The name SIPAP has for the row's document, or what happens when it has none. */
function KnownName({ kind, row }: { kind: ListKind; row: SubmissionRow }) {
  if (!row.knownName) return <>{kind === "contratistas" ? "No está en SIPAP: se registrará" : ""}</>;
  return (
    <>
      {row.knownName}
      {row.nameMismatch && (
        <>
          {" "}
          <strong class="tag tag--espera">No coincide</strong>
        </>
      )}
    </>
  );
}

function ProblemsTable({ problems }: { problems: RowProblem[] }) {
  return (
    <section class="section">
      <h2 class="heading-m">Filas con errores</h2>
      <table class="table table--compact table--stack">
        <caption class="visually-hidden">Filas con errores y qué corregir en cada una</caption>
        <thead>
          <tr>
            <th scope="col">Fila</th>
            <th scope="col">Nombre escrito</th>
            <th scope="col">Nombre en SIPAP</th>
            <th scope="col">Qué corregir</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p) => (
            <tr>
              <th scope="row">Fila {formatNumber(p.line)}</th>
              <td data-label="Nombre escrito">{p.name}</td>
              <td data-label="Nombre en SIPAP">{p.knownName}</td>
              <td data-label="Qué corregir">
                <ul>
                  {(p.messages ?? [p.message]).map((message) => (
                    <li>{message}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The rows whose typed name does not match SIPAP's, each with its own confirmation box. */
function MismatchConfirmations(props: { rows: SubmissionRow[]; confirmed: number[]; errors: FormErrors }) {
  return (
    <fieldset class="fieldset section">
      <legend class="heading-m">
        {pluralize(
          props.rows.length,
          "Un nombre no coincide con el de SIPAP",
          `${formatNumber(props.rows.length)} nombres no coinciden con los de SIPAP`,
        )}
      </legend>
      <p>
        El nombre escrito no se parece al que SIPAP tiene para ese número de documento: puede ser un error en
        el número. Si es la persona correcta, márquela. Si no, corrija el archivo y envíelo de nuevo.
      </p>
      <table class="table table--compact table--stack">
        <caption class="visually-hidden">Filas cuyo nombre no coincide con el de SIPAP</caption>
        <thead>
          <tr>
            <th scope="col">Fila</th>
            <th scope="col">Nombre escrito</th>
            <th scope="col">Documento</th>
            <th scope="col">Nombre en SIPAP</th>
            <th scope="col">Confirmación</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => {
            const id = `confirmar-${row.line}`;
            const error = props.errors[id];
            return (
              <tr>
                <th scope="row">Fila {formatNumber(row.line)}</th>
                <td data-label="Nombre escrito">{typedName(row)}</td>
                <td data-label="Documento">{row.values.documentNumber}</td>
                <td data-label="Nombre en SIPAP">{row.knownName}</td>
                <td data-label="Confirmación" class={error ? "field--error" : undefined}>
                  {error && (
                    <p class="field-error" id={`${id}-error`}>
                      <span class="visually-hidden">Error: </span>
                      {error}
                    </p>
                  )}
                  <div class="checkbox">
                    <input
                      type="checkbox"
                      id={id}
                      name="confirmar"
                      value={String(row.line)}
                      checked={props.confirmed.includes(row.line)}
                      aria-describedby={error ? `${id}-error` : undefined}
                    />
                    <label for={id}>
                      Sí, es {row.knownName}
                      <span class="visually-hidden"> (fila {formatNumber(row.line)})</span>
                    </label>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

function leadOf(submission: ListSubmission) {
  const { rows, problems } = submission;
  if (submission.state === "aplicada")
    return endSentence(`Aplicada el ${formatDateTime(submission.appliedAt ?? submission.createdAt)}`);
  if (problems.length > 0)
    return `${countOf(problems.length, "fila tiene", "filas tienen")} errores. Corríjalas en el archivo y envíelo de nuevo: nada ha cambiado.`;
  if (rows.length === 0) return "La lista no tiene personas. Nada cambia hasta que lo confirme.";
  const ready = `${countOf(rows.length, "fila está lista", "filas están listas")} para aplicar.`;
  const mismatched = rows.filter((row) => row.nameMismatch).length;
  const check = pluralize(
    mismatched,
    "el nombre que no coincide",
    `los ${formatNumber(mismatched)} nombres que no coinciden`,
  );
  return mismatched > 0
    ? `${ready} Antes, revise ${check} con SIPAP. Nada cambia hasta que confirme.`
    : `${ready} Nada cambia hasta que confirme.`;
}

export function PreviewPage(props: {
  ctx: PageContext;
  submission: ListSubmission;
  campaign: Campaign;
  canApply: boolean;
  /** Errors of the last "Aplicar": `_form`, or `confirmar-<line>` for a name left unconfirmed. */
  errors?: FormErrors;
  /** Lines confirmed in the last "Aplicar", kept checked. */
  confirmed?: number[];
}) {
  const { ctx, submission, campaign, errors = {} } = props;
  const { kind, rows } = submission;
  const columns = Object.keys(COLUMN_LABELS).filter((key) => rows.some((r) => r.values[key]));
  const applied = submission.state === "aplicada";
  const mismatched = rows.filter((row) => row.nameMismatch);
  return (
    <Layout ctx={ctx} title={`Vista previa: ${LIST_TITLES[kind]}`}>
      <ErrorSummary errors={errors} />
      {can(ctx.user?.roles, "lists.form") ? (
        <BackLink href={`/dependencia/listas/${campaign.id}/${kind}`}>Volver a la lista</BackLink>
      ) : (
        <BackLink href={`/ssi/campanas/${campaign.id}`}>Volver a la campaña</BackLink>
      )}
      <h1>{LIST_TITLES[kind]}</h1>
      <p class="lead">{leadOf(submission)}</p>
      {applied && submission.effects && (
        <ul>
          {Object.entries(submission.effects).map(([effect, n]) => (
            <li>
              {EFFECT_LABELS[effect] ?? effect}: {formatNumber(n)}
            </li>
          ))}
        </ul>
      )}
      {submission.problems.length > 0 && <ProblemsTable problems={submission.problems} />}
      {props.canApply && !applied && submission.problems.length === 0 && (
        <form method="post" action={`/dependencia/envios/${submission.id}/aplicar`} class="section">
          <CsrfField token={ctx.csrfToken} />
          {mismatched.length > 0 && (
            <MismatchConfirmations rows={mismatched} confirmed={props.confirmed ?? []} errors={errors} />
          )}
          <Button>
            {rows.length === 0
              ? "Confirmar que no hay personas"
              : pluralize(rows.length, "Aplicar la fila", `Aplicar las ${formatNumber(rows.length)} filas`)}
          </Button>
        </form>
      )}
      {rows.length > 0 && (
        <section class="section">
          <h2 class="heading-m">{applied ? "Filas aplicadas" : "Filas sin errores"}</h2>
          <section class="table-scroll" tabindex={0} aria-label="Tabla desplazable">
            <table class="table table--compact table--stack">
              <caption class="visually-hidden">
                {applied ? "Filas aplicadas" : "Filas sin errores"}, con el nombre que SIPAP tiene para cada
                documento
              </caption>
              <thead>
                <tr>
                  <th scope="col">Fila</th>
                  <th scope="col">Nombre escrito</th>
                  <th scope="col">Nombre en SIPAP</th>
                  {columns.map((key) => (
                    <th scope="col">{COLUMN_LABELS[key]}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, 500).map((row) => (
                  <tr>
                    <th scope="row">Fila {formatNumber(row.line)}</th>
                    <td data-label="Nombre escrito">{typedName(row)}</td>
                    <td data-label="Nombre en SIPAP">
                      <KnownName kind={kind} row={row} />
                    </td>
                    {columns.map((key) => (
                      <td data-label={COLUMN_LABELS[key]}>{shownValue(row.values[key] ?? "")}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {rows.length > 500 && <p class="hint">Se muestran las primeras {formatNumber(500)} filas.</p>}
        </section>
      )}
    </Layout>
  );
}

const EFFECT_LABELS: Record<string, string> = {
  desvinculadas: "Personas desvinculadas",
  carnetsInhabilitados: "Carnets inhabilitados (por recuperar)",
  solicitudesCanceladas: "Solicitudes de carnet canceladas",
  creadas: "Personas registradas (reciben su credencial por correo)",
  actualizadas: "Personas actualizadas",
  solicitudesAbiertas: "Solicitudes de carnet abiertas",
  cintasPendientes: "Cintas marcadas como pendientes",
  sinCambios: "Filas que no cambiaron nada (ya estaban así)",
};
