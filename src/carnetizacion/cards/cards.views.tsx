import type { Child } from "hono/jsx";
import { formatDocument } from "../../core/people/people.rules.ts";
import type { Person } from "../../core/people/people.service.ts";
import type { FormErrors, FormValues } from "../../shared/forms.ts";
import { formatDateTime, formatIsoDay } from "../../shared/time.ts";
import type { StateTransition } from "../../shared/transitions.table.ts";
import { BackLink, Button, CsrfField, ErrorSummary, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { PHOTO_STATE_LABELS, type PhotoState } from "../photos/photos.rules.ts";
import {
  CARD_STATE_LABELS,
  type CardState,
  cardStateLabel,
  DISABLE_REASON_LABELS,
  DISABLE_REASONS,
  type DisableReason,
  isInCirculation,
  type MissingStep,
  type PhotoSituation,
  type PrintBatchState,
} from "./cards.rules.ts";
import type { Card } from "./cards.table.ts";

const NEXT_STEP: Record<CardState, string> = {
  solicitada: "Tiene todo lo necesario: su carnet pasa a la fila de impresión.",
  lista_para_imprimir:
    "Su carnet está en la fila de impresión de la Subsecretaría de Sistemas de Información.",
  impresa: "Su carnet ya se imprimió. Le avisaremos por correo cuando pueda recogerlo.",
  lista_para_entrega: "Su carnet está listo. Recójalo en la Subsecretaría de Sistemas de Información.",
  entregada: "Ya recibió su carnet.",
  inhabilitada: "Su carnet está inhabilitado. Si aún lo tiene, devuélvalo a su dependencia.",
  devuelta: "Su carnet fue devuelto.",
  cancelada: "Su solicitud de carnet fue cancelada.",
};

/** Why the card was disabled and what the person does now. */
function disabledText(reason: DisableReason): string {
  const why = `Su carnet está inhabilitado (motivo: ${DISABLE_REASON_LABELS[reason].toLowerCase()}).`;
  if (reason === "perdida")
    return `${why} Si necesita uno nuevo, pídalo en la Subsecretaría de Sistemas de Información.`;
  if (reason === "vencimiento")
    return `${why} Si sigue en la entidad, pida uno nuevo en la Subsecretaría de Sistemas de Información y devuelva el vencido a su dependencia.`;
  return `${why} Si aún lo tiene, devuélvalo a su dependencia.`;
}

/** The person's photo in a few words, including a new one waiting while an approved one still counts. */
function photoLabel(photo: PhotoSituation): string {
  if (!photo.latest) return "Sin foto";
  if (photo.approved && photo.latest.state !== "aprobada")
    return `Aprobada (hay una foto nueva: ${PHOTO_STATE_LABELS[photo.latest.state].toLowerCase()})`;
  return PHOTO_STATE_LABELS[photo.latest.state];
}

/** «Falta …: who completes it», each with a link where one helps. */
export function MissingSteps(props: { steps: MissingStep[]; heading: string }) {
  if (props.steps.length === 0) return null;
  return (
    <section class="section">
      <h2 class="heading-m">{props.heading}</h2>
      <ul>
        {props.steps.map((step) => (
          <li data-missing={step.code}>
            <strong>{step.what}</strong>: {step.who}.
            {step.href && (
              <>
                {" "}
                <a href={step.href}>{step.linkText}</a>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const labelOf = (t: StateTransition) =>
  t.subjectType === "card"
    ? `Carnet: ${CARD_STATE_LABELS[t.toState as CardState] ?? t.toState}`
    : `Foto: ${PHOTO_STATE_LABELS[t.toState as PhotoState] ?? t.toState}`;

function Timeline({ timeline }: { timeline: StateTransition[] }) {
  if (timeline.length === 0) return null;
  return (
    <section class="section">
      <h2 class="heading-m">Historial</h2>
      <ol class="timeline">
        {timeline.map((t) => (
          <li>
            <span class="timeline__when">{formatDateTime(t.at)}</span> {labelOf(t)}
            {t.reason && <span class="hint"> · {t.reason}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function CardPage(props: {
  ctx: PageContext;
  card: Card | undefined;
  photo: PhotoSituation;
  batch: { state: PrintBatchState } | undefined;
  missing: MissingStep[];
  timeline: StateTransition[];
}) {
  const { ctx, card, photo, missing, timeline } = props;
  const inBatch = card?.state === "impresa" && props.batch && props.batch.state !== "lista";
  return (
    <Layout ctx={ctx} title="Mi carnet">
      <h1>Mi carnet</h1>
      <p class="hint">Estado de su carnet</p>
      <p class="status-big">
        {card ? (inBatch ? "En impresión" : cardStateLabel(card.state)) : "Sin solicitar"}
      </p>
      <dl class="summary-list">
        <div>
          <dt>Su foto</dt>
          <dd>{photoLabel(photo)}</dd>
        </div>
      </dl>
      {missing.length > 0 ? (
        <MissingSteps steps={missing} heading="Qué falta para imprimir su carnet" />
      ) : card ? (
        <p class="lead">
          {inBatch
            ? "Su carnet está en un lote de impresión. Le avisaremos por correo cuando pueda recogerlo."
            : card.state === "inhabilitada" && card.disabledReason
              ? disabledText(card.disabledReason)
              : NEXT_STEP[card.state]}
        </p>
      ) : (
        <p class="lead">
          Para solicitar su carnet, revise <a href="/mis-datos">sus datos</a> y{" "}
          <a href="/mi-foto">envíe su foto</a>.
        </p>
      )}
      <Timeline timeline={timeline} />
      <section class="section">
        <h2 class="heading-m">¿Necesita ayuda?</h2>
        <p>
          Escriba a <a href={`mailto:${ctx.entity.supportEmail}`}>{ctx.entity.supportEmail}</a> o llame al{" "}
          {ctx.entity.phone} ({ctx.entity.supportPhone}).
        </p>
      </section>
    </Layout>
  );
}

const DISABLE_CHOICES = DISABLE_REASONS.filter((r) => r !== "reemplazo").map((r) => ({
  value: r,
  label: DISABLE_REASON_LABELS[r],
}));

function ActionForm(props: { ctx: PageContext; card: Card; action: string; children: Child }) {
  return (
    <form method="post" action={`/ssi/carnets/${props.card.id}/${props.action}`} class="section" novalidate>
      <CsrfField token={props.ctx.csrfToken} />
      {props.children}
    </form>
  );
}

/** `id` tells apart the note fields of the forms on one page, so each label names its own field. */
function NoteField({ id, label, value }: { id: string; label: string; value?: string }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea class="textarea" id={id} name="note" rows={2} maxlength={300}>
        {value ?? ""}
      </textarea>
    </div>
  );
}

/** SSI's page for one card: its data, its history and the next actions its state allows. */
export function SsiCardPage(props: {
  ctx: PageContext;
  card: Card;
  person: Person;
  dependencia: string | undefined;
  photo: PhotoSituation;
  batch: { id: string; state: PrintBatchState } | undefined;
  missing: MissingStep[];
  timeline: StateTransition[];
  errors?: FormErrors;
  values?: FormValues;
}) {
  const { ctx, card, person, batch, errors = {} } = props;
  const circulating = isInCirculation(card.state);
  // A card taken into a batch whose PDF does not exist yet cannot have been printed.
  const unprinted = card.state === "impresa" && batch !== undefined && batch.state !== "lista";
  return (
    <Layout ctx={ctx} title={`Carnet de ${person.firstNames} ${person.lastNames}`}>
      <ErrorSummary errors={errors} />
      <BackLink href="/ssi/carnets">Volver a los carnets</BackLink>
      <h1>
        Carnet de {person.firstNames} {person.lastNames}
      </h1>
      <p class="status-big">{cardStateLabel(card.state, batch?.state)}</p>
      <dl class="summary-list">
        <div>
          <dt>Foto</dt>
          <dd>{photoLabel(props.photo)}</dd>
        </div>
        <div>
          <dt>Documento</dt>
          <dd>{formatDocument(person.documentType, person.documentNumber)}</dd>
        </div>
        <div>
          <dt>Dependencia</dt>
          <dd>{props.dependencia ?? "Sin dependencia"}</dd>
        </div>
        <div>
          <dt>Código</dt>
          <dd>{card.code ?? "Se asigna al imprimir"}</dd>
        </div>
        <div>
          <dt>Vigente hasta</dt>
          <dd>{card.validUntil ? formatIsoDay(card.validUntil) : "Se fija al imprimir"}</dd>
        </div>
        <div>
          <dt>Cinta</dt>
          <dd>
            {card.lanyard === "pendiente"
              ? "Pendiente de entregar"
              : card.lanyard === "entregada"
                ? "Entregada"
                : "—"}
          </dd>
        </div>
        <div>
          <dt>Reimpresiones por error</dt>
          <dd>{card.misprints}</dd>
        </div>
      </dl>
      <p>
        <a href={`/admin/personas/${person.id}`}>Ver los datos de la persona</a>
      </p>
      <MissingSteps steps={props.missing} heading="Qué falta para imprimir este carnet" />
      {card.state === "solicitada" && props.missing.length === 0 && (
        <p class="lead">Tiene todo lo necesario: pasa a la fila de impresión.</p>
      )}
      {card.state === "lista_para_imprimir" && (
        <p class="lead">
          Está en la <a href="/ssi/lotes">fila de impresión</a>.
        </p>
      )}
      {unprinted && (
        <p class="lead">
          Está en un lote cuyo PDF {batch?.state === "fallida" ? "no se pudo generar" : "se está generando"}:{" "}
          <a href={`/ssi/lotes/${batch?.id}`}>ver el lote</a>.
        </p>
      )}
      {card.state === "impresa" && !unprinted && (
        <>
          <ActionForm ctx={ctx} card={card} action="listo">
            <h2 class="heading-m">Entrega</h2>
            <p>La persona recibirá un correo que le avisa que puede recoger su carnet.</p>
            <Button>Marcar como listo para entregar</Button>
          </ActionForm>
          <ActionForm ctx={ctx} card={card} action="mal-impreso">
            <h2 class="heading-m">¿Salió mal impreso?</h2>
            <p>El carnet vuelve a la fila de impresión con el mismo código; la reimpresión queda contada.</p>
            <Button variant="secondary">Devolver a la fila de impresión</Button>
          </ActionForm>
        </>
      )}
      {card.state === "lista_para_entrega" && (
        <ActionForm ctx={ctx} card={card} action="entregar">
          <fieldset
            class={errors.lanyard ? "fieldset field--error" : "fieldset"}
            id="lanyard"
            aria-describedby={errors.lanyard ? "lanyard-error" : undefined}
          >
            <legend>
              <h2 class="heading-m">Entregar el carnet</h2>
            </legend>
            {errors.lanyard && (
              <p class="field-error" id="lanyard-error">
                <span class="visually-hidden">Error: </span>
                {errors.lanyard}
              </p>
            )}
            <div class="radios">
              <div class="radio">
                <input type="radio" id="lanyard-entregada" name="lanyard" value="entregada" />
                <label for="lanyard-entregada">Se entregó con la cinta</label>
              </div>
              <div class="radio">
                <input type="radio" id="lanyard-pendiente" name="lanyard" value="pendiente" />
                <label for="lanyard-pendiente">La cinta queda pendiente</label>
              </div>
            </div>
          </fieldset>
          <Button>Registrar la entrega</Button>
        </ActionForm>
      )}
      {card.state === "entregada" && card.lanyard === "pendiente" && (
        <ActionForm ctx={ctx} card={card} action="cinta">
          <h2 class="heading-m">Cinta pendiente</h2>
          <Button>Registrar que se entregó la cinta</Button>
        </ActionForm>
      )}
      {circulating && (
        <>
          <ActionForm ctx={ctx} card={card} action="reimprimir">
            <h2 class="heading-m">Reimprimir</h2>
            <p>
              Para un carnet perdido, dañado o con datos que cambiaron: este carnet se inhabilita (reemplazo)
              y se crea uno nuevo en la fila de impresión.
            </p>
            <NoteField id="reprint-note" label="Motivo de la reimpresión (opcional)" />
            <Button variant="secondary">Reimprimir el carnet</Button>
          </ActionForm>
          <ActionForm ctx={ctx} card={card} action="inhabilitar">
            <h2 class="heading-m">Inhabilitar</h2>
            <p>
              Un carnet inhabilitado aparece como INHABILITADO al verificarlo. No se puede deshacer: en el
              paso siguiente confirma la persona, el carnet y el motivo.
            </p>
            <Select
              name="reason"
              label="Motivo"
              options={DISABLE_CHOICES}
              values={props.values}
              errors={errors}
              emptyLabel="Elija un motivo"
            />
            <NoteField id="disable-note" label="Detalle (opcional)" value={props.values?.note} />
            <Button variant="warning">Inhabilitar el carnet</Button>
          </ActionForm>
        </>
      )}
      {(card.state === "inhabilitada" || card.state === "devuelta") &&
        card.disabledReason !== "reemplazo" &&
        person.status === "activo" && (
          <ActionForm ctx={ctx} card={card} action="nuevo">
            <h2 class="heading-m">Carnet nuevo</h2>
            <p>
              Si la persona sigue en la entidad y necesita carnet (por pérdida, vencimiento u otro motivo),
              abra una solicitud nueva: pasa a la fila de impresión cuando su foto y sus datos estén
              completos.
            </p>
            <Button variant="secondary">Solicitar un carnet nuevo</Button>
          </ActionForm>
        )}
      {card.state === "inhabilitada" && (
        <ActionForm ctx={ctx} card={card} action="devolver">
          <h2 class="heading-m">Devolución</h2>
          <p>Registre la devolución cuando el carnet físico llegue a la entidad.</p>
          <Button>Registrar la devolución</Button>
        </ActionForm>
      )}
      <Timeline timeline={props.timeline} />
    </Layout>
  );
}
