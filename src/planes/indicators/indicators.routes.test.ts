import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn } from "../../../test/factories.ts";
import { auditLog } from "../../shared/audit.table.ts";
import type { Role } from "../../shared/auth/roles.ts";
import { planEvidence } from "../evidence/evidence.table.ts";
import { planIndicatorMeasurements, planIndicators } from "./indicators.table.ts";

let ctx: TestContext;
let dependenciaId: string;
let planner: TestClient;
let responsable: TestClient;
let indicatorId: string;

const db = () => ctx.database.db;
const as = async (roles: Role[], dependencia?: string) =>
  signIn(ctx, await makePerson(ctx, { roles, dependenciaId: dependencia }));
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 1)]);
const measurements = (periodKey: string) =>
  db()
    .select()
    .from(planIndicatorMeasurements)
    .where(
      and(
        eq(planIndicatorMeasurements.indicatorId, indicatorId),
        eq(planIndicatorMeasurements.periodKey, periodKey),
      ),
    );
const form = (overrides: Record<string, string> = {}) => ({
  dependenciaId,
  process: "Gestión de la atención al ciudadano",
  name: "Oportunidad en la respuesta a PQRD",
  formula: "(PQRD respondidas a tiempo / PQRD recibidas) × 100",
  unit: "%",
  direction: "ascendente",
  frequency: "trimestral",
  year: "2025",
  target: "90",
  baseline: "70,5",
  zoneLowMax: "59",
  zoneMidMax: "79",
  ...overrides,
});
const measure = (client: TestClient, fields: Record<string, string>, files: Record<string, Buffer> = {}) =>
  client.postFiles(
    `/indicadores/${indicatorId}/mediciones`,
    fields,
    Object.fromEntries(
      Object.entries(files).map(([name, data]) => [
        "evidence",
        { name, data, type: "application/octet-stream" },
      ]),
    ),
  );

beforeAll(async () => {
  ctx = await createTestApp();
  dependenciaId = (await makeDependencia(ctx, "Secretaría de Gobierno (indicadores)")).id;
  planner = await as(["planeacion"]);
  responsable = await as(["responsable_plan"], dependenciaId);
});
afterAll(() => ctx.database.close());

describe("indicators", () => {
  it("lets planeación create an indicator from the list page, audited, and refuses a bad form in Spanish", async () => {
    const list = await (await planner.get("/indicadores")).text();
    expect(list).toContain("Registrar un indicador");
    const bad = await planner.post(
      "/indicadores",
      form({ target: "noventa", zoneLowMax: "80", zoneMidMax: "70" }),
    );
    expect(bad.status).toBe(422);
    const badPage = await bad.text();
    expect(badPage).toContain(
      "Escriba la meta como un número, con coma o punto decimal y sin separador de miles, por ejemplo 85,5.",
    );
    expect(badPage).toContain('value="Oportunidad en la respuesta a PQRD"');
    expect(await db().select().from(planIndicators)).toHaveLength(0);

    const created = await planner.post("/indicadores", form());
    expect(created.status).toBe(303);
    const location = created.headers.get("location") ?? "";
    expect(location).toMatch(/^\/indicadores\/[0-9a-f-]{36}$/);
    indicatorId = location.split("/").at(-1) ?? "";
    const page = await (await planner.get(location)).text();
    expect(page).toContain("Indicador registrado");
    expect(page).toContain("Cumplimiento = valor medido ÷ meta × 100");
    expect(page).toContain("Todavía no hay mediciones.");
    expect(page).toContain("Primer trimestre de 2025");
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, "plan_indicator.created"));
    expect(audit?.targetId).toBe(indicatorId);
  });

  it("lets control interno read indicators but not create, edit or measure them", async () => {
    const oci = await as(["control_interno"]);
    expect(await (await oci.get("/indicadores")).text()).not.toContain("Registrar un indicador");
    expect((await oci.post("/indicadores", form({ name: "Otro indicador" }))).status).toBe(403);
    const page = await oci.get(`/indicadores/${indicatorId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain("Registrar una medición");
    expect(html).not.toContain("Desactivar el indicador");
    expect(
      (await measure(oci, { periodKey: "2025-T1", value: "80", analysis: "Análisis de control." })).status,
    ).toBe(403);
    expect(await measurements("2025-T1")).toHaveLength(0);
  });

  it("refuses a responsable of another dependencia, on the page and on the measurement", async () => {
    const other = await as(["responsable_plan"]);
    expect((await other.get(`/indicadores/${indicatorId}`)).status).toBe(403);
    expect(await (await other.get("/indicadores")).text()).not.toContain(
      "Oportunidad en la respuesta a PQRD",
    );
    const response = await measure(other, {
      periodKey: "2025-T1",
      value: "80",
      analysis: "Un análisis de otra dependencia.",
    });
    expect(response.status).toBe(403);
    expect(await measurements("2025-T1")).toHaveLength(0);
  });

  it("refuses a value that is not a number, and leaves no measurement when the evidence is refused", async () => {
    const notNumber = await measure(responsable, {
      periodKey: "2025-T1",
      value: "ochenta",
      analysis: "El resultado mejoró por el nuevo turno.",
    });
    expect(notNumber.status).toBe(422);
    expect(await notNumber.text()).toContain("Escriba el valor medido como un número");
    const renamed = await measure(
      responsable,
      { periodKey: "2025-T1", value: "80", analysis: "El resultado mejoró por el nuevo turno." },
      { "soporte.pdf": EXE },
    );
    expect(renamed.status).toBe(422);
    expect(await renamed.text()).toContain("«soporte.pdf» es un programa o instalador");
    expect(await measurements("2025-T1")).toHaveLength(0);
    expect(
      await db().select().from(planEvidence).where(eq(planEvidence.ownerType, "measurement")),
    ).toHaveLength(0);
    // The refusal itself stays in the audit log: the evidence service writes it before any transaction.
    const refusals = await db().select().from(auditLog).where(eq(auditLog.action, "plan_evidence.refused"));
    expect(refusals.map((r) => r.details)).toMatchObject([{ fileName: "soporte.pdf" }]);
  });

  it("records a measurement with evidence and shows its compliance, zone, chart and table", async () => {
    const response = await measure(
      responsable,
      { periodKey: "2025-T1", value: "85,5", analysis: "Se respondieron a tiempo casi todas las PQRD." },
      { "consolidado.pdf": PDF },
    );
    expect(response.status).toBe(303);
    const [row] = await measurements("2025-T1");
    expect(row?.value).toBe(85.5);
    const [evidence] = await db()
      .select()
      .from(planEvidence)
      .where(eq(planEvidence.ownerId, row?.id ?? ""));
    expect(evidence).toMatchObject({ ownerType: "measurement", dependenciaId, fileName: "consolidado.pdf" });
    const page = await (await responsable.get(`/indicadores/${indicatorId}`)).text();
    expect(page).toContain("Medición registrada: Primer trimestre de 2025.");
    expect(page).toContain("85,5 %");
    expect(page).toContain("95 %");
    expect(page).toContain("Alto (verde)");
    expect(page).toContain(`href="/evidencias/${evidence?.id}"`);
    expect(page).toMatch(/<figure[^>]*>\s*<svg[^>]*role="img"/);
    expect(page).toContain(
      "<figcaption>Meta: 90 % (más es mejor). 1 de 4 periodos medidos. Última medición, Primer trimestre de 2025: 85,5 %, cumplimiento 95 %, zona alta (verde).</figcaption>",
    );
    expect(page).toContain('<th scope="row">Primer trimestre de 2025</th>');
    const list = await (await responsable.get("/indicadores")).text();
    expect(list).toContain("85,5 % (Primer trimestre de 2025)");
    expect(list).not.toContain("Registrar un indicador");
  });

  it("refuses a period already measured unless asked to replace it, then replaces it", async () => {
    const again = await measure(responsable, {
      periodKey: "2025-T1",
      value: "40",
      analysis: "Segunda medición del mismo trimestre.",
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(
      "Ya hay una medición de Primer trimestre de 2025 (valor 85,5). Si quiere cambiarla, marque «Reemplazar la medición de este periodo»",
    );
    expect((await measurements("2025-T1"))[0]?.value).toBe(85.5);
    const replaced = await measure(responsable, {
      periodKey: "2025-T1",
      value: "40",
      analysis: "Corrección: el consolidado tenía PQRD duplicadas.",
      replace: "si",
    });
    expect(replaced.status).toBe(303);
    expect(await measurements("2025-T1")).toMatchObject([{ value: 40 }]);
    const page = await (await responsable.get(`/indicadores/${indicatorId}`)).text();
    expect(page).toContain("Medición reemplazada");
    expect(page).toContain("Bajo (rojo)");
    const audits = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "plan_indicator.measurement_replaced"));
    expect(audits[0]?.details).toMatchObject({ value: { before: 85.5, after: 40 } });
  });

  it("lets planeación measure any indicator, keeps frequency once measured, and deactivates it", async () => {
    const open = await measure(planner, {
      periodKey: "2026-T1",
      value: "80",
      analysis: "Un periodo de otra vigencia.",
    });
    expect(open.status).toBe(422);
    expect(await open.text()).toContain("Elija un periodo de la lista.");
    const q2 = await measure(planner, {
      periodKey: "2025-T2",
      value: "90",
      analysis: "Meta cumplida en el trimestre.",
    });
    expect(q2.status).toBe(303);
    const edit = await planner.post(`/indicadores/${indicatorId}`, form({ frequency: "mensual" }));
    expect(edit.status).toBe(422);
    expect(await edit.text()).toContain(
      "su dependencia, su frecuencia y su vigencia ya no se pueden cambiar",
    );
    expect((await planner.post(`/indicadores/${indicatorId}`, form({ target: "95" }))).status).toBe(303);
    expect((await planner.post(`/indicadores/${indicatorId}`, { accion: "desactivar" })).status).toBe(303);
    const inactive = await measure(planner, {
      periodKey: "2025-T3",
      value: "90",
      analysis: "Tercer trimestre medido.",
    });
    expect(inactive.status).toBe(409);
    expect(await inactive.text()).toContain("Este indicador está inactivo");
    const filtered = await (
      await planner.get(`/indicadores?dependencia=${dependenciaId}&vigencia=2025`)
    ).text();
    expect(filtered).toContain("Inactivo");
    expect(await (await planner.get("/indicadores?vigencia=2024")).text()).toContain(
      "No hay indicadores con este filtro.",
    );
  });
});
