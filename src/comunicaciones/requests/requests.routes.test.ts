// Communication requests end to end through the routes: filing and «Mis solicitudes», refused audiences (nobody,
// a sensitive notice to a group), the circular's approval rules (never the requester; agreement-class messages
// only after a consultation), editing after approval, a sensitive notice's content hidden from other readers,
// and an audit row for every state change.
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn, type TestPerson } from "../../../test/factories.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { commRequestEvents, commRequests } from "./requests.table.ts";

let ctx: TestContext;
let salud: string;
let liaison: TestClient;
let liaisonPerson: TestPerson;
let otherLiaison: TestClient;
let ocs: TestClient;
let otherOcs: TestClient;
let ocsRequester: TestClient;
let despacho: TestClient;
let servant: TestClient;
let recipient: TestPerson;
let empty: string;

const db = () => ctx.database.db;
let n = 0;
const mail = () => `s${++n}.${Date.now()}@pasto.gov.co`;

beforeAll(async () => {
  ctx = await createTestApp();
  salud = (await makeDependencia(ctx, "Secretaría de Salud")).id;
  empty = (await makeDependencia(ctx, "Dependencia sin correos")).id;
  for (let i = 0; i < 3; i++) await makePerson(ctx, { dependenciaId: salud, email: mail() });
  await makePerson(ctx, { dependenciaId: salud, email: "alguien@gmail.com" });
  await makePerson(ctx, { dependenciaId: empty });
  recipient = await makePerson(ctx, { email: mail() });
  liaisonPerson = await makePerson(ctx, { roles: ["enlace"], dependenciaId: salud, email: mail() });
  liaison = await signIn(ctx, liaisonPerson);
  otherLiaison = await signIn(ctx, await makePerson(ctx, { roles: ["enlace"], dependenciaId: salud }));
  ocs = await signIn(ctx, await makePerson(ctx, { roles: ["comunicaciones"] }));
  otherOcs = await signIn(ctx, await makePerson(ctx, { roles: ["comunicaciones"] }));
  ocsRequester = await signIn(
    ctx,
    await makePerson(ctx, { roles: ["enlace", "comunicaciones"], dependenciaId: salud }),
  );
  despacho = await signIn(ctx, await makePerson(ctx, { roles: ["despacho"] }));
  servant = await signIn(ctx, await makePerson(ctx, { dependenciaId: salud }));
});
afterAll(() => ctx.database.close());

const form = (overrides: Record<string, string | string[]> = {}) => ({
  purpose: "Informar la jornada de vacunación a Salud",
  classification: "general",
  audienceKind: "filtro",
  dependencias: [salud],
  includeChildren: "si",
  vinculacion: "",
  personDocument: "",
  desiredDate: "2026-02-10",
  desiredTime: "09:00",
  subject: "Jornada de vacunación",
  body: "Hola {{nombre}}: mañana hay jornada de vacunación en el CAM.",
  ...overrides,
});

/** Files a request and returns its id. */
async function file(client: TestClient, overrides: Record<string, string | string[]> = {}) {
  const response = await client.post("/comunicaciones/solicitudes", form(overrides));
  expect(response.status).toBe(303);
  const id = (response.headers.get("location") ?? "").split("/").pop() ?? "";
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}

const stateOf = async (id: string) =>
  (await db().select().from(commRequests).where(eq(commRequests.id, id)))[0]?.state;
const auditActions = async (id: string) =>
  (await db().select().from(auditLog).where(eq(auditLog.targetId, id)).orderBy(asc(auditLog.id))).map(
    (row) => row.action,
  );
const act = (client: TestClient, id: string, step: string, body: Record<string, string> = {}) =>
  client.post(`/comunicaciones/solicitudes/${id}/${step}`, body);

describe("filing", () => {
  it("files a request that then appears in Mis solicitudes, with its audience counted", async () => {
    const id = await file(liaison, { subject: "Vacunación en el CAM" });
    const mine = await (await liaison.get("/comunicaciones/mis-solicitudes")).text();
    expect(mine).toContain("Vacunación en el CAM");
    const page = await (await liaison.get(`/comunicaciones/solicitudes/${id}`)).text();
    expect(page).toContain("Solicitud radicada");
    expect(page).toContain("alguien@gmail.com");
    expect(await stateOf(id)).toBe("nuevo");
    expect(await auditActions(id)).toEqual(["comm_request.created"]);
  });

  it("refuses an audience that resolves to nobody, in plain Spanish", async () => {
    const response = await liaison.post("/comunicaciones/solicitudes", form({ dependencias: [empty] }));
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Nadie recibiría este mensaje");
  });

  it("refuses a sensitive notice to a dependencia or to everyone", async () => {
    for (const audience of [{ audienceKind: "filtro" }, { audienceKind: "todos" }]) {
      const response = await liaison.post(
        "/comunicaciones/solicitudes",
        form({ classification: "sensible", ...audience }),
      );
      expect(response.status).toBe(422);
      expect(await response.text()).toContain("va a una sola persona");
    }
  });

  it("refuses an unknown template field", async () => {
    const response = await liaison.post(
      "/comunicaciones/solicitudes",
      form({ body: "Hola {{apellido}}, ..." }),
    );
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("{{apellido}}");
  });

  it("answers 403 to a role without access", async () => {
    expect((await servant.get("/comunicaciones/mis-solicitudes")).status).toBe(403);
    expect((await servant.get("/comunicaciones/bandeja")).status).toBe(403);
    expect((await liaison.get("/comunicaciones/bandeja")).status).toBe(403);
  });
});

describe("review and approval", () => {
  it("never lets the requester approve their own request, even holding comunicaciones", async () => {
    const id = await file(ocsRequester);
    expect((await act(ocsRequester, id, "revisar")).status).toBe(303);
    const response = await act(ocsRequester, id, "aprobar");
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("no puede aprobarla");
    expect(await stateOf(id)).toBe("en_revision");
  });

  it("approves, and an edit after approval sends it back to review, every step audited", async () => {
    const id = await file(liaison);
    expect((await act(ocs, id, "revisar")).status).toBe(303);
    expect((await act(despacho, id, "aprobar")).status).toBe(422);
    expect((await act(ocs, id, "aprobar")).status).toBe(303);
    expect(await stateOf(id)).toBe("aprobado");
    const response = await liaison.post(
      `/comunicaciones/solicitudes/${id}/editar`,
      form({ subject: "Jornada de vacunación (nueva hora)" }),
    );
    expect(response.status).toBe(303);
    const [row] = await db().select().from(commRequests).where(eq(commRequests.id, id));
    expect(row).toMatchObject({ state: "en_revision", approvedBy: null, contentVersion: 2 });
    expect(await auditActions(id)).toEqual([
      "comm_request.created",
      "comm_request.taken",
      "comm_request.approved",
      "comm_request.back_to_review",
    ]);
    const events = await db()
      .select()
      .from(commRequestEvents)
      .where(eq(commRequestEvents.requestId, id))
      .orderBy(asc(commRequestEvents.id));
    expect(events.map((e) => e.kind)).toEqual(["creado", "tomado", "aprobado", "vuelto_a_revision"]);
  });

  it("refuses to approve an agreement-class message until a consultation is answered", async () => {
    const id = await file(liaison, { classification: "convenio" });
    await act(ocs, id, "revisar");
    for (const approver of [ocs, despacho]) {
      const response = await act(approver, id, "aprobar");
      expect(response.status).toBe(422);
      expect(await response.text()).toContain("debe consultarse a Talento Humano");
    }
    expect(await stateOf(id)).toBe("en_revision");
  });

  it("returns with a comment, takes the resubmission and rejects, each step audited", async () => {
    const id = await file(liaison);
    await act(ocs, id, "revisar");
    expect((await act(ocs, id, "devolver", { comment: "" })).status).toBe(422);
    expect((await act(ocs, id, "devolver", { comment: "Indique el lugar exacto." })).status).toBe(303);
    expect(await stateOf(id)).toBe("devuelto");
    expect(await (await liaison.get(`/comunicaciones/solicitudes/${id}`)).text()).toContain(
      "Indique el lugar exacto.",
    );
    expect((await act(liaison, id, "reenviar")).status).toBe(303);
    expect((await act(ocs, id, "rechazar", { comment: "No corresponde a la entidad." })).status).toBe(303);
    expect(await stateOf(id)).toBe("rechazado");
    expect(await auditActions(id)).toEqual([
      "comm_request.created",
      "comm_request.taken",
      "comm_request.returned",
      "comm_request.resubmitted",
      "comm_request.rejected",
    ]);
  });
});

describe("a sensitive notice", () => {
  it("shows its content only to the requester and the reviewer", async () => {
    const id = await file(liaison, {
      classification: "sensible",
      audienceKind: "persona",
      personDocument: recipient.documentNumber,
      subject: "Saldo pendiente de Recaudo",
      body: "Su caso 4471 de cartera quedó en cobro coactivo.",
    });
    expect((await act(ocs, id, "revisar")).status).toBe(303);
    for (const reader of [liaison, ocs]) {
      const html = await (await reader.get(`/comunicaciones/solicitudes/${id}`)).text();
      expect(html).toContain("Saldo pendiente de Recaudo");
      expect(html).toContain("cobro coactivo");
    }
    for (const other of [otherOcs, otherLiaison]) {
      const response = await other.get(`/comunicaciones/solicitudes/${id}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain("contenido reservado");
      expect(html).not.toContain("Saldo pendiente");
      expect(html).not.toContain("cobro coactivo");
    }
    expect(await (await otherOcs.get("/comunicaciones/bandeja")).text()).not.toContain("Saldo pendiente");
    expect((await act(otherOcs, id, "aprobar")).status).toBe(422);
    expect((await act(ocs, id, "aprobar")).status).toBe(303);
    const viewed = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, "comm_request.viewed")));
    expect(viewed.length).toBeGreaterThan(0);
  });
});

describe("OCS's queue", () => {
  // Last in the file: it moves the clock a month ahead.
  it("shows returned and recently rejected requests, and lets finished ones drop off after 30 days", async () => {
    const returned = await file(liaison, { subject: "Simulacro de evacuación" });
    expect((await act(ocs, returned, "revisar")).status).toBe(303);
    expect((await act(ocs, returned, "devolver", { comment: "Indique el punto de encuentro." })).status).toBe(
      303,
    );
    const rejected = await file(liaison, { subject: "Descuentos en motocicletas" });
    expect((await act(ocs, rejected, "revisar")).status).toBe(303);
    expect((await act(ocs, rejected, "rechazar", { comment: "Es publicidad privada." })).status).toBe(303);
    const queue = await (await ocs.get("/comunicaciones/bandeja")).text();
    const section = (title: string) =>
      queue.slice(queue.indexOf(title), queue.indexOf("</section>", queue.indexOf(title)));
    expect(section("Devueltas al solicitante")).toContain("Simulacro de evacuación");
    expect(section("Enviadas y rechazadas en los últimos 30 días")).toContain("Descuentos en motocicletas");

    ctx.clock.advance(31 * 86_400_000);
    const later = await signIn(ctx, await makePerson(ctx, { roles: ["comunicaciones"] }));
    const page = await (await later.get("/comunicaciones/bandeja")).text();
    expect(page).toContain("Simulacro de evacuación");
    expect(page).not.toContain("Descuentos en motocicletas");
  });
});
