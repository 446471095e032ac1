// The SSI operator's path in the browser: review photos by keyboard, print a batch, read the printed QR,
// check the card publicly on a phone, deliver it; and the production pages, all checked with axe-core.
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDependencia, makePerson } from "../test/factories.ts";
import { readQrCodes } from "../test/pdf.ts";
import { makePersonWithPhotoInReview, makeReadyToPrint, printBatch } from "../test/production.ts";
import { expectAccessible, type Harness, PHONE, screenshot, signedInPage, startHarness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const loggedIn = (person: { documentNumber: string }, options: { javaScript?: boolean } = {}) =>
  signedInPage(h, person, options);

const nav = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name, exact: true }).click();

describe("the SSI operator's path", () => {
  it("reviews by keyboard, prints a batch, and the printed QR opens VIGENTE on a phone", async () => {
    const dependencia = await makeDependencia(h.ctx, "Secretaría de Tránsito y Transporte");
    const first = await makePersonWithPhotoInReview(h.ctx, { dependenciaId: dependencia.id });
    h.ctx.clock.advance(60_000);
    const second = await makePersonWithPhotoInReview(h.ctx, { dependenciaId: dependencia.id });
    const operator = await makePerson(h.ctx, { roles: ["servidor", "operador_ssi"] });
    const page = await loggedIn(operator);

    await nav(page, "Fotos por revisar");
    await page.getByRole("heading", { level: 1, name: "Fotos por revisar" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Empezar a revisar" }).click();
    await page
      .getByRole("heading", { level: 1, name: `${first.person.firstNames} ${first.person.lastNames}` })
      .waitFor();
    await expectAccessible(page);
    await screenshot(page, "desktop-review");

    // One key approves, and the next photo opens at once.
    await page.keyboard.press("a");
    await page
      .getByRole("heading", { level: 1, name: `${second.person.firstNames} ${second.person.lastNames}` })
      .waitFor();
    expect(await page.getByRole("status").textContent()).toContain("Foto aprobada.");
    await page.keyboard.press("r");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("reason");
    await page.getByLabel("Motivo del rechazo").selectOption("Fondo no blanco");
    await page.getByRole("button", { name: "Rechazar" }).click();
    await page.getByText("No hay fotos esperando revisión.").waitFor();
    await expectAccessible(page);

    await nav(page, "Impresión");
    await page.getByRole("heading", { level: 1, name: "Impresión de carnets" }).waitFor();
    await expectAccessible(page);
    await screenshot(page, "desktop-print-queue");
    await page
      .getByLabel(`Imprimir el carnet de ${first.person.firstNames} ${first.person.lastNames}`)
      .check();
    await page.getByRole("button", { name: "Crear lote con los marcados" }).click();
    await page.getByRole("link", { name: /Descargar el PDF/ }).waitFor({ timeout: 20_000 });
    await expectAccessible(page);
    await screenshot(page, "desktop-batch");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /Descargar el PDF/ }).click(),
    ]);
    const pdf = await readFile((await download.path()) ?? "");
    const [url] = await readQrCodes(pdf, 2);
    expect(url).toMatch(/^HTTP:\/\/LOCALHOST:\d+\/VERIFICAR\/[0-9A-Z]{16}$/);

    const phone = await (await h.browser.newContext({ viewport: PHONE, locale: "es-CO" })).newPage();
    await phone.goto(`${h.baseUrl}${new URL(url ?? "").pathname}`);
    await phone.getByText("VIGENTE", { exact: true }).waitFor();
    expect(await phone.content()).not.toContain(first.person.documentNumber);
    await expectAccessible(phone);
    await screenshot(phone, "phone-verify-valid");

    await page.getByRole("button", { name: "Marcarlo como listo para entregar" }).click();
    await page.getByRole("link", { name: `${first.person.firstNames} ${first.person.lastNames}` }).click();
    await page.getByRole("heading", { level: 1, name: /^Carnet de/ }).waitFor();
    await page.getByLabel("La cinta queda pendiente").check();
    await page.getByRole("button", { name: "Registrar la entrega" }).click();
    await page.getByText("la cinta quedó pendiente").waitFor();
    await expectAccessible(page);
    await screenshot(page, "desktop-card");

    await page.getByLabel("Motivo", { exact: true }).selectOption("perdida");
    await page.getByRole("button", { name: "Inhabilitar el carnet" }).click();
    await page.getByRole("button", { name: "Sí, inhabilitar" }).click();
    await page.getByText("Carnet inhabilitado.").waitFor();
    await phone.reload();
    await phone.getByText("INHABILITADO", { exact: true }).waitFor();
    await expectAccessible(phone);
  });

  it("approves without JavaScript with the plain buttons", async () => {
    const { person } = await makePersonWithPhotoInReview(h.ctx);
    const page = await loggedIn(await makePerson(h.ctx, { roles: ["operador_ssi"] }), { javaScript: false });
    await page.goto(`${h.baseUrl}/ssi/fotos`);
    await page.getByRole("link", { name: `${person.firstNames} ${person.lastNames}` }).click();
    await page.getByRole("button", { name: "Aprobar" }).click();
    await page.getByText("Foto aprobada.").waitFor();
  });
});

describe("production pages", () => {
  it("shows the dashboard, lists, verification form and card design accessibly", async () => {
    const { card } = await makeReadyToPrint(h.ctx);
    await printBatch(h.ctx, [card.id]);
    const admin = await makePerson(h.ctx, { roles: ["servidor", "administrador"] });
    const page = await loggedIn(admin);
    for (const [path, name, heading] of [
      ["/ssi", "desktop-dashboard", "Tablero de carnetización"],
      ["/ssi/carnets", "desktop-cards", "Carnets"],
      ["/ssi/cintas-pendientes", "desktop-lanyards", "Cintas pendientes"],
      ["/ssi/carnets-por-recuperar", "desktop-to-recover", "Carnets por recuperar"],
      ["/admin/diseno-carnet", "desktop-design", "Diseño del carnet"],
      ["/admin/motivos-rechazo", "desktop-reasons", "Motivos de rechazo de fotos"],
    ] as const) {
      await page.goto(`${h.baseUrl}${path}`);
      await page.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor();
      await expectAccessible(page);
      await screenshot(page, name);
    }

    const phone = await (await h.browser.newContext({ viewport: PHONE, locale: "es-CO" })).newPage();
    await phone.goto(`${h.baseUrl}/verificar`);
    await expectAccessible(phone);
    await phone.getByLabel("Código del carnet").fill("no es un código");
    await phone.getByRole("button", { name: "Verificar" }).click();
    await phone.getByText("Revise el código").waitFor();
    await expectAccessible(phone);
    await screenshot(phone, "phone-verify-form-error");
    await phone.goto(`${h.baseUrl}/verificar/7K3M9Q2XW4HT8PJ5`);
    await phone.getByText("NO ENCONTRADO").waitFor();
    await expectAccessible(phone);
    await screenshot(phone, "phone-verify-unknown");
  });
});
