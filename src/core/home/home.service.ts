// The home page of each person: where their own card stands (datos → foto → carnet).

import { findLatestCard } from "../../carnetizacion/cards/cards.service.ts";
import { findLatestPhoto } from "../../carnetizacion/photos/photos.service.ts";
import type { Db } from "../../db/client.ts";
import { findPersonById } from "../people/people.service.ts";
import { type JourneyStep, journeySteps } from "./home.rules.ts";

/** The person's card steps; undefined for someone who left (they get no card). */
export async function findCardJourney(db: Db, personId: string): Promise<JourneyStep[] | undefined> {
  const person = await findPersonById(db, personId);
  if (person?.status !== "activo") return undefined;
  const [photo, card] = await Promise.all([findLatestPhoto(db, personId), findLatestCard(db, personId)]);
  return journeySteps({ person, photo, card });
}
