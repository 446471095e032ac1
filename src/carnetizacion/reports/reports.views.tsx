import { formatDateTime, formatIsoDay } from "../../shared/time.ts";
import { Button, Field, Pagination, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf, formatNumber, pluralize } from "../../shared/words.ts";
import {
  CARD_STATE_LABELS,
  CARD_STATES,
  type CardState,
  DISABLE_REASON_LABELS,
} from "../cards/cards.rules.ts";
import type { CardListRow, DashboardRow, ListKind } from "./reports.service.ts";

export interface OpenCampaignSummary {
  id: string;
  name: string;
  deadline: Date;
  complete: number;
  total: number;
}

const BAR_COLORS: Record<CardState, string> = {
  solicitada: "#6b6b6b",
  lista_para_imprimir: "#3366cc",
  impresa: "#004884",
  lista_para_entrega: "#8a4b00",
  entregada: "#0b6b3a",
  inhabilitada: "#a4161a",
  devuelta: "#5a2d82",
  cancelada: "#1f1f1f",
};

/** Horizontal bars of the totals by state, drawn on the server; the table below carries the same data. */
function StateChart({ totals }: { totals: DashboardRow }) {
  const max = Math.max(1, ...CARD_STATES.map((s) => totals.counts[s]));
  const rowHeight = 30;
  const labelWidth = 170;
  const barSpace = 300;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${labelWidth + barSpace + 60} ${CARD_STATES.length * rowHeight}`}
      role="img"
      aria-labelledby="chart-title"
    >
      <title id="chart-title">Carnets por estado (los datos están en la tabla siguiente)</title>
      {CARD_STATES.map((state, i) => {
        const n = totals.counts[state];
        const width = (n / max) * barSpace;
        const y = i * rowHeight;
        return (
          <g>
            <text x={labelWidth - 8} y={y + 19} text-anchor="end" font-size="14" fill="#1f1f1f">
              {CARD_STATE_LABELS[state]}
            </text>
            <rect
              x={labelWidth}
              y={y + 5}
              width={Math.max(width, n > 0 ? 2 : 0)}
              height={20}
              fill={BAR_COLORS[state]}
            />
            <text x={labelWidth + width + 6} y={y + 19} font-size="14" fill="#1f1f1f">
              {n}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function DashboardPage(props: {
  ctx: PageContext;
  rows: DashboardRow[];
  totals: DashboardRow;
  campaigns: { value: string; label: string }[];
  /** The campaign the counts are limited to ("" for all cards). */
  campaign: string;
  openCampaigns: OpenCampaignSummary[];
}) {
  const { ctx, rows, totals } = props;
  return (
    <Layout ctx={ctx} title="Tablero de carnetización">
      <h1>Tablero de carnetización</h1>
      {props.openCampaigns.map((campaign) => (
        <div class="notice">
          <p>
            <strong>Campaña abierta: {campaign.name}.</strong> Plazo: {formatDateTime(campaign.deadline)},
            hora de Colombia. De {countOf(campaign.total, "dependencia", "dependencias")},{" "}
            {formatNumber(campaign.complete)} {pluralize(campaign.complete, "envió", "enviaron")} sus tres
            listas.
          </p>
          <a href={`/ssi/campanas/${campaign.id}`}>Ver quién envió sus listas y quién está atrasado</a>
        </div>
      ))}
      <ul class="task-list">
        <li class="task">
          <a class="task__link" href="/ssi/campanas">
            Campañas
          </a>
        </li>
        <li class="task">
          <a class="task__link" href="/ssi/fotos">
            Revisar fotos
          </a>
        </li>
        <li class="task">
          <a class="task__link" href="/ssi/lotes">
            Imprimir carnets ({formatNumber(totals.counts.lista_para_imprimir)} en la fila)
          </a>
        </li>
        <li class="task">
          <a class="task__link" href="/ssi/carnets">
            Buscar un carnet
          </a>
        </li>
        <li class="task">
          <a class="task__link" href="/ssi/cintas-pendientes">
            Cintas pendientes
          </a>
        </li>
        <li class="task">
          <a class="task__link" href="/ssi/carnets-por-recuperar">
            Carnets por recuperar
          </a>
        </li>
      </ul>
      {props.campaigns.length > 0 && (
        <form method="get" action="/ssi" class="search-form">
          <Select
            name="campana"
            label="Campaña"
            options={props.campaigns}
            values={{ campana: props.campaign }}
            emptyLabel="Todos los carnets"
          />
          <Button variant="secondary">Ver</Button>
        </form>
      )}
      <section class="section">
        <h2 class="heading-m">Carnets por estado</h2>
        <StateChart totals={totals} />
      </section>
      <section class="section">
        <h2 class="heading-m">Por dependencia</h2>
        <section class="table-scroll" tabindex={0} aria-label="Tabla desplazable">
          <table class="table table--compact table--stack">
            <caption class="visually-hidden">Carnets por estado en cada dependencia</caption>
            <thead>
              <tr>
                <th scope="col">Dependencia</th>
                {CARD_STATES.map((s) => (
                  <th scope="col" class="numeric">
                    {CARD_STATE_LABELS[s]}
                  </th>
                ))}
                <th scope="col" class="numeric">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {[...rows, totals].map((row) => (
                <tr>
                  <th scope="row">{row.dependencia}</th>
                  {CARD_STATES.map((s) => (
                    <td class="numeric" data-label={CARD_STATE_LABELS[s]}>
                      {formatNumber(row.counts[s])}
                    </td>
                  ))}
                  <td class="numeric" data-label="Total">
                    {formatNumber(row.total)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>
    </Layout>
  );
}

const LIST_TEXT: Record<ListKind, { title: string; intro: string; empty: string }> = {
  cards: {
    title: "Carnets",
    intro: "Busque por nombre o documento, o filtre por estado y dependencia.",
    empty: "No hay carnets con este filtro.",
  },
  lanyards: {
    title: "Cintas pendientes",
    intro: "Personas que recibieron su carnet pero aún no la cinta.",
    empty: "No hay cintas pendientes.",
  },
  toRecover: {
    title: "Carnets por recuperar",
    intro:
      "Carnets inhabilitados que la persona aún no ha devuelto. La dependencia es responsable de pedirlos.",
    empty: "No hay carnets por recuperar.",
  },
};

const LIST_PATH: Record<ListKind, string> = {
  cards: "/ssi/carnets",
  lanyards: "/ssi/cintas-pendientes",
  toRecover: "/ssi/carnets-por-recuperar",
};

export function CardListPage(props: {
  ctx: PageContext;
  kind: ListKind;
  rows: CardListRow[];
  hasMore: boolean;
  page: number;
  query: Record<string, string>;
  dependencias: { value: string; label: string }[] | undefined;
  linkCards: boolean;
}) {
  const { ctx, kind, rows, query } = props;
  const text = LIST_TEXT[kind];
  const path = LIST_PATH[kind];
  const exportQuery = new URLSearchParams(query).toString();
  return (
    <Layout ctx={ctx} title={text.title}>
      <h1>{text.title}</h1>
      <p class="lead">{text.intro}</p>
      <form method="get" action={path} class="search-form">
        {kind === "cards" && <Field name="q" label="Nombre o documento" values={query} width="medium" />}
        {kind === "cards" && (
          <Select
            name="estado"
            label="Estado"
            options={CARD_STATES.map((s) => ({ value: s, label: CARD_STATE_LABELS[s] }))}
            values={query}
            emptyLabel="Todos"
          />
        )}
        {props.dependencias && (
          <Select
            name="dependencia"
            label="Dependencia"
            options={props.dependencias}
            values={query}
            emptyLabel="Todas"
          />
        )}
        <Button variant="secondary">Filtrar</Button>
      </form>
      <p>
        <a href={`${path}.xlsx${exportQuery ? `?${exportQuery}` : ""}`}>
          Descargar esta lista en Excel (.xlsx)
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <section class="table-scroll" tabindex={0} aria-label="Tabla desplazable">
          <table class="table table--compact table--stack">
            <caption class="visually-hidden">{text.title}</caption>
            <thead>
              <tr>
                <th scope="col">Persona</th>
                <th scope="col">Documento</th>
                <th scope="col">Dependencia</th>
                <th scope="col">Estado</th>
                <th scope="col">{kind === "toRecover" ? "Motivo" : "Vigente hasta"}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td>
                    {props.linkCards ? (
                      <a href={`/ssi/carnets/${row.cardId}`}>
                        {row.firstNames} {row.lastNames}
                      </a>
                    ) : (
                      `${row.firstNames} ${row.lastNames}`
                    )}
                  </td>
                  <td data-label="Documento">
                    {row.documentType} {row.documentNumber}
                  </td>
                  <td data-label="Dependencia">{row.dependencia ?? "Sin dependencia"}</td>
                  <td data-label="Estado">{CARD_STATE_LABELS[row.state]}</td>
                  <td data-label={kind === "toRecover" ? "Motivo" : "Vigente hasta"}>
                    {kind === "toRecover"
                      ? row.disabledReason && DISABLE_REASON_LABELS[row.disabledReason]
                      : row.validUntil && formatIsoDay(row.validUntil)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <Pagination page={props.page} hasMore={props.hasMore} query={query} />
    </Layout>
  );
}
