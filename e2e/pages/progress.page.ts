// Page objects of a plan's year of progress: the demo loaded on a day after the April cut with the demo
// accounts able to sign in, axe and screenshots, a responsable's report form, planeación's queue, control
// interno's follow-up (verifying every activity, making a file public, closing) and the files each page
// gives (xlsx read back with exceljs, PDF with pdftotext).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { AxeBuilder } from "@axe-core/playwright";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";
import type { Download, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { upsertPassword } from "../../src/core/auth/auth.repository.ts";
import { findPersonByDocument } from "../../src/core/people/people.service.ts";
import { people } from "../../src/core/people/people.table.ts";
import { loadDemoData } from "../../src/demo/demo.service.ts";
import { MATRIX_HEADER } from "../../src/planes/followups/followups.xlsx.ts";
import { systemAuditContext } from "../../src/shared/audit.ts";
import { hashPassword } from "../../src/shared/auth/passwords.ts";
import { TEST_PASSWORD } from "../../test/factories.ts";
import { DESKTOP, expectAccessible, type Harness, screenshot, signedInPage, useMenu } from "../harness.ts";
import { textOf } from "./plans.page.ts";

/** The demo accounts of the plans' cycle. */
export const DEMO = {
  planeacion: { documentNumber: "9000000005" },
  controlInterno: { documentNumber: "9000000006" },
  /** Responsable de plan in the Secretaría de Salud. */
  salud: { documentNumber: "9000000007" },
} as const;

export const PTEP_TITLE = "Programa de Transparencia y Ética Pública (PTEP) 2026";
/** A page of a whole plan can take a while to come when other work shares the cores. */
const ACTION_TIMEOUT = 60_000;
const SHOTS = fileURLToPath(new URL("../screenshots", import.meta.url));

/** Milliseconds spent, by step, printed at the end of the file's run (CI keeps an eye on them). */
export const timings: Record<string, number> = {};
const spend = (key: string, since: number) => {
  timings[key] = (timings[key] ?? 0) + Math.round(performance.now() - since);
};

/**
 * axe-core on the page and a screenshot. `include`/`exclude` narrow axe to what a page adds to one already
 * checked whole: control interno's follow-up lists every activity, some 70,000 pixels, and axe takes a
 * quarter of a minute on it on two busy cores. `top`: a screenshot of the first screen only.
 */
export async function seeAccessible(
  page: Page,
  name: string,
  options: { include?: string; exclude?: string; top?: boolean } = {},
) {
  let since = performance.now();
  if (options.include) {
    let axe = new AxeBuilder({ page }).include(options.include);
    if (options.exclude) axe = axe.exclude(options.exclude);
    const results = await axe.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    );
    expect(summary, `axe violations in ${options.include} on ${page.url()}`).toEqual([]);
  } else await expectAccessible(page);
  spend("axe", since);
  since = performance.now();
  if (options.top) await page.screenshot({ path: `${SHOTS}/${name}.png` });
  else await screenshot(page, name);
  spend("screenshots", since);
}

/** A demo account signed in, in its own browser context. */
export async function staffPage(h: Harness, account: { documentNumber: string }, viewport = DESKTOP) {
  const page = await signedInPage(h, account, { viewport });
  page.context().setDefaultTimeout(ACTION_TIMEOUT);
  return page;
}

/** From «Planes» to the PTEP's page, and on to one of its pages by the link's name. */
export async function openPlanPage(page: Page, link?: string) {
  await useMenu(page, "Planes");
  await page.getByRole("link", { name: PTEP_TITLE }).click();
  await page.getByRole("heading", { level: 1, name: PTEP_TITLE }).waitFor();
  if (link)
    await page
      .getByRole("navigation", { name: "Páginas del plan" })
      .getByRole("link", { name: link })
      .click();
}

/** How many sent reports wait in planeación's queue, as its lead says. */
export async function waiting(page: Page): Promise<number> {
  const lead = await textOf(page.locator("p.lead"));
  const count = lead.match(/: (\d+) reportes? enviados? esperan? su revisión/)?.[1];
  if (!count) throw new Error(`no count in «${lead}»`);
  return Number(count);
}

/** The queue's «Revisar» link of Salud's report, or of any other office's. */
export const reviewLinks = (page: Page, salud: boolean) =>
  page.getByRole("link", {
    name: salud
      ? /^Revisar el reporte de Secretaría de Salud/
      : /^Revisar el reporte de (?!Secretaría de Salud)/,
  });

/** A summary list read aloud: «Estado Enviado a planeación Avance 70 %…» (each term then its value). */
export const factsOf = (page: Page) => readOf(page.locator("dl.summary-list").first());

/** A table by (part of) its caption. */
export const tableOf = (page: Page, caption: string) =>
  page.locator("table", { has: page.locator("caption", { hasText: caption }) });
export const PAAC_2022_TITLE = "Plan Anticorrupción y de Atención al Ciudadano 2022";

/**
 * The demo as an evaluator gets it on `day`, with its accounts' first login done (a password of their own,
 * the privacy notice read). Loaded as on a PostgreSQL server whose batches are refused: the accounts and
 * the plans, not the few hundred people and cards of the carnetización story, which these pages never show.
 */
export async function loadDemoOn(h: Harness, day: Date) {
  h.ctx.clock.advance(day.getTime() - h.ctx.clock.now().getTime());
  const config = {
    ...h.ctx.deps.config,
    databaseUrl: "postgres://demo-story-skipped",
    publicBaseUrlIsLocal: true,
  };
  const started = performance.now();
  const demo = await loadDemoData(
    h.ctx.database,
    h.ctx.clock.now(),
    systemAuditContext,
    config,
    h.ctx.deps.storage,
  );
  const ms = Math.round(performance.now() - started);
  const db = h.ctx.database.db;
  const hash = await hashPassword(TEST_PASSWORD);
  for (const { documentNumber } of Object.values(DEMO)) {
    const person = await findPersonByDocument(db, documentNumber);
    if (!person) throw new Error(`no demo account ${documentNumber}`);
    await upsertPassword(db, person.id, hash, h.ctx.clock.now());
    await db.update(people).set({ privacyAcceptedAt: h.ctx.clock.now() }).where(eq(people.id, person.id));
  }
  return { ...demo, ms };
}

/** A one-page PDF as an office writes it: a real file, checked by its content. */
export async function evidencePdf(title: string, body: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.fontSize(16).text(title).moveDown().fontSize(11).text(body);
  doc.end();
  return done;
}

export const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Clicks a link that downloads; returns the file and its bytes. */
export async function downloadOf(page: Page, link: Locator): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return { file, bytes: await readFile((await file.path()) ?? "") };
}

export async function readWorkbook(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  return workbook;
}

/** The «Resumen» sheet of the monitoring export as label → value. */
export async function monitoringSummary(bytes: Buffer) {
  const values = new Map<string, unknown>();
  const sheet = (await readWorkbook(bytes)).getWorksheet("Resumen");
  sheet?.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
  return values;
}

/**
 * OCI's matrix as the follow-up's workbook holds it: the header block's first lines (label, value), the
 * row under the column header (the first component) and the first activity's «% de avance» cell.
 */
export async function followupMatrix(bytes: Buffer) {
  const sheet = (await readWorkbook(bytes)).getWorksheet("Seguimiento");
  if (!sheet) throw new Error("no «Seguimiento» sheet");
  const block = [2, 3, 4, 5].map((r) => [sheet.getCell(r, 1).value, sheet.getCell(r, 2).value]);
  let header = 0;
  sheet.eachRow((row, n) => {
    if (row.getCell(1).value === MATRIX_HEADER[0] && row.getCell(7).value === "% de avance") header = n;
  });
  if (header === 0) throw new Error("no column header in «Seguimiento»");
  const cell = sheet.getCell(header + 2, 7);
  return {
    block,
    component: String(sheet.getCell(header + 1, 1).value),
    percent: {
      value: cell.value,
      fill: cell.fill?.type === "pattern" ? cell.fill.fgColor?.argb : undefined,
    },
  };
}

/** The text of a PDF as pdftotext (poppler) reads it. */
export async function pdfText(bytes: Buffer): Promise<string> {
  const file = path.join(os.tmpdir(), `sipap-e2e-${process.pid}-${Date.now()}.pdf`);
  await writeFile(file, bytes);
  const { stdout } = await promisify(execFile)("pdftotext", ["-layout", file, "-"]);
  return stdout;
}

/**
 * The text of an element as a person reads it: a space between elements (a term and its value, the cells
 * of a row), runs of white space as one.
 */
export async function readOf(locator: Locator): Promise<string> {
  const text = await locator.evaluate((element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    while (walker.nextNode()) parts.push(walker.currentNode.nodeValue ?? "");
    return parts.join(" ");
  });
  return text.replace(/\s+/g, " ").trim();
}

/** The page is no wider than the phone: nothing to scroll sideways. */
export async function expectNoSideScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `side scroll on ${page.url()}`).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
}

/** The responsable's report form. */
export class ReportForm {
  constructor(private readonly page: Page) {}

  async fill(report: { percent: string; narrative: string; files?: { name: string; bytes: Buffer }[] }) {
    await this.page.getByLabel("Porcentaje de avance del periodo").fill(report.percent);
    await this.page.getByLabel("Lo que se hizo en el periodo").fill(report.narrative);
    if (report.files)
      await this.page
        .getByLabel("Agregar archivos de evidencia")
        .setInputFiles(
          report.files.map((f) => ({ name: f.name, mimeType: "application/pdf", buffer: f.bytes })),
        );
  }

  async saveDraft() {
    await this.page.getByRole("button", { name: "Guardar borrador" }).click();
    await this.page.waitForLoadState();
  }

  async send() {
    await this.page.getByRole("button", { name: "Enviar a planeación" }).click();
    await this.page.waitForLoadState();
  }

  /** The evidence table's rows as «file name · size · hash prefix». */
  async evidence() {
    return this.page
      .locator("table", { has: this.page.locator("caption", { hasText: "Archivos de evidencia" }) })
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((r) => (r.textContent ?? "").replace(/\s+/g, " ").trim()));
  }
}

/** Control interno's page of one follow-up, shown one component at a time. */
export class FollowupSheetPage {
  constructor(private readonly page: Page) {}

  /** «12 de 64 verificadas» as numbers. */
  async counts() {
    const text = await textOf(
      this.page.locator("dl.summary-list div", { hasText: "Actividades verificadas" }).locator("dd"),
    );
    const [, verified, total] = text.match(/([\d.]+) de ([\d.]+) verificadas/) ?? [];
    return { verified: Number(verified?.replace(".", "")), total: Number(total?.replace(".", "")) };
  }

  /** The addresses of the components, from the page's list of them. */
  async components() {
    const nav = this.page.getByRole("navigation", { name: "Componentes del seguimiento" });
    return nav.getByRole("link").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  }

  /** Opens each component in turn until `found` says it has what is sought there; false if none does. */
  async visitUntil(found: () => Promise<boolean>) {
    for (const href of await this.components()) {
      await this.page.goto(href);
      if (await found()) return true;
    }
    return false;
  }

  /** Opens the component that holds the activity; returns the activity's block. */
  async activity(text: string) {
    const article = this.page.locator("article", { hasText: text });
    expect(await this.visitUntil(async () => (await article.count()) > 0)).toBe(true);
    return article;
  }

  async close() {
    await this.page.getByRole("button", { name: "Cerrar el seguimiento" }).click();
    await this.page.waitForLoadState();
  }

  /**
   * The shortcut: verifies the pending activities of the component on screen at what was validated.
   * Returns the count the confirmation gives.
   */
  async verifyAsReported() {
    await this.page.getByRole("button", { name: "Verificar con el porcentaje reportado" }).click();
    const status = await textOf(this.page.getByRole("status"));
    const [, count] = status.match(/^([\d.]+) actividad/) ?? [];
    return Number(count?.replace(".", ""));
  }

  /**
   * Verifies every activity still without verification, component by component and one form at a time
   * as a person would (each form reloads the page at its activity): the percentage is what planeación
   * validated when there is one, else what control interno finds; «Actividades realizadas» always written.
   * Stops when `leave` are left. Returns how many were verified.
   */
  async verifyAll(
    found: (activity: string, index: number) => { percent: string; realized: string },
    options: { leave?: number } = {},
  ) {
    const leave = options.leave ?? 0;
    const button = this.page.getByRole("button", { name: /^(Guardar|Actualizar) la verificación$/ });
    const pending = () =>
      this.page.locator("article", {
        has: this.page.getByRole("button", { name: "Guardar la verificación" }),
      });
    const left = async () => {
      const { verified, total } = await this.counts();
      return total - verified;
    };
    let done = 0;
    for (const href of await this.components()) {
      await this.page.goto(href);
      while ((await left()) > leave && (await pending().count()) > 0) {
        const article = pending().first();
        const id = (await article.getAttribute("id")) ?? "";
        const heading = await textOf(article.locator("h4"));
        const percent = article.getByLabel("Porcentaje verificado");
        const answer = found(heading, done);
        if ((await percent.inputValue()) === "") await percent.fill(answer.percent);
        await article.getByLabel("Actividades realizadas").fill(answer.realized);
        await article.locator(button).click();
        // Each answer reloads the page at its activity, on the same component.
        await this.page.waitForURL((url) => url.hash === `#${id}` && url.search.startsWith("?componente="));
        done++;
      }
      if ((await left()) <= leave) break;
    }
    return done;
  }

  /**
   * Control interno makes the first validated file of the cut public; returns it with the hash the page
   * shows. SIPAP comes back to the activity on this sheet.
   */
  async makeFirstFilePublic() {
    const item = this.page
      .locator("li")
      .filter({ has: this.page.getByRole("button", { name: /^Marcar como pública\s*:/ }) })
      .first();
    expect(await this.visitUntil(async () => (await item.count()) > 0)).toBe(true);
    const sheetUrl = this.page.url().split("#")[0] ?? "";
    const button = item.getByRole("button");
    const name = (await textOf(button)).replace(/^Marcar como pública: /, "");
    const shown = await textOf(item.locator("code"));
    expect(shown).toMatch(/^[0-9a-f]{64}$/);
    await button.click();
    expect(await textOf(this.page.getByRole("status"))).toContain(`«${name}» quedó pública`);
    expect(this.page.url().split("#")[0]).toBe(sheetUrl);
    return { name, sha256: shown };
  }

  /** Headings of the activities still without a verification, in every component. */
  async unverified() {
    const headings: string[] = [];
    const unverified = this.page
      .locator("article", { has: this.page.getByText("Sin verificar", { exact: true }) })
      .locator("h4");
    await this.visitUntil(async () => {
      headings.push(...(await unverified.allTextContents()));
      return false;
    });
    return headings;
  }
}
