// Publication requests (GTI-F-020) through their routes: a liaison files one and SSI publishes it into the
// library (an anonymous visitor then finds it and downloads the same bytes), or returns it with a comment;
// liaisons neither publish nor see another dependencia's requests; a refused file leaves no row and no
// object; internal distribution files exactly one communication request, with the link, for OCS.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn, type TestPerson } from "../../../test/factories.ts";
import { outbox } from "../../core/mail/mail.table.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { documents } from "../library/library.table.ts";
import { commRequests } from "../requests/requests.table.ts";
import { pubRequests } from "./publications.table.ts";

let ctx: TestContext;
let liaisonPerson: TestPerson;
let liaison: TestClient;
let otherLiaison: TestClient;
let ssi: TestClient;
let admin: TestClient;
const db = () => ctx.database.db;

const pdf = (tag: string) =>
  Buffer.from(
    `%PDF-1.7\n% ${tag}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
  );
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

const form = (overrides: Record<string, string> = {}) => ({
  docType: "circular",
  docNumber: "10",
  docDate: "2026-02-01",
  issuingOffice: "Secretaría de Educación",
  title: "Calendario escolar 2026",
  summary: "Fechas del calendario escolar de las instituciones educativas del municipio.",
  target: "web",
  section: "Circulares 2026",
  ...overrides,
});

async function file(fields: Record<string, string>, data: Buffer, client = liaison) {
  return client.postFiles("/publicaciones/solicitudes", fields, {
    file: { name: "circular.pdf", data, type: "application/pdf" },
  });
}

async function fileOk(fields: Record<string, string>, data = pdf(fields.title ?? "x")) {
  const response = await file(fields, data);
  expect(response.status).toBe(303);
  const id = (response.headers.get("location") ?? "").split("/").pop() ?? "";
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}

const pubOf = async (id: string) => (await db().select().from(pubRequests).where(eq(pubRequests.id, id)))[0];
const storedKeys = async () => {
  const keys: string[] = [];
  for await (const key of ctx.deps.storage.list("comunicaciones/")) keys.push(key);
  return keys;
};

beforeAll(async () => {
  ctx = await createTestApp();
  const educacion = await makeDependencia(ctx, "Secretaría de Educación");
  liaisonPerson = await makePerson(ctx, {
    roles: ["enlace"],
    dependenciaId: educacion.id,
    email: "enlace.educacion@pasto.gov.co",
  });
  liaison = await signIn(ctx, liaisonPerson);
  otherLiaison = await signIn(ctx, await makePerson(ctx, { roles: ["enlace"] }));
  ssi = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
  admin = await signIn(ctx, await makePerson(ctx, { roles: ["administrador"] }));
});
afterAll(() => ctx.database.close());

describe("publication requests (GTI-F-020)", () => {
  it("proposes the requester's own dependencia as the issuing office", async () => {
    const page = await liaison.get("/publicaciones/solicitudes/nueva");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="Secretaría de Educación"');
  });

  it("files, SSI publishes, and an anonymous visitor finds the document and downloads the same bytes", async () => {
    const bytes = pdf("calendario");
    const id = await fileOk(form(), bytes);
    expect((await liaison.get("/publicaciones/solicitudes")).status).toBe(200);
    const queue = await (await ssi.get("/publicaciones/bandeja")).text();
    expect(queue).toContain(`/publicaciones/solicitudes/${id}`);

    const published = await ssi.post(`/publicaciones/solicitudes/${id}/publicar`, { rowVersion: "1" });
    expect(published.status).toBe(303);
    const request = await pubOf(id);
    expect(request?.state).toBe("publicado");
    const [document] = await db()
      .select()
      .from(documents)
      .where(eq(documents.id, request?.documentId ?? ""));
    expect(document?.slug).toBe("circular-010-2026");
    expect(document?.visibility).toBe("publico");
    expect(document?.storageKey).toBe(request?.storageKey);

    const visitor = new TestClient(ctx.app, "198.51.100.9");
    const list = await (await visitor.get("/documentos?q=calendario")).text();
    expect(list).toContain("/documentos/circular-010-2026");
    const download = await visitor.get("/documentos/circular-010-2026/archivo");
    expect(download.status).toBe(200);
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(bytes));

    const notices = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.recipient, "enlace.educacion@pasto.gov.co"));
    expect(notices.map((n) => n.body).join("\n")).toContain(
      `${ctx.deps.config.publicBaseUrl}/documentos/circular-010-2026`,
    );
    const actions = (await db().select().from(auditLog).where(eq(auditLog.targetId, id))).map(
      (r) => r.action,
    );
    expect(actions).toEqual(["pub_request.created", "pub_request.published"]);
    // The audit page names the request by its code and the document by its number and title.
    const audit = await (await admin.get("/admin/auditoria?accion=pub_request.published")).text();
    expect(audit).toMatch(/Solicitud de publicación PUB-2026-\d{4} \(«Calendario escolar 2026»\)/);
    const documentAudit = await (await admin.get("/admin/auditoria?accion=document.published")).text();
    expect(documentAudit).toContain("Circular No. 010 de 2026: Calendario escolar 2026");
    // Published once: a second click changes nothing.
    expect((await ssi.post(`/publicaciones/solicitudes/${id}/publicar`, {})).status).toBe(409);
  });

  it("returns a request only with a comment, which the requester sees", async () => {
    const id = await fileOk(form({ docNumber: "11", title: "Horarios de atención" }));
    const empty = await ssi.post(`/publicaciones/solicitudes/${id}/devolver`, { comment: "" });
    expect(empty.status).toBe(422);
    expect((await pubOf(id))?.state).toBe("nuevo");
    const returned = await ssi.post(`/publicaciones/solicitudes/${id}/devolver`, {
      comment: "Falta la firma del secretario en la última página.",
    });
    expect(returned.status).toBe(303);
    expect((await pubOf(id))?.state).toBe("devuelto");
    const page = await (await liaison.get(`/publicaciones/solicitudes/${id}`)).text();
    expect(page).toContain("Falta la firma del secretario");
    expect(await db().select().from(documents).where(eq(documents.number, "011"))).toEqual([]);
  });

  it("lets no liaison publish (403) nor see another dependencia's request (404)", async () => {
    const id = await fileOk(form({ docNumber: "12", title: "Jornada pedagógica" }));
    expect((await liaison.post(`/publicaciones/solicitudes/${id}/publicar`, {})).status).toBe(403);
    expect((await otherLiaison.get(`/publicaciones/solicitudes/${id}`)).status).toBe(404);
    expect((await otherLiaison.get(`/publicaciones/solicitudes/${id}/archivo`)).status).toBe(404);
    expect(await (await otherLiaison.get("/publicaciones/solicitudes")).text()).not.toContain(id);
    expect((await pubOf(id))?.state).toBe("nuevo");
  });

  it("refuses a program renamed as a PDF: no row, no stored object", async () => {
    const before = { rows: (await db().select().from(pubRequests)).length, keys: await storedKeys() };
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(300)]);
    const response = await file(form({ docNumber: "13" }), exe);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("es un programa");
    expect((await db().select().from(pubRequests)).length).toBe(before.rows);
    expect(await storedKeys()).toEqual(before.keys);
  });

  it("with internal distribution, files exactly one communication request with the link, for OCS", async () => {
    // 300 kB: above the 64 kB of ordinary forms, within the document limit a liaison gets.
    const id = await fileOk(
      form({
        docNumber: "14",
        title: "Turnos de vigilancia",
        target: "intranet",
        internalDistribution: "si",
      }),
      Buffer.concat([pdf("turnos"), Buffer.alloc(300 * 1024)]),
    );
    expect((await ssi.post(`/publicaciones/solicitudes/${id}/publicar`, {})).status).toBe(303);
    const rows = await db()
      .select()
      .from(commRequests)
      .where(and(eq(commRequests.pubRequestId, id), eq(commRequests.origin, "distribucion")));
    expect(rows).toHaveLength(1);
    const [request] = rows;
    expect(request?.state).toBe("nuevo");
    expect(request?.classification).toBe("general");
    expect(request?.audienceKind).toBe("todos");
    expect(request?.requestedBy).toBe(liaisonPerson.id);
    expect(request?.subject).toBe("Circular No. 014 de 2026: Turnos de vigilancia");
    expect(request?.body).toContain(
      `Descárguela en Intranet: ${ctx.deps.config.publicBaseUrl}/documentos/circular-014-2026`,
    );
    // Intranet only: internal in the library.
    const visitor = new TestClient(ctx.app, "198.51.100.10");
    expect((await visitor.get("/documentos/circular-014-2026")).status).toBe(303);
    // The requester follows it in «Mis solicitudes» of communications.
    expect(await (await liaison.get("/comunicaciones/mis-solicitudes")).text()).toContain(
      "Turnos de vigilancia",
    );
  });

  it("refuses to publish a document the library already has (409), leaving the request to return", async () => {
    const id = await fileOk(form({ title: "Otra vez la circular 10" }));
    const response = await ssi.post(`/publicaciones/solicitudes/${id}/publicar`, {});
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("ya está en la biblioteca");
    expect((await pubOf(id))?.state).toBe("nuevo");
  });
});
