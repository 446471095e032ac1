import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn } from "../../../test/factories.ts";
import * as lists from "../../../test/lists.ts";
import { makeReadyToPrint, printBatch } from "../../../test/production.ts";
import { initialCredentials, sessions } from "../../core/auth/auth.table.ts";
import { outbox } from "../../core/mail/mail.table.ts";
import { people } from "../../core/people/people.table.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { cards } from "../cards/cards.table.ts";
import { listSubmissions } from "./campaigns.table.ts";
import { sendReminders } from "./campaigns.tracking.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const db = () => ctx.database.db;
const DAY = 86_400_000;

const ssiClient = () => lists.ssiClient(ctx);
const openCampaign = (daysAhead?: number) => lists.openCampaign(ctx, daysAhead);
const liaisonOf = (dependenciaId: string) => lists.liaisonOf(ctx, dependenciaId);
const nameAs = (personId: string, firstNames: string, lastNames: string) =>
  lists.nameAs(ctx, personId, firstNames, lastNames);
const { previewId } = lists;

describe("the desvinculados list", () => {
  it("previews with bad rows and their reasons, changes nothing, then applies all at once", async () => {
    const campaignId = await openCampaign();
    const dependencia = await makeDependencia(ctx);
    const other = await makeDependencia(ctx);
    const { client } = await liaisonOf(dependencia.id);
    const leaving = await makeReadyToPrint(ctx, { dependenciaId: dependencia.id });
    await printBatch(ctx, [leaving.card.id]);
    Object.assign(leaving.person, await nameAs(leaving.person.id, "Lucía", "Pérez Gómez"));
    const stranger = await makePerson(ctx, { dependenciaId: other.id });

    const typed = [
      `${leaving.person.firstNames} ${leaving.person.lastNames}; ${leaving.person.documentNumber}`,
      `Alguien Más; ${stranger.documentNumber}`,
      "Nadie; 999",
    ].join("\n");
    const sent = await client.post(`/dependencia/listas/${campaignId}/desvinculados`, { typed });
    expect(sent.status).toBe(303);
    const preview = await (await client.get(sent.headers.get("location") ?? "")).text();
    expect(preview).toContain("2 filas tienen errores");
    // Another dependencia's person and an unknown number read the same: no way to learn who exists.
    expect(preview.match(/no es de una persona de [^<]* registrada en SIPAP/g)).toHaveLength(2);
    expect(preview).not.toContain("Aplicar las");
    const applyBad = await client.post(`/dependencia/envios/${previewId(sent)}/aplicar`, {});
    expect(applyBad.status).toBe(422);
    expect((await db().select().from(people).where(eq(people.id, leaving.person.id)))[0]?.status).toBe(
      "activo",
    );

    const fixed = await client.post(`/dependencia/listas/${campaignId}/desvinculados`, {
      typed: `${leaving.person.firstNames} ${leaving.person.lastNames}; ${leaving.person.documentNumber.replace(/(\d{3})(?=\d)/g, "$1.")}`,
    });
    const id = previewId(fixed);
    expect((await client.post(`/dependencia/envios/${id}/aplicar`, {})).status).toBe(303);
    const [after] = await db().select().from(people).where(eq(people.id, leaving.person.id));
    expect(after?.status).toBe("desvinculado");
    const [card] = await db().select().from(cards).where(eq(cards.id, leaving.card.id));
    expect(card).toMatchObject({ state: "inhabilitada", disabledReason: "desvinculacion" });
    expect(await db().select().from(sessions).where(eq(sessions.personId, leaving.person.id))).toEqual([]);
    const audits = await db().select().from(auditLog).where(eq(auditLog.targetId, leaving.person.id));
    expect(audits.some((a) => (a.details as { submissionId?: string }).submissionId === id)).toBe(true);

    // The same list again changes nothing.
    const again = await client.post(`/dependencia/listas/${campaignId}/desvinculados`, {
      typed: `PEREZ LUCIA; ${leaving.person.documentNumber}`,
    });
    await client.post(`/dependencia/envios/${previewId(again)}/aplicar`, {});
    const [second] = await db()
      .select()
      .from(listSubmissions)
      .where(eq(listSubmissions.id, previewId(again)));
    expect(second?.effects).toMatchObject({ desvinculadas: 0, carnetsInhabilitados: 0, sinCambios: 1 });
  });
});

describe("names in lists 1 and 3", () => {
  it("refuses a row typed in the wrong column order, showing SIPAP's name, and applies nothing", async () => {
    const campaignId = await openCampaign();
    const dependencia = await makeDependencia(ctx);
    const { client } = await liaisonOf(dependencia.id);
    const lucia = await makePerson(ctx, { dependenciaId: dependencia.id });
    await nameAs(lucia.id, "Lucía", "Pérez Gómez");
    const sent = await client.post(`/dependencia/listas/${campaignId}/desvinculados`, {
      typed: `CC;${lucia.documentNumber};Lucía Pérez Gómez`,
    });
    expect(sent.status).toBe(303);
    const preview = await (await client.get(sent.headers.get("location") ?? "")).text();
    expect(preview).toContain("1 fila tiene errores");
    expect(preview).toContain("En el nombre está «CC», que es un tipo de documento");
    expect(preview).toContain("Lucía Pérez Gómez");
    expect(preview).not.toContain("Aplicar la fila");
    expect((await client.post(`/dependencia/envios/${previewId(sent)}/aplicar`, {})).status).toBe(422);
    const [after] = await db().select().from(people).where(eq(people.id, lucia.id));
    expect(after?.status).toBe("activo");
  });

  it("flags a name that does not match SIPAP's and applies only once the liaison confirms it", async () => {
    const campaignId = await openCampaign();
    const dependencia = await makeDependencia(ctx);
    const { client, person: liaison } = await liaisonOf(dependencia.id);
    const lucia = await makePerson(ctx, { dependenciaId: dependencia.id });
    await nameAs(lucia.id, "Lucía", "Pérez Gómez");
    const marta = await makePerson(ctx, { dependenciaId: dependencia.id });
    await nameAs(marta.id, "Marta Cecilia", "Rosero");
    const typed = [`LUCIA PEREZ;${lucia.documentNumber}`, `Carlos Bravo;${marta.documentNumber}`].join("\n");
    const sent = await client.post(`/dependencia/listas/${campaignId}/desvinculados`, { typed });
    const id = previewId(sent);
    const preview = await (await client.get(`/dependencia/envios/${id}`)).text();
    expect(preview).toContain("2 filas están listas para aplicar");
    expect(preview).toContain("Un nombre no coincide con el de SIPAP");
    expect(preview).toMatch(/Carlos Bravo<\/td>.*Marta Cecilia Rosero/s);
    expect(preview).toContain('name="confirmar" value="2"');
    expect(preview).not.toContain('name="confirmar" value="1"');

    const refused = await client.post(`/dependencia/envios/${id}/aplicar`, {});
    expect(refused.status).toBe(422);
    const refusedPage = await refused.text();
    expect(refusedPage).toContain('href="#confirmar-2"');
    expect(refusedPage).toContain("Fila 2: confirme que es Marta Cecilia Rosero");
    for (const who of [lucia, marta]) {
      const [row] = await db().select().from(people).where(eq(people.id, who.id));
      expect(row?.status).toBe("activo");
    }

    const confirmed = await client.post(`/dependencia/envios/${id}/aplicar`, { confirmar: ["2"] });
    expect(confirmed.status).toBe(303);
    for (const who of [lucia, marta]) {
      const [row] = await db().select().from(people).where(eq(people.id, who.id));
      expect(row?.status).toBe("desvinculado");
    }
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, "list.applied")));
    expect(audit?.actorId).toBe(liaison.id);
    expect(audit?.details).toMatchObject({ namesConfirmed: [{ line: 2, personId: marta.id }] });
  });

  it("shows SIPAP's name beside every row of a lanyard list", async () => {
    const campaignId = await openCampaign();
    const dependencia = await makeDependencia(ctx);
    const { client } = await liaisonOf(dependencia.id);
    const holder = await makeReadyToPrint(ctx, { dependenciaId: dependencia.id });
    await printBatch(ctx, [holder.card.id]);
    await nameAs(holder.person.id, "María José", "Nariño Muñoz");
    const sent = await client.post(`/dependencia/listas/${campaignId}/cintas`, {
      typed: `Ma. José Nariño;${holder.person.documentNumber}`,
    });
    const preview = await (await client.get(sent.headers.get("location") ?? "")).text();
    expect(preview).toContain("1 fila está lista para aplicar");
    expect(preview).toMatch(
      /Ma\. José Nariño<\/td><td data-label="Nombre en SIPAP">María José Nariño Muñoz<\/td>/,
    );
    expect(preview).not.toContain("No coincide");
    expect((await client.post(`/dependencia/envios/${previewId(sent)}/aplicar`, {})).status).toBe(303);
  });
});

describe("the list preview", () => {
  it("lists every problem of a row, with the typed name and the name SIPAP has", async () => {
    const campaignId = await openCampaign();
    const dependencia = await makeDependencia(ctx);
    const other = await makeDependencia(ctx);
    const { client } = await liaisonOf(dependencia.id);
    const known = await makePerson(ctx, { dependenciaId: dependencia.id });
    await nameAs(known.id, "José", "Nariño Muñoz");
    const stranger = await makePerson(ctx, { dependenciaId: other.id });
    await nameAs(stranger.id, "Luis", "Rosero");
    const typed = [
      `CC;${known.documentNumber};José;Nariño;;;15/01/2026;31/12/2026;jose@gmail.com;;Z+`,
      `CC;${stranger.documentNumber};Luis;Rosero;;OPS-1;15/01/2026;31/12/2026;luis@pasto.gov.co;;O+`,
    ].join("\n");
    const sent = await client.post(`/dependencia/listas/${campaignId}/contratistas`, { typed });
    const preview = await (await client.get(sent.headers.get("location") ?? "")).text();
    expect(preview).toContain("2 filas tienen errores");
    for (const message of [
      "Falta el número de contrato.",
      "debe ser institucional",
      "El grupo sanguíneo debe ser",
    ])
      expect(preview).toContain(message);
    expect(preview).toMatch(/José Nariño<\/td><td data-label="Nombre en SIPAP">José Nariño Muñoz<\/td>/);
    // Someone else's person: the problem is named, their name in SIPAP is not shown.
    expect(preview).toContain("es de una persona de otra dependencia");
    expect(preview).toMatch(/Luis Rosero<\/td><td data-label="Nombre en SIPAP"><\/td>/);
  });
});

describe("the contractors list", () => {
  it("registers new contractors, opens their card requests and e-mails each a credential", async () => {
    const campaignId = await openCampaign();
    const dependencia = await makeDependencia(
      ctx,
      `Secretaría de Tránsito ${Math.random().toString(36).slice(2, 6)}`,
    );
    const { client } = await liaisonOf(dependencia.id);
    const typed = [
      `CC;1.085.900.111;José;Nariño Muñoz;${dependencia.name};OPS-2026-101;15/01/2026;31/12/2026;jose.narino@pasto.gov.co;3001234567;O+`,
      "CC;1085900112;Ana;Paz;;OPS-2026-102;15/01/2026;10/01/2026;ana.paz@gmail.com;3001234567;Z+",
    ].join("\n");
    const sent = await client.post(`/dependencia/listas/${campaignId}/contratistas`, { typed });
    const preview = await (await client.get(sent.headers.get("location") ?? "")).text();
    expect(preview).toContain("posterior a la de inicio");
    const fixed = await client.post(`/dependencia/listas/${campaignId}/contratistas`, {
      typed: typed.split("\n")[0] ?? "",
    });
    const fixedPreview = await (await client.get(`/dependencia/envios/${previewId(fixed)}`)).text();
    expect(fixedPreview).toContain("No está en SIPAP: se registrará");
    expect(fixedPreview).toContain("31/12/2026");
    expect((await client.post(`/dependencia/envios/${previewId(fixed)}/aplicar`, {})).status).toBe(303);
    const [jose] = await db().select().from(people).where(eq(people.documentNumber, "1085900111"));
    expect(jose).toMatchObject({
      firstNames: "José",
      dependenciaId: dependencia.id,
      vinculacion: "ops",
      contractEnd: "2026-12-31",
      bloodType: "O+",
    });
    expect(
      (
        await db()
          .select()
          .from(cards)
          .where(eq(cards.personId, jose?.id ?? ""))
      )[0]?.state,
    ).toBe("solicitada");
    // The credential goes out by a job queued right after the list's transaction.
    const credentialsOfJose = () =>
      db()
        .select()
        .from(initialCredentials)
        .where(eq(initialCredentials.personId, jose?.id ?? ""));
    expect(await credentialsOfJose()).toHaveLength(0);
    expect((await ctx.jobs.runQueued({ names: ["auth.issue-list-credentials"] })).completed).toBe(1);
    expect(await credentialsOfJose()).toHaveLength(1);
    const mail = await db()
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipient, "jose.narino@pasto.gov.co"), eq(outbox.kind, "credential")));
    expect(mail).toHaveLength(1);
  });
});

describe("deadlines, reminders and SSI's view", () => {
  it("refuses lists after the campaign closes, naming the date", async () => {
    const campaignId = await openCampaign(1);
    const dependencia = await makeDependencia(ctx);
    const { person } = await liaisonOf(dependencia.id);
    ctx.clock.advance(2 * DAY);
    const client = await signIn(ctx, person);
    const late = await client.post(`/dependencia/listas/${campaignId}/cintas`, { empty: "si" });
    expect(late.status).toBe(422);
    expect(await late.text()).toContain("ya no se reciben listas");
  });

  it("reminds each liaison who has not sent, once per moment, and shows SSI who sent what", async () => {
    const campaignId = await openCampaign(2);
    const sender = await makeDependencia(ctx);
    const silent = await makeDependencia(ctx);
    const done = await liaisonOf(sender.id);
    const waiting = await liaisonOf(silent.id);
    for (const kind of ["desvinculados", "contratistas", "cintas"]) {
      const sent = await done.client.post(`/dependencia/listas/${campaignId}/${kind}`, { empty: "si" });
      expect((await done.client.post(`/dependencia/envios/${previewId(sent)}/aplicar`, {})).status).toBe(303);
    }
    expect(await sendReminders(db(), ctx.clock.now(), ctx.deps.config)).toBeGreaterThanOrEqual(1);
    expect(await sendReminders(db(), ctx.clock.now(), ctx.deps.config)).toBe(0);
    const [waitingRow] = await db().select().from(people).where(eq(people.id, waiting.person.id));
    const reminders = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.recipient, waitingRow?.email ?? ""));
    expect(reminders).toHaveLength(1);
    const [doneRow] = await db().select().from(people).where(eq(people.id, done.person.id));
    expect(
      await db()
        .select()
        .from(outbox)
        .where(eq(outbox.recipient, doneRow?.email ?? "")),
    ).toEqual([]);

    const ssi = await ssiClient();
    const page = await (await ssi.get(`/ssi/campanas/${campaignId}`)).text();
    expect(page).toMatch(new RegExp(`${sender.name}</th><td>Enviada`));
    expect(page).toMatch(new RegExp(`${silent.name}</th><td>Pendiente`));
    const export_ = await ssi.get(`/ssi/campanas/${campaignId}/listas/desvinculados`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await export_.arrayBuffer()) as never);
    expect(workbook.worksheets[0]?.getRow(1).getCell(1).value).toBe("Dependencia que envió");
  });

  it("keeps the original file with the submission; SSI downloads it (audited) and filters by dependencia", async () => {
    const campaignId = await openCampaign();
    const dependencia = await makeDependencia(ctx);
    const other = await makeDependencia(ctx);
    const { client } = await liaisonOf(dependencia.id);
    const leaving = await makePerson(ctx, { dependenciaId: dependencia.id });
    const csv = Buffer.from(`Nombre completo;Número de documento\nLuis Pérez;${leaving.documentNumber}\n`);
    const sent = await client.postFiles(
      `/dependencia/listas/${campaignId}/desvinculados`,
      {},
      {
        file: { name: "desvinculados.csv", data: csv, type: "text/csv" },
      },
    );
    expect(sent.status).toBe(303);
    const id = previewId(sent);
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const ssi = await signIn(ctx, operator);
    // SSI's way back from a submission is its campaign, not the liaison's form (403 for SSI).
    const preview = await (await ssi.get(`/dependencia/envios/${id}`)).text();
    expect(preview).toContain(`href="/ssi/campanas/${campaignId}"`);
    expect(preview).not.toContain(`href="/dependencia/listas/`);
    const original = await ssi.get(`/ssi/envios/${id}/archivo`);
    expect(Buffer.from(await original.arrayBuffer()).equals(csv)).toBe(true);
    const downloads = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, operator.id), eq(auditLog.action, "list.file_downloaded")));
    expect(downloads.map((d) => d.targetId)).toEqual([id]);
    expect(
      await (await ssi.get(`/ssi/campanas/${campaignId}?dependencia=${dependencia.id}`)).text(),
    ).toContain(`/dependencia/envios/${id}`);
    expect(await (await ssi.get(`/ssi/campanas/${campaignId}?dependencia=${other.id}`)).text()).not.toContain(
      `/dependencia/envios/${id}`,
    );
  });

  it("keeps a liaison to their own dependencia's submissions", async () => {
    const campaignId = await openCampaign();
    const mine = await liaisonOf((await makeDependencia(ctx)).id);
    const theirs = await liaisonOf((await makeDependencia(ctx)).id);
    const sent = await mine.client.post(`/dependencia/listas/${campaignId}/cintas`, { empty: "si" });
    expect((await theirs.client.get(`/dependencia/envios/${previewId(sent)}`)).status).toBe(403);
    expect((await theirs.client.post(`/dependencia/envios/${previewId(sent)}/aplicar`, {})).status).toBe(403);
  });
});
