// A servant's first login on a phone: personal credential, forced password change, logout.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePerson } from "../test/factories.ts";
import { expectAccessible, type Harness, PHONE, screenshot, startHarness } from "./harness.ts";
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
      await page.getByRole("heading", { name: `Hola, ${person.firstNames}` }).waitFor();
      expect(await page.getByRole("status").textContent()).toContain("Su contraseña se guardó");
      if (js) {
        await expectAccessible(page);
        await screenshot(page, "phone-home-servidor");
      }

      await page.getByRole("button", { name: "Salir" }).click();
      await login.assertOn();
      expect(await page.getByRole("status").textContent()).toContain("Cerró su sesión");
      if (js) await expectAccessible(page);

      await login.logIn(person.documentNumber, person.credential);
      expect(await page.getByRole("alert").textContent()).toContain("ya se usó");
      await context.close();
    },
  );
});
