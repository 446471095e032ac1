// The step before disabling a card: it cannot be undone, so the operator sees whom and what it affects.

import { formatDocument } from "../../core/people/people.rules.ts";
import type { Person } from "../../core/people/people.service.ts";
import { formatIsoDay } from "../../shared/time.ts";
import { BackLink, Button, CsrfField } from "../../shared/views/components.tsx";
import { Layout } from "../../shared/views/Layout.tsx";
import type { PageContext } from "../../shared/views/page.ts";
import { CARD_STATE_LABELS, DISABLE_REASON_LABELS, type DisableReason } from "./cards.rules.ts";
import type { Card } from "./cards.table.ts";

/** «¿Inhabilitar el carnet de …?» with the person, the card and the reason; «Sí, inhabilitar» posts. */
export function DisableConfirmPage(props: {
  ctx: PageContext;
  card: Card;
  person: Person;
  reason: DisableReason;
  note: string;
}) {
  const { ctx, card, person, reason, note } = props;
  const name = `${person.firstNames} ${person.lastNames}`;
  return (
    <Layout ctx={ctx} title={`¿Inhabilitar el carnet de ${name}?`}>
      <BackLink href={`/ssi/carnets/${card.id}`}>Volver al carnet</BackLink>
      <h1>¿Inhabilitar el carnet de {name}?</h1>
      <dl class="summary-list">
        <div>
          <dt>Persona</dt>
          <dd>{name}</dd>
        </div>
        <div>
          <dt>Documento</dt>
          <dd>{formatDocument(person.documentType, person.documentNumber)}</dd>
        </div>
        <div>
          <dt>Código del carnet</dt>
          <dd>{card.code ?? "Sin código"}</dd>
        </div>
        <div>
          <dt>Estado actual</dt>
          <dd>{CARD_STATE_LABELS[card.state]}</dd>
        </div>
        {card.validUntil && (
          <div>
            <dt>Vigente hasta</dt>
            <dd>{formatIsoDay(card.validUntil)}</dd>
          </div>
        )}
        <div>
          <dt>Motivo</dt>
          <dd>{DISABLE_REASON_LABELS[reason]}</dd>
        </div>
        {note && (
          <div>
            <dt>Detalle</dt>
            <dd>{note}</dd>
          </div>
        )}
      </dl>
      <div class="notice">
        <p>
          <strong>No se puede deshacer.</strong> Desde ese momento, quien verifique este carnet verá
          INHABILITADO. Si la persona necesita un carnet, habrá que imprimirle uno nuevo.
        </p>
      </div>
      <form method="post" action={`/ssi/carnets/${card.id}/inhabilitar`} class="section">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="reason" value={reason} />
        <input type="hidden" name="note" value={note} />
        <input type="hidden" name="confirmar" value="si" />
        <div class="button-group">
          <Button variant="warning">Sí, inhabilitar</Button>
          <a class="button button--secondary" href={`/ssi/carnets/${card.id}`}>
            Cancelar
          </a>
        </div>
      </form>
    </Layout>
  );
}
