import type { Child } from "hono/jsx";
import type { FormErrors } from "../../shared/forms.ts";
import { formatDateTime, formatIsoDay } from "../../shared/time.ts";
import type { StateTransition } from "../../shared/transitions.table.ts";
import { BackLink, Button, CsrfField, ErrorSummary, Select } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { formatDocument } from "../people/people.rules.ts";
import type { Person } from "../people/people.service.ts";
import { PHOTO_STATE_LABELS, type PhotoState } from "../photos/photos.rules.ts";
import {
  CARD_STATE_LABELS,
  type CardState,
  DISABLE_REASON_LABELS,
  DISABLE_REASONS,
  isInCirculation,
} from "./cards.rules.ts";
import type { Card } from "./cards.table.ts";

const NEXT_STEP: Record<CardState, string> = {
  solicitada:
    "Su foto está en revisión. Cuando la aprueben y sus datos estén completos, su carnet pasará a impresión.",
  lista_para_imprimir:
    "Su carnet está en la fila de impresión de la Subsecretaría de Sistemas de Información.",
  impresa: "Su carnet ya se imprimió. Le avisaremos por correo cuando pueda recogerlo.",
  lista_para_entrega: "Su carnet está listo. Recójalo en la Subsecretaría de Sistemas de Información.",
  entregada: "Ya recibió su carnet.",
  inhabilitada: "Su carnet está inhabilitado. Si aún lo tiene, devuélvalo a su dependencia.",
  devuelta: "Su carnet fue devuelto.",
  cancelada: "Su solicitud de carnet fue cancelada.",
};

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

export function CardPage(props: { ctx: PageContext; card: Card | undefined; timeline: StateTransition[] }) {
  const { ctx, card, timeline } = props;
  return (
    <Layout ctx={ctx} title="Mi carnet">
      <h1>Mi carnet</h1>
      {card ? (
        <>
          <p class="hint">Estado de su carnet</p>
          <p class="status-big">{CARD_STATE_LABELS[card.state]}</p>
          <p class="lead">{NEXT_STEP[card.state]}</p>
        </>
      ) : (
        <>
          <p class="hint">Estado de su carnet</p>
          <p class="status-big">Sin solicitar</p>
          <p class="lead">
            Para solicitar su carnet, revise <a href="/mis-datos">sus datos</a> y{" "}
            <a href="/mi-foto">envíe su foto</a>.
          </p>
        </>
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

function NoteField({ label }: { label: string }) {
  return (
    <div class="field">
      <label for="note">{label}</label>
      <textarea class="textarea" id="note" name="note" rows={2} maxlength={300} />
    </div>
  );
}

/** SSI's page for one card: its data, its history and the next actions its state allows. */
export function SsiCardPage(props: {
  ctx: PageContext;
  card: Card;
  person: Person;
  dependencia: string | undefined;
  timeline: StateTransition[];
  errors?: FormErrors;
}) {
  const { ctx, card, person, errors = {} } = props;
  const circulating = isInCirculation(card.state);
  return (
    <Layout ctx={ctx} title={`Carnet de ${person.firstNames} ${person.lastNames}`}>
      <ErrorSummary errors={errors} />
      <BackLink href="/ssi/carnets">Volver a los carnets</BackLink>
      <h1>
        Carnet de {person.firstNames} {person.lastNames}
      </h1>
      <p class="status-big">{CARD_STATE_LABELS[card.state]}</p>
      <dl class="summary-list">
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
      {card.state === "solicitada" && (
        <p class="lead">Espera la aprobación de la foto y que los datos de la persona estén completos.</p>
      )}
      {card.state === "lista_para_imprimir" && (
        <p class="lead">
          Está en la <a href="/ssi/lotes">fila de impresión</a>.
        </p>
      )}
      {card.state === "impresa" && (
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
          <fieldset class="fieldset">
            <legend>
              <h2 class="heading-m">Entregar el carnet</h2>
            </legend>
            <div class="radios">
              <div class="radio">
                <input type="radio" id="lanyard-entregada" name="lanyard" value="entregada" checked />
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
            <NoteField label="Motivo de la reimpresión (opcional)" />
            <Button variant="secondary">Reimprimir el carnet</Button>
          </ActionForm>
          <ActionForm ctx={ctx} card={card} action="inhabilitar">
            <h2 class="heading-m">Inhabilitar</h2>
            <p>Un carnet inhabilitado aparece como INHABILITADO al verificarlo. No se puede deshacer.</p>
            <Select
              name="reason"
              label="Motivo"
              options={DISABLE_CHOICES}
              errors={errors}
              emptyLabel="Elija un motivo"
            />
            <NoteField label="Detalle (opcional)" />
            <Button variant="warning">Inhabilitar el carnet</Button>
          </ActionForm>
        </>
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
