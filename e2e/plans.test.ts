// Planeación's path in the browser (issue 11, «Done when»): creates the PAAC 2022, imports the .xlsx as the
// office keeps it, reconciles every responsable once through the preview's forms, applies and reads the
// tree, an activity and the timeline; does the same with the Matriz operativa 2026; a second import of the
// PAAC needs no mapping; approves and publishes the PAAC. The citizen, control interno and responsable de
// plan sides are in plans-public.test.ts. Every page checked with axe-core.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dependenciaOptions } from "../src/core/dependencias/dependencias.service.ts";
import { seedDependencias } from "../src/demo/demo.service.ts";
import { systemAuditContext } from "../src/shared/audit.ts";
import { makePerson, type TestPerson } from "../test/factories.ts";
import { type MatrizTruth, matrizWorkbook, paacWorkbook, readTruth, sheetRows } from "../test/plan-sheets.ts";
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
import {
  concerns,
  MATRIZ_RECONCILIATIONS,
  MOSIG,
  OPGI,
  PAAC_RECONCILIATIONS,
  paacTruthLeaves,
  touchesMonth,
} from "./pages/plans.data.ts";
import { fileOnDisk, ImportPage, PlanPage, PlansListPage, textOf } from "./pages/plans.page.ts";

const PAAC_TITLE = "Plan Anticorrupción y de Atención al Ciudadano 2022";
const MATRIZ_TITLE = "Plan de Acción Institucional 2026 – Matriz operativa MIPG";
/** Pages of 77 activities, each checked by axe-core, on two busy cores. */
const LONG = 300_000;
/** A page of the whole plan can take a while to come when other work shares the cores. */
const ACTION_TIMEOUT = 90_000;

let h: Harness;
let planner: TestPerson;
let paacUrl = "";
/** Texts answered through the previews, each kept as one mapping. */
const reconciled: string[] = [];
beforeAll(async () => {
  h = await startHarness();
  await seedDependencias(h.ctx.database.db, h.ctx.clock.now(), systemAuditContext);
  const opgi = (await dependenciaOptions(h.ctx.database.db)).find((d) => d.label === OPGI);
  planner = await makePerson(h.ctx, { roles: ["servidor", "planeacion"], dependenciaId: opgi?.value });
});
afterAll(() => h.close());

async function loggedIn(viewport = DESKTOP) {
  const page = await signedInPage(h, planner, { viewport });
  page.context().setDefaultTimeout(ACTION_TIMEOUT);
  return page;
}

async function seeAccessible(page: Page, name: string) {
  await expectAccessible(page);
  await screenshot(page, name);
}

/** The same page as planeación sees it on a phone. */
async function onPhone(url: string, heading: string, name: string) {
  const phone = await loggedIn(PHONE);
  await phone.goto(url);
  await phone.getByRole("heading", { level: 1, name: heading }).waitFor();
  await seeAccessible(phone, name);
  await phone.context().close();
}

async function openPlans(page: Page) {
  await useMenu(page, "Planes");
  const list = new PlansListPage(page);
  await list.assertOn();
  return list;
}

describe("planeación imports, reconciles, approves and publishes the seed plans", () => {
  it(
    "imports the PAAC 2022 as kept and reconciles every responsable through the preview's forms",
    async () => {
      const page = await loggedIn();
      const list = await openPlans(page);
      await seeAccessible(page, "desktop-plans-empty");
      await list.create({ type: "Plan Anticorrupción", year: 2022, owner: OPGI, title: PAAC_TITLE });
      paacUrl = page.url();
      expect(await page.getByText("El plan está vacío.").count()).toBe(1);
      await seeAccessible(page, "desktop-plan-empty");

      const file = await paacWorkbook();
      const impossibleRow = [...(await sheetRows(file))].find(([, cells]) =>
        cells.some((cell) => cell?.includes("31/04/2022")),
      )?.[0];
      const imports = new ImportPage(page);
      await imports.open();
      await seeAccessible(page, "desktop-import-form");
      await imports.upload(fileOnDisk(file, "paac-2022.xlsx"));
      const counts = await imports.counts();
      for (const count of ["6 componentes", "18 subcomponentes", "77 actividades", "88 periodos"])
        expect(counts).toContain(count);
      const avisos = page.locator("section", { has: page.getByRole("heading", { name: "Avisos (1)" }) });
      expect(await textOf(avisos.locator("tbody tr"))).toMatch(
        new RegExp(`^Fila ${impossibleRow}\\b[\\s\\S]*La fecha final 31/04/2022 no existe`),
      );

      const pending = await imports.toReconcile();
      await page.getByRole("heading", { name: `Responsables por conciliar (${pending.size})` }).waitFor();
      expect(Object.keys(PAAC_RECONCILIATIONS)).toEqual(expect.arrayContaining([...pending.keys()]));
      expect(pending.get("Secretaría MOSIG")).toContain(`Se parece a: ${MOSIG}`);
      expect(pending.get("Dirección de Juventud")).toContain(
        "Se parece a: Dirección Administrativa de Juventud",
      );
      expect(pending.get("Equipo líder del proceso de rendición de cuentas")).toContain(
        "No se parece a ninguna dependencia",
      );
      expect(await page.getByRole("button", { name: "Aplicar", exact: true }).count()).toBe(0);
      await seeAccessible(page, "desktop-import-preview");
      await onPhone(page.url(), "Vista previa: paac-2022.xlsx", "phone-import-preview");

      const answered = await imports.reconcileAll(PAAC_RECONCILIATIONS);
      reconciled.push(...answered);
      // Variants of one text («Todas las dependencias.») may go with the first answer: never new ones.
      expect([...pending.keys()]).toEqual(expect.arrayContaining(answered));
      expect(answered).toContain("Secretaría MOSIG");
      expect(await page.getByText("El archivo está listo para aplicar.").count()).toBe(1);
      await seeAccessible(page, "desktop-import-ready");
      await imports.apply();
    },
    LONG,
  );

  it(
    "reads the PAAC's tree, filters it by component, dependencia and month, an activity and the timeline",
    async () => {
      const page = await loggedIn();
      await page.goto(paacUrl);
      await page.getByRole("heading", { level: 1, name: PAAC_TITLE }).waitFor();
      const plan = new PlanPage(page);
      expect(await textOf(page.locator("dl.summary-list").first())).toContain(
        "6 componentes, 18 subcomponentes y 77 actividades · 88 periodos",
      );
      const components = await plan.components();
      expect(components).toHaveLength(6);
      expect(components.filter((c) => /^Componente 3\W+Rendición de cuentas/.test(c))).toHaveLength(1);
      expect(await plan.activityLinks().count()).toBe(77);
      await seeAccessible(page, "desktop-plan-tree");
      await onPhone(page.url(), PAAC_TITLE, "phone-plan-tree");

      const truth = paacTruthLeaves();
      expect(await plan.filter({ component: "Rendición de cuentas" })).toBe(
        `Se muestran ${truth.filter((l) => l.component === 3).length} de 77 actividades.`,
      );
      expect(await plan.components()).toEqual([
        expect.stringMatching(/^Componente 3\W+Rendición de cuentas/),
      ]);
      const salud = truth.filter((l) => concerns(l, "Secretaría de Salud Municipal")).length;
      expect(await plan.filter({ dependencia: "Secretaría de Salud" })).toBe(
        `Se muestran ${salud} de 77 actividades, incluidas las asignadas a todas las dependencias.`,
      );
      expect(
        await plan.activityLinks().filter({ hasText: "gestión de la Secretaría de Salud" }).count(),
      ).toBe(1);
      await seeAccessible(page, "desktop-plan-filtered");
      const april = truth.filter((l) => touchesMonth(l, "2022-04")).length;
      expect(await plan.filter({ month: "abril de 2022" })).toBe(`Se muestran ${april} de 77 actividades.`);
      expect(await page.getByText("Fecha imposible en el archivo").count()).toBe(1);

      await plan.filter({ component: "Rendición de cuentas", dependencia: "Secretaría de Salud" });
      await plan.activityLinks().filter({ hasText: "gestión de la Secretaría de Salud" }).click();
      await page.getByRole("heading", { level: 1, name: /^1\.5 Formular y publicar/ }).waitFor();
      const history = page.locator("section", {
        has: page.getByRole("heading", { name: "Historia", exact: true }),
      });
      expect(await textOf(history.locator("tbody"))).toContain("Agregada");
      expect(await textOf(page.locator("dl.summary-list"))).toContain("Secretaría de Salud");
      await seeAccessible(page, "desktop-activity");

      await page.getByRole("link", { name: "Volver al plan" }).click();
      await page.getByRole("link", { name: "Ver el cronograma del plan" }).click();
      await page.getByRole("heading", { level: 1, name: "Cronograma" }).waitFor();
      expect(await page.locator("svg[role=img] rect").count()).toBeGreaterThan(0);
      expect(await page.locator("#timeline-table tbody tr").count()).toBe(88);
      await seeAccessible(page, "desktop-timeline");
      await onPhone(page.url(), "Cronograma", "phone-timeline");
    },
    LONG,
  );

  it("imports the Matriz operativa 2026 and reconciles its teams", async () => {
    const page = await loggedIn();
    const list = await openPlans(page);
    await list.create({
      type: "Plan de Acción Institucional",
      year: 2026,
      owner: OPGI,
      title: MATRIZ_TITLE,
    });
    const imports = new ImportPage(page);
    await imports.open();
    await imports.upload(fileOnDisk(await matrizWorkbook(), "matriz-operativa-2026.xlsx"));
    const { counts } = readTruth<MatrizTruth>("matriz-2026");
    const shown = await imports.counts();
    expect(shown).toContain(`${counts.activities} actividades de gestión`);
    expect(shown).toContain(`${counts.alternatives} alternativas de mejora`);
    expect(shown).toContain(`${counts.tasks} tareas`);
    expect(shown).toContain(`${counts.periods} periodos`);
    const pending = await imports.toReconcile();
    expect(Object.keys(MATRIZ_RECONCILIATIONS)).toEqual(expect.arrayContaining([...pending.keys()]));
    // The PAAC's answers are kept: none of its texts is asked again.
    expect([...pending.keys()].filter((text) => text in PAAC_RECONCILIATIONS)).toEqual([]);
    await seeAccessible(page, "desktop-matriz-preview");
    reconciled.push(...(await imports.reconcileAll(MATRIZ_RECONCILIATIONS)));
    await imports.apply();
    expect(await textOf(page.locator("dl.summary-list").first())).toContain(
      `${counts.activities} actividades de gestión, ${counts.alternatives} alternativas de mejora (qué) y ${counts.tasks} tareas (cómo)`,
    );
    expect(await textOf(page.locator("main"))).toContain("Equipo MIPG (OPGI)");
    // Tasks carry the evidence expected, not a product and a meta.
    expect(await page.getByRole("columnheader", { name: "Evidencia esperada" }).count()).toBeGreaterThan(0);
    await seeAccessible(page, "desktop-matriz-tree");

    // Every answer is kept as a mapping, one per text answered.
    await useMenu(page, "Responsables de planes");
    await page.getByRole("heading", { level: 1, name: "Responsables de planes" }).waitFor();
    await page.getByRole("heading", { level: 2, name: `${reconciled.length} conciliaciones` }).waitFor();
    const mappings = page.locator("tbody tr");
    expect(await textOf(mappings.filter({ hasText: "Secretaría MOSIG" }))).toContain(MOSIG);
    await seeAccessible(page, "desktop-responsables");
  });

  it("imports the PAAC again into another plan with nothing left to reconcile", async () => {
    const page = await loggedIn();
    const list = await openPlans(page);
    await list.create({
      type: "Plan Anticorrupción",
      year: 2023,
      owner: OPGI,
      title: "Plan Anticorrupción y de Atención al Ciudadano 2023",
    });
    const imports = new ImportPage(page);
    await imports.open();
    await imports.upload(fileOnDisk(await paacWorkbook(), "paac-2022.xlsx"));
    expect(await imports.toReconcile()).toEqual(new Map());
    expect(await page.getByRole("heading", { name: /Responsables por conciliar/ }).count()).toBe(0);
    expect(await page.getByText("El archivo está listo para aplicar.").count()).toBe(1);
    expect(await page.getByText(/\d+ responsables reconocidos/).count()).toBe(1);
    await seeAccessible(page, "desktop-import-second");
    await imports.apply();
    expect(await new PlanPage(page).activityLinks().count()).toBe(77);
  });

  it(
    "approves and publishes the PAAC 2022, which then has a public page",
    async () => {
      const page = await loggedIn();
      await page.goto(paacUrl);
      await page.getByRole("heading", { level: 1, name: PAAC_TITLE }).waitFor();
      const plan = new PlanPage(page);
      await plan.approve("Acta 01 de 2022", "2022-01-28");
      expect(await page.getByRole("link", { name: "Importar archivo" }).count()).toBe(0);
      const versions = page.locator("section", {
        has: page.getByRole("heading", { level: 2, name: "Versiones y cambios" }),
      });
      expect(await textOf(versions)).toContain("Acta 01 de 2022");
      await seeAccessible(page, "desktop-plan-approved");
      await plan.publish();
      expect(await textOf(page.locator("dl.summary-list").first())).toContain("Publicado");
      const link = page.getByRole("link", { name: "/transparencia/planes/paac-2022" });
      expect(await link.count()).toBe(1);
      await seeAccessible(page, "desktop-plan-published");
      await onPhone(page.url(), PAAC_TITLE, "phone-plan-published");
      await Promise.all([page.waitForURL("**/transparencia/planes/paac-2022"), link.click()]);
      await page.getByRole("heading", { level: 1, name: PAAC_TITLE }).waitFor();
      expect(await page.getByRole("link", { name: "Datos abiertos en CSV (versión 1)" }).count()).toBe(1);
    },
    LONG,
  );
});
