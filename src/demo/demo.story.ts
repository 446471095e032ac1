// The demo's story, its setting: when things happened (a timeline over the last weeks), who is who (the
// people registered with their roles and activated accounts) and the card requests the campaign opened.
// The crowd is written in bulk (demo.repository.ts writes the rows the services write); every distinct
// event (a batch, a misprint, a disable, a reprint, a list, a return) goes through the real service.
import { randomBytes } from "node:crypto";
import { openCardRequests } from "../carnetizacion/cards/cards.service.ts";
import type { Config } from "../config.ts";
import { createPeople, type Person, setRoles } from "../core/people/people.service.ts";
import type { Storage } from "../core/storage/storage.types.ts";
import type { Db } from "../db/client.ts";
import type { AuditContext } from "../shared/audit.ts";
import { hashPassword } from "../shared/auth/passwords.ts";
import type { Role } from "../shared/auth/roles.ts";
import type { Logger } from "../shared/logger.ts";
import { bogotaDay, startOfBogotaDay } from "../shared/time.ts";
import type { DemoPhotoSet } from "./demo.photos.ts";
import * as repo from "./demo.repository.ts";
import type { DemoPerson, Profile } from "./demo.roster.ts";

const DAY = 86_400_000;

export interface DemoContext {
  db: Db;
  storage: Storage;
  logger: Logger;
  config: Config;
  now: Date;
  photos: DemoPhotoSet;
}

/** The story's first chapters need no photos: those are made meanwhile. */
export type DemoSetting = Omit<DemoContext, "photos">;

/** Who the demo's people are once in the database, by profile, with their card. */
export interface Cast {
  byProfile: Map<Profile, Person[]>;
  /** The colleagues who did the earlier work; their own cards wait in the print queue. */
  staff: Person[];
  cardOf: Map<string, string>;
  operators: Person[];
  enlaces: Map<string, Person>;
  dependenciaIds: Map<string, string>;
}

export const actingAs = (person: { id: string }): AuditContext => ({
  actorId: person.id,
  ip: null,
  requestId: null,
});

/**
 * A moment `days` ago at `hour` (Bogotá office hours), never in the future. Early in January the story
 * is squeezed into the days since 1 January, so no card is printed in the previous year (planta cards are
 * valid until 31 December of the year they are printed).
 */
export function timeline(now: Date) {
  const yearStart = startOfBogotaDay(`${bogotaDay(now).slice(0, 4)}-01-01`) ?? now;
  const squeeze = Math.min(1, Math.max(0.01, (now.getTime() - yearStart.getTime()) / DAY - 0.5) / 30);
  const ago = (days: number, hour = 9) => {
    const day = bogotaDay(new Date(now.getTime() - days * squeeze * DAY));
    const at = new Date((startOfBogotaDay(day) ?? now).getTime() + hour * 3_600_000);
    // Today's events that would fall later than now happen a quarter of an hour ago (a step after them
    // may come a few minutes later, still in the past).
    const latest = now.getTime() - 15 * 60_000;
    return at.getTime() < latest ? at : new Date(latest - days * 1000);
  };
  const day = (offsetDays: number) =>
    offsetDays > 0 ? bogotaDay(new Date(now.getTime() + offsetDays * DAY)) : bogotaDay(ago(-offsetDays));
  return { ago, day };
}

/** Registers the roster and the staff who did the earlier work, with their roles and activated accounts. */
export async function registerCast(
  ctx: DemoSetting,
  roster: DemoPerson[],
  staff: { person: DemoPerson; role: Role }[],
  dependenciaIds: Map<string, string>,
  registeredBy: AuditContext,
): Promise<Cast> {
  const { ago } = timeline(ctx.now);
  // One hash of a secret thrown away at once: these accounts exist and are activated, but nobody can sign
  // in with them (only the demo accounts can), and the hourly sweep does not mail them credentials.
  // Hashed on a worker thread while the people are written.
  const unusable = hashPassword(randomBytes(24).toString("base64"));
  const all = [...staff.map((s) => s.person), ...roster];
  const created = await createPeople(
    ctx.db,
    ago(90),
    registeredBy,
    all.map(({ profile: _p, look: _l, dependencia, ...p }) => ({
      ...p,
      dependenciaId: dependenciaIds.get(dependencia) ?? null,
    })),
    { demo: true },
  );
  const byDocument = new Map(created.map((p) => [p.documentNumber, p]));
  const personOf = (d: DemoPerson) => byDocument.get(d.documentNumber) as Person;
  for (const s of staff)
    await setRoles(ctx.db, ago(89), registeredBy, personOf(s.person).id, ["servidor", s.role]);
  const ids = created.map((p) => p.id);
  await repo.insertPasswords(ctx.db, ids, await unusable, ago(80));
  await repo.setPrivacyAccepted(ctx.db, ids, ago(80));

  const byProfile = new Map<Profile, Person[]>();
  for (const d of roster) byProfile.set(d.profile, [...(byProfile.get(d.profile) ?? []), personOf(d)]);
  const operators = staff.filter((s) => s.role === "operador_ssi").map((s) => personOf(s.person));
  const enlaces = new Map(
    staff.filter((s) => s.role === "enlace").map((s) => [s.person.dependencia, personOf(s.person)]),
  );
  const staffPeople = staff.map((s) => personOf(s.person));
  return { byProfile, staff: staffPeople, cardOf: new Map(), operators, enlaces, dependenciaIds };
}

/** Every registered person gets a card request when the campaign opens. */
export async function openRequests(ctx: DemoSetting, cast: Cast, campaignId: string, at: Date) {
  const everyone = [...cast.staff, ...[...cast.byProfile.values()].flat()];
  const cards = await openCardRequests(
    ctx.db,
    at,
    actingAs(cast.operators[0] as Person),
    everyone.map((p) => p.id),
    { campaignId },
  );
  for (const card of cards) cast.cardOf.set(card.personId, card.id);
}
