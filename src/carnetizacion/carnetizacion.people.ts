// Carnetización's panel on staff's page of a person (core's people.panels.ts): the photo and card states,
// and a photo taken at the office, which goes to review whatever the checks say, with no upload limit.
import { checkMayUploadPhoto } from "../core/people/people.edit.ts";
import type { PersonPanel } from "../core/people/people.panels.ts";
import { AppError } from "../shared/errors.ts";
import { CARD_STATE_LABELS } from "./cards/cards.rules.ts";
import { findLatestCard } from "./cards/cards.service.ts";
import { PhotoAndCardPanel } from "./carnetizacion.people.views.tsx";
import { PHOTO_STATE_LABELS } from "./photos/photos.rules.ts";
import { checkPhoto, findLatestPhoto, savePhoto } from "./photos/photos.service.ts";

export const photoAndCardPanel: PersonPanel = {
  id: "foto",
  async render(db, person, page) {
    const [photo, card] = await Promise.all([findLatestPhoto(db, person.id), findLatestCard(db, person.id)]);
    return PhotoAndCardPanel({
      person,
      csrfToken: page.csrfToken,
      photoLabel: photo && PHOTO_STATE_LABELS[photo.state],
      card: card && { id: card.id, label: CARD_STATE_LABELS[card.state] },
      error: page.error,
    });
  },
  async submit({ db, storage, at, audit, actor, person, body }) {
    const file = body.photo;
    if (!(file instanceof File) || file.size === 0)
      return { ok: false, error: "Elija la foto antes de cargarla." };
    const checked = await checkPhoto(Buffer.from(await file.arrayBuffer()));
    if (!checked.files) return { ok: false, error: checked.checks.find((check) => !check.ok)?.message };
    await checkMayUploadPhoto(db, at, audit, actor, person.id);
    try {
      await savePhoto(db, storage, at, audit, person.id, checked, { byOperator: true });
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return { ok: false, error: error.userMessage };
      throw error;
    }
    return { ok: true, flash: "Foto cargada: quedó en la fila de revisión." };
  },
};
