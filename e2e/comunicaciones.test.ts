// Comunicaciones, first slice (issue 13): a liaison files a request on a phone, with the form's errors first,
// and follows it in «Mis solicitudes»; the Oficina de Comunicaciones takes it from its queue and approves it;
// a sensitive notice to a whole dependencia is refused. Every page checked with axe-core.
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
  useMenu,
} from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const SUBJECT = "Jornada de vacunación contra la influenza en el CAM Anganoy";

describe("a communication request from filing to approval", () => {
  it("is filed by a liaison on a phone, and approved by the communications office", async () => {
    const salud = await makeDependencia(h.ctx, "Secretaría de Salud");
    for (const name of ["ana", "luis", "rosa"])
      await makePerson(h.ctx, { dependenciaId: salud.id, email: `${name}.demo@pasto.gov.co` });
    const liaison = await makePerson(h.ctx, {
      roles: ["servidor", "enlace"],
      dependenciaId: salud.id,
      email: "enlace.salud@pasto.gov.co",
    });
    const phone = await signedInPage(h, liaison, { viewport: PHONE });
    await useMenu(phone, "Mis solicitudes");
    await phone.getByRole("heading", { level: 1, name: "Mis solicitudes de comunicación" }).waitFor();
    await expectAccessible(phone);
    await phone.getByRole("link", { name: "Nueva solicitud" }).click();

    // A sensitive notice to every servant is refused, with the reason at the audience.
    await phone.getByLabel("Clase de comunicación").selectOption("sensible");
    await phone.getByLabel("Todos los servidores y contratistas activos").check();
    await phone.getByRole("button", { name: "Enviar la solicitud" }).click();
    const refusal = await phone.getByRole("alert").textContent();
    expect(refusal).toMatch(/una sola persona/i);
    await expectAccessible(phone);
    await screenshot(phone, "phone-comm-request-refused");

    await phone.getByLabel("Clase de comunicación").selectOption("general");
    await phone.getByLabel("Propósito").fill("Invitar a los servidores a la jornada de vacunación.");
    await phone.getByLabel("Todos los servidores y contratistas activos").check();
    await phone.getByLabel("Fecha deseada de envío").fill("2026-02-10");
    await phone.getByLabel("Hora deseada de envío").fill("08:00");
    await phone.getByLabel("Asunto").fill(SUBJECT);
    await phone
      .getByLabel("Texto del mensaje")
      .fill("Estimado(a) {{nombre}}: la Secretaría de Salud lo invita a vacunarse el martes.");
    await phone.getByRole("button", { name: "Enviar la solicitud" }).click();
    await phone.getByRole("heading", { level: 1, name: /^Solicitud de comunicación COM-/ }).waitFor();
    const code = ((await phone.getByRole("heading", { level: 1 }).textContent()) ?? "").split(" ").pop();
    await expectAccessible(phone);
    await screenshot(phone, "phone-comm-request");
    await phone.context().close();

    const ocsDependencia = await makeDependencia(h.ctx, "Oficina de Comunicaciones");
    const ocs = await makePerson(h.ctx, {
      roles: ["servidor", "comunicaciones"],
      dependenciaId: ocsDependencia.id,
    });
    const desk = await signedInPage(h, ocs, { viewport: DESKTOP });
    await useMenu(desk, "Comunicaciones");
    await desk.getByRole("heading", { level: 1, name: "Solicitudes de comunicación" }).waitFor();
    await expectAccessible(desk);
    await screenshot(desk, "desktop-comm-queue");
    await desk.getByRole("link", { name: code ?? "" }).click();
    expect(await desk.locator("main").textContent()).toContain(SUBJECT);
    await desk.getByRole("button", { name: "Tomar para revisión" }).click();
    await desk.getByRole("button", { name: "Aprobar" }).click();
    await desk.getByRole("heading", { level: 1, name: `Solicitud de comunicación ${code}` }).waitFor();
    expect(await desk.locator("main").textContent()).toContain("Aprobada");
    await expectAccessible(desk);
    await screenshot(desk, "desktop-comm-approved");
    await desk.context().close();
  });
});
