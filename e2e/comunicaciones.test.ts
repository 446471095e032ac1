// Comunicaciones' «Done when» (issue 13) in the browser: a liaison files an agreement message on a phone (a
// sensitive notice to a group is refused first; a personal address in the pasted list is dropped and shown);
// OCS takes it and consults Talento Humano, which answers; OCS approves and schedules it; at its time it goes
// out through a real SMTP server, one message per recipient; the liaison reads the summary and the log. Then
// SSI publishes a circular a liaison asked for, and a citizen finds and downloads it from the public library.
// Every page checked with axe-core.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDependencia, makePerson, type TestPerson } from "../test/factories.ts";
import { type Received, startSmtpServer } from "../test/smtp.ts";
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
import { fileOnDisk } from "./pages/plans.page.ts";

let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const FROM = "intranet@pasto.gov.co";
beforeAll(async () => {
  smtp = await startSmtpServer();
  h = await startHarness({
    env: { SMTP_URL: smtp.url, COMM_FROM: `Intranet Alcaldía de Pasto <${FROM}>` },
    work: ["sending.dispatch", "sending.deliver"],
  });
});
afterAll(async () => {
  await h.close();
  await smtp.close();
});

const SUBJECT = "Becas de posgrado del convenio con la Universidad de Nariño";

async function until(what: string, done: () => boolean, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const headerOf = (message: Received, name: string) =>
  message.raw.match(new RegExp(`^${name}: (.*)$`, "mi"))?.[1]?.trim();

describe("Comunicaciones from the request to each mailbox, and the public library", () => {
  let liaison: TestPerson;
  let colleagues: (TestPerson & { email: string })[];

  it("files, consults, approves, schedules and sends one message per recipient", async () => {
    const salud = await makeDependencia(h.ctx, "Secretaría de Salud");
    colleagues = [];
    for (const [firstNames, mailbox] of [
      ["Ana Lucía", "ana.rosero"],
      ["Luis Alberto", "luis.erazo"],
      ["Rosa Elena", "rosa.chamorro"],
    ] as const) {
      const email = `${mailbox}@pasto.gov.co`;
      colleagues.push({
        ...(await makePerson(h.ctx, { dependenciaId: salud.id, email, firstNames })),
        email,
      });
    }
    liaison = await makePerson(h.ctx, {
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
    expect(await phone.getByRole("alert").textContent()).toMatch(/una sola persona/i);
    await expectAccessible(phone);
    await screenshot(phone, "phone-comm-request-refused");

    await phone.getByLabel("Clase de comunicación").selectOption("convenio");
    await phone
      .getByLabel("Propósito")
      .fill("Dar a conocer las becas del convenio a los servidores de Salud.");
    await phone.getByLabel("Una lista de correos que usted pega o carga").check();
    await phone
      .getByLabel("Si eligió una lista: péguela aquí")
      .fill([...colleagues.map((c) => c.email), "Primo de Ana <ana.rosero.1990@gmail.com>"].join("\n"));
    await phone.getByLabel("Fecha deseada de envío").fill("2026-02-10");
    await phone.getByLabel("Hora deseada de envío").fill("08:00");
    await phone.getByLabel("Asunto").fill(SUBJECT);
    await phone
      .getByLabel("Texto del mensaje")
      .fill(
        "Estimado(a) {{nombre}}:\n\nLas inscripciones a las becas del convenio están abiertas hasta el viernes.",
      );
    await phone.getByRole("button", { name: "Enviar la solicitud" }).click();
    await phone.getByRole("heading", { level: 1, name: /^Vista previa de la solicitud COM-/ }).waitFor();
    const main = (await phone.locator("main").textContent()) ?? "";
    expect(main).toContain("ana.rosero.1990@gmail.com");
    const code = main.match(/COM-\d{4}-\d{4}/)?.[0] ?? "";
    await expectAccessible(phone);
    await screenshot(phone, "phone-comm-preview-dropped");
    await phone.context().close();

    // OCS takes it and asks Talento Humano.
    const ocsPerson = await makePerson(h.ctx, { roles: ["servidor", "comunicaciones"] });
    const ocs = await signedInPage(h, ocsPerson, { viewport: DESKTOP });
    await useMenu(ocs, "Comunicaciones");
    await ocs.getByRole("heading", { level: 1, name: "Solicitudes de comunicación" }).waitFor();
    await expectAccessible(ocs);
    await ocs.getByRole("link", { name: code }).click();
    await ocs.getByRole("button", { name: "Tomar para revisión" }).click();
    await ocs.getByLabel("A quién consulta").selectOption("talento_humano");
    await ocs
      .getByLabel("Su pregunta")
      .fill("¿Las becas aplican también a contratistas? Confirme antes de aprobar.");
    await ocs.getByRole("button", { name: "Enviar la consulta" }).click();
    await ocs.getByRole("heading", { level: 1, name: `Solicitud de comunicación ${code}` }).waitFor();
    await expectAccessible(ocs);

    const thPerson = await makePerson(h.ctx, { roles: ["servidor", "talento_humano"] });
    const th = await signedInPage(h, thPerson, { viewport: DESKTOP });
    await useMenu(th, "Consultas");
    await th.getByRole("heading", { level: 1, name: "Consultas de comunicaciones" }).waitFor();
    await expectAccessible(th);
    await th.getByLabel("Su concepto").selectOption("favorable");
    await th
      .getByLabel("Su respuesta")
      .fill("Aplican a servidores de planta y contratistas con contrato vigente.");
    await th.getByRole("button", { name: "Enviar la respuesta" }).click();
    await th.getByRole("heading", { name: /Respondidas \(1\)/ }).waitFor();
    await th.context().close();

    await ocs.reload();
    await ocs.getByRole("button", { name: "Aprobar" }).click();
    await ocs.getByRole("heading", { name: "Programar el envío" }).waitFor();
    await expectAccessible(ocs);
    await ocs.getByRole("button", { name: "Programar el envío" }).click();
    await ocs.getByText(/Programada para el/).waitFor();
    await screenshot(ocs, "desktop-comm-scheduled");
    await useMenu(ocs, "Comunicaciones");
    await ocs.getByRole("link", { name: "Calendario de envíos programados" }).click();
    expect(await ocs.locator("main").textContent()).toContain(code);
    await expectAccessible(ocs);
    await ocs.context().close();

    // Its time comes: the sweep starts it and the sender writes to each recipient alone.
    h.ctx.clock.advance(Date.parse("2026-02-10T13:01:00Z") - h.ctx.clock.now().getTime());
    await h.ctx.jobs.send("sending.dispatch", {});
    await until("three messages", () => smtp.received.length >= 3);
    expect(smtp.received).toHaveLength(3);
    expect(smtp.received.map((m) => m.to).sort()).toEqual(colleagues.map((c) => [c.email]).sort());
    for (const message of smtp.received) {
      expect(message.from).toBe(FROM);
      expect(headerOf(message, "To")).toBe(message.to[0]);
      expect(headerOf(message, "Cc")).toBeUndefined();
      expect(headerOf(message, "Bcc")).toBeUndefined();
      const person = colleagues.find((c) => c.email === message.to[0]);
      expect(message.raw).toContain(`Estimado(a) ${person?.firstNames.split(" ")[0]}`);
    }

    const back = await signedInPage(h, liaison, { viewport: PHONE });
    await useMenu(back, "Mis solicitudes");
    await back.getByRole("link", { name: code }).click();
    await back.getByRole("heading", { name: "Resultado del envío" }).waitFor({ timeout: 60_000 });
    await expectAccessible(back);
    await screenshot(back, "phone-comm-sent");
    await back.getByRole("link", { name: "Ver el envío por destinatario" }).click();
    const log = (await back.locator("main").textContent()) ?? "";
    for (const c of colleagues) expect(log).toContain(c.email);
    expect(log).toContain("ana.rosero.1990@gmail.com");
    await expectAccessible(back);
    await back.context().close();
  });

  it("publishes a circular a liaison asked for, which a citizen finds and downloads on a phone", async () => {
    const pdf = Buffer.from(
      "%PDF-1.7\n% circular teletrabajo\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
    );
    const desk = await signedInPage(h, liaison, { viewport: DESKTOP });
    await useMenu(desk, "Publicaciones");
    await desk.getByRole("link", { name: /Nueva solicitud/ }).click();
    await desk.getByLabel("Tipo de documento").selectOption("circular");
    await desk.getByLabel("Número", { exact: true }).fill("007");
    await desk.getByLabel("Fecha del documento").fill("2026-01-27");
    await desk.getByLabel("Título").fill("Lineamientos de teletrabajo suplementario");
    await desk.getByLabel("Resumen").fill("Requisitos y trámite para solicitar teletrabajo suplementario.");
    await desk.getByLabel("Dónde se publica").selectOption("ambos");
    await desk.getByLabel("Sección").fill("Circulares 2026");
    await desk.getByLabel("Archivo").setInputFiles(fileOnDisk(pdf, "circular-007.pdf"));
    await desk.getByRole("button", { name: "Enviar la solicitud" }).click();
    await desk.getByRole("heading", { level: 1, name: /^Solicitud de publicación PUB-/ }).waitFor();
    await expectAccessible(desk);
    await desk.context().close();

    const ssiPerson = await makePerson(h.ctx, { roles: ["servidor", "operador_ssi"] });
    const ssi = await signedInPage(h, ssiPerson, { viewport: DESKTOP });
    await useMenu(ssi, "Publicaciones");
    await ssi.getByRole("heading", { level: 1, name: "Solicitudes de publicación" }).waitFor();
    await expectAccessible(ssi);
    await ssi.getByRole("link", { name: /PUB-/ }).first().click();
    await ssi.getByRole("button", { name: "Publicar el documento" }).click();
    expect(await ssi.locator("main").textContent()).toContain("Publicada");
    await expectAccessible(ssi);
    await ssi.context().close();

    const context = await h.browser.newContext({ viewport: PHONE, locale: "es-CO", acceptDownloads: true });
    const citizen = await context.newPage();
    await citizen.goto(`${h.baseUrl}/verificar`);
    await citizen.getByRole("link", { name: "Documentos (circulares y resoluciones)" }).click();
    await citizen.getByLabel("Buscar").fill("teletrabajo");
    await citizen.getByRole("button", { name: "Buscar" }).click();
    await expectAccessible(citizen);
    await screenshot(citizen, "phone-library-search");
    await citizen.getByRole("link", { name: /Lineamientos de teletrabajo/ }).click();
    await citizen
      .getByRole("heading", { level: 1, name: /Circular No\. 007 de 2026|Circular 007/ })
      .waitFor();
    await expectAccessible(citizen);
    const response = await citizen.request.get(
      `${h.baseUrl}${await citizen.getByRole("link", { name: "Abrir el PDF" }).getAttribute("href")}`,
    );
    expect(response.status()).toBe(200);
    const sha = createHash("sha256")
      .update(await response.body())
      .digest("hex");
    expect(sha).toBe(createHash("sha256").update(pdf).digest("hex"));
    await context.close();
  });
});
