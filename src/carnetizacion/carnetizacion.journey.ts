// Where a person's own card stands (datos → foto → carnet), for the home page and the self-service pages.
import { findPersonById } from "../core/people/people.service.ts";
import type { Db } from "../db/client.ts";
import { findLatestCard } from "./cards/cards.service.ts";
import { type JourneyStep, journeySteps } from "./carnetizacion.journey.rules.ts";
import { findLatestPhoto } from "./photos/photos.service.ts";

/** The person's card steps; undefined for someone who left (they get no card). */
export async function findCardJourney(db: Db, personId: string): Promise<JourneyStep[] | undefined> {
  const person = await findPersonById(db, personId);
  if (person?.status !== "activo") return undefined;
  const [photo, card] = await Promise.all([findLatestPhoto(db, personId), findLatestCard(db, personId)]);
  return journeySteps({ person, photo, card });
}
