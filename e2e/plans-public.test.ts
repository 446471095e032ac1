// Those who read a published plan, in the browser: a citizen on a phone (no login) from the footer to the
// PAAC 2022 and its downloads; control interno, who reads every plan but approves nothing; a responsable de
// plan in the Secretaría de Salud, who sees the activities of Salud and of every dependencia and is refused
// the staff list of plans. The PAAC is published through the services (plans.setup.ts); planeación's path
// through the pages is plans.test.ts. Every page checked with axe-core.
import { readFile } from "node:fs/promises";
import type { Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_HEADER } from "../src/planes/publication/publication.opendata.rules.ts";
import { makePerson } from "../test/factories.ts";
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
import { concerns, paacTruthLeaves } from "./pages/plans.data.ts";
import { PlanPage, textOf } from "./pages/plans.page.ts";
import { PAAC_ACT, PAAC_TITLE, publishPaac2022 } from "./pages/plans.setup.ts";

let h: Harness;
let dependenciaId: (name: string) => string;
beforeAll(async () => {
  h = await startHarness();
  ({ dependenciaId } = await publishPaac2022(h.ctx));
});
afterAll(() => h.close());

/** Pages of 77 activities, each checked by axe-core, on two busy cores. */
const LONG = 300_000;
/** A page of the whole plan can take a while to come when other work shares the cores. */
const ACTION_TIMEOUT = 90_000;
const FORBIDDEN = "No tiene permiso para ver esta página";

async function seeAccessible(page: Page, name: string) {
  await expectAccessible(page);
  await screenshot(page, name);
}

async function downloadOf(page: Page, link: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: link }).click(),
  ]);
  return { file, bytes: await readFile((await file.path()) ?? "") };
}

describe("a published plan read by the public and by staff who do not plan", () => {
  it(
    "a citizen on a phone finds the PAAC 2022 from the footer, reads it and downloads it",
    async () => {
      const context = await h.browser.newContext({ viewport: PHONE, locale: "es-CO", acceptDownloads: true });
      context.setDefaultTimeout(ACTION_TIMEOUT);
      const page = await context.newPage();
      await page.goto(`${h.baseUrl}/`);
      await page
        .getByRole("contentinfo")
        .getByRole("link", { name: "Transparencia y acceso a la información pública" })
        .click();
      await page
        .getByRole("heading", { level: 1, name: "Transparencia y acceso a la información pública" })
        .waitFor();
      await seeAccessible(page, "phone-transparency");

      await page.getByRole("link", { name: "Todos los planes publicados" }).click();
      await page.getByRole("heading", { level: 1, name: "Planes publicados" }).waitFor();
      expect(await page.getByText("1 plan publicado.").count()).toBe(1);
      await seeAccessible(page, "phone-public-plans");

      await page.getByRole("link", { name: PAAC_TITLE }).click();
      await page.getByRole("heading", { level: 1, name: PAAC_TITLE }).waitFor();
      expect(page.url()).toBe(`${h.baseUrl}/transparencia/planes/paac-2022`);
      const summary = await textOf(page.locator("dl.summary-list").first());
      expect(summary).toContain(PAAC_ACT);
      expect(summary).toContain("Oficina de Planeación de Gestión Institucional");
      const components = page.locator("main h2").filter({ hasText: /^Componente \d/ });
      expect(await components.count()).toBe(6);
      // Activity 1.5 of «Rendición de cuentas»: its responsable reconciled, as written, and its period.
      const salud = page
        .locator("article")
        .filter({ hasText: "gestión de la Secretaría de Salud Municipal" });
      expect(await salud.count()).toBe(1);
      const activity = await textOf(salud);
      expect(activity).toContain("Secretaría de Salud");
      expect(activity).toContain("Como aparece en el plan: «Secretaría de Salud Municipal»");
      expect(activity).toMatch(/Del \d+ de \w+ de 2022 al \d+ de \w+ de 2022/);
      expect(await page.getByText(/Como aparece en el plan: «[^»]*31\/04\/2022/).count()).toBe(1);
      const versions = page.locator("section", {
        has: page.getByRole("heading", { name: "Versiones y cambios" }),
      });
      expect(await textOf(versions.locator("tbody"))).toMatch(/Versión 1 \(esta página\)\s*Versión inicial/);
      await seeAccessible(page, "phone-public-plan");

      const csv = await downloadOf(page, "Datos abiertos en CSV (versión 1)");
      expect(csv.file.suggestedFilename()).toMatch(/\.csv$/);
      const text = csv.bytes.toString("utf8");
      expect(text.startsWith(`\uFEFF${CSV_HEADER.join(",")}\r\n`)).toBe(true);
      expect(text).toContain("Secretaría de Salud");
      const pdf = await downloadOf(page, "Plan en PDF (versión 1)");
      expect(pdf.file.suggestedFilename()).toMatch(/\.pdf$/);
      expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

      await page.getByRole("link", { name: "Datos abiertos de los planes" }).click();
      await page.getByRole("heading", { level: 1, name: "Datos abiertos de los planes" }).waitFor();
      expect(await textOf(page.locator("main"))).toContain("fecha_como_escrita");
      await seeAccessible(page, "phone-open-data");
      await context.close();
    },
    LONG,
  );

  it(
    "control interno reads the plan and its tree, with nothing to approve, publish or import",
    async () => {
      const oci = await makePerson(h.ctx, {
        roles: ["servidor", "control_interno"],
        dependenciaId: dependenciaId("Oficina de Control Interno de Gestión"),
      });
      const page = await signedInPage(h, oci, { viewport: DESKTOP });
      page.context().setDefaultTimeout(ACTION_TIMEOUT);
      await useMenu(page, "Planes");
      await page.getByRole("heading", { level: 1, name: "Planes" }).waitFor();
      expect(await page.getByRole("heading", { name: "Crear un plan" }).count()).toBe(0);
      await seeAccessible(page, "desktop-plans-control-interno");
      await page.getByRole("link", { name: PAAC_TITLE }).click();
      await page.getByRole("heading", { level: 1, name: PAAC_TITLE }).waitFor();
      expect(await new PlanPage(page).activityLinks().count()).toBe(77);
      expect(await page.getByRole("link", { name: "/transparencia/planes/paac-2022" }).count()).toBe(1);
      expect(await page.getByRole("heading", { name: "Acciones" }).count()).toBe(0);
      expect(
        await page
          .getByRole("button")
          .filter({ hasText: /Aprobar|Publicar|versión|Cerrar/ })
          .count(),
      ).toBe(0);
      expect(await page.getByRole("link", { name: "Importar archivo" }).count()).toBe(0);
      await seeAccessible(page, "desktop-plan-control-interno");
    },
    LONG,
  );

  it(
    "a responsable de plan in Salud sees its activities and everybody's, on a phone, and not the plans list",
    async () => {
      const person = await makePerson(h.ctx, {
        roles: ["servidor", "responsable_plan"],
        dependenciaId: dependenciaId("Secretaría de Salud"),
      });
      const page = await signedInPage(h, person, { viewport: PHONE });
      page.context().setDefaultTimeout(ACTION_TIMEOUT);
      await useMenu(page, "Actividades de mi dependencia");
      await page.getByRole("heading", { level: 1, name: "Actividades de mi dependencia" }).waitFor();
      const expected = paacTruthLeaves().filter((leaf) => concerns(leaf, "Secretaría de Salud Municipal"));
      expect(await textOf(page.locator("p.lead"))).toBe(
        `Secretaría de Salud: ${expected.length} actividades en planes aprobados o publicados, incluidas las asignadas a todas las dependencias.`,
      );
      const links = page.locator("a.task__link");
      expect(await links.count()).toBe(expected.length);
      expect(await links.filter({ hasText: /^1\.5 .*Secretaría de Salud Municipal/ }).count()).toBe(1);
      // Component 1, 2.2: written «Todas las dependencias».
      expect(
        await links.filter({ hasText: /^2\.2 Identificar los hechos y riesgos de corrupción/ }).count(),
      ).toBe(1);
      await seeAccessible(page, "phone-my-activities");

      // The whole list of each plan is folded under what needs doing now.
      for (const summary of await page
        .locator("details > summary", { hasText: "Todas las actividades" })
        .all())
        await summary.click();
      await links.filter({ hasText: /^1\.5 .*Secretaría de Salud Municipal/ }).click();
      await page.getByRole("heading", { level: 1, name: /^1\.5 Formular y publicar/ }).waitFor();
      expect(
        await page.getByRole("link", { name: "Volver a las actividades de mi dependencia" }).count(),
      ).toBe(1);
      // «1 informe de gestión formulado y publicado.» says its quantity: the page does not repeat it.
      const details = await textOf(page.locator("dl.summary-list"));
      expect(details).toContain("1 informe de gestión formulado y publicado.");
      expect(details).not.toContain("(cantidad:");
      await seeAccessible(page, "phone-activity-responsable");

      const refused = await page.goto(`${h.baseUrl}/planes`);
      expect(refused?.status()).toBe(403);
      await page.getByRole("heading", { level: 1, name: FORBIDDEN }).waitFor();
      await seeAccessible(page, "phone-plans-403");
    },
    LONG,
  );
});
