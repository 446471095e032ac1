// Demo data: the dependencias tree, one account per role (each with its own one-time credential) and,
// around them, a campaign half-way through: a few hundred fictitious people and their cards in every state.
// Loaded on the embedded database's first start, or on request with `npm run sipap -- demo:load`.

// The demo writes through core services that areas extend (person changes, audit names).
import "../areas.ts";
import { batchUrlRefusal } from "../carnetizacion/batches/batches.service.ts";
import type { Config } from "../config.ts";
import { enrollPerson } from "../core/auth/auth.credentials.ts";
import {
  activeDependencias,
  createDependencia,
  findDependenciaByName,
} from "../core/dependencias/dependencias.service.ts";
import { deliverDue, type MailTransport } from "../core/mail/mail.service.ts";
import { findPersonByDocument } from "../core/people/people.service.ts";
import type { Storage } from "../core/storage/storage.types.ts";
import type { Database, Db } from "../db/client.ts";
import { type AuditContext, recordAudit } from "../shared/audit.ts";
import { ROLE_LABELS, type Role } from "../shared/auth/roles.ts";
import { createLogger, type Logger } from "../shared/logger.ts";
import { formatDateTime } from "../shared/time.ts";
import { tellCardLives } from "./demo.cards.ts";
import { tellComunicaciones } from "./demo.comunicaciones.ts";
import { DEMO_ACCOUNTS, DEMO_STAFF, DEPENDENCIAS_TREE, type SeedDependencia } from "./demo.data.ts";
import { loadDemoLibrary } from "./demo.library.ts";
import { openCurrentCampaign, tellCurrentLists, tellPastCampaign } from "./demo.lists.ts";
import { type DemoPhotoSet, makeDemoPhotos } from "./demo.photos.ts";
import { loadDemoPlans } from "./demo.plans.ts";
import { countDemoPeople } from "./demo.repository.ts";
import { tellRecentPhotos } from "./demo.review.ts";
import { buildRoster, DEMO_DOCUMENT_PREFIX, staffMember } from "./demo.roster.ts";
import { actingAs, openRequests, registerCast, timeline } from "./demo.story.ts";

/** How many fictitious people the demo registers (its staff and the people its lists add come on top). */
export const DEMO_CROWD = 300;

export interface DemoCredential {
  role: Role;
  documentNumber: string;
  name: string;
  credential: string;
  expiresAt: Date;
}

/** Creates the dependencias tree where missing; returns how many were created. */
export async function seedDependencias(db: Db, at: Date, audit: AuditContext): Promise<number> {
  let created = 0;
  const visit = async (items: SeedDependencia[], parentId: string | null) => {
    for (const [index, item] of items.entries()) {
      let existing = await findDependenciaByName(db, item.name);
      if (!existing) {
        const result = await createDependencia(db, at, audit, {
          name: item.name,
          acronym: item.acronym ?? null,
          parentId,
          sortOrder: index * 10,
          active: true,
        });
        if (!("id" in result)) throw new Error(`demo dependencia refused: ${result.message}`);
        existing = result;
        created++;
      }
      if (item.children) await visit(item.children, existing.id);
    }
  };
  await visit(DEPENDENCIAS_TREE, null);
  return created;
}

interface DemoDeps {
  config: Config;
  storage: Storage;
  logger: Logger;
}

/**
 * Loads what is missing of the demo data: the dependencias, one account per role (credentials are returned
 * only for accounts created now) and, once, the story around them. Nothing is written when everything is
 * there already, so a second load changes nothing.
 */
export async function loadDemoData(
  database: Database,
  at: Date,
  audit: AuditContext,
  config: Config,
  storage: Storage,
  logger: Logger = createLogger("silent"),
) {
  const db = database.db;
  const deps: DemoDeps = { config, storage, logger };
  const started = performance.now();
  // How long each part took, for the log and the benchmark note.
  const steps: Record<string, number> = {};
  let mark = started;
  const lap = (step: string) => {
    steps[step] = Math.round(performance.now() - mark);
    mark = performance.now();
  };
  const missingAccounts = [];
  for (const account of DEMO_ACCOUNTS)
    if (!(await findPersonByDocument(db, account.documentNumber))) missingAccounts.push(account);
  const storyLoaded = (await countDemoPeople(db, DEMO_DOCUMENT_PREFIX)) > 0;
  const missingDependencias = [];
  for (const name of dependenciaNames(DEPENDENCIAS_TREE))
    if (!(await findDependenciaByName(db, name))) missingDependencias.push(name);
  // Printed demo cards carry QR codes: where batches are refused (PostgreSQL with a local PUBLIC_BASE_URL)
  // only the accounts are loaded, and the caller says why.
  const refusal = storyLoaded ? undefined : batchUrlRefusal(deps.config);
  if (missingAccounts.length === 0 && (storyLoaded || refusal) && missingDependencias.length === 0) {
    const plans = await loadDemoPlans(database, storage, config, at);
    const library = await loadDemoLibrary(database, storage, config, at);
    return { dependencias: 0, credentials: [], story: undefined, storySkipped: refusal, plans, library };
  }

  // The story's photos are made (much of it on libvips' threads) while the accounts and people are written.
  const photosReady = storyLoaded || refusal ? undefined : makeDemoPhotos();
  photosReady?.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled
  await recordAudit(db, at, audit, { action: "demo.loaded" });
  const dependencias = await seedDependencias(db, at, audit);
  const credentials: DemoCredential[] = [];
  for (const account of missingAccounts) {
    const dependencia = await findDependenciaByName(db, account.dependencia);
    const roles: Role[] = account.role === "servidor" ? ["servidor"] : ["servidor", account.role];
    const enrolled = await enrollPerson(
      db,
      at,
      audit,
      deps.config,
      {
        documentType: "CC",
        documentNumber: account.documentNumber,
        firstNames: account.firstNames,
        lastNames: account.lastNames,
        email: null,
        dependenciaId: dependencia?.id ?? "",
      },
      roles,
    );
    credentials.push({
      role: account.role,
      documentNumber: account.documentNumber,
      name: `${account.firstNames} ${account.lastNames}`,
      credential: enrolled.credential,
      expiresAt: enrolled.expiresAt,
    });
  }
  lap("accounts");
  const people = photosReady && (await loadDemoStory(db, at, audit, deps, photosReady, lap));
  const plans = await loadDemoPlans(database, storage, config, at);
  lap("plans");
  const library = await loadDemoLibrary(database, storage, config, at);
  lap("library");
  const story = people ? { people, ms: Math.round(performance.now() - started), steps } : undefined;
  return { dependencias, credentials, story, storySkipped: refusal, plans, library };
}

const dependenciaNames = (items: SeedDependencia[]): string[] =>
  items.flatMap((d) => [d.name, ...dependenciaNames(d.children ?? [])]);

// The demo has no mail server: messages older than a week are marked delivered through the outbox's
// own delivery code with a transport that drops them, so the outbox shows sent and pending messages.
const dropMessages: MailTransport = { send: async () => {} };

/** The story around the demo accounts, in one transaction: all of it or none. */
async function loadDemoStory(
  db: Db,
  at: Date,
  audit: AuditContext,
  deps: DemoDeps,
  photosReady: Promise<DemoPhotoSet>,
  lap: (step: string) => void,
) {
  const dependenciaIds = new Map((await activeDependencias(db)).map((d) => [d.name, d.id]));
  const { ago, day } = timeline(at);
  const emailDomain = deps.config.entity.emailDomain;
  const roster = buildRoster({
    size: DEMO_CROWD,
    dependencias: [...dependenciaIds.keys()],
    emailDomain,
    day,
  });
  // Addresses are unique within the crowd; a colleague named like someone in it gets a numbered one.
  const taken = new Set(roster.map((p) => p.email));
  const staff = DEMO_STAFF.map((s, i) => {
    const person = staffMember(s, roster.length + i + 1, emailDomain);
    if (taken.has(person.email)) person.email = person.email.replace("@", `${i + 1}@`);
    taken.add(person.email);
    return { role: s.role, person };
  });
  await db.transaction(async (tx) => {
    const setting = { db: tx, storage: deps.storage, logger: deps.logger, config: deps.config, now: at };
    const cast = await registerCast(setting, roster, staff, dependenciaIds, audit);
    const ssi = actingAs(cast.operators[0] ?? { id: "" });
    await tellPastCampaign(setting, cast, ssi);
    const campaign = await openCurrentCampaign(setting, ssi);
    await openRequests(setting, cast, campaign.id, ago(29, 8));
    lap("people");
    const ctx = { ...setting, photos: await photosReady };
    lap("photos");
    await tellCardLives(ctx, cast);
    lap("cards");
    await tellCurrentLists(ctx, cast, campaign.id, roster.length + staff.length + 1);
    lap("lists");
    await tellRecentPhotos(ctx, cast);
    await tellComunicaciones(ctx, cast);
    lap("comunicaciones");
    for (let round = 0; round < 100; round++)
      if ((await deliverDue(tx, ago(8, 18), dropMessages, deps.config.mailFrom, 200)) === 0) break;
    lap("review");
  });
  return roster.length + staff.length;
}

/** The text printed on the console and written to DATA_DIR/demo-accounts.txt. */
export function formatDemoCredentials(credentials: DemoCredential[], baseUrl: string): string {
  const lines = [
    "Cuentas de demostración de SIPAP (una por rol).",
    `Ingrese en ${baseUrl}/ingresar con el número de documento y la credencial inicial;`,
    "cada credencial sirve una sola vez y SIPAP pide crear una contraseña nueva al entrar.",
    "",
    ...credentials.map(
      (c) =>
        `${ROLE_LABELS[c.role].padEnd(24)} documento ${c.documentNumber}  credencial ${c.credential}  (vence ${formatDateTime(c.expiresAt)})`,
    ),
    "",
    "Para una credencial nueva: npm run sipap -- credential:reset --doc <número>",
  ];
  return `${lines.join("\n")}\n`;
}
