// The demo's campaigns and the lists the dependencias sent, through the real campaign service (typed lists,
// checked, previewed and applied): a closed campaign some dependencias missed (late), and the open
// «Carnetización» campaign where some dependencias sent all three lists, some part, and some nothing yet.

import {
  applySubmission,
  closeCampaign,
  type ListInput,
  openCampaign,
  submitList,
} from "../carnetizacion/campaigns/campaigns.service.ts";
import type { ListKind } from "../carnetizacion/campaigns/campaigns.table.ts";
import { markReturned } from "../carnetizacion/cards/cards.service.ts";
import { issueInitialCredential } from "../core/auth/auth.credentials.ts";
import type { Person } from "../core/people/people.service.ts";
import type { AuditContext } from "../shared/audit.ts";
import type { CurrentUser } from "../shared/auth/roles.ts";
import { startOfBogotaDay } from "../shared/time.ts";
import { DEMO_DOCUMENT_PREFIX, DEMO_EMAIL_PREFIX } from "./demo.roster.ts";
import { actingAs, type Cast, type DemoContext, type DemoSetting, timeline } from "./demo.story.ts";

const liaison = (person: Person): CurrentUser => ({
  id: person.id,
  sessionId: "demo",
  firstNames: person.firstNames,
  lastNames: person.lastNames,
  dependenciaId: person.dependenciaId,
  roles: ["servidor", "enlace"],
  mustChangePassword: false,
  privacyPending: false,
});

const line = (p: Person) => `${p.firstNames} ${p.lastNames};${p.documentNumber}`;
const dmy = (iso: string) => iso.split("-").reverse().join("/");

async function send(
  ctx: DemoSetting,
  enlace: Person,
  campaignId: string,
  kind: ListKind,
  input: ListInput,
  at: Date,
  apply = true,
) {
  const user = liaison(enlace);
  const audit = actingAs(enlace);
  const submission = await submitList(
    ctx.db,
    ctx.storage,
    at,
    audit,
    ctx.config,
    user,
    campaignId,
    kind,
    input,
  );
  if (!apply) return [];
  const applied = await applySubmission(
    ctx.db,
    new Date(at.getTime() + 90_000),
    audit,
    ctx.config,
    user,
    submission.id,
  );
  return applied.newPeople;
}

/** A campaign that closed weeks ago: three dependencias sent their (empty) lists in time, the rest are late. */
export async function tellPastCampaign(ctx: DemoSetting, cast: Cast, ssi: AuditContext) {
  const { ago } = timeline(ctx.now);
  const deadline = new Date(ago(55).getTime() + 8 * 3_600_000); // 17:00 in Bogotá
  const campaign = await openCampaign(ctx.db, ago(75, 8), ssi, {
    name: "Actualización de contratistas, segundo semestre",
    deadline,
    reminderDays: 3,
  });
  const onTime = [
    "Secretaría de Hacienda",
    "Secretaría de Salud",
    "Subsecretaría de Sistemas de Información",
  ];
  for (const [i, dependencia] of onTime.entries()) {
    const enlace = cast.enlaces.get(dependencia);
    if (!enlace) continue;
    for (const kind of ["desvinculados", "contratistas", "cintas"] as const)
      await send(ctx, enlace, campaign.id, kind, { empty: true }, ago(62 - i, 10));
  }
  await closeCampaign(ctx.db, ago(54, 8), ssi, campaign.id);
}

/** The open campaign: its deadline three weeks ahead at 17:00 Bogotá time. */
export async function openCurrentCampaign(ctx: DemoSetting, ssi: AuditContext) {
  const { ago, day } = timeline(ctx.now);
  const deadline = new Date((startOfBogotaDay(day(21)) ?? ctx.now).getTime() + 17 * 3_600_000);
  return openCampaign(ctx.db, ago(30, 8), ssi, {
    name: `Carnetización ${day(0).slice(0, 4)}`,
    deadline,
    reminderDays: 3,
  });
}

// List 2 carries no cargo: these people wait with «cargo u objeto del contrato» missing.
interface NewContractor {
  firstNames: string;
  lastNames: string;
  email: string;
}

const NEW_CONTRACTORS: Record<string, NewContractor[]> = {
  "Secretaría de Hacienda": [
    { firstNames: "Camila Andrea", lastNames: "Portilla Zambrano", email: "camila.portilla" },
    { firstNames: "Julián Esteban", lastNames: "Mora Burbano", email: "julian.mora" },
  ],
  "Secretaría de Salud": [
    { firstNames: "Daniela Sofía", lastNames: "Enríquez Cabrera", email: "daniela.enriquez" },
    { firstNames: "Mateo", lastNames: "Santacruz Obando", email: "mateo.santacruz" },
  ],
  "Secretaría de Cultura": [{ firstNames: "Luisa María", lastNames: "Pasos Bastidas", email: "luisa.pasos" }],
};

/**
 * The open campaign's lists. People who left (list 1) lose their card (to recover) or their pending
 * request (cancelled); contractors who continue (list 2) are registered and get their credential by
 * e-mail; list 3 leaves lanyards pending. Educación still owes list 2 and has a preview with mistakes.
 */
export async function tellCurrentLists(
  ctx: DemoContext,
  cast: Cast,
  campaignId: string,
  firstSerial: number,
) {
  const { ago, day } = timeline(ctx.now);
  const inDependencia = (dependencia: string, ...profiles: Parameters<typeof cast.byProfile.get>[0][]) =>
    profiles
      .flatMap((p) => cast.byProfile.get(p) ?? [])
      .filter((p) => p.dependenciaId === cast.dependenciaIds.get(dependencia));
  const newPeople: string[] = [];
  let serial = firstSerial;
  const contractorLines = (dependencia: string) =>
    (NEW_CONTRACTORS[dependencia] ?? []).map((c, i) =>
      [
        "CC",
        `${DEMO_DOCUMENT_PREFIX}${String(serial++).padStart(5, "0")}`,
        c.firstNames,
        c.lastNames,
        dependencia,
        `OPS-${day(0).slice(0, 4)}-${900 + serial}`,
        dmy(day(-3)),
        dmy(day(150 + i * 30)),
        `${DEMO_EMAIL_PREFIX}${c.email}@${ctx.config.entity.emailDomain}`,
        `3${String(150_000_000 + serial * 7919).slice(0, 9)}`,
        i % 2 ? "A+" : "O+",
      ].join(";"),
    );
  const plan: { dependencia: string; lists: Partial<Record<ListKind, string[] | "vacía">>; day: number }[] = [
    {
      dependencia: "Secretaría de Hacienda",
      day: 10,
      lists: {
        desvinculados: inDependencia("Secretaría de Hacienda", "por_recuperar", "devuelta").map(line),
        contratistas: contractorLines("Secretaría de Hacienda"),
        cintas: inDependencia("Secretaría de Hacienda", "cinta_por_lista").map(line),
      },
    },
    {
      dependencia: "Secretaría de Salud",
      day: 8,
      lists: {
        desvinculados: inDependencia("Secretaría de Salud", "por_recuperar", "devuelta", "cancelada").map(
          line,
        ),
        contratistas: contractorLines("Secretaría de Salud"),
        cintas: inDependencia("Secretaría de Salud", "cinta_por_lista").map(line),
      },
    },
    {
      dependencia: "Secretaría de Educación",
      day: 6,
      lists: {
        desvinculados: inDependencia("Secretaría de Educación", "por_recuperar", "cancelada").map(line),
        cintas: inDependencia("Secretaría de Educación", "cinta_por_lista").map(line),
      },
    },
    {
      dependencia: "Secretaría de Gobierno",
      day: 5,
      lists: {
        desvinculados: inDependencia("Secretaría de Gobierno", "por_recuperar", "devuelta", "cancelada").map(
          line,
        ),
      },
    },
    {
      dependencia: "Secretaría de Tránsito y Transporte",
      day: 4,
      lists: { cintas: inDependencia("Secretaría de Tránsito y Transporte", "cinta_por_lista").map(line) },
    },
    {
      dependencia: "Secretaría de Cultura",
      day: 3,
      lists: {
        desvinculados: "vacía",
        contratistas: contractorLines("Secretaría de Cultura"),
        cintas: "vacía",
      },
    },
    {
      dependencia: "Subsecretaría de Sistemas de Información",
      day: 9,
      lists: { desvinculados: "vacía", contratistas: "vacía", cintas: "vacía" },
    },
    { dependencia: "Subsecretaría de Talento Humano", day: 2, lists: { desvinculados: "vacía" } },
  ];
  for (const { dependencia, lists, day: daysAgo } of plan) {
    const enlace = cast.enlaces.get(dependencia);
    if (!enlace) continue;
    for (const [i, [kind, rows]] of (Object.entries(lists) as [ListKind, string[] | "vacía"][]).entries()) {
      const input: ListInput =
        rows === "vacía" || rows.length === 0 ? { empty: true } : { typed: rows.join("\n") };
      newPeople.push(...(await send(ctx, enlace, campaignId, kind, input, ago(daysAgo, 9 + i))));
    }
  }

  // Educación's list 2, typed yesterday with mistakes: a preview the liaison still has to fix.
  const educacion = cast.enlaces.get("Secretaría de Educación");
  if (educacion) {
    const typed = [
      `CC;${DEMO_DOCUMENT_PREFIX}${String(serial++).padStart(5, "0")};Kevin Andrés;Arteaga Melo;Secretaría de Educación;OPS-${day(0).slice(0, 4)}-0777;${dmy(day(-2))};${dmy(day(200))};kevin.arteaga@gmail.com;3001234567;O+`,
      `CC;${DEMO_DOCUMENT_PREFIX}${String(serial++).padStart(5, "0")};Yuli Marcela;Revelo Díaz;Secretaría de Educación;OPS-${day(0).slice(0, 4)}-0778;${dmy(day(-2))};${dmy(day(-30))};${DEMO_EMAIL_PREFIX}yuli.revelo@${ctx.config.entity.emailDomain};3101234567;O positivo`,
    ].join("\n");
    await send(ctx, educacion, campaignId, "contratistas", { typed }, ago(1, 16), false);
  }

  // Credentials for the people list 2 registered, by individual e-mail (still in the outbox).
  const ssi = actingAs(cast.operators[0] as Person);
  for (const personId of newPeople)
    await issueInitialCredential(ctx.db, ago(2, 11), ssi, ctx.config, personId);

  // Some of the people who left already brought their card back.
  for (const p of cast.byProfile.get("devuelta") ?? [])
    await markReturned(ctx.db, ago(2, 15), ssi, cast.cardOf.get(p.id) as string);
}
