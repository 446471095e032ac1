// The whole life of the demo servant's own card, as the people involved do it in a browser: the servant on a
// phone (first login, data, photo), SSI at a desk (completes the vinculación, approves the photo, prints,
// delivers, disables after confirming) and a citizen who scans the printed QR. No special registration:
// the card is the demo servant's, from the demo accounts a newcomer gets on the first start.
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../src/demo/demo.service.ts";
import { systemAuditContext } from "../src/shared/audit.ts";
import { readQrCodes } from "../test/pdf.ts";
import { fixturePath } from "../test/photos.ts";
import {
  DESKTOP,
  expectAccessible,
  type Harness,
  PHONE,
  screenshot,
  startHarness,
  useMenu,
} from "./harness.ts";
import { LoginPage, PasswordPage } from "./pages/login.page.ts";

let h: Harness;
let accounts: { role: string; documentNumber: string; credential: string }[];
beforeAll(async () => {
  h = await startHarness();
  const demo = await loadDemoData(
    h.ctx.database,
    h.ctx.clock.now(),
    systemAuditContext,
    h.ctx.deps.config,
    h.ctx.deps.storage,
  );
  accounts = demo.credentials;
});
afterAll(() => h.close());

const account = (role: string) => {
  const found = accounts.find((a) => a.role === role);
  if (!found) throw new Error(`no demo account for ${role}`);
  return found;
};

/** First login of a demo account: its one-time credential, a password of its own, the privacy notice. */
async function firstLogin(page: Page, role: string, password: string) {
  const { documentNumber, credential } = account(role);
  const login = new LoginPage(page);
  await login.open(h.baseUrl);
  await login.logIn(documentNumber, credential);
  await new PasswordPage(page).choose(password);
  await page.getByLabel("Leí el aviso").check();
  await page.getByRole("button", { name: "Continuar" }).click();
  await page.getByRole("heading", { level: 1, name: /^Hola,/ }).waitFor();
}

/** The step list on the home page as «title: status». */
const steps = (page: Page) =>
  page
    .locator(".journey__title")
    .evaluateAll((items) =>
      items.map((item) => [...item.querySelectorAll("span")].map((span) => span.textContent).join(": ")),
    );

describe("the life of the demo servant's card", () => {
  it("goes from first login to VIGENTE on the citizen's phone, and to INHABILITADO after a confirmed disable", async () => {
    const servantContext = await h.browser.newContext({ viewport: PHONE, locale: "es-CO" });
    const servant = await servantContext.newPage();
    await firstLogin(servant, "servidor", "mi carnet de la alcaldía 2026");
    expect(await steps(servant)).toEqual([
      "Sus datos: Siguiente paso",
      "Su foto: Pendiente",
      "Su carnet: Pendiente",
    ]);
    await expectAccessible(servant);
    await screenshot(servant, "life-phone-home-steps");

    // One «Menú» button on the phone: the bar stays one row high until it is opened.
    const navHeight = await servant
      .getByRole("navigation", { name: "Menú principal" })
      .evaluate((nav) => nav.getBoundingClientRect().height);
    expect(navHeight).toBeLessThan(60);

    await servant.getByRole("link", { name: "Completar mis datos" }).click();
    await servant.getByLabel("Cargo u objeto del contrato").fill("Profesional universitario de presupuesto");
    await servant.getByLabel("Correo institucional").fill("ana.rosero@pasto.gov.co");
    await servant.getByLabel("Celular o teléfono").fill("300 555 0101");
    await servant.getByLabel("Grupo sanguíneo y RH").selectOption("O+");
    await servant.getByRole("button", { name: "Guardar mis datos" }).click();
    expect(await servant.getByRole("status").textContent()).toContain("Sus datos se guardaron.");

    await useMenu(servant, "Mi foto");
    await servant.getByRole("heading", { level: 1, name: "Mi foto" }).waitFor();
    // A 12 MB photo is stopped in the browser, beside the field, before a long upload.
    await servant.getByLabel("Elija o tome una foto").setInputFiles({
      name: "muy-grande.jpg",
      mimeType: "image/jpeg",
      buffer: Buffer.alloc(12 * 1024 * 1024, 1),
    });
    await servant.getByRole("button", { name: "Subir foto y revisarla" }).click();
    expect(await servant.locator("#photo-size-error").textContent()).toContain("12,6 MB");
    expect(new URL(servant.url()).pathname).toBe("/mi-foto");
    await expectAccessible(servant);
    await screenshot(servant, "life-phone-photo-too-big");

    await servant.getByLabel("Elija o tome una foto").setInputFiles(fixturePath("portrait-white-bg.jpg"));
    await servant.getByRole("button", { name: "Subir foto y revisarla" }).click();
    expect(await servant.getByRole("status").textContent()).toContain("pasó la revisión automática");
    expect(await steps(servant)).toEqual([
      "Sus datos: Hecho",
      "Su foto: En trámite",
      "Su carnet: En trámite",
    ]);
    await expectAccessible(servant);
    await screenshot(servant, "life-phone-photo-sent");

    await useMenu(servant, "Mi carnet");
    const cardPage = await servant.locator("main").textContent();
    expect(cardPage).toContain("en revisión");
    expect(cardPage).toContain("vinculación");
    await expectAccessible(servant);
    await screenshot(servant, "life-phone-card-missing");

    // SSI at a desk: the vinculación, then the photo.
    const ssiContext = await h.browser.newContext({
      viewport: DESKTOP,
      locale: "es-CO",
      acceptDownloads: true,
    });
    const ssi = await ssiContext.newPage();
    await firstLogin(ssi, "operador_ssi", "operadora de carnets en sistemas");
    await useMenu(ssi, "Personas");
    await ssi.getByLabel("Buscar por nombre o número de documento").fill(account("servidor").documentNumber);
    await ssi.getByRole("button", { name: "Buscar" }).click();
    await ssi.getByRole("link", { name: "Rosero Benavides, Ana María" }).click();
    await ssi.getByRole("link", { name: "Editar datos" }).click();
    await ssi.getByRole("heading", { level: 1, name: /Editar/ }).waitFor();
    await expectAccessible(ssi);
    await ssi.getByLabel("Vinculación").selectOption("planta");
    await ssi.getByRole("button", { name: "Guardar cambios" }).click();
    await ssi.getByRole("status").waitFor();
    await expectAccessible(ssi);
    await screenshot(ssi, "life-desktop-person-edited");

    // The demo queue holds many photos, oldest first: SSI filters by the servant's dependencia.
    await useMenu(ssi, "Fotos por revisar");
    await ssi.getByLabel("Dependencia").selectOption({ label: "Secretaría de Hacienda" });
    await ssi.getByRole("button", { name: "Filtrar" }).click();
    await ssi.getByRole("link", { name: "Ana María Rosero Benavides" }).click();
    await ssi.getByRole("button", { name: "Aprobar" }).click();
    await ssi.getByText("Foto aprobada.").waitFor();

    await servant.reload();
    const approved = await servant.locator("main").textContent();
    expect(approved).not.toContain("en revisión");
    expect(approved).toContain("Aprobada");
    await screenshot(servant, "life-phone-card-approved");

    await useMenu(ssi, "Impresión");
    await ssi.getByLabel("Imprimir el carnet de Ana María Rosero Benavides").check();
    await ssi
      .getByRole("button", { name: /Crear (un )?lote/ })
      .first()
      .click();
    await ssi.getByRole("link", { name: /Descargar el PDF/ }).waitFor({ timeout: 60_000 });
    await expectAccessible(ssi);
    await screenshot(ssi, "life-desktop-batch");
    const [download] = await Promise.all([
      ssi.waitForEvent("download"),
      ssi.getByRole("link", { name: /Descargar el PDF/ }).click(),
    ]);
    const pdf = await readFile((await download.path()) ?? "");
    const [url] = await readQrCodes(pdf, 2);
    expect(url).toMatch(/\/VERIFICAR\/[0-9A-Z]{16}$/);

    await ssi.getByRole("button", { name: /listos? para entregar/ }).click();
    await ssi.getByRole("link", { name: "Ana María Rosero Benavides" }).click();
    await ssi.getByRole("heading", { level: 1, name: /^Carnet de/ }).waitFor();
    await ssi.getByLabel("Se entregó con la cinta").check();
    await ssi.getByRole("button", { name: "Registrar la entrega" }).click();
    await expectAccessible(ssi);

    // The citizen scans the printed QR with a phone.
    const citizen = await (await h.browser.newContext({ viewport: PHONE, locale: "es-CO" })).newPage();
    await citizen.goto(`${h.baseUrl}${new URL(url ?? "").pathname}`);
    await citizen.getByText("VIGENTE", { exact: true }).waitFor();
    const verdictPage = (await citizen.locator("main").textContent()) ?? "";
    expect(verdictPage).toContain("Ana");
    expect(verdictPage).not.toContain(account("servidor").documentNumber);
    expect(verdictPage).toContain("Consultado el");
    await expectAccessible(citizen);
    await screenshot(citizen, "life-phone-verify-valid");

    await servant.goto(`${h.baseUrl}/`);
    expect(await steps(servant)).toEqual(["Sus datos: Hecho", "Su foto: Hecho", "Su carnet: Hecho"]);

    // Disabling asks for a confirmation that names the person and the card.
    await ssi.getByLabel("Motivo", { exact: true }).selectOption("perdida");
    await ssi.getByRole("button", { name: "Inhabilitar el carnet" }).click();
    await ssi.getByRole("heading", { level: 1, name: /inhabilitar/i }).waitFor();
    expect(await ssi.locator("main").textContent()).toContain("Ana María Rosero Benavides");
    await expectAccessible(ssi);
    await screenshot(ssi, "life-desktop-disable-confirm");
    await citizen.reload();
    await citizen.getByText("VIGENTE", { exact: true }).waitFor();
    await ssi.getByRole("button", { name: "Sí, inhabilitar" }).click();
    await ssi.getByText("Carnet inhabilitado.").waitFor();

    await citizen.reload();
    await citizen.getByText("INHABILITADO", { exact: true }).waitFor();
    await expectAccessible(citizen);
    await screenshot(citizen, "life-phone-verify-disabled");

    // On a phone, the wide card table becomes one block per card, each value with its column's name.
    await ssi.setViewportSize(PHONE);
    await ssi.goto(`${h.baseUrl}/ssi/carnets?q=${account("servidor").documentNumber}`);
    const row = ssi.locator("table.table--stack tbody tr").first();
    expect(await row.evaluate((tr) => getComputedStyle(tr).display)).toBe("block");
    expect(
      await row.locator('td[data-label="Estado"]').evaluate((td) => getComputedStyle(td, "::before").content),
    ).toBe('"Estado: "');
    expect(await ssi.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(ssi);
    await screenshot(ssi, "life-phone-card-list");
  });
});
