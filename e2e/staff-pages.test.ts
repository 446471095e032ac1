// Every staff page at desktop and phone widths, checked with axe-core: administrator, SSI operator, liaison.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

async function visit(page: Page, path: string, name: string, heading: string | RegExp) {
  await page.goto(`${h.baseUrl}${path}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await expectAccessible(page);
  await screenshot(page, name);
}

describe("administrator pages", () => {
  it("registers a person, edits roles and dependencias and searches the audit log, all accessible", async () => {
    const ssi = await makeDependencia(h.ctx, "Subsecretaría de Sistemas de Información");
    await makeDependencia(h.ctx, "Secretaría de Educación");
    const admin = await makePerson(h.ctx, { roles: ["servidor", "administrador"], dependenciaId: ssi.id });
    const page = await loggedIn(admin);
    await expectAccessible(page);
    await screenshot(page, "desktop-home-admin");

    await page
      .getByRole("navigation", { name: "Menú principal" })
      .getByRole("link", { name: "Personas" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Personas" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Registrar persona" }).click();
    await page.getByRole("button", { name: "Registrar y generar credencial" }).click();
    expect(await page.getByRole("alert").textContent()).toContain("Escriba el número de documento.");
    await expectAccessible(page);
    await screenshot(page, "desktop-person-new-errors");

    await page.getByLabel("Número de documento").fill("1.085.321.654");
    await page.getByLabel("Nombres").fill("Rosa Elena");
    await page.getByLabel("Apellidos").fill("Pantoja Ruales");
    await page.getByLabel("Correo institucional (opcional)").fill("rosa.pantoja@pasto.gov.co");
    await page.getByLabel("Dependencia").selectOption({ label: "Secretaría de Educación" });
    await page.getByRole("button", { name: "Registrar y generar credencial" }).click();
    await page
      .getByRole("heading", { level: 1, name: "Credencial inicial de Rosa Elena Pantoja Ruales" })
      .waitFor();
    expect(await page.locator(".credential").textContent()).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expectAccessible(page);
    await screenshot(page, "desktop-credential");

    await page.getByRole("link", { name: "Ver los datos de la persona" }).click();
    await page.getByRole("heading", { level: 1, name: "Rosa Elena Pantoja Ruales" }).waitFor();
    await page.getByLabel("Enlace de dependencia").check();
    await page.getByRole("button", { name: "Guardar roles" }).click();
    expect(await page.getByRole("status").textContent()).toContain("Se guardaron los roles.");
    expect(await page.locator(".summary-list").first().textContent()).toContain("Enlace de dependencia");
    await expectAccessible(page);
    await screenshot(page, "desktop-person");

    await visit(page, "/admin/dependencias", "desktop-dependencias", "Dependencias");
    await page.getByLabel("Nombre", { exact: true }).fill("Subsecretaría de Cultura Ciudadana");
    await page.getByRole("button", { name: "Agregar dependencia" }).click();
    expect(await page.getByRole("status").textContent()).toContain("Se agregó");
    await page.getByRole("link", { name: "Editar Subsecretaría de Cultura Ciudadana" }).click();
    await page.getByRole("heading", { level: 1, name: "Editar dependencia" }).waitFor();
    await expectAccessible(page);
    await screenshot(page, "desktop-dependencia-edit");

    await visit(page, "/admin/auditoria?accion=person", "desktop-audit", "Auditoría");
    const log = await page.locator("tbody").textContent();
    expect(log).toContain("Roles cambiados");
    expect(log).not.toContain("person.roles_changed");
    await visit(page, "/admin/auditoria?desde=ayer", "desktop-audit-error", "Auditoría");
    await visit(page, "/admin/correos", "desktop-outbox", "Correos");
    expect(await page.locator(".message").first().textContent()).toContain("rosa.pantoja@pasto.gov.co");
  });

  it("shows the public and error pages accessibly at phone width", async () => {
    const page = await (await h.browser.newContext({ viewport: PHONE, locale: "es-CO" })).newPage();
    await visit(page, "/privacidad", "phone-privacy", "Política de tratamiento de datos personales");
    await visit(page, "/accesibilidad", "phone-accessibility", "Declaración de accesibilidad");
    await visit(page, "/mapa-del-sitio", "phone-sitemap", "Mapa del sitio");
    await visit(page, "/no-existe", "phone-404", "No encontramos la página");
    expect(await page.locator(".request-id").textContent()).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe("operator and liaison pages", () => {
  it("lets an SSI operator reset a credential and a liaison see only their dependencia, at phone width", async () => {
    const educacion = await makeDependencia(h.ctx);
    const operator = await makePerson(h.ctx, { roles: ["operador_ssi"] });
    const liaison = await makePerson(h.ctx, { roles: ["enlace"], dependenciaId: educacion.id });
    const colleague = await makePerson(h.ctx, { dependenciaId: educacion.id });
    const stranger = await makePerson(h.ctx);

    const op = await loggedIn(operator, PHONE);
    await screenshot(op, "phone-home-operator");
    await visit(
      op,
      `/admin/personas/${colleague.id}`,
      "phone-person",
      `${colleague.firstNames} ${colleague.lastNames}`,
    );
    await op.getByRole("button", { name: "Entregar en persona" }).click();
    await op.getByRole("heading", { level: 1, name: /^Credencial inicial de/ }).waitFor();
    await expectAccessible(op);
    await screenshot(op, "phone-credential");
    await visit(op, "/admin/dependencias", "phone-403", "No tiene permiso para ver esta página");

    const page = await loggedIn(liaison, PHONE);
    await visit(page, "/dependencia/personas", "phone-liaison-people", /^Personas de /);
    const table = await page.locator("table").textContent();
    expect(table).toContain(colleague.lastNames);
    expect(table).not.toContain(stranger.lastNames);
    await page.goto(`${h.baseUrl}/dependencia/personas/${stranger.id}`);
    await page.getByRole("heading", { level: 1, name: "No tiene permiso para ver esta página" }).waitFor();
    await expectAccessible(page);
  });
});
