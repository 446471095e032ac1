import { createHash, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { zipSync } from "fflate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn } from "../../../test/factories.ts";
import { createPlanWithItems } from "../../../test/plans.ts";
import { outbox } from "../../core/mail/mail.table.ts";
import { getBuffer } from "../../core/storage/storage.types.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { addEvidence } from "../evidence/evidence.service.ts";
import { planEvidence } from "../evidence/evidence.table.ts";
import { planFollowups } from "../followups/followups.table.ts";
import { plans } from "../plans/plans.table.ts";
import { planActivityEvents, planReports } from "./progress.table.ts";

// One app for the file; evidence is limited to 1 MB per file and per report so limits are crossed cheaply.
let ctx: TestContext;
let t: Awaited<ReturnType<typeof createPlanWithItems>>;
let gobierno: TestClient;
let opgi: TestClient;
let planner: TestClient;
let control: TestClient;
const FEBRUARY = "2026-02-01/2026-02-28";

beforeAll(async () => {
  ctx = await createTestApp({ env: { EVIDENCE_MAX_FILE_MB: "1", EVIDENCE_MAX_REPORT_MB: "1" } });
  const g = await makeDependencia(ctx);
  const o = await makeDependencia(ctx);
  t = await createPlanWithItems(db(), { year: 2026, status: "aprobado", gobiernoId: g.id, opgiId: o.id });
  const reporter = (dependenciaId: string, email?: string) =>
    makePerson(ctx, { roles: ["responsable_plan"], dependenciaId, email });
  gobierno = await signIn(ctx, await reporter(g.id, "ana@pasto.gov.co"), "10.1.0.1");
  await reporter(g.id, "luis@pasto.gov.co");
  await reporter(g.id); // no e-mail: nobody to write to
  opgi = await signIn(ctx, await reporter(o.id, "opgi@pasto.gov.co"), "10.1.0.2");
  planner = await signIn(ctx, await makePerson(ctx, { roles: ["planeacion"] }), "10.1.0.3");
  control = await signIn(ctx, await makePerson(ctx, { roles: ["control_interno"] }), "10.1.0.4");
});
afterAll(() => ctx.database.close());

const db = () => ctx.database.db;
const startPath = (itemId: string, planId = t.plan.id) => `/planes/${planId}/actividades/${itemId}/reportes`;
const reportOf = async (id: string) =>
  (await db().select().from(planReports).where(eq(planReports.id, id)))[0];
const evidenceOf = (id: string) => db().select().from(planEvidence).where(eq(planEvidence.ownerId, id));
const eventsOf = (id: string) =>
  db().select().from(planActivityEvents).where(eq(planActivityEvents.reportId, id));
const idFrom = (response: Response) => (response.headers.get("location") ?? "").split("/").pop() ?? "";
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const pdf = Buffer.from(
  "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);

async function start(client: TestClient, itemId: string, periodKey: string, planId = t.plan.id) {
  const response = await client.post(startPath(itemId, planId), { periodKey });
  expect(response.status).toBe(303);
  return idFrom(response);
}

describe("a responsable reports", () => {
  let reportId: string;

  it("opens the report of a period from the inbox, and a second «Reportar» reuses it", async () => {
    const inbox = await (await gobierno.get("/mis-actividades")).text();
    expect(inbox).toContain("Por reportar");
    expect(inbox).toContain("Próximas");
    expect(inbox.indexOf("Actualizar el mapa de riesgos")).toBeLessThan(
      inbox.indexOf("Realizar la audiencia"),
    );
    expect(inbox).toContain(`action="${startPath(t.items.activity12)}"`);
    expect(inbox).toContain("Periodo: 01/02/2026 – 28/02/2026");
    reportId = await start(gobierno, t.items.activity12, FEBRUARY);
    expect(await start(gobierno, t.items.activity12, FEBRUARY)).toBe(reportId);
    const rows = await db().select().from(planReports).where(eq(planReports.itemId, t.items.activity12));
    expect(rows.map((r) => [r.id, r.status, r.periodKey])).toEqual([[reportId, "borrador", FEBRUARY]]);
    // Not an activity of Gobierno (OPGI's 1.1), nor a period the activity has.
    expect(
      (await gobierno.post(startPath(t.items.activity11), { periodKey: "2026-01-13/2026-01-31" })).status,
    ).toBe(404);
    expect(
      (await gobierno.post(startPath(t.items.activity12), { periodKey: "2026-03-01/2026-03-31" })).status,
    ).toBe(422);
    const page = await (await gobierno.get(`/reportes/${reportId}`)).text();
    expect(page).toContain(`action="/reportes/${reportId}"`);
    expect(page).toContain(`formaction="/reportes/${reportId}/enviar"`);
    expect(page).toContain('enctype="multipart/form-data"');
  });

  it("refuses a percentage outside 0–100 and saves nothing", async () => {
    const response = await gobierno.post(`/reportes/${reportId}`, { percent: "120", narrative: "Avance" });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Escriba un porcentaje entre 0 y 100");
    expect((await reportOf(reportId))?.percent).toBeNull();
  });

  it("saves a draft with a photo stripped of its EXIF, hashing the stored bytes", async () => {
    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: "green" } })
      .jpeg()
      .withExif({ IFD0: { Make: "Telefono" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "1/1 12/1 0/1" } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const saved = await gobierno.postFiles(
      `/reportes/${reportId}`,
      { percent: "50", narrative: "Se actualizó la mitad del mapa." },
      {
        evidencias: { name: "C:\\fotos\\taller.jpg", data: photo, type: "image/jpeg" },
        otro: { name: "acta.pdf", data: pdf, type: "application/pdf" },
      },
    );
    expect(saved.status).toBe(303);
    const files = await evidenceOf(reportId);
    const image = files.find((e) => e.contentType === "image/jpeg");
    const document = files.find((e) => e.contentType === "application/pdf");
    expect([image?.fileName, image?.contentType, document?.fileName]).toEqual([
      "taller.jpg",
      "image/jpeg",
      "acta.pdf",
    ]);
    const stored = (await getBuffer(ctx.deps.storage, image?.storageKey ?? "")) as Buffer;
    expect(image?.storageKey).toMatch(/^planes\/evidencias\/report\//);
    expect(image?.sha256).toBe(sha256(stored));
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(document?.sha256).toBe(sha256(pdf));
    expect((await reportOf(reportId))?.percent).toBe(50);
    expect((await eventsOf(reportId)).map((e) => e.kind).sort()).toEqual([
      "evidencia_agregada",
      "evidencia_agregada",
      "reporte_guardado",
    ]);
  });

  it("refuses a renamed program, a document with macros or a file over the limit, keeping nothing", async () => {
    const before = {
      evidence: (await evidenceOf(reportId)).length,
      events: (await eventsOf(reportId)).length,
    };
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(300)]);
    const refusedExe = await gobierno.postFiles(
      `/reportes/${reportId}`,
      { percent: "80", narrative: "Otro avance" },
      {
        evidencias: { name: "informe.pdf", data: exe, type: "application/pdf" },
        b: { name: "ok.pdf", data: pdf, type: "application/pdf" },
      },
    );
    expect(refusedExe.status).toBe(422);
    expect(await refusedExe.text()).toContain("«informe.pdf» es un programa");
    const docm = Buffer.from(
      zipSync({
        "[Content_Types].xml": new TextEncoder().encode(
          '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
        ),
        "word/document.xml": new TextEncoder().encode("<d/>"),
        "word/vbaProject.bin": new TextEncoder().encode("VBA"),
      }),
    );
    const docmFile = { evidencias: { name: "acta.docm", data: docm, type: "application/octet-stream" } };
    const refusedMacro = await gobierno.postFiles(`/reportes/${reportId}`, { percent: "80" }, docmFile);
    expect(refusedMacro.status).toBe(422);
    expect(await refusedMacro.text()).toContain("macros");
    const file = (i: number) => [`f${i}`, { name: `a${i}.pdf`, data: pdf, type: "application/pdf" }];
    const files = Object.fromEntries(Array.from({ length: 21 }, (_, i) => file(i)));
    const tooMany = await gobierno.postFiles(`/reportes/${reportId}`, { percent: "80" }, files);
    expect(tooMany.status).toBe(422);
    expect(await tooMany.text()).toContain("Puede adjuntar como máximo 20 archivos cada vez, y eligió 21.");
    // The route's body limit (64 KB for forms today) stops a large upload before the service: the service's
    // own per-file limit is checked directly.
    const report = (await reportOf(reportId)) as NonNullable<Awaited<ReturnType<typeof reportOf>>>;
    const owner = {
      type: "report" as const,
      id: report.id,
      planId: report.planId,
      dependenciaId: report.dependenciaId,
    };
    const big = Buffer.concat([pdf, Buffer.alloc(1024 * 1024)]);
    await expect(
      addEvidence(ctx.deps, systemAuditContext, owner, [{ fileName: "grande.pdf", bytes: big }]),
    ).rejects.toMatchObject({
      status: 422,
      userMessage: expect.stringContaining("como máximo 1 MB"),
    });
    expect((await evidenceOf(reportId)).length).toBe(before.evidence);
    expect((await eventsOf(reportId)).length).toBe(before.events);
    expect((await reportOf(reportId))?.percent).toBe(50);
    const keys: string[] = [];
    for await (const key of ctx.deps.storage.list(`planes/evidencias/report/${reportId}/`)) keys.push(key);
    expect(keys.length).toBe(before.evidence);
    const refusals = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "plan_evidence.refused"), eq(auditLog.targetId, reportId)));
    expect(refusals.length).toBe(4);
  });

  it("lets one of two uploads at once through when together they pass the owner's total", async () => {
    const owner = {
      type: "measurement" as const,
      id: randomUUID(),
      planId: null,
      dependenciaId: t.deps.opgi,
    };
    const bytes = Buffer.concat([pdf, Buffer.alloc(600 * 1024)]);
    const upload = () => addEvidence(ctx.deps, systemAuditContext, owner, [{ fileName: "a.pdf", bytes }]);
    const results = await Promise.allSettled([upload(), upload()]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await evidenceOf(owner.id)).toHaveLength(1);
  });

  it("keeps another dependencia and planeación out of the report, and lets staff only read it", async () => {
    const [evidence] = await evidenceOf(reportId);
    expect((await opgi.get(`/reportes/${reportId}`)).status).toBe(404);
    expect((await opgi.post(`/reportes/${reportId}`, { percent: "10" })).status).toBe(404);
    expect((await opgi.post(`/reportes/${reportId}/evidencias/${evidence?.id}/eliminar`, {})).status).toBe(
      404,
    );
    expect((await opgi.get(`/evidencias/${evidence?.id}`)).status).toBe(404);
    expect((await planner.post(`/reportes/${reportId}`, { percent: "10" })).status).toBe(403);
    const read = await (await control.get(`/reportes/${reportId}`)).text();
    expect(read).not.toContain(`action="/reportes/${reportId}/validar"`);
    expect(read).not.toContain("Guardar borrador");
    expect((await reportOf(reportId))?.percent).toBe(50);
  });

  it("sends only a complete report, then it can no longer be changed", async () => {
    const missing = await gobierno.post(`/reportes/${reportId}/enviar`, { percent: "60", narrative: "" });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain("Describa lo que se hizo en el periodo");
    const sent = await gobierno.post(`/reportes/${reportId}/enviar`, {
      percent: "60",
      narrative: "Mapa al 60 %.",
    });
    expect(sent.status).toBe(303);
    expect(await reportOf(reportId)).toMatchObject({ status: "enviado", percent: 60 });
    expect((await gobierno.post(`/reportes/${reportId}`, { percent: "70" })).status).toBe(409);
  });

  it("accepts a quantity above the meta with a warning, for planeación to decide", async () => {
    const id = await start(gobierno, t.items.activity31, "2026-07-01/2026-12-31");
    const saved = await gobierno.post(`/reportes/${id}`, { quantity: "2", narrative: "Dos audiencias." });
    expect(saved.status).toBe(303);
    expect(await reportOf(id)).toMatchObject({ quantity: 2, percent: 100, overMeta: true });
    expect(await (await gobierno.get(`/reportes/${id}`)).text()).toContain("supera la meta");
    const two = { quantity: "2", narrative: "Dos audiencias." };
    const noEvidence = await gobierno.post(`/reportes/${id}/enviar`, two);
    expect(noEvidence.status).toBe(422);
    expect(await noEvidence.text()).toContain("Adjunte al menos un archivo de evidencia");
    const acta = { evidencias: { name: "acta.pdf", data: pdf, type: "application/pdf" } };
    const sent = await gobierno.postFiles(`/reportes/${id}/enviar`, two, acta);
    expect(sent.status).toBe(303);
  });
});

describe("planeación reviews", () => {
  it("lists the sent reports oldest first with the over-meta flag, returns one by e-mail and validates it once corrected", async () => {
    const queue = await (await planner.get(`/planes/${t.plan.id}/reportes`)).text();
    expect(queue.indexOf("Actualizar el mapa de riesgos")).toBeLessThan(
      queue.indexOf("Realizar la audiencia"),
    );
    expect(queue).toContain("Supera la meta");
    const [report] = await db().select().from(planReports).where(eq(planReports.itemId, t.items.activity12));
    const id = report?.id ?? "";
    const empty = await planner.post(`/reportes/${id}/devolver`, { comment: "" });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Escriba por qué devuelve el reporte");
    ctx.clock.advance(60_000);
    expect(
      (await planner.post(`/reportes/${id}/devolver`, { comment: "Falta el acta firmada." })).status,
    ).toBe(303);
    const mails = await db().select().from(outbox).where(eq(outbox.kind, "plan_report_returned"));
    expect(mails.map((m) => m.recipient).sort()).toEqual(["ana@pasto.gov.co", "luis@pasto.gov.co"]);
    expect(mails[0]?.body).toContain("Falta el acta firmada.");
    expect(mails[0]?.body).toContain(`/reportes/${id}`);
    expect((await planner.post(`/reportes/${id}/validar`, {})).status).toBe(409);
    const inbox = await (await gobierno.get("/mis-actividades")).text();
    expect(inbox).toContain("Devueltas por planeación");
    expect(inbox).toContain("Falta el acta firmada.");
    ctx.clock.advance(60_000);
    expect(
      (await gobierno.post(`/reportes/${id}/enviar`, { percent: "70", narrative: "Con el acta." })).status,
    ).toBe(303);
    expect((await control.post(`/reportes/${id}/validar`, {})).status).toBe(403);
    ctx.clock.advance(60_000);
    expect((await planner.post(`/reportes/${id}/validar`, { comment: "" })).status).toBe(303);
    expect(await reportOf(id)).toMatchObject({ status: "validado", percent: 70 });
  });

  it("lets control interno publish evidence of a validated report, downloaded with its hash", async () => {
    const [report] = await db().select().from(planReports).where(eq(planReports.itemId, t.items.activity12));
    const [evidence] = await evidenceOf(report?.id ?? "");
    const id = evidence?.id ?? "";
    expect((await ctx.app.request(`/transparencia/evidencias/${id}`)).status).toBe(404);
    const staff = await control.get(`/evidencias/${id}`);
    expect(staff.status).toBe(200);
    expect(staff.headers.get("content-disposition")).toContain("attachment");
    expect(staff.headers.get("x-content-type-options")).toBe("nosniff");
    const bytes = Buffer.from(await staff.arrayBuffer());
    expect(staff.headers.get("repr-digest")).toBe(
      `sha-256=:${createHash("sha256").update(bytes).digest("base64")}:`,
    );
    expect(
      (await db().select().from(auditLog).where(eq(auditLog.action, "plan_evidence.downloaded"))).length,
    ).toBe(1);
    // Back to the report, whatever else `volver` names: never a redirect off the follow-up sheets.
    const publica = `/evidencias/${id}/publica`;
    const marked = await control.post(publica, { publica: "si", volver: "//evil.example" });
    expect(marked.headers.get("location")).toBe(`/reportes/${report?.id}`);
    // Public only once the plan is: an approved plan's evidence stays private.
    expect((await ctx.app.request(`/transparencia/evidencias/${id}`)).status).toBe(404);
    await db().update(plans).set({ status: "publicado" }).where(eq(plans.id, t.plan.id));
    const open = await ctx.app.request(`/transparencia/evidencias/${id}`);
    expect(open.status).toBe(200);
    expect(open.headers.get("repr-digest")).toBe(staff.headers.get("repr-digest"));
    // Control interno withdraws it: private again.
    await control.post(publica, { publica: "no" });
    expect((await ctx.app.request(`/transparencia/evidencias/${id}`)).status).toBe(404);
  });

  it("refuses (403, audited) a planner who opened or sent the report, and hides the buttons", async () => {
    const roles: ("planeacion" | "responsable_plan")[] = ["planeacion", "responsable_plan"];
    const both = await signIn(ctx, await makePerson(ctx, { roles, dependenciaId: t.deps.opgi }), "10.1.0.5");
    const id = await start(both, t.items.activity11, "2026-01-13/2026-01-31");
    const empty = { quantity: "0", narrative: "Aún nada." };
    expect((await both.post(`/reportes/${id}/enviar`, empty)).status).toBe(303);
    const own = await both.post(`/reportes/${id}/validar`, {});
    expect(own.status).toBe(403);
    expect(await own.text()).toContain("otra persona de planeación debe validarlo");
    const page = await (await both.get(`/reportes/${id}`)).text();
    expect(page).not.toContain(`action="/reportes/${id}/validar"`);
    expect(page).toContain("Usted abrió o envió este reporte");
    expect((await both.post(`/reportes/${id}/devolver`, { comment: "Yo mismo" })).status).toBe(403);
    const denied = await db().select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(denied.filter((a) => a.action === "access.denied").map((a) => a.details)).toEqual([
      { route: "reports.validate", reason: "self_review" },
      { route: "reports.return", reason: "self_review" },
    ]);
    expect((await planner.post(`/reportes/${id}/validar`, {})).status).toBe(303);
  });

  it("shows the activity's reports and its whole history, OCI's verification included, oldest first", async () => {
    const [report] = await db().select().from(planReports).where(eq(planReports.itemId, t.items.activity12));
    ctx.clock.advance(60_000);
    await db().insert(planActivityEvents).values({
      planId: t.plan.id,
      itemId: t.items.activity12,
      kind: "verificacion_oci",
      percent: 65,
      comment: "Verificado con el acta.",
      at: ctx.clock.now(),
    });
    const page = await (await planner.get(`/planes/${t.plan.id}/actividades/${t.items.activity12}`)).text();
    expect(page).toContain(`href="/reportes/${report?.id}"`);
    const order = [
      "Evidencia agregada",
      "Reporte enviado",
      "Reporte devuelto por planeación",
      "Reporte validado",
      "Verificación de control interno",
    ];
    const history = page.slice(page.indexOf(">Historial</h2>"));
    const positions = order.map((label) => history.indexOf(label));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(page).toContain("Falta el acta firmada.");
    expect(page).toContain((await evidenceOf(report?.id ?? ""))[0]?.sha256);
  });
});

describe("a period a follow-up covers", () => {
  it("is locked: no new report, and no change to an open one, naming the cut", async () => {
    const plan = await createPlanWithItems(db(), {
      year: 2026,
      status: "publicado",
      gobiernoId: t.deps.gobierno,
      opgiId: t.deps.opgi,
    });
    const draft = await start(gobierno, plan.items.activity12, FEBRUARY, plan.plan.id);
    const sent = await start(opgi, plan.items.activity12, FEBRUARY, plan.plan.id);
    const nothing = { percent: "0", narrative: "Nada." };
    expect((await opgi.post(`/reportes/${sent}/enviar`, nothing)).status).toBe(303);
    await db()
      .insert(planFollowups)
      .values({ planId: plan.plan.id, cutOn: "2026-02-28", dueOn: "2026-03-13", openedAt: ctx.clock.now() });
    const refused = await gobierno.post(`/reportes/${draft}`, { percent: "10", narrative: "x" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("28/02/2026");
    const late = await opgi.post(`/planes/${plan.plan.id}/actividades/${plan.items.activity11}/reportes`, {
      periodKey: "2026-01-13/2026-01-31",
    });
    expect(late.status).toBe(409);
    expect((await reportOf(draft))?.percent).toBeNull();
    // Nor does planeación decide on a report of that period any more.
    const review = await planner.post(`/reportes/${sent}/validar`, {});
    expect([review.status, (await reportOf(sent))?.status]).toEqual([409, "enviado"]);
    expect(await review.text()).toContain("ya no se puede validar ni devolver");
    expect(await (await planner.get(`/reportes/${sent}`)).text()).not.toContain(`/reportes/${sent}/validar"`);
  });
});
