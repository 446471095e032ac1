// The liaison's pages for sending the three lists: the open campaigns with their lists, and the form to send
// one (file, typed lines or "nobody"). What was sent, and its preview, is in submissions.views.tsx.
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { endSentence, formatDateTime } from "../../shared/time.ts";
import { BackLink, Button, CsrfField, ErrorSummary, FileField } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { LIST_KINDS, listTitle } from "../lists/lists.columns.ts";
import type { Campaign, ListKind } from "./campaigns.table.ts";

export const KINDS: readonly ListKind[] = LIST_KINDS;

/** «1. Personas desvinculadas»: liaisons and SSI refer to the lists by number. */
export const LIST_TITLES = Object.fromEntries(
  LIST_KINDS.map((kind, at) => [kind, `${at + 1}. ${listTitle(kind)}`]),
) as Record<ListKind, string>;

const LIST_HELP: Record<ListKind, string> = {
  desvinculados:
    "Quienes ya no trabajan en su dependencia y no continúan este año. Su cuenta se desactiva, su carnet queda inhabilitado y su dependencia debe pedir que lo devuelvan.",
  contratistas:
    "Contratistas que continúan y aún no tienen carnet. Se registran o actualizan, se abre su solicitud de carnet y cada uno recibe su credencial inicial por correo.",
  cintas: "Contratistas que ya tienen carnet y a quienes falta entregar la cinta.",
};

const TYPED_HELP: Record<ListKind, string> = {
  desvinculados: "Nombre completo; número de documento",
  cintas: "Nombre completo; número de documento",
  contratistas:
    "Tipo de documento; número; nombres; apellidos; dependencia; número de contrato; fecha de inicio (dd/mm/aaaa); fecha de terminación; correo institucional; teléfono; grupo sanguíneo",
};

export function ListsHomePage(props: {
  ctx: PageContext;
  dependencia: string;
  campaigns: { campaign: Campaign; sent: Partial<Record<ListKind, Date>> }[];
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Listas de mi dependencia">
      <h1>Listas de {props.dependencia}</h1>
      {props.campaigns.length === 0 && (
        <p class="lead">No hay campañas abiertas. SSI le avisará cuando abra una.</p>
      )}
      {props.campaigns.map(({ campaign, sent }) => (
        <section class="section">
          <h2 class="heading-m">{campaign.name}</h2>
          <p>
            Plazo: <strong>{formatDateTime(campaign.deadline)}</strong> (hora de Colombia).
          </p>
          <ul class="task-list">
            {KINDS.map((kind) => (
              <li class="task">
                <a class="task__link" href={`/dependencia/listas/${campaign.id}/${kind}`}>
                  {LIST_TITLES[kind]}
                </a>
                <p>{sent[kind] ? endSentence(`Enviada el ${formatDateTime(sent[kind])}`) : "Sin enviar."}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export function ListFormPage(props: {
  ctx: PageContext;
  campaign: Campaign;
  kind: ListKind;
  errors?: FormErrors;
  values?: FormValues;
}) {
  const { ctx, campaign, kind, errors = {} } = props;
  const action = `/dependencia/listas/${campaign.id}/${kind}`;
  return (
    <Layout ctx={ctx} title={LIST_TITLES[kind]}>
      <ErrorSummary errors={errors} />
      <BackLink href="/dependencia/listas">Volver a las listas</BackLink>
      <h1>{LIST_TITLES[kind]}</h1>
      <p class="lead">{LIST_HELP[kind]}</p>
      <p>
        Campaña «{campaign.name}», plazo: {formatDateTime(campaign.deadline)} (hora de Colombia). Antes de
        aplicar verá cada fila y los errores; nada cambia hasta que confirme.
      </p>
      <section class="section">
        <h2 class="heading-m">Enviar un archivo de Excel</h2>
        <p>
          <a href={`/dependencia/plantillas/${kind}`}>Descargar la plantilla (.xlsx)</a>. También sirve su
          propio archivo si tiene esas columnas.
        </p>
        <form method="post" action={action} enctype="multipart/form-data" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <FileField
            name="file"
            label="Archivo de la lista"
            hint="Excel (.xlsx) o CSV, hasta 5 MB y 10.000 filas."
            accept=".xlsx,.xlsm,.csv"
            error={errors.file}
          />
          <Button>Revisar el archivo</Button>
        </form>
      </section>
      <section class="section">
        <h2 class="heading-m">O escribirla aquí (listas cortas)</h2>
        <form method="post" action={action} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <div class={errors.typed ? "field field--error" : "field"}>
            <label for="typed">Una persona por línea</label>
            <p class="hint" id="typed-hint">
              Separe los datos con punto y coma, o pegue las filas desde Excel: {TYPED_HELP[kind]}.
            </p>
            {errors.typed && (
              <p class="field-error" id="typed-error">
                <span class="visually-hidden">Error: </span>
                {errors.typed}
              </p>
            )}
            <textarea
              class="textarea"
              id="typed"
              name="typed"
              rows={6}
              aria-describedby={errors.typed ? "typed-hint typed-error" : "typed-hint"}
            >
              {props.values?.typed ?? ""}
            </textarea>
          </div>
          <Button>Revisar la lista</Button>
        </form>
      </section>
      <section class="section">
        <h2 class="heading-m">¿No hay personas para esta lista?</h2>
        <form method="post" action={action}>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="empty" value="si" />
          <Button variant="secondary">Informar que no hay personas</Button>
        </form>
      </section>
    </Layout>
  );
}
