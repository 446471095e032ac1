// Lists and the rest of SIPAP: a list completes a card for printing; lists never touch staff.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson } from "../../../test/factories.ts";
import * as lists from "../../../test/lists.ts";
import { makePersonWithPhotoInReview } from "../../../test/production.ts";
import { people } from "../../core/people/people.table.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { cards } from "../cards/cards.table.ts";
import { approvePhoto } from "../review/review.service.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const db = () => ctx.database.db;
const openCampaign = () => lists.openCampaign(ctx);
const liaisonOf = (dependenciaId: string) => lists.liaisonOf(ctx, dependenciaId);
const nameAs = (personId: string, firstNames: string, lastNames: string) =>
  lists.nameAs(ctx, personId, firstNames, lastNames);
const { previewId } = lists;

describe("the contractors list and the print queue", () => {
  it("sends to the print queue a contractor whose approved photo waited only for the contract the list brings", async () => {
    const campaignId = await openCampaign();
    const dependencia = await makeDependencia(
      ctx,
      `Secretaría de Cultura ${Math.random().toString(36).slice(2, 6)}`,
    );
    const { person, photo } = await makePersonWithPhotoInReview(ctx, { dependenciaId: dependencia.id });
    await nameAs(person.id, "Marta", "Guerrero Paz");
    await db()
      .update(people)
      .set({ contractNumber: null, contractStart: null, contractEnd: null })
      .where(eq(people.id, person.id));
    await approvePhoto(db(), ctx.clock.now(), systemAuditContext, photo.id);
    const cardOf = async () => (await db().select().from(cards).where(eq(cards.personId, person.id)))[0];
    expect((await cardOf())?.state).toBe("solicitada");

    const { client } = await liaisonOf(dependencia.id);
    const typed = `CC;${person.documentNumber};Marta;Guerrero Paz;${dependencia.name};OPS-2026-300;15/01/2026;31/12/2026;marta.guerrero@pasto.gov.co;3001234567;O+`;
    const sent = await client.post(`/dependencia/listas/${campaignId}/contratistas`, { typed });
    expect((await client.post(`/dependencia/envios/${previewId(sent)}/aplicar`, {})).status).toBe(303);
    expect((await cardOf())?.state).toBe("lista_para_imprimir");
  });
});

describe("lists and staff", () => {
  it("refuses lists 1 and 2 on an administrator of the liaison's own dependencia, and changes nothing", async () => {
    const campaignId = await openCampaign();
    const dependencia = await makeDependencia(
      ctx,
      `Subsecretaría de Sistemas ${Math.random().toString(36).slice(2, 6)}`,
    );
    const admin = await makePerson(ctx, {
      roles: ["servidor", "administrador"],
      dependenciaId: dependencia.id,
    });
    await nameAs(admin.id, "Sebastián", "Narváez López");
    await db().update(people).set({ email: "s.narvaez@pasto.gov.co" }).where(eq(people.id, admin.id));
    const { client } = await liaisonOf(dependencia.id);

    const left = await client.post(`/dependencia/listas/${campaignId}/desvinculados`, {
      typed: `Sebastián Narváez López; ${admin.documentNumber}`,
    });
    expect(await (await client.get(`/dependencia/envios/${previewId(left)}`)).text()).toContain(
      "personal de la entidad",
    );
    expect((await client.post(`/dependencia/envios/${previewId(left)}/aplicar`, {})).status).toBe(422);

    const contract = await client.post(`/dependencia/listas/${campaignId}/contratistas`, {
      typed: `CC;${admin.documentNumber};Sebastián;Narváez López;${dependencia.name};OPS-1;15/01/2026;31/03/2026;otra.persona@pasto.gov.co;3001234567;O+`,
    });
    expect((await client.post(`/dependencia/envios/${previewId(contract)}/aplicar`, {})).status).toBe(422);
    const [after] = await db().select().from(people).where(eq(people.id, admin.id));
    expect(after).toMatchObject({ status: "activo", email: "s.narvaez@pasto.gov.co", contractEnd: null });
  });

  it("keeps the e-mail a person already has when list 2 brings another one", async () => {
    const campaignId = await openCampaign();
    const dependencia = await makeDependencia(
      ctx,
      `Secretaría de Salud ${Math.random().toString(36).slice(2, 6)}`,
    );
    const person = await makePerson(ctx, { dependenciaId: dependencia.id });
    await nameAs(person.id, "Rocío", "Enríquez Paz");
    await db().update(people).set({ email: "rocio.enriquez@pasto.gov.co" }).where(eq(people.id, person.id));
    const { client } = await liaisonOf(dependencia.id);
    const sent = await client.post(`/dependencia/listas/${campaignId}/contratistas`, {
      typed: `CC;${person.documentNumber};Rocío;Enríquez Paz;${dependencia.name};OPS-7;15/01/2026;31/12/2026;alguien.mas@pasto.gov.co;3001234567;A+`,
    });
    expect((await client.post(`/dependencia/envios/${previewId(sent)}/aplicar`, {})).status).toBe(303);
    const [after] = await db().select().from(people).where(eq(people.id, person.id));
    expect(after).toMatchObject({ email: "rocio.enriquez@pasto.gov.co", contractNumber: "OPS-7" });
  });
});
