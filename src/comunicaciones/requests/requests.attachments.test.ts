// A request's files through the routes: mailed («mensaje») and support files on the form, checked by content
// (a program renamed .pdf, a PDF with JavaScript, too much to mail: 422 and nothing stored, no row, no object);
// downloads only for who may read the request (another dependencia's liaison and, for a sensitive notice,
// another OCS member get 404); a mailed file added by a comment after approval sends the request back to
// review; removing one on the edit form is a content edit too.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn, type TestPerson } from "../../../test/factories.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { commAttachments, commRequests } from "./requests.table.ts";

let ctx: TestContext;
let liaison: TestClient;
let otherLiaison: TestClient;
let ocs: TestClient;
let otherOcs: TestClient;
let recipient: TestPerson;
let salud: string;

const db = () => ctx.database.db;
const MB = 1024 * 1024;
const pdf = (body = "") =>
  Buffer.from(
    `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${body} >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    "latin1",
  );
const photo = readFileSync(new URL("../../../test/fixtures/photos/portrait-white-bg.jpg", import.meta.url));
const text = (bytes: number) =>
  Buffer.from("Programa de la jornada.\n".repeat(Math.ceil(bytes / 24)).slice(0, bytes));
const PDF = "application/pdf";

beforeAll(async () => {
  ctx = await createTestApp({
    env: { COMM_MAX_FILE_MB: "1", COMM_MAX_MAILED_MB: "1", COMM_MAX_UPLOAD_MB: "2" },
  });
  salud = (await makeDependencia(ctx, "Secretaría de Salud")).id;
  const other = (await makeDependencia(ctx, "Secretaría de Tránsito")).id;
  await makePerson(ctx, { dependenciaId: salud, email: `s.${Date.now()}@pasto.gov.co` });
  recipient = await makePerson(ctx, { email: `r.${Date.now()}@pasto.gov.co` });
  liaison = await signIn(ctx, await makePerson(ctx, { roles: ["enlace"], dependenciaId: salud }));
  otherLiaison = await signIn(ctx, await makePerson(ctx, { roles: ["enlace"], dependenciaId: other }));
  ocs = await signIn(ctx, await makePerson(ctx, { roles: ["comunicaciones"] }));
  otherOcs = await signIn(ctx, await makePerson(ctx, { roles: ["comunicaciones"] }));
});
afterAll(() => ctx.database.close());

const fields = (overrides: Record<string, string> = {}) => ({
  purpose: "Invitar a la jornada de vacunación",
  classification: "general",
  audienceKind: "todos",
  includeChildren: "si",
  vinculacion: "",
  personDocument: "",
  desiredDate: "2026-02-10",
  desiredTime: "09:00",
  subject: "Jornada de vacunación",
  body: "Hola {{nombre}}: adjuntamos el programa de la jornada.",
  ...overrides,
});
type Files = Parameters<TestClient["postFiles"]>[2];

async function file(files: Files, overrides: Record<string, string> = {}) {
  const response = await liaison.postFiles("/comunicaciones/solicitudes", fields(overrides), files);
  expect(response.status).toBe(303);
  return (response.headers.get("location") ?? "").split("/").pop() ?? "";
}
const attachmentsOf = (id: string) =>
  db()
    .select()
    .from(commAttachments)
    .where(and(eq(commAttachments.requestId, id), isNull(commAttachments.removedAt)));
async function storedKeys() {
  const keys: string[] = [];
  for await (const key of ctx.deps.storage.list("comunicaciones/")) keys.push(key);
  return keys;
}
const counts = async () => ({
  requests: (await db().select({ n: count() }).from(commRequests))[0]?.n,
  attachments: (await db().select({ n: count() }).from(commAttachments))[0]?.n,
  keys: (await storedKeys()).length,
});
const request = async (id: string) =>
  (await db().select().from(commRequests).where(eq(commRequests.id, id)))[0];

describe("files on the request form", () => {
  it("stores mailed and support files with their SHA-256 and serves them as downloads, audited", async () => {
    const id = await file({
      adjuntos: { name: "Programa de la jornada.pdf", data: pdf(), type: PDF },
      soporte: { name: "foto.jpg", data: photo, type: "image/jpeg" },
    });
    const rows = await attachmentsOf(id);
    expect(rows.map((r) => [r.purpose, r.fileName]).sort()).toEqual([
      ["mensaje", "Programa de la jornada.pdf"],
      ["soporte", "foto.jpg"],
    ]);
    const mailed = rows.find((r) => r.purpose === "mensaje");
    if (!mailed) throw new Error("no mailed file");
    expect(mailed.storageKey).toBe(`comunicaciones/solicitudes/${id}/${mailed.id}.pdf`);
    expect(mailed.sha256).toBe(createHash("sha256").update(pdf()).digest("hex"));
    expect(await ctx.deps.storage.has(mailed.storageKey)).toBe(true);
    const html = await (await liaison.get(`/comunicaciones/solicitudes/${id}`)).text();
    expect(html).toContain("Programa de la jornada.pdf");
    expect(html).toContain("foto.jpg");

    const download = await liaison.get(`/comunicaciones/solicitudes/${id}/adjuntos/${mailed.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(
      /^attachment; filename="Programa de la jornada.pdf"/,
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf())).toBe(true);
    expect((await ocs.get(`/comunicaciones/solicitudes/${id}/adjuntos/${mailed.id}`)).status).toBe(200);
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, "comm_attachment.downloaded")));
    expect(audited).toHaveLength(2);

    // Another dependencia's liaison does not see the request nor its files.
    expect((await otherLiaison.get(`/comunicaciones/solicitudes/${id}`)).status).toBe(404);
    expect((await otherLiaison.get(`/comunicaciones/solicitudes/${id}/adjuntos/${mailed.id}`)).status).toBe(
      404,
    );
    expect((await liaison.get(`/comunicaciones/solicitudes/${id}/adjuntos/no-such-file`)).status).toBe(404);
  });

  it.each([
    ["a program renamed .pdf", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(4096)]), "es un programa"],
    ["a PDF with JavaScript", pdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), "JavaScript"],
  ])("refuses the whole form for %s: 422, no row, nothing stored", async (_what, bad, message) => {
    const before = await counts();
    const response = await liaison.postFiles("/comunicaciones/solicitudes", fields(), {
      adjuntos: { name: "programa.pdf", data: pdf(), type: PDF },
      soporte: { name: "convenio.pdf", data: bad, type: PDF },
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain(message);
    expect(await counts()).toEqual(before);
  });

  it("refuses mailed files over COMM_MAX_MAILED_MB together, and a body over COMM_MAX_UPLOAD_MB", async () => {
    const before = await counts();
    const response = await liaison.postFiles("/comunicaciones/solicitudes", fields(), {
      adjuntos: { name: "uno.txt", data: text(0.6 * MB), type: "text/plain" },
      otros: { name: "ignorado.txt", data: text(10), type: "text/plain" },
    });
    // One 0.6 MB file fits; the limit counts what is already kept with what is added (see the comment test).
    expect(response.status).toBe(303);
    const id = (response.headers.get("location") ?? "").split("/").pop() ?? "";
    const second = await liaison.postFiles(
      `/comunicaciones/solicitudes/${id}/comentarios`,
      { purpose: "mensaje" },
      {
        archivos: { name: "dos.txt", data: text(0.6 * MB), type: "text/plain" },
      },
    );
    expect(second.status).toBe(422);
    expect(await second.text()).toContain("pueden sumar como máximo 1 MB");
    const tooBig = await liaison.postFiles("/comunicaciones/solicitudes", fields(), {
      adjuntos: { name: "grande.txt", data: text(2.5 * MB), type: "text/plain" },
    });
    expect(tooBig.status).toBe(413);
    const after = await counts();
    expect(after).toEqual({
      requests: (before.requests ?? 0) + 1,
      attachments: (before.attachments ?? 0) + 1,
      keys: before.keys + 1,
    });
  });
});

describe("files added later", () => {
  it("a mailed file added with a comment after approval sends the request back to review", async () => {
    const id = await file({});
    expect((await ocs.post(`/comunicaciones/solicitudes/${id}/revisar`, {})).status).toBe(303);
    expect((await ocs.post(`/comunicaciones/solicitudes/${id}/aprobar`, {})).status).toBe(303);
    // Another OCS member may comment with support files, not change the message.
    const refused = await otherOcs.postFiles(
      `/comunicaciones/solicitudes/${id}/comentarios`,
      { comment: "Anexo", purpose: "mensaje" },
      {
        archivos: { name: "anexo.pdf", data: pdf(), type: PDF },
      },
    );
    expect(refused.status).toBe(422);
    expect(await attachmentsOf(id)).toEqual([]);
    const support = await otherOcs.postFiles(
      `/comunicaciones/solicitudes/${id}/comentarios`,
      { comment: "Soporte del convenio", purpose: "soporte" },
      {
        archivos: { name: "soporte.pdf", data: pdf(), type: PDF },
      },
    );
    expect(support.status).toBe(303);
    expect((await request(id))?.state).toBe("aprobado");

    const added = await liaison.postFiles(
      `/comunicaciones/solicitudes/${id}/comentarios`,
      { comment: "Faltaba el mapa", purpose: "mensaje" },
      {
        archivos: { name: "mapa.pdf", data: pdf(), type: PDF },
      },
    );
    expect(added.status).toBe(303);
    expect(await request(id)).toMatchObject({ state: "en_revision", contentVersion: 2, approvedBy: null });
    const rows = await attachmentsOf(id);
    expect(rows.map((r) => [r.fileName, r.purpose]).sort()).toEqual([
      ["mapa.pdf", "mensaje"],
      ["soporte.pdf", "soporte"],
    ]);
    expect(rows.every((r) => r.eventId !== null)).toBe(true);
    expect(await (await liaison.get(`/comunicaciones/solicitudes/${id}`)).text()).toContain(
      "Faltaba el mapa",
    );
  });

  it("removing a mailed file on the edit form is a content edit", async () => {
    const id = await file({ adjuntos: { name: "viejo.pdf", data: pdf(), type: PDF } });
    const [old] = await attachmentsOf(id);
    const editPage = await (await liaison.get(`/comunicaciones/solicitudes/${id}/editar`)).text();
    expect(editPage).toContain('enctype="multipart/form-data"');
    expect(editPage).toContain(`id="quitar-${old?.id}"`);
    const edited = await liaison.post(`/comunicaciones/solicitudes/${id}/editar`, {
      ...fields(),
      quitar: old?.id ?? "",
    });
    expect(edited.status).toBe(303);
    expect(await attachmentsOf(id)).toEqual([]);
    expect((await request(id))?.contentVersion).toBe(2);
    expect((await liaison.get(`/comunicaciones/solicitudes/${id}/adjuntos/${old?.id}`)).status).toBe(404);
  });
});

describe("a sensitive notice's files", () => {
  it("are downloaded only by its content readers", async () => {
    const id = await file(
      { adjuntos: { name: "liquidacion.pdf", data: pdf(), type: PDF } },
      {
        classification: "sensible",
        audienceKind: "persona",
        personDocument: recipient.documentNumber,
        subject: "Su liquidación",
        body: "Adjuntamos su liquidación.",
      },
    );
    expect((await ocs.post(`/comunicaciones/solicitudes/${id}/revisar`, {})).status).toBe(303);
    const [attachment] = await attachmentsOf(id);
    const path = `/comunicaciones/solicitudes/${id}/adjuntos/${attachment?.id}`;
    expect((await ocs.get(path)).status).toBe(200);
    expect((await liaison.get(path)).status).toBe(200);
    expect((await otherOcs.get(path)).status).toBe(404);
    expect((await otherOcs.get(`/comunicaciones/solicitudes/${id}/vista-previa`)).status).toBe(404);
    expect(await (await ocs.get(`/comunicaciones/solicitudes/${id}/vista-previa`)).text()).toContain(
      "Adjuntamos su liquidación.",
    );
    expect(await (await otherOcs.get(`/comunicaciones/solicitudes/${id}`)).text()).not.toContain(
      "liquidacion.pdf",
    );
    const comment = await otherOcs.post(`/comunicaciones/solicitudes/${id}/comentarios`, { comment: "Hola" });
    expect(comment.status).toBe(404);
  });
});
