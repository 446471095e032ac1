// A servant's first login on a phone: personal credential, forced password change, logout.

import { eq } from "drizzle-orm";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enrollPerson } from "../src/core/auth/auth.credentials.ts";
import { outbox } from "../src/core/mail/mail.table.ts";
import { systemAuditContext } from "../src/shared/audit.ts";
import { makeDependencia, makePerson } from "../test/factories.ts";
import { fixturePath } from "../test/photos.ts";
import { expectAccessible, type Harness, PHONE, screenshot, startHarness, useMenu } from "./harness.ts";
import { LoginPage, PasswordPage } from "./pages/login.page.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function phonePage(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ viewport: PHONE, javaScriptEnabled, locale: "es-CO" });
  return { context, page: await context.newPage() };
}

describe("first login on a phone", () => {
  it("signs in with the one-time link from the credential e-mail", async () => {
    const dependencia = await makeDependencia(h.ctx);
    await enrollPerson(h.ctx.database.db, h.ctx.clock.now(), systemAuditContext, h.ctx.deps.config, {
      documentType: "CC",
      documentNumber: "1085777001",
      firstNames: "Ana Lucía",
      lastNames: "Rosero",
      email: "ana.rosero.e2e@pasto.gov.co",
      dependenciaId: dependencia.id,
    });
    const [mail] = await h.ctx.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.recipient, "ana.rosero.e2e@pasto.gov.co"));
    const link = /\/activar\/[a-z0-9]+/.exec(mail?.body ?? "")?.[0];
    const { page } = await phonePage(true);
    await page.goto(`${h.baseUrl}${link}`);
    await page.getByRole("heading", { level: 1, name: "Hola, Ana Lucía" }).waitFor();
    await expectAccessible(page);
    await screenshot(page, "phone-credential-link");
    await page.getByRole("button", { name: "Ingresar y crear mi contraseña" }).click();
    await new PasswordPage(page).assertForced();
    await page.goto(`${h.baseUrl}${link}`);
    await page.getByRole("heading", { level: 1, name: "Este enlace ya no sirve" }).waitFor();
    await expectAccessible(page);
  });

  it.each([true, false])(
    "logs in, must change the initial credential, then logs out (JavaScript %s)",
    async (js) => {
      const person = await makePerson(h.ctx, { password: null });
      const { context, page } = await phonePage(js);
      await page.goto(h.baseUrl);
      if (js) {
        await expectAccessible(page);
        await screenshot(page, "phone-home-anonymous");
      }
      await page.getByRole("link", { name: "Ingresar", exact: true }).click();
      const login = new LoginPage(page);
      await login.assertOn();

      await login.logIn(person.documentNumber, "no es la clave");
      expect(await page.getByRole("alert").textContent()).toContain("no son correctos");
      if (js) {
        await expectAccessible(page);
        await screenshot(page, "phone-login-error");
      }

      await login.logIn(person.documentNumber, person.credential);
      const password = new PasswordPage(page);
      await password.assertForced();
      if (js) await expectAccessible(page);

      await page.goto(`${h.baseUrl}/`);
      await password.assertForced();

      await password.choose("12345678");
      expect(await password.errorSummary()).toContain("muy común");
      if (js) {
        await expectAccessible(page);
        await screenshot(page, "phone-password-error");
      }

      await password.choose("luna sobre el volcán galeras");
      await page
        .getByRole("heading", { level: 1, name: "Aviso de tratamiento de sus datos personales" })
        .waitFor();
      expect(await page.getByRole("status").textContent()).toContain("Su contraseña se guardó");
      await page.getByRole("button", { name: "Continuar" }).click();
      expect(await page.getByRole("alert").textContent()).toContain("Marque la casilla");
      if (js) {
        await expectAccessible(page);
        await screenshot(page, "phone-notice-error");
      }
      await page.getByLabel("Leí el aviso").check();
      await page.getByRole("button", { name: "Continuar" }).click();
      await page.getByRole("heading", { name: `Hola, ${person.firstNames}` }).waitFor();
      if (js) {
        await expectAccessible(page);
        await screenshot(page, "phone-home-servidor");
      }

      await page.getByRole("link", { name: "Mis datos" }).first().click();
      await page.getByRole("heading", { level: 1, name: "Mis datos" }).waitFor();
      await page.getByLabel("Cargo u objeto del contrato").fill("Profesional universitario");
      await page.getByLabel("Correo institucional").fill("prueba@gmail.com");
      await page.getByLabel("Celular o teléfono").fill("300 123 4567");
      await page.getByLabel("Grupo sanguíneo y RH").selectOption("A+");
      await page.getByRole("button", { name: "Guardar mis datos" }).click();
      expect(await page.getByRole("alert").textContent()).toContain("@pasto.gov.co");
      if (js) {
        await expectAccessible(page);
        await screenshot(page, "phone-my-data-error");
      }
      await page.getByLabel("Correo institucional").fill("prueba.persona@pasto.gov.co");
      await page.getByRole("button", { name: "Guardar mis datos" }).click();
      expect(await page.getByRole("status").textContent()).toContain("Sus datos se guardaron.");
      if (js) await expectAccessible(page);

      // The photo: one that fails a check first, then a good one; then the card's status.
      await useMenu(page, "Mi foto");
      await page.getByRole("heading", { level: 1, name: "Mi foto" }).waitFor();
      if (js) await expectAccessible(page);
      await page.getByLabel("Elija o tome una foto").setInputFiles(fixturePath("portrait-grey-backdrop.jpg"));
      if (js) {
        // The preview checks the photo before it is sent, with the same messages.
        await page.locator("#photo-preview .check--fail").first().waitFor();
        expect(await page.locator("#photo-preview .check--fail").textContent()).toContain("pared blanca");
        expect(await page.locator("#photo-preview .preview__status").textContent()).toContain("no pasa");
        await expectAccessible(page);
        await screenshot(page, "phone-photo-preview");
      }
      await page.getByRole("button", { name: "Subir foto y revisarla" }).click();
      await page.getByRole("heading", { name: "Su foto no pasó algunas revisiones" }).waitFor();
      expect(await page.locator(".check--fail").textContent()).toContain("pared blanca");
      if (js) {
        await expectAccessible(page);
        await screenshot(page, "phone-photo-draft");
      }
      await page.getByLabel("Elija o tome una foto").setInputFiles(fixturePath("portrait-white-bg.jpg"));
      await page.getByRole("button", { name: "Subir foto y revisarla" }).click();
      expect(await page.getByRole("status").textContent()).toContain("pasó la revisión automática");
      expect(await page.locator(".status-tag").textContent()).toContain("En revisión");
      expect(await page.locator(".portrait").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(600);
      if (js) {
        await expectAccessible(page);
        await screenshot(page, "phone-photo-sent");
      }
      await useMenu(page, "Mi carnet");
      expect(await page.locator(".status-big").textContent()).toBe("Solicitado");
      if (js) {
        await expectAccessible(page);
        await screenshot(page, "phone-card");
      }

      await useMenu(page, "Salir", "button");
      await login.assertOn();
      expect(await page.getByRole("status").textContent()).toContain("Cerró su sesión");
      if (js) await expectAccessible(page);

      await login.logIn(person.documentNumber, person.credential);
      expect(await page.getByRole("alert").textContent()).toContain("ya se usó");
      await context.close();
    },
  );
});
