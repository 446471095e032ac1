import { formatDateTime } from "../../shared/time.ts";
import { Button, CsrfField, ErrorSummary, Field, Notice, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { countOf, formatMegabytes, formatNumber, pluralize } from "../../shared/words.ts";
import { type CardState, cardStateLabel } from "../cards/cards.rules.ts";
import { type BatchCardState, batchCountsText, batchStatusLabel, countBatchCards } from "./batches.rules.ts";
import type { PrintBatch } from "./batches.table.ts";

interface QueueRow {
  cardId: string;
  firstNames: string;
  lastNames: string;
  documentType: string;
  documentNumber: string;
  dependencia: string | null;
  updatedAt: Date;
  misprints: number;
}

/** Where the QR codes of printed cards will lead, and why no batch can be made when that is wrong. */
function QrAddress(props: { qrBase: string; refusal: string | undefined; printed?: boolean }) {
  if (props.refusal)
    return (
      <Notice>
        <p>{props.refusal}</p>
      </Notice>
    );
  return (
    <p>
      {props.printed ? "Los códigos QR de este lote llevan a" : "Los códigos QR de los carnets llevarán a"}{" "}
      <code>{props.qrBase}</code> seguido del código de cada carnet.
    </p>
  );
}

function batchName(batch: PrintBatch) {
  return `Lote del ${formatDateTime(batch.createdAt)}`;
}

export function BatchesPage(props: {
  ctx: PageContext;
  queue: QueueRow[];
  batches: (PrintBatch & { cards: (BatchCardState & { count: number })[] })[];
  dependencias: { value: string; label: string }[];
  filter: { dependencia: string; dia: string };
  maxBatch: number;
  qrBase: string;
  refusal: string | undefined;
  error?: string;
}) {
  const { ctx, queue, batches, filter } = props;
  return (
    <Layout ctx={ctx} title="Impresión de carnets">
      {props.error && <ErrorSummary errors={{ _form: props.error }} />}
      <h1>Impresión de carnets</h1>
      <QrAddress qrBase={props.qrBase} refusal={props.refusal} />
      <section class="section">
        <h2 class="heading-m">Fila de impresión</h2>
        <form method="get" action="/ssi/lotes" class="search-form">
          <Select
            name="dependencia"
            label="Dependencia"
            options={props.dependencias}
            values={filter}
            emptyLabel="Todas"
          />
          <Field name="dia" label="Aprobados el día" type="date" values={filter} width="medium" />
          <Button variant="secondary">Filtrar</Button>
        </form>
        {queue.length === 0 ? (
          <p class="lead">No hay carnets esperando impresión con este filtro.</p>
        ) : (
          <form method="post" action="/ssi/lotes" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <p>
              {countOf(queue.length, "carnet espera", "carnets esperan")} impresión
              {queue.length === props.maxBatch
                ? ` (se muestran los ${formatNumber(props.maxBatch)} más antiguos)`
                : ""}
              .{" "}
              {pluralize(
                queue.length,
                "Márquelo para imprimirlo, o cree el lote directamente con él.",
                "Marque los que va a imprimir, o imprima todos los de la lista.",
              )}
            </p>
            <section class="table-scroll" tabindex={0} aria-label="Tabla desplazable">
              <table class="table table--compact">
                <caption class="visually-hidden">Carnets listos para imprimir</caption>
                <thead>
                  <tr>
                    <th scope="col">Imprimir</th>
                    <th scope="col">Persona</th>
                    <th scope="col">Documento</th>
                    <th scope="col">Dependencia</th>
                    <th scope="col">En la fila desde</th>
                  </tr>
                </thead>
                <tbody>
                  {queue.map((row) => (
                    <tr>
                      <td>
                        <div class="checkbox">
                          <input type="checkbox" id={`card-${row.cardId}`} name="cards" value={row.cardId} />
                          <label for={`card-${row.cardId}`}>
                            <span class="visually-hidden">
                              Imprimir el carnet de {row.firstNames} {row.lastNames}
                            </span>
                          </label>
                        </div>
                      </td>
                      <td>
                        <a href={`/ssi/carnets/${row.cardId}`}>
                          {row.firstNames} {row.lastNames}
                        </a>
                        {row.misprints > 0 && <span class="hint"> · reimpresión</span>}
                      </td>
                      <td>
                        {row.documentType} {row.documentNumber}
                      </td>
                      <td>{row.dependencia ?? "Sin dependencia"}</td>
                      <td>{formatDateTime(row.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            {queue.map((row) => (
              <input type="hidden" name="all" value={row.cardId} />
            ))}
            {!props.refusal && (
              <div class="button-group">
                <button type="submit" class="button" name="which" value="marked">
                  Crear lote con los marcados
                </button>
                <button type="submit" class="button button--secondary" name="which" value="all">
                  {queue.length === 1
                    ? "Crear lote con el carnet de la lista"
                    : `Crear lote con los ${formatNumber(queue.length)} de la lista`}
                </button>
              </div>
            )}
          </form>
        )}
      </section>
      <section class="section">
        <h2 class="heading-m">Lotes recientes</h2>
        {batches.length === 0 ? (
          <p>Aún no hay lotes.</p>
        ) : (
          <table class="table table--compact">
            <caption class="visually-hidden">Lotes de impresión recientes</caption>
            <thead>
              <tr>
                <th scope="col">Lote</th>
                <th scope="col">Carnets</th>
                <th scope="col">Estado</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((batch) => {
                const counts = countBatchCards(
                  batch.cards.flatMap((row) => Array.from({ length: row.count }, () => row)),
                );
                return (
                  <tr>
                    <td>
                      <a href={`/ssi/lotes/${batch.id}`}>{batchName(batch)}</a>
                    </td>
                    <td>{batchCountsText(batch.total, batch.state, counts)}</td>
                    <td>{batchStatusLabel(batch.state, counts)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}

interface BatchCardRow {
  cardId: string;
  state: CardState;
  firstNames: string;
  lastNames: string;
  dependencia: string | null;
  code: string | null;
  reprintedLater: boolean;
}

export function BatchPage(props: {
  ctx: PageContext;
  batch: PrintBatch;
  cards: BatchCardRow[];
  qrBase: string;
  refusal: string | undefined;
}) {
  const { ctx, batch, cards } = props;
  const counts = countBatchCards(cards);
  const printed = counts.impresos;
  return (
    <Layout
      ctx={ctx}
      title={batchName(batch)}
      islands={batch.state === "generando" ? ["batch-progress"] : undefined}
    >
      <a class="back-link" href="/ssi/lotes">
        Volver a impresión
      </a>
      <h1>{batchName(batch)}</h1>
      <p class="status-big">{batchStatusLabel(batch.state, counts)}</p>
      <p class="lead">{batchCountsText(batch.total, batch.state, counts)}</p>
      <QrAddress qrBase={props.qrBase} refusal={undefined} printed={batch.state === "lista"} />
      {batch.state === "generando" && (
        <div data-batch-progress>
          <label for="batch-progress">Progreso</label>
          <progress id="batch-progress" max={batch.total} value={batch.done} />
          <p aria-live="polite" data-progress-label>
            {formatNumber(batch.done)} de {countOf(batch.total, "carnet", "carnets")}
          </p>
          <p>
            <a href={`/ssi/lotes/${batch.id}`}>Actualizar</a>
          </p>
          {/* A render interrupted by a restart never finishes by itself: let the operator start it again. */}
          <form method="post" action={`/ssi/lotes/${batch.id}/generar`}>
            <CsrfField token={ctx.csrfToken} />
            <p class="hint">¿El progreso no avanza después de unos minutos?</p>
            <Button variant="secondary">Generar el PDF de nuevo</Button>
          </form>
        </div>
      )}
      {batch.state === "lista" && (
        <section class="section">
          <p>
            <a class="button" href={`/ssi/lotes/${batch.id}/pdf`} download>
              Descargar el PDF ({formatMegabytes(batch.fileBytes ?? 0)})
            </a>
          </p>
          <div class="notice">
            <p>
              <strong>Al imprimir:</strong> elija la impresora de carnets, tamaño CR80, escala 100 % o «tamaño
              real». Nunca «ajustar a la página». La primera página trae las instrucciones; no la envíe a la
              impresora de carnets.
            </p>
          </div>
        </section>
      )}
      {batch.state === "fallida" && (
        <form method="post" action={`/ssi/lotes/${batch.id}/generar`} class="section">
          <CsrfField token={ctx.csrfToken} />
          <p class="field-error">{batch.error}</p>
          <Button>Generar el PDF de nuevo</Button>
        </form>
      )}
      {printed > 0 && batch.state === "lista" && (
        <form method="post" action={`/ssi/lotes/${batch.id}/listos`} class="section">
          <CsrfField token={ctx.csrfToken} />
          <h2 class="heading-m">Cuando los carnets estén impresos y revisados</h2>
          <p>
            {printed === 1
              ? "El carnet impreso de este lote pasará a «listo para entregar» y la persona recibirá un correo."
              : `Los ${formatNumber(printed)} carnets impresos de este lote pasarán a «listo para entregar» y cada persona recibirá un correo.`}{" "}
            Si alguno salió mal, devuélvalo antes a la fila desde su página.
          </p>
          <Button>
            {printed === 1
              ? "Marcarlo como listo para entregar"
              : `Marcar los ${formatNumber(printed)} como listos para entregar`}
          </Button>
        </form>
      )}
      <section class="section">
        <h2 class="heading-m">Carnets del lote</h2>
        <table class="table table--compact">
          <caption class="visually-hidden">Carnets del lote</caption>
          <thead>
            <tr>
              <th scope="col">Persona</th>
              <th scope="col">Dependencia</th>
              <th scope="col">Código</th>
              <th scope="col">Estado</th>
            </tr>
          </thead>
          <tbody>
            {cards.map((card) => (
              <tr>
                <td>
                  <a href={`/ssi/carnets/${card.cardId}`}>
                    {card.firstNames} {card.lastNames}
                  </a>
                </td>
                <td>{card.dependencia ?? "Sin dependencia"}</td>
                <td>{card.code}</td>
                <td>
                  {card.reprintedLater
                    ? "Devuelto a la fila (está en un lote más reciente)"
                    : cardStateLabel(card.state, batch.state)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
