// The home page of each person: the steps an area asks of them (carnetización: datos → foto → carnet).
// Core knows no area: src/areas.ts registers the provider (docs/ARCHITECTURE.md, "Areas and core").
import type { Db } from "../../db/client.ts";
import type { JourneyStep } from "../../shared/views/JourneySteps.tsx";

export type { JourneyStep } from "../../shared/views/JourneySteps.tsx";

/** The steps an area asks of a person, or undefined when it asks nothing of them. */
export type HomeJourneyProvider = (db: Db, personId: string) => Promise<JourneyStep[] | undefined>;

const providers: HomeJourneyProvider[] = [];

export function registerHomeJourney(provider: HomeJourneyProvider): void {
  if (!providers.includes(provider)) providers.push(provider);
}

/** The person's journey, from the first area that has one for them. */
export async function findHomeJourney(db: Db, personId: string): Promise<JourneyStep[] | undefined> {
  for (const provider of providers) {
    const steps = await provider(db, personId);
    if (steps) return steps;
  }
  return undefined;
}
