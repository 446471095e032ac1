import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn, type TestPerson } from "../../../test/factories.ts";
import { fixture } from "../../../test/photos.ts";
import { makePersonWithPhotoInReview } from "../../../test/production.ts";
import { findLatestCard } from "../../carnetizacion/cards/cards.service.ts";
import { photos } from "../../carnetizacion/photos/photos.table.ts";
import { approvePhoto } from "../../carnetizacion/review/review.service.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { people, personMoves } from "./people.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const db = () => ctx.database.db;
const audited = (action: string, targetId: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
const stored = async (id: string) => (await db().select().from(people).where(eq(people.id, id)))[0];
const flashOf = (response: Response) =>
  decodeURIComponent(decodeURIComponent(response.headers.get("set-cookie") ?? ""));

/** The edit form as a browser sends it for this person, with some fields changed. */
async function formFor(person: TestPerson, changes: Record<string, string> = {}) {
  const row = await stored(person.id);
  if (!row) throw new Error("no person");
  return {
    documentType: row.documentType,
    documentNumber: row.documentNumber,
    firstNames: row.firstNames,
    lastNames: row.lastNames,
    email: row.email ?? "",
    phone: row.phone ?? "",
    bloodType: row.bloodType ?? "",
    dependenciaId: row.dependenciaId ?? "",
    position: row.position ?? "",
    vinculacion: row.vinculacion ?? "",
    contractNumber: row.contractNumber ?? "",
    contractStart: row.contractStart ?? "",
    contractEnd: row.contractEnd ?? "",
    ...changes,
  };
}

describe("staff edit of a person («Editar datos»)", () => {
  it("links «Editar datos» from the person's page and opens the form with the current data", async () => {
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const person = await makePerson(ctx);
    const client = await signIn(ctx, operator);
    const page = await (await client.get(`/admin/personas/${person.id}`)).text();
    expect(page).toContain(`href="/admin/personas/${person.id}/editar"`);
    expect(page).toContain("Editar datos");
    const form = await client.get(`/admin/personas/${person.id}/editar`);
    expect(form.status).toBe(200);
    expect(form.headers.get("cache-control")).toBe("no-store");
    const html = await form.text();
    expect(html).toContain(`value="${person.lastNames}"`);
    expect(html).toContain('name="bloodType"');
  });

  it("saves the changes with one audit row listing each changed field before and after", async () => {
    const admin = await makePerson(ctx, { roles: ["administrador"] });
    const person = await makePerson(ctx);
    const client = await signIn(ctx, admin);
    const response = await client.post(
      `/admin/personas/${person.id}/editar`,
      await formFor(person, {
        firstNames: "Ana Lucía",
        position: "Técnico administrativo",
        vinculacion: "planta",
        phone: "300 123 4567",
        bloodType: "A+",
      }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/admin/personas/${person.id}`);
    expect(flashOf(response)).toContain("Se guardaron los cambios");
    expect(await stored(person.id)).toMatchObject({
      firstNames: "Ana Lucía",
      position: "Técnico administrativo",
      vinculacion: "planta",
      phone: "3001234567",
      bloodType: "A+",
    });
    const rows = await audited("person.updated", person.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actorId).toBe(admin.id);
    expect(rows[0]?.details).toEqual({
      firstNames: { before: "Prueba", after: "Ana Lucía" },
      position: { before: null, after: "Técnico administrativo" },
      vinculacion: { before: null, after: "planta" },
      phone: { before: null, after: "3001234567" },
      bloodType: { before: null, after: "A+" },
    });
  });

  it("changes nothing and says so when nothing was changed", async () => {
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const person = await makePerson(ctx);
    const before = await stored(person.id);
    const client = await signIn(ctx, operator);
    const response = await client.post(`/admin/personas/${person.id}/editar`, await formFor(person));
    expect(response.status).toBe(303);
    expect(flashOf(response)).toContain("No cambió ningún dato");
    expect(await audited("person.updated", person.id)).toHaveLength(0);
    expect((await stored(person.id))?.updatedAt).toEqual(before?.updatedAt);
  });

  it("re-renders with 422, the Spanish messages and the values typed when the data is wrong", async () => {
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const person = await makePerson(ctx);
    const other = await makePerson(ctx);
    const client = await signIn(ctx, operator);
    const invalid = await client.post(
      `/admin/personas/${person.id}/editar`,
      await formFor(person, {
        firstNames: "",
        lastNames: "Apellido Nuevo",
        email: "no-es-correo",
        phone: "12345",
      }),
    );
    expect(invalid.status).toBe(422);
    const html = await invalid.text();
    expect(html).toContain("Revise lo siguiente");
    for (const message of [
      "Escriba los nombres.",
      "Escriba un correo válido",
      "Escriba un celular de 10 dígitos",
    ])
      expect(html).toContain(message);
    expect(html).toContain('value="Apellido Nuevo"');

    const contract = await client.post(
      `/admin/personas/${person.id}/editar`,
      await formFor(person, {
        vinculacion: "ops",
        contractNumber: "",
        contractStart: "2026-06-30",
        contractEnd: "2026-01-15",
      }),
    );
    expect(contract.status).toBe(422);
    const contractHtml = await contract.text();
    expect(contractHtml).toContain("Escriba el número del contrato.");
    expect(contractHtml).toContain("posterior a la de inicio");

    // A day that does not exist is a form error, never a database failure (500) with the data in the log.
    const impossible = await client.post(
      `/admin/personas/${person.id}/editar`,
      await formFor(person, {
        vinculacion: "ops",
        contractNumber: "OPS-9",
        contractStart: "2026-01-15",
        contractEnd: "2026-02-31",
      }),
    );
    expect(impossible.status).toBe(422);

    const duplicate = await client.post(
      `/admin/personas/${person.id}/editar`,
      await formFor(person, { documentNumber: other.documentNumber }),
    );
    expect(duplicate.status).toBe(422);
    expect(await duplicate.text()).toContain("Ya existe otra persona con ese número de documento.");
    expect((await stored(person.id))?.lastNames).toBe(person.lastNames);
    expect(await audited("person.updated", person.id)).toHaveLength(0);
  });

  it("records a dependencia change as a move, shown in «Historial de dependencias»", async () => {
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const from = await makeDependencia(ctx, `Secretaría de Origen ${Date.now()}`);
    const to = await makeDependencia(ctx, `Secretaría de Destino ${Date.now()}`);
    const person = await makePerson(ctx, { dependenciaId: from.id });
    const client = await signIn(ctx, operator);
    const response = await client.post(
      `/admin/personas/${person.id}/editar`,
      await formFor(person, { dependenciaId: to.id }),
    );
    expect(response.status).toBe(303);
    const moves = await db().select().from(personMoves).where(eq(personMoves.personId, person.id));
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({
      fromDependenciaId: from.id,
      toDependenciaId: to.id,
      movedBy: operator.id,
      movedAt: ctx.clock.now(),
    });
    const [row] = await audited("person.updated", person.id);
    expect(row?.details).toEqual({ dependenciaId: { before: from.id, after: to.id } });
    const page = await (await client.get(`/admin/personas/${person.id}`)).text();
    expect(page).toContain("Historial de dependencias");
    expect(page).toMatch(new RegExp(`${from.name}</td>\\s*<td[^>]*>${to.name}`));
  });

  it("puts the demo-like servant's card in the print queue once SSI records the vinculación", async () => {
    // A servant with complete «Mis datos» and an approved photo, but no vinculación: the card waits.
    const { person, photo } = await makePersonWithPhotoInReview(ctx);
    await db()
      .update(people)
      .set({ vinculacion: null, contractNumber: null, contractStart: null, contractEnd: null })
      .where(eq(people.id, person.id));
    await approvePhoto(db(), ctx.clock.now(), systemAuditContext, photo.id);
    expect((await findLatestCard(db(), person.id))?.state).toBe("solicitada");

    const client = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
    const response = await client.post(
      `/admin/personas/${person.id}/editar`,
      await formFor(person, {
        vinculacion: "ops",
        contractNumber: "OPS-2026-777",
        contractStart: "2026-01-15",
        contractEnd: "2026-12-31",
      }),
    );
    expect(response.status).toBe(303);
    expect((await findLatestCard(db(), person.id))?.state).toBe("lista_para_imprimir");
  });

  it("refuses an SSI operator on an administrator's record with 403 and changes nothing", async () => {
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const admin = await makePerson(ctx, { roles: ["administrador"] });
    const client = await signIn(ctx, operator);
    const adminPage = await (await client.get(`/admin/personas/${admin.id}`)).text();
    expect(adminPage).not.toContain(`/admin/personas/${admin.id}/editar`);
    expect((await client.get(`/admin/personas/${admin.id}/editar`)).status).toBe(403);
    const before = await stored(admin.id);
    const response = await client.post(
      `/admin/personas/${admin.id}/editar`,
      await formFor(admin, { firstNames: "Tomado", email: "atacante@example.com" }),
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("solo un administrador puede cambiar sus datos");
    expect(await stored(admin.id)).toEqual(before);
    expect(await audited("person.updated", admin.id)).toHaveLength(0);
    const denials = await audited("access.denied", admin.id);
    expect(denials.map((d) => d.actorId)).toEqual([operator.id, operator.id]);

    // Nor can the operator put a face on the administrator's card.
    const upload = await client.postFiles(
      `/admin/personas/${admin.id}/foto`,
      {},
      { photo: { name: "foto.jpg", data: fixture("portrait-white-bg.jpg"), type: "image/jpeg" } },
    );
    expect(upload.status).toBe(403);
    expect(await ctx.database.db.select().from(photos).where(eq(photos.personId, admin.id))).toEqual([]);
  });

  it("records opening the edit form as a staff view of the person's data", async () => {
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const person = await makePerson(ctx);
    const client = await signIn(ctx, operator);
    expect((await client.get(`/admin/personas/${person.id}/editar`)).status).toBe(200);
    const views = await audited("person.viewed", person.id);
    expect(views.map((v) => v.actorId)).toContain(operator.id);
  });

  it("refuses an SSI operator on another operator's record, while an administrator may edit it", async () => {
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const colleague = await makePerson(ctx, { roles: ["operador_ssi"] });
    const blocked = await (await signIn(ctx, operator)).post(
      `/admin/personas/${colleague.id}/editar`,
      await formFor(colleague, { firstNames: "Otro" }),
    );
    expect(blocked.status).toBe(403);
    expect((await stored(colleague.id))?.firstNames).toBe("Prueba");
    const admin = await signIn(ctx, await makePerson(ctx, { roles: ["administrador"] }));
    const allowed = await admin.post(
      `/admin/personas/${colleague.id}/editar`,
      await formFor(colleague, { firstNames: "Otro" }),
    );
    expect(allowed.status).toBe(303);
    expect((await stored(colleague.id))?.firstNames).toBe("Otro");
  });
});
