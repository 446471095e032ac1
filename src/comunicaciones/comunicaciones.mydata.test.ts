// «Mis datos» carries comunicaciones' records about the person: the requests they filed with their steps,
// the messages addressed to them (a sensitive notice's subject only once sent), and nobody else's.
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient, type TestContext } from "../../test/app.ts";
import { makeDependencia, makePerson, signIn } from "../../test/factories.ts";
import { commRequests } from "./requests/requests.table.ts";
import { commDeliveries } from "./sending/sending.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

async function archiveOf(client: TestClient) {
  const response = await client.get("/mis-datos/descarga");
  expect(response.status).toBe(200);
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  return {
    json: JSON.parse(strFromU8(files["datos.json"] ?? new Uint8Array())),
    html: strFromU8(files["resumen.html"] ?? new Uint8Array()),
  };
}

describe("«Mis datos» for comunicaciones", () => {
  it("lists the person's own requests and the messages sent to them, and no one else's", async () => {
    const salud = (await makeDependencia(ctx, "Secretaría de Salud")).id;
    const liaisonPerson = await makePerson(ctx, {
      roles: ["enlace"],
      dependenciaId: salud,
      email: "enlace.salud@pasto.gov.co",
    });
    const recipientPerson = await makePerson(ctx, { dependenciaId: salud, email: "ana.r@pasto.gov.co" });
    const liaison = await signIn(ctx, liaisonPerson);
    const filed = await liaison.post("/comunicaciones/solicitudes", {
      purpose: "Avisar un trámite pendiente",
      classification: "sensible",
      audienceKind: "persona",
      personDocument: recipientPerson.documentNumber,
      desiredDate: "2026-02-10",
      desiredTime: "09:00",
      subject: "Citación a descargos",
      body: "Hola {{nombre}}: tiene una citación.",
    });
    expect(filed.status).toBe(303);
    const [request] = await ctx.database.db.select().from(commRequests);
    if (!request) throw new Error("no request");

    const own = await archiveOf(liaison);
    expect(own.json.solicitudesDeComunicacion).toHaveLength(1);
    expect(own.json.solicitudesDeComunicacion[0]).toMatchObject({
      asunto: "Citación a descargos",
      estado: "Nueva",
      pasos: [expect.objectContaining({ porQuien: "Usted" })],
    });
    expect(own.json.mensajesRecibidos).toEqual([]);
    expect(own.html).toContain("Citación a descargos");

    const recipient = await signIn(ctx, recipientPerson);
    const before = await archiveOf(recipient);
    expect(before.json.solicitudesDeComunicacion).toEqual([]);
    expect(before.json.avisosSobreUsted).toHaveLength(1);
    expect(JSON.stringify(before.json.avisosSobreUsted)).not.toContain("Citación");

    await ctx.database.db.insert(commDeliveries).values({
      requestId: request.id,
      personId: recipientPerson.id,
      email: "ana.r@pasto.gov.co",
      state: "enviado",
      createdAt: ctx.clock.now(),
      sentAt: ctx.clock.now(),
    });
    const after = await archiveOf(recipient);
    expect(after.json.avisosSobreUsted).toEqual([]);
    expect(after.json.mensajesRecibidos).toEqual([
      expect.objectContaining({
        asunto: "Citación a descargos",
        estado: "Enviado",
        correo: "ana.r@pasto.gov.co",
      }),
    ]);
    expect(after.html).toContain("Mensajes institucionales dirigidos a usted");

    const stranger = await signIn(ctx, await makePerson(ctx, { dependenciaId: salud }));
    const theirs = await archiveOf(stranger);
    expect(JSON.stringify(theirs.json)).not.toContain("Citación");
  });
});
