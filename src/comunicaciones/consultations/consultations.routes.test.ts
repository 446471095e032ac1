// Consultations through the routes: an agreement-class message cannot be approved until OCS consults Talento
// Humano (or SSI) and the office answers for the current text; the consulted office reads that request and no
// other; an unfavourable opinion warns the approver and is quoted in the approval; a sensitive notice is never
// consulted nor read by the office. Events, audit rows and outbox notices for each step.
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn, type TestPerson } from "../../../test/factories.ts";
import { outbox } from "../../core/mail/mail.table.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { commRequestEvents, commRequests } from "../requests/requests.table.ts";
import { commConsultations } from "./consultations.table.ts";

let ctx: TestContext;
let salud: string;
let liaison: TestClient;
let ocs: TestClient;
let ocsPerson: TestPerson;
let despacho: TestClient;
let th: TestClient;
let thPerson: TestPerson;
let ssi: TestClient;
let recipient: TestPerson;

const db = () => ctx.database.db;
let n = 0;
const mail = () => `c${++n}.${Date.now()}@pasto.gov.co`;

beforeAll(async () => {
  ctx = await createTestApp();
  salud = (await makeDependencia(ctx, "Secretaría de Salud")).id;
  for (let i = 0; i < 2; i++) await makePerson(ctx, { dependenciaId: salud, email: mail() });
  recipient = await makePerson(ctx, { email: mail() });
  liaison = await signIn(
    ctx,
    await makePerson(ctx, { roles: ["enlace"], dependenciaId: salud, email: mail() }),
  );
  ocsPerson = await makePerson(ctx, { roles: ["comunicaciones"], email: mail() });
  ocs = await signIn(ctx, ocsPerson);
  despacho = await signIn(ctx, await makePerson(ctx, { roles: ["despacho"] }));
  thPerson = await makePerson(ctx, { roles: ["talento_humano"], email: mail() });
  th = await signIn(ctx, thPerson);
  ssi = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
});
afterAll(() => ctx.database.close());

const form = (overrides: Record<string, string | string[]> = {}) => ({
  purpose: "Divulgar los beneficios del convenio con la Caja de Compensación",
  classification: "convenio",
  audienceKind: "filtro",
  dependencias: [salud],
  includeChildren: "si",
  vinculacion: "",
  personDocument: "",
  desiredDate: "2026-02-10",
  desiredTime: "09:00",
  subject: "Beneficios del convenio con la Caja",
  body: "Hola {{nombre}}: conozca los beneficios del convenio con la Caja de Compensación.",
  ...overrides,
});

async function file(overrides: Record<string, string | string[]> = {}) {
  const response = await liaison.post("/comunicaciones/solicitudes", form(overrides));
  expect(response.status).toBe(303);
  return (response.headers.get("location") ?? "").split("/").pop() ?? "";
}
const act = (client: TestClient, id: string, step: string, body: Record<string, string> = {}) =>
  client.post(`/comunicaciones/solicitudes/${id}/${step}`, body);
const page = (client: TestClient, id: string) => client.get(`/comunicaciones/solicitudes/${id}`);
const request = async (id: string) =>
  (await db().select().from(commRequests).where(eq(commRequests.id, id)))[0];

describe("the agreement path", () => {
  it("refuses approval → OCS consults Talento Humano → TH reads and answers → the Despacho approves", async () => {
    const id = await file();
    expect((await act(ocs, id, "revisar")).status).toBe(303);
    expect((await act(despacho, id, "aprobar")).status).toBe(422);
    // Not consulted yet: the office does not even know the request exists.
    expect((await page(th, id)).status).toBe(404);

    expect((await act(ocs, id, "consultas", { office: "talento_humano", question: "" })).status).toBe(422);
    const asked = await act(ocs, id, "consultas", {
      office: "talento_humano",
      question: "¿Puede divulgarse este convenio a todos los servidores de Salud?",
    });
    expect(asked.status).toBe(303);
    // One consultation per office and text.
    expect((await act(ocs, id, "consultas", { office: "talento_humano", question: "Otra vez" })).status).toBe(
      409,
    );
    const notices = await db().select().from(outbox).where(eq(outbox.personId, thPerson.id));
    expect(notices.some((m) => m.subject.includes("Consulta sobre la solicitud"))).toBe(true);

    const inbox = await (await th.get("/comunicaciones/consultas")).text();
    expect(inbox).toContain("Beneficios del convenio con la Caja");
    expect(inbox).toContain("¿Puede divulgarse este convenio");
    const shown = await page(th, id);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain("conozca los beneficios del convenio");
    // SSI was not consulted: it still cannot see the request.
    expect((await page(ssi, id)).status).toBe(404);
    // Talento Humano reads; it does not approve.
    expect((await act(th, id, "aprobar")).status).toBe(403);

    const [consultation] = await db()
      .select()
      .from(commConsultations)
      .where(eq(commConsultations.requestId, id));
    const answerPath = `/comunicaciones/consultas/${consultation?.id}`;
    expect((await ssi.post(answerPath, { opinion: "favorable", answer: "Sí, procede." })).status).toBe(404);
    expect((await th.post(answerPath, { opinion: "", answer: "" })).status).toBe(422);
    const answered = await th.post(answerPath, {
      opinion: "desfavorable",
      answer: "El convenio venció en diciembre; no conviene anunciarlo.",
    });
    expect(answered.status).toBe(303);
    expect((await th.post(answerPath, { opinion: "favorable", answer: "Cambio de opinión" })).status).toBe(
      409,
    );
    const back = await db().select().from(outbox).where(eq(outbox.personId, ocsPerson.id));
    expect(back.some((m) => m.subject.includes("Consulta respondida"))).toBe(true);

    const warned = await (await page(despacho, id)).text();
    expect(warned).toContain("concepto desfavorable");
    expect(warned).toContain("El convenio venció en diciembre");
    expect((await act(despacho, id, "aprobar")).status).toBe(303);
    expect((await request(id))?.state).toBe("aprobado");

    const events = await db()
      .select()
      .from(commRequestEvents)
      .where(eq(commRequestEvents.requestId, id))
      .orderBy(asc(commRequestEvents.id));
    expect(events.map((e) => e.kind)).toEqual([
      "creado",
      "tomado",
      "consulta_pedida",
      "consulta_respondida",
      "aprobado",
    ]);
    expect(events.at(-1)?.comment).toContain("El convenio venció en diciembre");
    expect(events.at(-1)?.details).toMatchObject({
      consultations: [{ office: "talento_humano", opinion: "desfavorable" }],
    });
    const actions = (
      await db().select().from(auditLog).where(eq(auditLog.targetId, id)).orderBy(asc(auditLog.id))
    ).map((row) => row.action);
    expect(actions).toEqual([
      "comm_request.created",
      "comm_request.taken",
      "comm_consultation.asked",
      "comm_consultation.answered",
      "comm_request.approved",
    ]);
  });

  it("asks again after the text changes: an answer holds for one content version", async () => {
    const id = await file({ subject: "Convenio con el gimnasio" });
    await act(ocs, id, "revisar");
    await act(ocs, id, "consultas", { office: "ssi", question: "¿El enlace del gimnasio es seguro?" });
    const [consultation] = await db()
      .select()
      .from(commConsultations)
      .where(eq(commConsultations.requestId, id));
    expect(
      (
        await ssi.post(`/comunicaciones/consultas/${consultation?.id}`, {
          opinion: "favorable",
          answer: "Sí.",
        })
      ).status,
    ).toBe(303);
    // The reviewer edits the text: the answer was for the old one.
    expect(
      (
        await ocs.post(
          `/comunicaciones/solicitudes/${id}/editar`,
          form({ subject: "Convenio con el gimnasio (2)" }),
        )
      ).status,
    ).toBe(303);
    const refused = await act(ocs, id, "aprobar");
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("debe consultarse");
  });

  it("answers 403 to the inbox for roles that are not consulted", async () => {
    expect((await liaison.get("/comunicaciones/consultas")).status).toBe(403);
    expect((await ocs.get("/comunicaciones/consultas")).status).toBe(403);
    expect((await ssi.get("/comunicaciones/consultas")).status).toBe(200);
  });
});

describe("a sensitive notice", () => {
  it("is never consulted, and the office cannot read it even with a consultation row", async () => {
    const id = await file({
      classification: "sensible",
      audienceKind: "persona",
      personDocument: recipient.documentNumber,
      subject: "Descuento de nómina pendiente",
      body: "Su descuento de nómina número 8812 quedó pendiente.",
    });
    await act(ocs, id, "revisar");
    const refused = await act(ocs, id, "consultas", {
      office: "talento_humano",
      question: "¿Procede este aviso?",
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("no se consulta");
    expect(await db().select().from(commConsultations).where(eq(commConsultations.requestId, id))).toEqual(
      [],
    );
    // A row written behind the service's back still opens nothing.
    const current = await request(id);
    await db()
      .insert(commConsultations)
      .values({
        requestId: id,
        office: "talento_humano",
        contentVersion: current?.contentVersion ?? 1,
        question: "x",
        askedBy: current?.reviewerId ?? "",
        askedAt: new Date(),
      });
    expect((await page(th, id)).status).toBe(404);
    expect(await (await th.get("/comunicaciones/consultas")).text()).not.toContain("nómina");
    const viewed = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.actorId, thPerson.id)));
    expect(viewed).toEqual([]);
  });
});
