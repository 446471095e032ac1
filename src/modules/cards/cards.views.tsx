import { formatDateTime } from "../../shared/time.ts";
import type { StateTransition } from "../../shared/transitions.table.ts";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { PHOTO_STATE_LABELS, type PhotoState } from "../photos/photos.rules.ts";
import { CARD_STATE_LABELS, type CardState } from "./cards.rules.ts";
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
      {timeline.length > 0 && (
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
      )}
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
