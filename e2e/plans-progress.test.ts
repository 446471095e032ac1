// A plan's cycle on the demo, in the browser, as its people do it (issue 12, «Done when»): the demo loaded on
// 5 May 2026, after the first cut of the PTEP 2026 (a PAAC-type plan, published, with this year's reports
// and no follow-up yet). The Secretaría de Salud's responsable reports on a phone with a PDF of evidence;
// planeación returns another office's report and validates Salud's, and reads the plan's progress and its
// monitoring; control interno runs the 30 April cut (verifies every activity, is refused closing early,
// closes, downloads the report as xlsx and PDF, publishes it); a citizen on a phone reads the progress per
// component and downloads the report; then the indicators and the PAAC 2022's published follow-up. Every
// page checked with axe-core. Control interno fills every activity's form one by one as a person does: the
// slowest part of the file (some 55 page loads).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZONE_FILLS } from "../src/planes/progress/zones.rules.ts";
import { type Harness, PHONE, startHarness, useMenu } from "./harness.ts";
import { textOf } from "./pages/plans.page.ts";
import {
  DEMO,
  downloadOf,
  evidencePdf,
  expectNoSideScroll,
  FollowupSheetPage,
  factsOf,
  followupMatrix,
  loadDemoOn,
  monitoringSummary,
  openPlanPage,
  PAAC_2022_TITLE,
  PTEP_TITLE,
  pdfText,
  ReportForm,
  readOf,
  reviewLinks,
  seeAccessible,
  sha256,
  staffPage,
  tableOf,
  timings,
  waiting,
} from "./pages/progress.page.ts";

/** Pages of a whole plan, each checked by axe-core, on two busy cores. */
const LONG = 300_000;
/**
 * Salud's activity of the PTEP: every dependencia's, measured in percent (its meta counts nothing), from
 * March to October, so in the April cut.
 */
const SALUD_ACTIVITY = "5.3 Elaborar plan de mejoramiento con base en las peticiones, quejas";
const SALUD_PERIOD = "01/03/2026 – 31/10/2026";
/** Planeación returns the oldest report of another office in its queue. */
const RETURN_COMMENT =
  "Faltan los listados de asistencia y el acta de la actividad. Adjúntelos y envíe de nuevo el reporte.";

let h: Harness;
/** Salud's evidence, sent on the phone and read back by planeación. */
let evidence: { name: string; bytes: Buffer };
/** The file control interno makes public at the April cut, with the hash its page showed. */
let publicFile: { name: string; sha256: string };
beforeAll(async () => {
  h = await startHarness();
  timings.demo = (await loadDemoOn(h, new Date("2026-05-05T14:00:00Z"))).ms;
}, LONG);
afterAll(async () => {
  console.log(`plans-progress timings (ms): ${JSON.stringify(timings)}`);
  await h?.close();
});

describe("the PTEP 2026 from a report on a phone to the published April follow-up", () => {
  it(
    "the Secretaría de Salud's responsable reports on a phone with a PDF of evidence and sends it",
    async () => {
      const page = await staffPage(h, DEMO.salud, PHONE);
      await useMenu(page, "Actividades de mi dependencia");
      await page.getByRole("heading", { level: 1, name: "Actividades de mi dependencia" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/mis-actividades");
      // The demo's story: one PTEP report returned by planeación waits at the top, with its comment.
      const returned = page.locator("section", {
        has: page.getByRole("heading", { name: "Devueltas por planeación" }),
      });
      expect(await textOf(returned)).toContain(
        "Comentario de planeación: El informe adjunto corresponde a la vigencia anterior.",
      );
      await expectNoSideScroll(page);
      await seeAccessible(page, "progress-phone-inbox");

      const line = page
        .locator("li.task")
        .filter({ hasText: PTEP_TITLE })
        .filter({ hasText: SALUD_ACTIVITY });
      expect(await line.count()).toBe(1);
      expect(await textOf(line)).toContain(`Periodo: ${SALUD_PERIOD}`);
      await line.getByRole("button", { name: /^Reportar/ }).click();
      await page.getByRole("heading", { level: 1, name: "Reporte de avance" }).waitFor();
      expect(await textOf(page.locator("p.lead"))).toContain(SALUD_PERIOD);
      await seeAccessible(page, "progress-phone-report-new");

      const form = new ReportForm(page);
      const pdf = await evidencePdf(
        "Plan de mejoramiento de la atención de PQRD – Secretaría de Salud",
        "Diagnóstico de las PQRD recibidas de enero a abril de 2026 y acciones de mejora acordadas con los hospitales de la red pública.",
      );
      evidence = { name: "Plan de mejoramiento PQRD Salud.pdf", bytes: pdf };
      // 150 % is refused beside its field; nothing is stored.
      await form.fill({ percent: "150", narrative: "Se elaboró el diagnóstico de PQRD.", files: [evidence] });
      await form.saveDraft();
      expect(await textOf(page.getByRole("alert"))).toContain("Porcentaje de avance");
      expect(await form.evidence()).toEqual([]);
      await seeAccessible(page, "progress-phone-report-error");

      const narrative =
        "Se elaboró el diagnóstico de las PQRD de enero a abril y se acordaron las acciones de mejora con los hospitales; falta ejecutar las de atención telefónica.";
      await form.fill({ percent: "70", narrative, files: [evidence] });
      await form.saveDraft();
      expect(await textOf(page.getByRole("status"))).toContain(
        "Borrador guardado. Se agregó 1 archivo de evidencia.",
      );
      const [row] = await form.evidence();
      expect(row).toContain(evidence.name);
      expect(row).toContain(sha256(pdf).slice(0, 12));
      expect(await page.getByLabel("Porcentaje de avance del periodo").inputValue()).toBe("70");

      await form.send();
      expect(await textOf(page.getByRole("status"))).toContain("Reporte enviado a planeación.");
      const facts = await factsOf(page);
      expect(facts).toContain("Estado Enviado a planeación");
      expect(facts).toContain("Avance 70 %");
      expect(await page.getByRole("button", { name: "Enviar a planeación" }).count()).toBe(0);
      await expectNoSideScroll(page);
      await seeAccessible(page, "progress-phone-report-sent");
      await page.context().close();
    },
    LONG,
  );

  it(
    "planeación returns one report, validates Salud's, and reads the progress on every level and the dashboard",
    async () => {
      const page = await staffPage(h, DEMO.planeacion);
      await openPlanPage(page, "Reportes por revisar");
      await page.getByRole("heading", { level: 1, name: "Reportes por revisar" }).waitFor();
      // Salud's report among those the demo's offices sent in the last month.
      const sent = await waiting(page);
      expect(sent).toBeGreaterThanOrEqual(3);
      expect(await reviewLinks(page, true).count()).toBe(1);
      await seeAccessible(page, "progress-desktop-review-queue");

      await reviewLinks(page, false).first().click();
      await page.getByRole("heading", { level: 1, name: "Reporte de avance" }).waitFor();
      await seeAccessible(page, "progress-desktop-report-review");
      await page.getByLabel("Motivo de la devolución").fill(RETURN_COMMENT);
      await page.getByRole("button", { name: "Devolver" }).click();
      expect(await textOf(page.getByRole("status"))).toContain("Reporte devuelto.");
      expect(await waiting(page)).toBe(sent - 1);

      await reviewLinks(page, true).click();
      const facts = await factsOf(page);
      expect(facts).toContain("Dependencia Secretaría de Salud");
      expect(facts).toContain("Avance 70 %");
      // Planeación reads the evidence before validating: the very file the phone sent.
      const file = await downloadOf(page, page.getByRole("link", { name: evidence.name }));
      expect(sha256(file.bytes)).toBe(sha256(evidence.bytes));
      await page.getByRole("button", { name: "Validar" }).click();
      expect(await textOf(page.getByRole("status"))).toContain(
        "Reporte validado: ya cuenta en el avance del plan.",
      );
      // Others still wait.
      expect(await waiting(page)).toBe(sent - 2);
      expect(await page.locator("tbody tr").count()).toBe(sent - 2);
      expect(await reviewLinks(page, true).count()).toBe(0);
      await seeAccessible(page, "progress-desktop-review-queue-after");

      // The plan's page: the figures of the plan, of each component and subcomponent, and of Salud's activity.
      await page.getByRole("link", { name: "Volver al plan" }).click();
      await page.getByRole("heading", { level: 1, name: PTEP_TITLE }).waitFor();
      expect(await factsOf(page)).toMatch(/Avance del plan Avance validado: \d+ %/);
      const component = page
        .getByRole("heading", { level: 3, name: /Servicio al ciudadano/ })
        .locator("xpath=..");
      expect(await textOf(component.locator("p.progress-line").first())).toMatch(
        /^Avance validado: \d+ % · Esperado a hoy: \d+ %/,
      );
      expect(await page.locator("p.progress-line").count()).toBeGreaterThan(6);
      // Salud's 70 % beside the two named offices that have not reported: (70 + 0 + 0) / 3.
      const activity = component.locator("tr", { hasText: SALUD_ACTIVITY });
      expect(await textOf(activity.locator('td[data-label="Avance validado"]'))).toMatch(
        /^23 % \(esperado a hoy: \d+ %\)/,
      );
      await seeAccessible(page, "progress-desktop-plan");

      await page
        .getByRole("navigation", { name: "Páginas del plan" })
        .getByRole("link", { name: "Monitoreo" })
        .click();
      await page.getByRole("heading", { level: 1, name: "Monitoreo del plan" }).waitFor();
      const lights = tableOf(page, "Semáforo por componente");
      const service = await readOf(lights.locator("tr", { hasText: "Servicio al ciudadano" }));
      expect(service).toMatch(/Servicio al ciudadano 18 \d+ % \d+ %/);
      expect(service).not.toMatch(/Servicio al ciudadano 18 0 %/);
      expect(await tableOf(page, "Reportes enviados que esperan").locator("tbody tr").count()).toBe(sent - 2);
      await seeAccessible(page, "progress-desktop-monitoring");

      const xlsx = await downloadOf(
        page,
        page.getByRole("link", { name: /Descargar este tablero en Excel/ }),
      );
      expect(xlsx.file.suggestedFilename()).toMatch(/\.xlsx$/);
      const values = await monitoringSummary(xlsx.bytes);
      expect(values.get("Plan")).toBe(PTEP_TITLE);
      expect(values.get("Fecha del monitoreo")).toBe("05/05/2026");
      expect(values.get("Reportes por validar")).toBe(sent - 2);
      await page.context().close();
    },
    LONG,
  );

  it(
    "control interno runs the 30 April cut: verifies every activity, closes, exports and publishes it",
    async () => {
      const page = await staffPage(h, DEMO.controlInterno);
      await openPlanPage(page, "Seguimientos de control interno");
      await page.getByRole("heading", { level: 1, name: "Seguimientos de control interno" }).waitFor();
      await seeAccessible(page, "progress-desktop-cuts");
      await page
        .getByRole("button", { name: "Abrir el seguimiento del corte del 30 de abril de 2026" })
        .click();
      await page
        .getByRole("heading", { level: 1, name: "Seguimiento del corte del 30 de abril de 2026" })
        .waitFor();
      expect(await textOf(page.getByRole("status"))).toContain(
        "Los reportes hasta el corte quedaron bloqueados.",
      );
      const sheet = new FollowupSheetPage(page);
      const { total } = await sheet.counts();
      expect(total).toBeGreaterThan(10);
      // What control interno starts from: Salud's validated 70 % beside the two offices the plan names for
      // the activity, which have not reported: (70 + 0 + 0) / 3.
      const salud = await sheet.activity(SALUD_ACTIVITY);
      expect(await readOf(salud.locator("dl"))).toContain("Reportado hasta el corte 23,3 % (validado)");
      expect(await salud.getByLabel("Porcentaje verificado").inputValue()).toBe("23");
      await seeAccessible(page, "progress-desktop-followup-open");
      publicFile = await sheet.makeFirstFilePublic();
      // On that component, what planeación validated is taken at once; the rest by hand.
      const asReported = await sheet.verifyAsReported();
      expect(asReported).toBeGreaterThan(0);

      const answer = (_activity: string, index: number) => ({
        percent: String((index * 37) % 101),
        realized:
          "Se revisaron las evidencias disponibles al corte y se entrevistó al enlace de la dependencia.",
      });
      const verifying = performance.now();
      let verified = await sheet.verifyAll(answer, { leave: 2 });
      const left = await sheet.unverified();
      expect(left).toHaveLength(2);
      // Closing with two activities unverified is refused, and the message names them.
      await sheet.close();
      const refusal = await textOf(page.getByRole("alert"));
      expect(refusal).toContain("No se puede cerrar: faltan por verificar 2 actividades");
      for (const heading of left)
        expect(refusal).toContain(heading.replace(/\s+/g, " ").replace(/[\s.;:]+$/, ""));
      await seeAccessible(page, "progress-desktop-followup-refused", {
        include: ".error-summary",
        top: true,
      });
      verified += await sheet.verifyAll(answer);
      timings.verifyEach = Math.round((performance.now() - verifying) / verified);
      timings.activities = verified;
      expect(verified + asReported).toBe(total);
      expect(await sheet.counts()).toEqual({ verified: total, total });

      await sheet.close();
      expect(await textOf(page.getByRole("status"))).toContain("Seguimiento cerrado");
      expect(await factsOf(page)).toMatch(/Calificación del plan [\d,]+ % \((bajo|medio|alto)\)/);
      await seeAccessible(page, "progress-desktop-followup-closed", {
        include: "form[action$='/publicar']",
        top: true,
      });

      const xlsx = await downloadOf(page, page.getByRole("link", { name: "Descargar el informe en Excel" }));
      expect(xlsx.file.suggestedFilename()).toMatch(/\.xlsx$/);
      const matrix = await followupMatrix(xlsx.bytes);
      expect(matrix.block).toEqual([
        ["Entidad", h.ctx.deps.config.entity.name],
        ["Vigencia", "2026"],
        ["Periodo", "Enero a abril de 2026"],
        ["Fecha de seguimiento", "05/05/2026"],
      ]);
      expect(matrix.component).toMatch(/^Componente 1/);
      expect(typeof matrix.percent.value).toBe("number");
      expect(Object.values(ZONE_FILLS).map((f) => `FF${f}`)).toContain(matrix.percent.fill);

      const pdf = await downloadOf(page, page.getByRole("link", { name: "Descargar el informe en PDF" }));
      expect(pdf.file.suggestedFilename()).toMatch(/\.pdf$/);
      const text = await pdfText(pdf.bytes);
      expect(text).toContain("Seguimiento");
      expect(text).toContain("Servicio al ciudadano");

      await page.getByLabel("Revisé el informe: una vez publicado no se puede retirar ni cambiar.").check();
      await page.getByRole("button", { name: "Publicar el informe" }).click();
      expect(await textOf(page.getByRole("status"))).toContain(
        "Informe publicado en Transparencia, dentro del plazo.",
      );
      expect(await factsOf(page)).toContain("Publicado el 5 de mayo de 2026");
      // Read-only now: the page checked whole, save the activities after the first of each component (the
      // same template with other data).
      await seeAccessible(page, "progress-desktop-followup-published", {
        include: "main",
        exclude: "article:not(:first-of-type)",
        top: true,
      });
      await page.context().close();
    },
    LONG,
  );

  it(
    "a citizen on a phone reads the April follow-up from the footer and downloads the report",
    async () => {
      const context = await h.browser.newContext({ viewport: PHONE, locale: "es-CO", acceptDownloads: true });
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      await page.goto(`${h.baseUrl}/`);
      await page
        .getByRole("contentinfo")
        .getByRole("link", { name: "Transparencia y acceso a la información pública" })
        .click();
      await page.getByRole("link", { name: "Todos los planes publicados" }).click();
      await page.getByRole("link", { name: PTEP_TITLE }).click();
      await page.getByRole("heading", { level: 1, name: PTEP_TITLE }).waitFor();
      const followups = page.getByRole("region", { name: "Seguimientos de control interno" });
      expect(await readOf(followups.locator("tbody"))).toMatch(
        /^Corte del 30 de abril de 2026 \(enero a abril de 2026\) 15 de mayo de 2026 5 de mayo de 2026 [\d,]+ %, (bajo|medio|alto)/,
      );
      await seeAccessible(page, "progress-phone-public-plan");

      await followups.getByRole("link", { name: "Corte del 30 de abril de 2026" }).click();
      await page
        .getByRole("heading", { level: 1, name: "Seguimiento del corte del 30 de abril de 2026" })
        .waitFor();
      const chart = page.getByRole("img", { name: "Avance verificado por componente" });
      expect(await chart.count()).toBe(1);
      const rows = await tableOf(page, "los datos de la gráfica").locator("tbody tr").allTextContents();
      expect(rows.some((r) => r.includes("Servicio al ciudadano"))).toBe(true);
      expect(rows.at(-1)).toMatch(/Todo el plan/);
      // Each bar of the chart (its track and its fill) has its row in the table.
      expect(await chart.locator("rect").count()).toBe(2 * rows.length);
      await expectNoSideScroll(page);
      await seeAccessible(page, "progress-phone-public-followup");

      for (const [name, type] of [
        ["Informe en PDF", "application/pdf"],
        ["Informe en Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ] as const) {
        const href = (await page.getByRole("link", { name }).getAttribute("href")) ?? "";
        const response = await context.request.get(`${h.baseUrl}${href}`);
        expect(response.status(), href).toBe(200);
        expect(response.headers()["content-type"]).toContain(type);
      }
      const pdf = await downloadOf(page, page.getByRole("link", { name: "Informe en PDF" }));
      expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

      // The evidence control interno made public, with the hash a citizen can check.
      const published = page.locator("li", { has: page.getByRole("link", { name: publicFile.name }) });
      expect(await readOf(published)).toContain(`SHA-256: ${publicFile.sha256}`);
      const file = await downloadOf(page, published.getByRole("link", { name: publicFile.name }));
      expect(sha256(file.bytes)).toBe(publicFile.sha256);
      await context.close();
    },
    LONG,
  );

  it(
    "the indicators, the responsable's activities and the PAAC 2022's follow-up pass axe too",
    async () => {
      const planner = await staffPage(h, DEMO.planeacion);
      await planner.goto(`${h.baseUrl}/indicadores`);
      await planner.getByRole("heading", { level: 1, name: "Indicadores de gestión" }).waitFor();
      await seeAccessible(planner, "progress-desktop-indicators");
      await planner
        .getByRole("link", { name: /^Avance del Programa de Transparencia y Ética Pública/ })
        .click();
      await planner
        .getByRole("heading", { level: 1, name: /Avance del Programa de Transparencia/ })
        .waitFor();
      await seeAccessible(planner, "progress-desktop-indicator");
      await planner.context().close();

      const citizen = await (await h.browser.newContext({ viewport: PHONE, locale: "es-CO" })).newPage();
      await citizen.goto(`${h.baseUrl}/transparencia/planes/paac-2022`);
      await citizen.getByRole("link", { name: "Corte del 31 de diciembre de 2022" }).click();
      await citizen
        .getByRole("heading", { level: 1, name: "Seguimiento del corte del 31 de diciembre de 2022" })
        .waitFor();
      expect(await textOf(citizen.locator("main"))).toContain(PAAC_2022_TITLE);
      expect(await readOf(citizen.locator("dl.summary-list"))).toContain("Publicado después del plazo");
      await expectNoSideScroll(citizen);
      await seeAccessible(citizen, "progress-phone-public-followup-2022");
      await citizen.context().close();
    },
    LONG,
  );
});
