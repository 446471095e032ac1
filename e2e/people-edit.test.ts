import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDependencia, makePerson } from "../test/factories.ts";
import { DESKTOP, expectAccessible, type Harness, PHONE, signedInPage, startHarness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const loggedIn = (person: { documentNumber: string }, viewport = DESKTOP) =>
  signedInPage(h, person, { viewport });

describe("«Editar datos» and a new credential", () => {
  it.each([
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const)(
    "an SSI operator edits a person, moves them and hands over a credential (%s)",
    async (_, viewport) => {
      const from = await makeDependencia(h.ctx);
      const to = await makeDependencia(h.ctx);
      const operator = await makePerson(h.ctx, { roles: ["operador_ssi"] });
      const person = await makePerson(h.ctx, {
        dependenciaId: from.id,
        email: `e2e${Date.now()}@pasto.gov.co`,
      });
      const page = await loggedIn(operator, viewport);
      await page.goto(`${h.baseUrl}/admin/personas/${person.id}`);
      await page.getByRole("link", { name: "Editar datos" }).click();
      await page.getByRole("heading", { level: 1, name: /^Editar datos de/ }).waitFor();
      await expectAccessible(page);
      await page.getByLabel("Nombres").fill("");
      await page.getByRole("button", { name: "Guardar cambios" }).click();
      expect(await page.getByRole("alert").textContent()).toContain("Escriba los nombres.");
      await expectAccessible(page);
      await page.getByLabel("Nombres").fill("Rosa");
      await page.getByLabel("Dependencia").selectOption(to.id);
      await page.getByLabel("Vinculación").selectOption("planta");
      await page.getByLabel("Cargo u objeto del contrato (opcional)").fill("Técnico administrativo");
      await page.getByRole("button", { name: "Guardar cambios" }).click();
      await page.getByRole("heading", { level: 2, name: "Historial de dependencias" }).waitFor();
      await expectAccessible(page);
      await page.getByRole("button", { name: "Enviar nueva credencial por correo" }).click();
      await page.getByRole("heading", { level: 1, name: /^Credencial enviada a/ }).waitFor();
      await expectAccessible(page);
      await page.goto(`${h.baseUrl}/admin/personas/${person.id}`);
      await page.getByRole("button", { name: "Entregar en persona" }).click();
      await page.getByRole("heading", { level: 1, name: /^Credencial inicial de/ }).waitFor();
      await expectAccessible(page);
    },
  );
});
