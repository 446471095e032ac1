import type { Page } from "playwright-core";
import { expect } from "vitest";

/** The login page; asserts it is on it. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string) {
    await this.page.goto(`${baseUrl}/ingresar`);
    await this.assertOn();
  }

  async assertOn() {
    expect(await this.page.getByRole("heading", { level: 1 }).textContent()).toBe("Ingresar a SIPAP");
  }

  async logIn(documentNumber: string, password: string) {
    await this.page.getByLabel("Número de documento").fill(documentNumber);
    await this.page.getByLabel("Contraseña", { exact: true }).fill(password);
    await this.page.getByRole("button", { name: "Ingresar" }).click();
  }
}

export class PasswordPage {
  constructor(private readonly page: Page) {}

  async assertForced() {
    expect(await this.page.getByRole("heading", { level: 1 }).textContent()).toBe("Cree su contraseña");
  }

  async choose(password: string, confirm = password) {
    await this.page.getByLabel("Nueva contraseña", { exact: true }).fill(password);
    await this.page.getByLabel("Repita la nueva contraseña").fill(confirm);
    await this.page.getByRole("button", { name: "Guardar contraseña" }).click();
  }

  async errorSummary() {
    return this.page.getByRole("alert").textContent();
  }
}
