// The card pages in a browser: what «Mi carnet» says is missing, a delivery that needs an answer, and
// a disable that goes through its confirmation page; every page checked with axe-core.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvePhoto } from "../src/carnetizacion/review/review.service.ts";
import { people } from "../src/core/people/people.table.ts";
import { systemAuditContext } from "../src/shared/audit.ts";
import { makePerson } from "../test/factories.ts";
import { makePersonWithPhotoInReview, makeReadyToPrint, printBatch } from "../test/production.ts";
import { DESKTOP, expectAccessible, type Harness, PHONE, signedInPage, startHarness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const loggedIn = (person: { documentNumber: string }, viewport = PHONE) =>
  signedInPage(h, person, { viewport });

describe("card pages in the browser", () => {
  it("tells a servant on a phone what is missing after the photo was approved", async () => {
    const { person, photo } = await makePersonWithPhotoInReview(h.ctx);
    await h.ctx.database.db.update(people).set({ vinculacion: null }).where(eq(people.id, person.id));
    await approvePhoto(h.ctx.database.db, h.ctx.clock.now(), systemAuditContext, photo.id);
    const page = await loggedIn(person, PHONE);
    await page.goto(`${h.baseUrl}/mi-carnet`);
    await page.getByRole("heading", { level: 2, name: "Qué falta para imprimir su carnet" }).waitFor();
    expect(await page.getByText("Falta su vinculación").count()).toBe(1);
    expect(await page.getByText("Su foto está en revisión").count()).toBe(0);
    await expectAccessible(page);
  });

  it("needs a lanyard answer to deliver, and confirms before disabling", async () => {
    const { person, card } = await makeReadyToPrint(h.ctx);
    const batch = await printBatch(h.ctx, [card.id]);
    const operator = await makePerson(h.ctx, { roles: ["servidor", "operador_ssi"] });
    const page = await loggedIn(operator, DESKTOP);
    await page.goto(`${h.baseUrl}/ssi/lotes/${batch.id}`);
    await page.getByText("1 carnet: 1 impreso").waitFor();
    await expectAccessible(page);

    await page.goto(`${h.baseUrl}/ssi/carnets/${card.id}`);
    await page.getByRole("button", { name: "Marcar como listo para entregar" }).click();
    await page.getByRole("button", { name: "Registrar la entrega" }).click();
    await page.getByRole("alert").getByText("Indique si se entregó la cinta.").waitFor();
    await expectAccessible(page);
    await page.getByLabel("Se entregó con la cinta").check();
    await page.getByRole("button", { name: "Registrar la entrega" }).click();
    await page.getByText("Entrega registrada.").waitFor();

    await page.getByLabel("Motivo", { exact: true }).selectOption("perdida");
    await page.getByRole("button", { name: "Inhabilitar el carnet" }).click();
    await page
      .getByRole("heading", {
        level: 1,
        name: `¿Inhabilitar el carnet de ${person.firstNames} ${person.lastNames}?`,
      })
      .waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Cancelar" }).click();
    await page.getByRole("heading", { level: 1, name: /^Carnet de/ }).waitFor();
    expect(await page.locator(".status-big").textContent()).toBe("Entregado");

    await page.getByLabel("Motivo", { exact: true }).selectOption("perdida");
    await page.getByRole("button", { name: "Inhabilitar el carnet" }).click();
    await page.getByRole("button", { name: "Sí, inhabilitar" }).click();
    await page.getByText("Carnet inhabilitado.").waitFor();
    expect(await page.locator(".status-big").textContent()).toBe("Inhabilitado");
  });
});
