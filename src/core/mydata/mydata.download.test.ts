import { and, eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { makeReadyToPrint } from "../../../test/production.ts";
import { campaigns, listSubmissions } from "../../carnetizacion/campaigns/campaigns.table.ts";
import { recordFileDownload } from "../../carnetizacion/campaigns/lists.service.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { queueEmail } from "../mail/mail.service.ts";
import { people } from "../people/people.table.ts";
import { getBuffer } from "../storage/storage.types.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

/** A dependencia's list naming both people, as stored after a liaison sent it. */
async function listNaming(...documents: { documentNumber: string; dependenciaId: string }[]) {
  const db = ctx.database.db;
  const [campaign] = await db
    .insert(campaigns)
    .values({ name: "Campaña de prueba", deadline: ctx.clock.now(), createdAt: ctx.clock.now() })
    .returning();
  const [submission] = await db
    .insert(listSubmissions)
    .values({
      campaignId: campaign?.id ?? "",
      dependenciaId: documents[0]?.dependenciaId ?? "",
      kind: "desvinculados",
      state: "vista_previa",
      contentHash: `h${Math.random()}`,
      rows: documents.map((d, i) => ({
        line: i + 2,
        values: { fullName: `Nombre ${d.documentNumber}`, documentNumber: d.documentNumber },
      })),
      problems: [],
      createdAt: ctx.clock.now(),
    })
    .returning();
  return submission?.id ?? "";
}

async function download(client: TestClient, path = "/mis-datos/descarga") {
  const response = await client.get(path);
  expect(response.status).toBe(200);
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  const json = JSON.parse(strFromU8(files["datos.json"] ?? new Uint8Array()));
  return { response, files, json, html: strFromU8(files["resumen.html"] ?? new Uint8Array()) };
}

describe("«Mis datos»: downloading everything SIPAP holds about oneself", () => {
  it("gives the person one .zip with their data, card history, photos, lists, e-mails and staff views", async () => {
    const { person, photo } = await makeReadyToPrint(ctx);
    const other = await makeReadyToPrint(ctx, { dependenciaId: person.dependenciaId });
    const submissionId = await listNaming(person, other.person);
    await queueEmail(ctx.database.db, ctx.clock.now(), {
      to: `p${person.documentNumber}@pasto.gov.co`,
      personId: person.id,
      subject: "Su foto fue aprobada",
      text: "Hola",
      kind: "photo_approved",
    });
    await queueEmail(ctx.database.db, ctx.clock.now(), {
      to: `p${person.documentNumber}@pasto.gov.co`,
      personId: person.id,
      subject: "Su credencial inicial de SIPAP",
      text: "credencial: SECRETO-DE-UN-SOLO-USO",
      kind: "credential",
    });
    const operator = await makePerson(ctx, { roles: ["operador_ssi"] });
    const staff = await signIn(ctx, operator);
    expect((await staff.get(`/admin/personas/${person.id}`)).status).toBe(200);
    expect((await staff.get(`/admin/personas/${other.person.id}`)).status).toBe(200);
    await recordFileDownload(
      ctx.database.db,
      ctx.clock.now(),
      { actorId: operator.id, ip: null, requestId: null },
      submissionId,
    );

    const client = await signIn(ctx, person);
    const { response, files, json, html } = await download(client);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toMatch(
      /attachment; filename="mis-datos-sipap-.*\.zip"/,
    );

    expect(json.persona.numeroDocumento).toBe(person.documentNumber);
    expect(json.persona.vinculacion.contrato).toBe(`OPS-${person.documentNumber}`);
    expect(json.roles.map((r: { rol: string }) => r.rol)).toContain("Servidor o contratista");
    expect(json.avisoDePrivacidad.aceptadoEl).not.toBeNull();
    expect(json.carnets[0].historial).toContainEqual(
      expect.objectContaining({ de: "Solicitado", a: "Listo para imprimir" }),
    );
    expect(json.fotos[0].estado).toBe("Aprobada");
    expect(json.fotos[0].historial).toContainEqual(expect.objectContaining({ a: "Aprobada" }));
    expect(json.fotos[0].revisionAutomatica.revisiones.length).toBeGreaterThan(0);
    const portrait = files[json.fotos[0].archivos.retrato];
    const original = files[json.fotos[0].archivos.original];
    expect(portrait && (await sharp(portrait).metadata()).format).toBe("jpeg");
    expect(original && (await sharp(original).metadata()).width).toBeGreaterThan(0);
    expect(
      Buffer.from(portrait ?? []).equals(
        (await getBuffer(ctx.deps.storage, photo.portraitKey)) ?? Buffer.alloc(0),
      ),
    ).toBe(true);

    expect(json.listasQueLoNombran).toHaveLength(1);
    expect(json.listasQueLoNombran[0].filas).toEqual([
      {
        linea: 2,
        valores: { fullName: `Nombre ${person.documentNumber}`, documentNumber: person.documentNumber },
      },
    ]);
    expect(json.correosEnviados).toContainEqual(
      expect.objectContaining({ asunto: "Su foto fue aprobada", cuerpo: "Hola", estado: "Por enviar" }),
    );
    expect(json.correosEnviados).toContainEqual(
      expect.objectContaining({ asunto: "Su credencial inicial de SIPAP", cuerpo: null }),
    );
    expect(json.consultasYCambiosDelPersonal).toContainEqual(
      expect.objectContaining({
        accion: "Consulta de los datos de una persona",
        sobre: "Sus datos",
        quien: `${operator.firstNames} ${operator.lastNames}`,
        rolesDeQuien: ["Operador SSI"],
      }),
    );
    expect(json.consultasYCambiosDelPersonal).toContainEqual(
      expect.objectContaining({
        accion: "Archivo de una lista descargado",
        sobre: "Una lista que lo nombra",
      }),
    );

    expect(html).toContain('<html lang="es-CO">');
    expect(html).toContain(person.documentNumber);
    expect(html).toContain(`${operator.firstNames} ${operator.lastNames}`);
    expect(html).not.toMatch(/<script|https?:\/\/|m\.\./);

    // The second person's data never appears, in any file of the archive.
    for (const [name, bytes] of Object.entries(files)) {
      if (!/\.(json|html)$/.test(name)) continue;
      const text = strFromU8(bytes);
      expect(text).not.toContain(other.person.documentNumber);
      expect(text).not.toContain(other.person.lastNames);
      expect(text).not.toContain("SECRETO-DE-UN-SOLO-USO");
    }
    expect(Object.keys(files).filter((n) => n.startsWith("fotos/"))).toHaveLength(2);

    const [audit] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "mydata.downloaded"), eq(auditLog.actorId, person.id)));
    expect(audit).toMatchObject({ targetType: "person", targetId: person.id, details: { images: 2 } });
  });

  it("always gives the signed-in person's own data: another person's id cannot be passed", async () => {
    const person = await makePerson(ctx);
    const other = await makePerson(ctx);
    const client = await signIn(ctx, person);
    for (const path of [
      `/mis-datos/descarga?persona=${other.id}`,
      `/mis-datos/descarga?id=${other.id}&documento=${other.documentNumber}`,
      `/mis-datos/descarga/${other.id}`,
    ]) {
      const response = await client.get(path);
      if (response.status !== 200) {
        expect(response.status).toBe(404);
        continue;
      }
      const { json } = await download(client, path);
      expect(json.persona.numeroDocumento).toBe(person.documentNumber);
      expect(JSON.stringify(json)).not.toContain(other.documentNumber);
    }
  });

  it("never gives the messages of someone whose address the person copied into «Mis datos»", async () => {
    const victim = await makePerson(ctx);
    const address = `victima.${victim.documentNumber}@pasto.gov.co`;
    await queueEmail(ctx.database.db, ctx.clock.now(), {
      to: address,
      personId: victim.id,
      subject: "Su foto para el carnet necesita cambios",
      text: "Motivo: fondo no blanco, mensaje privado",
      kind: "photo_rejected",
    });
    const thief = await makePerson(ctx);
    const client = await signIn(ctx, thief);
    await ctx.database.db.update(people).set({ email: address.toUpperCase() }).where(eq(people.id, thief.id));
    const { json } = await download(client);
    expect(JSON.stringify(json)).not.toContain("mensaje privado");
    expect(JSON.stringify(json)).not.toContain("necesita cambios");
  });

  it("asks to sign in first, and offers the download on «Mis datos»", async () => {
    const anonymous = await new TestClient(ctx.app).get("/mis-datos/descarga");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toContain("/ingresar");
    const client = await signIn(ctx, await makePerson(ctx));
    expect(await (await client.get("/mis-datos")).text()).toContain('href="/mis-datos/descarga"');
  });
});
