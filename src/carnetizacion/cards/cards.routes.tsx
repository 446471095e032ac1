import { Hono } from "hono";
import { findDependencia } from "../../core/dependencias/dependencias.service.ts";
import { mount } from "../../shared/auth/guard.ts";
import { AppError } from "../../shared/errors.ts";
import { redirectWithFlash } from "../../shared/flash.ts";
import { type FormErrors, type FormValues, parseForm, validateForm } from "../../shared/forms.ts";
import { type AppContext, type AppEnv, auditContext, requireUser } from "../../shared/http.ts";
import { pageContext } from "../../shared/views/page.ts";
import { photoTimeline } from "../photos/photos.service.ts";
import { DisableConfirmPage } from "./cards.confirm.views.tsx";
import { type DisableReason, isInCirculation } from "./cards.rules.ts";
import { deliverSchema, disableSchema, noteSchema } from "./cards.schemas.ts";
import {
  cardTimeline,
  disableCard,
  findCardWithPerson,
  markDelivered,
  markLanyardDelivered,
  markReadyForPickup,
  markReturned,
  moveCard,
  reprintCard,
  requestNewCard,
  viewCard,
  viewOwnCard,
} from "./cards.service.ts";
import { CardPage, SsiCardPage } from "./cards.views.tsx";

/** Runs an action on the card in the URL, then back to the card page with the outcome as a flash. */
async function act(c: AppContext, action: (cardId: string) => Promise<{ id: string }>, message: string) {
  const cardId = c.req.param("id") ?? "";
  try {
    const card = await action(cardId);
    return redirectWithFlash(c, `/ssi/carnets/${card.id}`, message);
  } catch (error) {
    // A refused move (already disabled, changed meanwhile) is told on the card page, nothing changed.
    if (error instanceof AppError && error.status === 409)
      return redirectWithFlash(c, `/ssi/carnets/${cardId}`, error.userMessage);
    throw error;
  }
}

/** SSI's card page; with `errors`, a refused action form is shown again with its messages. */
async function renderSsiCard(c: AppContext, errors?: FormErrors, values?: FormValues) {
  const { database, clock } = c.var.deps;
  const { card, person, timeline, photo, batch, missing } = await viewCard(
    database.db,
    clock.now(),
    auditContext(c),
    c.req.param("id") ?? "",
  );
  const dependencia = person.dependenciaId
    ? await findDependencia(database.db, person.dependenciaId)
    : undefined;
  c.header("Cache-Control", "no-store");
  return c.html(
    <SsiCardPage
      ctx={pageContext(c)}
      card={card}
      person={person}
      dependencia={dependencia?.name}
      photo={photo}
      batch={batch}
      missing={missing}
      timeline={timeline}
      errors={errors}
      values={values}
    />,
    errors ? 422 : 200,
  );
}

/** The confirmation page that names the person and the card before a disable that cannot be undone. */
async function renderDisableConfirmation(c: AppContext, input: { reason: DisableReason; note?: string }) {
  const { database, clock } = c.var.deps;
  const { card, person } = await findCardWithPerson(
    database.db,
    clock.now(),
    auditContext(c),
    c.req.param("id") ?? "",
  );
  if (card.state === "inhabilitada" || card.state === "devuelta")
    return redirectWithFlash(c, `/ssi/carnets/${card.id}`, "Este carnet ya estaba inhabilitado.");
  if (!isInCirculation(card.state))
    return redirectWithFlash(c, `/ssi/carnets/${card.id}`, "Solo se puede inhabilitar un carnet impreso.");
  c.header("Cache-Control", "no-store");
  return c.html(
    <DisableConfirmPage
      ctx={pageContext(c)}
      card={card}
      person={person}
      reason={input.reason}
      note={input.note ?? ""}
    />,
  );
}

export function cardsRoutes() {
  const app = new Hono<AppEnv>();

  mount(app, "card.page", async (c) => {
    const { database, clock } = c.var.deps;
    const db = database.db;
    const personId = requireUser(c).id;
    const { card, photo, batch, missing } = await viewOwnCard(db, clock.now(), auditContext(c), personId);
    const timeline = [
      ...(card ? await cardTimeline(db, card.id) : []),
      ...(photo.latest ? await photoTimeline(db, photo.latest.id) : []),
    ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
    c.header("Cache-Control", "no-store");
    return c.html(
      <CardPage
        ctx={pageContext(c)}
        card={card}
        photo={photo}
        batch={batch}
        missing={missing}
        timeline={timeline}
      />,
    );
  });

  mount(app, "cards.show", (c) => renderSsiCard(c));

  mount(app, "cards.readyForPickup", (c) => {
    const { database, clock, config } = c.var.deps;
    return act(
      c,
      (id) => markReadyForPickup(database.db, clock.now(), auditContext(c), config, id),
      "Listo para entregar. Le avisamos a la persona por correo.",
    );
  });

  mount(app, "cards.deliver", async (c) => {
    const { database, clock } = c.var.deps;
    const form = await parseForm(c, deliverSchema);
    if (!form.ok) return renderSsiCard(c, form.errors);
    const { lanyard } = form.data;
    return act(
      c,
      (id) => markDelivered(database.db, clock.now(), auditContext(c), id, lanyard),
      lanyard === "pendiente" ? "Entrega registrada; la cinta quedó pendiente." : "Entrega registrada.",
    );
  });

  mount(app, "cards.lanyard", (c) => {
    const { database, clock } = c.var.deps;
    return act(
      c,
      async (id) => {
        await markLanyardDelivered(database.db, clock.now(), auditContext(c), id);
        return { id };
      },
      "Cinta entregada.",
    );
  });

  // Disabling cannot be undone: the card page's form leads here, and only this page's form confirms.
  mount(app, "cards.confirmDisable", (c) => {
    const form = validateForm(disableSchema, c.req.query());
    if (!form.ok) return renderSsiCard(c, form.errors, form.values);
    return renderDisableConfirmation(c, form.data);
  });

  mount(app, "cards.disable", async (c) => {
    const { database, clock } = c.var.deps;
    const form = await parseForm(c, disableSchema);
    if (!form.ok) return renderSsiCard(c, form.errors, form.values);
    const { reason, note } = form.data;
    // The card page's form, or a forged one-step request, only gets to the confirmation page; the note
    // travels in the body, never in an address that browsers and proxies keep.
    if (form.values.confirmar !== "si") return renderDisableConfirmation(c, { reason, note });
    return act(
      c,
      (id) => disableCard(database.db, clock.now(), auditContext(c), id, reason, note),
      "Carnet inhabilitado.",
    );
  });

  mount(app, "cards.requestNew", (c) => {
    const { database, clock } = c.var.deps;
    return act(
      c,
      (id) => requestNewCard(database.db, clock.now(), auditContext(c), id),
      "Se abrió la solicitud de un carnet nuevo.",
    );
  });

  mount(app, "cards.return", (c) => {
    const { database, clock } = c.var.deps;
    return act(
      c,
      (id) => markReturned(database.db, clock.now(), auditContext(c), id),
      "Devolución registrada.",
    );
  });

  mount(app, "cards.reprint", async (c) => {
    const { database, clock } = c.var.deps;
    const form = await parseForm(c, noteSchema);
    if (!form.ok) return renderSsiCard(c, form.errors);
    const { note } = form.data;
    return act(
      c,
      (id) => reprintCard(database.db, clock.now(), auditContext(c), id, note),
      "Se creó un carnet nuevo en la fila de impresión; el anterior quedó inhabilitado.",
    );
  });

  mount(app, "cards.misprint", (c) => {
    const { database, clock } = c.var.deps;
    return act(
      c,
      (id) => moveCard(database.db, clock.now(), auditContext(c), id, "lista_para_imprimir", "Mal impreso"),
      "El carnet volvió a la fila de impresión.",
    );
  });

  return app;
}
