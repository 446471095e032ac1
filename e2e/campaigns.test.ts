// The liaison's path in the browser: download the template, fill it, upload it with bad rows, fix them,
// apply; send list 1 with a name that does not match SIPAP's, confirm it and apply; then SSI sees the
// effects and the campaign dashboard. Every page checked with axe-core.
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { people } from "../src/core/people/people.table.ts";
import { makeDependencia, makePerson } from "../test/factories.ts";
import {
  DESKTOP,
  expectAccessible,
  type Harness,
  PHONE,
  screenshot,
  signedInPage,
  startHarness,
} from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const loggedIn = (person: { documentNumber: string }, viewport = DESKTOP) =>
  signedInPage(h, person, { viewport });

describe("a campaign from the liaison's and SSI's side", () => {
  it("fills the template, fixes bad rows, applies, and SSI sees it on the dashboard", async () => {
    const dependencia = await makeDependencia(h.ctx, "Secretaría de Cultura");
    const ssiPerson = await makePerson(h.ctx, { roles: ["servidor", "operador_ssi"] });
    const ssi = await loggedIn(ssiPerson);
    await ssi.goto(`${h.baseUrl}/ssi/campanas`);
    await ssi.getByRole("heading", { level: 1, name: "Campañas de carnetización" }).waitFor();
    await expectAccessible(ssi);
    await ssi.getByLabel("Nombre", { exact: true }).fill("Carnetización 2026");
    await ssi.getByLabel("Fecha límite").fill("2026-02-20");
    await ssi.getByRole("button", { name: "Abrir la campaña" }).click();
    await ssi.getByRole("heading", { level: 1, name: "Carnetización 2026" }).waitFor();

    const liaison = await makePerson(h.ctx, { roles: ["servidor", "enlace"], dependenciaId: dependencia.id });
    const page = await loggedIn(liaison, PHONE);
    await page.goto(`${h.baseUrl}/dependencia/listas`);
    await page.getByRole("heading", { level: 1, name: "Listas de Secretaría de Cultura" }).waitFor();
    await expectAccessible(page);
    await screenshot(page, "phone-lists-home");
    await page.getByRole("link", { name: "2. Contratistas OPS que continúan sin carnet" }).click();
    await expectAccessible(page);
    await screenshot(page, "phone-list-form");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Descargar la plantilla (.xlsx)" }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path()) ?? "")) as never);
    const sheet = workbook.worksheets.find((ws) => ws.name !== "Instrucciones" && ws.state !== "hidden");
    const headers = ((sheet?.getRow(1).values ?? []) as string[]).slice(1);
    const row = (values: Record<string, string | Date>) => headers.map((header) => values[header] ?? "");
    // Rows 2 and 3, right under the header (the template has empty formatted rows below).
    sheet?.insertRow(
      2,
      row({
        "Tipo de documento": "CC",
        "Número de documento": "1085444001",
        Nombres: "José",
        Apellidos: "Nariño Muñoz",
        Dependencia: "Secretaría de Cultura",
        "Número de contrato": "OPS-2026-201",
        "Fecha de inicio": new Date(Date.UTC(2026, 0, 15)),
        "Fecha de terminación": new Date(Date.UTC(2026, 11, 31)),
        "Correo institucional": "jose.narino.e2e@pasto.gov.co",
        Teléfono: "3001234567",
        "Grupo sanguíneo y RH": "O+",
      }),
    );
    sheet?.insertRow(
      3,
      row({
        "Tipo de documento": "CC",
        "Número de documento": "1085444002",
        Nombres: "Ana",
        Apellidos: "Paz",
        Dependencia: "Secretaría de Cultura",
        "Número de contrato": "OPS-2026-202",
        "Fecha de inicio": "15/01/2026",
        "Fecha de terminación": "10/01/2026",
        "Correo institucional": "ana.paz@gmail.com",
        Teléfono: "3001234567",
        "Grupo sanguíneo y RH": "A+",
      }),
    );
    const file = path.join(os.tmpdir(), `contratistas-${process.pid}.xlsx`);
    await workbook.xlsx.writeFile(file);
    await page.getByLabel("Archivo de la lista").setInputFiles(file);
    await page.getByRole("button", { name: "Revisar el archivo" }).click();
    await page.getByText("1 fila tiene errores").waitFor();
    expect(await page.content()).toContain("posterior a la de inicio");
    await expectAccessible(page);
    await screenshot(page, "phone-list-preview-errors");

    sheet?.spliceRows(3, 1);
    await workbook.xlsx.writeFile(file);
    await page.goBack();
    await page.getByLabel("Archivo de la lista").setInputFiles(file);
    await page.getByRole("button", { name: "Revisar el archivo" }).click();
    await page.getByText("1 fila está lista para aplicar").waitFor();
    await page.getByRole("button", { name: "Aplicar la fila" }).click();
    await page.getByText("Lista aplicada.").waitFor();
    await expectAccessible(page);
    await screenshot(page, "phone-list-applied");
    const [jose] = await h.ctx.database.db
      .select()
      .from(people)
      .where(eq(people.documentNumber, "1085444001"));
    expect(jose).toMatchObject({ dependenciaId: dependencia.id, contractEnd: "2026-12-31" });

    // List 1 with a name that is not the one SIPAP has for the document: flagged, confirmed, applied.
    const leaving = await makePerson(h.ctx, { dependenciaId: dependencia.id });
    await h.ctx.database.db
      .update(people)
      .set({ firstNames: "Marta Cecilia", lastNames: "Rosero" })
      .where(eq(people.id, leaving.id));
    await page.goto(`${h.baseUrl}/dependencia/listas`);
    await page.getByRole("link", { name: "1. Personas desvinculadas" }).click();
    await page.getByLabel("Una persona por línea").fill(`Carlos Bravo;${leaving.documentNumber}`);
    await page.getByRole("button", { name: "Revisar la lista" }).click();
    await page.getByText("Un nombre no coincide con el de SIPAP").waitFor();
    await expectAccessible(page);
    await screenshot(page, "phone-list-name-mismatch");
    await page.getByRole("button", { name: "Aplicar la fila" }).click();
    await page.getByRole("heading", { name: "Revise lo siguiente" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel(/Sí, es Marta Cecilia Rosero/).check();
    await page.getByRole("button", { name: "Aplicar la fila" }).click();
    await page.getByText("Lista aplicada.").waitFor();
    const [left] = await h.ctx.database.db.select().from(people).where(eq(people.id, leaving.id));
    expect(left?.status).toBe("desvinculado");

    await ssi.reload();
    await ssi
      .getByText(/Enviada .* 1 persona/)
      .first()
      .waitFor();
    await expectAccessible(ssi);
    await screenshot(ssi, "desktop-campaign");
  });
});
