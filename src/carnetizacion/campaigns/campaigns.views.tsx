// The SSI side of campaigns: the list of campaigns with the form to open one, and a campaign's dashboard
// (who sent what, the consolidated lists, every submission with its original file). The liaison's pages
// (sending a list, its preview) are in lists.views.tsx.
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime } from "../../shared/time.ts";
import { BackLink, Button, CsrfField, ErrorSummary, Field, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf, formatNumber } from "../../shared/words.ts";
import type { Campaign, ListKind } from "./campaigns.table.ts";
import type { CampaignDashboardRow } from "./campaigns.tracking.ts";
import { KINDS, LIST_TITLES } from "./lists.views.tsx";

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
          {formatNumber(props.complete)} de{" "}
          {countOf(rows.length, "dependencia envió", "dependencias enviaron")} las tres listas
        </title>
        <rect x="0" y="8" width={width} height="24" fill="#e5e8ee" />
        <rect x="0" y="8" width={Math.round(width * share)} height="24" fill="#0b6b3a" />
        <text x={width + 10} y="26" font-size="15" fill="#1f1f1f">
          {formatNumber(props.complete)} de {formatNumber(rows.length)} completas
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
                          ? `Enviada ${formatDateTime(cell.sentAt)} · ${countOf(cell.people, "persona", "personas")}`
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
