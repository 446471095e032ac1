import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import {
  BackLink,
  Button,
  CsrfField,
  ErrorSummary,
  Field,
  FileField,
  Select,
} from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import type { Campaign, ListKind, ListSubmission } from "./campaigns.table.ts";
import type { CampaignDashboardRow } from "./campaigns.tracking.ts";

const LIST_TITLES: Record<ListKind, string> = {
  desvinculados: "1. Personas desvinculadas",
  contratistas: "2. Contratistas OPS que continúan sin carnet",
  cintas: "3. Contratistas OPS con cinta pendiente",
};

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

const KINDS: ListKind[] = ["desvinculados", "contratistas", "cintas"];

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
                <p>{sent[kind] ? `Enviada el ${formatDateTime(sent[kind])}.` : "Sin enviar."}</p>
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

const COLUMN_LABELS: Record<string, string> = {
  fullName: "Nombre",
  documentType: "Tipo",
  documentNumber: "Documento",
  firstNames: "Nombres",
  lastNames: "Apellidos",
  contractNumber: "Contrato",
  contractStart: "Inicio",
  contractEnd: "Fin",
  email: "Correo",
  bloodType: "RH",
};

export function PreviewPage(props: {
  ctx: PageContext;
  submission: ListSubmission;
  campaign: Campaign;
  canApply: boolean;
  error?: string;
}) {
  const { ctx, submission, campaign } = props;
  const columns = Object.keys(COLUMN_LABELS).filter((key) => submission.rows.some((r) => r.values[key]));
  const applied = submission.state === "aplicada";
  return (
    <Layout ctx={ctx} title={`Vista previa: ${LIST_TITLES[submission.kind]}`}>
      {props.error && <ErrorSummary errors={{ _form: props.error }} />}
      <BackLink href={`/dependencia/listas/${campaign.id}/${submission.kind}`}>Volver a la lista</BackLink>
      <h1>{LIST_TITLES[submission.kind]}</h1>
      <p class="lead">
        {applied
          ? `Aplicada el ${formatDateTime(submission.appliedAt ?? submission.createdAt)}.`
          : submission.problems.length > 0
            ? `${submission.problems.length} ${submission.problems.length === 1 ? "fila tiene" : "filas tienen"} errores. Corríjalas en el archivo y envíelo de nuevo: nada ha cambiado.`
            : `${submission.rows.length} ${submission.rows.length === 1 ? "fila está lista" : "filas están listas"} para aplicar. Nada cambia hasta que confirme.`}
      </p>
      {applied && submission.effects && (
        <ul>
          {Object.entries(submission.effects).map(([effect, n]) => (
            <li>
              {EFFECT_LABELS[effect] ?? effect}: {n}
            </li>
          ))}
        </ul>
      )}
      {submission.problems.length > 0 && (
        <section class="section">
          <h2 class="heading-m">Filas con errores</h2>
          <table class="table table--compact">
            <caption class="visually-hidden">Filas con errores</caption>
            <thead>
              <tr>
                <th scope="col">Fila</th>
                <th scope="col">Qué corregir</th>
              </tr>
            </thead>
            <tbody>
              {submission.problems.map((p) => (
                <tr>
                  <td>{p.line}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {props.canApply && !applied && submission.problems.length === 0 && (
        <form method="post" action={`/dependencia/envios/${submission.id}/aplicar`} class="section">
          <CsrfField token={ctx.csrfToken} />
          <Button>
            {submission.rows.length === 0
              ? "Confirmar que no hay personas"
              : submission.rows.length === 1
                ? "Aplicar la fila"
                : `Aplicar las ${submission.rows.length} filas`}
          </Button>
        </form>
      )}
      {submission.rows.length > 0 && (
        <section class="section">
          <h2 class="heading-m">{applied ? "Filas aplicadas" : "Filas correctas"}</h2>
          <section class="table-scroll" tabindex={0} aria-label="Tabla desplazable">
            <table class="table table--compact">
              <caption class="visually-hidden">Filas correctas</caption>
              <thead>
                <tr>
                  <th scope="col">Fila</th>
                  {columns.map((key) => (
                    <th scope="col">{COLUMN_LABELS[key]}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {submission.rows.slice(0, 500).map((row) => (
                  <tr>
                    <td>{row.line}</td>
                    {columns.map((key) => (
                      <td>{row.values[key]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {submission.rows.length > 500 && <p class="hint">Se muestran las primeras 500 filas.</p>}
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

export function CampaignsPage(props: {
  ctx: PageContext;
  campaigns: Campaign[];
  errors?: FormErrors;
  values?: FormValues;
}) {
  const { ctx, errors = {} } = props;
  return (
    <Layout ctx={ctx} title="Campañas de carnetización">
      <ErrorSummary errors={errors} />
      <h1>Campañas de carnetización</h1>
      {props.campaigns.length > 0 && (
        <ul class="task-list">
          {props.campaigns.map((c) => (
            <li class="task">
              <a class="task__link" href={`/ssi/campanas/${c.id}`}>
                {c.name}
              </a>
              <p>
                {c.state === "abierta" ? "Abierta" : "Cerrada"} · plazo {formatDateTime(c.deadline)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <section class="section">
        <h2 class="heading-m">Abrir una campaña</h2>
        <form method="post" action="/ssi/campanas" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Field
            name="name"
            label="Nombre"
            hint="Por ejemplo: Carnetización 2027"
            values={props.values}
            errors={errors}
            width="medium"
          />
          <Field
            name="deadlineDay"
            label="Fecha límite"
            type="date"
            values={props.values}
            errors={errors}
            width="medium"
          />
          <Field
            name="deadlineTime"
            label="Hora límite (hora de Colombia)"
            type="time"
            hint="Si la deja vacía, a las 11:59 p. m."
            values={props.values}
            errors={errors}
            width="short"
          />
          <Field
            name="reminderDays"
            label="Días antes del plazo para recordar a los enlaces"
            inputmode="numeric"
            values={{ reminderDays: "3", ...props.values }}
            errors={errors}
            width="short"
          />
          <Button>Abrir la campaña</Button>
        </form>
      </section>
    </Layout>
  );
}

export function CampaignPage(props: {
  ctx: PageContext;
  campaign: Campaign;
  rows: CampaignDashboardRow[];
  complete: number;
  submissions: {
    id: string;
    dependencia: string;
    kind: ListKind;
    state: string;
    fileName: string | null;
    createdAt: Date;
    hasFile: boolean;
  }[];
  /** Submissions shown for one dependencia only ("" for all). */
  dependencia: string;
}) {
  const { ctx, campaign, rows } = props;
  const width = 300;
  const share = rows.length ? props.complete / rows.length : 0;
  return (
    <Layout ctx={ctx} title={campaign.name}>
      <BackLink href="/ssi/campanas">Volver a las campañas</BackLink>
      <h1>{campaign.name}</h1>
      <p class="lead">
        {campaign.state === "abierta" ? "Abierta" : "Cerrada"}. Plazo: {formatDateTime(campaign.deadline)}{" "}
        (hora de Colombia).
      </p>
      <svg class="chart" viewBox={`0 0 ${width + 140} 40`} role="img" aria-labelledby="progress-title">
        <title id="progress-title">
          {props.complete} de {rows.length} dependencias enviaron las tres listas
        </title>
        <rect x="0" y="8" width={width} height="24" fill="#e5e8ee" />
        <rect x="0" y="8" width={Math.round(width * share)} height="24" fill="#0b6b3a" />
        <text x={width + 10} y="26" font-size="15" fill="#1f1f1f">
          {props.complete} de {rows.length} completas
        </text>
      </svg>
      <section class="section">
        <h2 class="heading-m">Por dependencia</h2>
        <section class="table-scroll" tabindex={0} aria-label="Tabla desplazable">
          <table class="table table--compact">
            <caption class="visually-hidden">Listas enviadas por cada dependencia</caption>
            <thead>
              <tr>
                <th scope="col">Dependencia</th>
                {KINDS.map((k) => (
                  <th scope="col">{LIST_TITLES[k]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <th scope="row">{row.dependencia}</th>
                  {KINDS.map((k) => {
                    const cell = row.lists[k];
                    return (
                      <td>
                        {cell.sentAt
                          ? `Enviada ${formatDateTime(cell.sentAt)} · ${cell.people} ${cell.people === 1 ? "persona" : "personas"}`
                          : cell.late
                            ? "Atrasada"
                            : "Pendiente"}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <p>
          Listas consolidadas (.xlsx):{" "}
          {KINDS.map((k, i) => (
            <>
              {i > 0 && " · "}
              <a href={`/ssi/campanas/${campaign.id}/listas/${k}`}>{LIST_TITLES[k]}</a>
            </>
          ))}
        </p>
      </section>
      <section class="section">
        <h2 class="heading-m">Envíos</h2>
        <form method="get" action={`/ssi/campanas/${campaign.id}`} class="search-form">
          <Select
            name="dependencia"
            label="Dependencia"
            options={rows.map((r) => ({ value: r.dependenciaId, label: r.dependencia }))}
            values={{ dependencia: props.dependencia }}
            emptyLabel="Todas"
          />
          <Button variant="secondary">Filtrar</Button>
        </form>
        {props.submissions.length === 0 && <p>No hay envíos con este filtro.</p>}
      </section>
      {props.submissions.length > 0 && (
        <section class="section">
          <section class="table-scroll" tabindex={0} aria-label="Tabla desplazable">
            <table class="table table--compact">
              <caption class="visually-hidden">Todos los envíos de la campaña</caption>
              <thead>
                <tr>
                  <th scope="col">Dependencia</th>
                  <th scope="col">Lista</th>
                  <th scope="col">Estado</th>
                  <th scope="col">Recibido</th>
                  <th scope="col">Archivo original</th>
                </tr>
              </thead>
              <tbody>
                {props.submissions.map((s) => (
                  <tr>
                    <td>{s.dependencia}</td>
                    <td>
                      <a href={`/dependencia/envios/${s.id}`}>{LIST_TITLES[s.kind]}</a>
                    </td>
                    <td>{s.state === "aplicada" ? "Aplicada" : "Vista previa"}</td>
                    <td>{formatDateTime(s.createdAt)}</td>
                    <td>
                      {s.hasFile ? (
                        <a href={`/ssi/envios/${s.id}/archivo`}>{s.fileName}</a>
                      ) : (
                        "Escrita en SIPAP"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </section>
      )}
      {campaign.state === "abierta" && (
        <form method="post" action={`/ssi/campanas/${campaign.id}/cerrar`} class="section">
          <CsrfField token={ctx.csrfToken} />
          <p>Al cerrar la campaña, las dependencias ya no pueden enviar listas.</p>
          <Button variant="warning">Cerrar la campaña</Button>
        </form>
      )}
    </Layout>
  );
}
