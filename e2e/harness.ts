// Browser tests: SIPAP served over real HTTP on a fresh test database, driven by Debian's Chromium.
import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { RENDER_BATCH } from "../src/carnetizacion/batches/batches.jobs.ts";
import { createTestApp, type TestContext } from "../test/app.ts";
import { TEST_PASSWORD } from "../test/factories.ts";
import { LoginPage } from "./pages/login.page.ts";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

export interface Harness {
  ctx: TestContext;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(
  options: { env?: Record<string, string>; work?: string[] } = {},
): Promise<Harness> {
  // Batches render in the background as on a server: the pages wait for the PDF as a person would.
  const ctx = await createTestApp({
    env: { TRUST_PROXY: "false", ...options.env },
    work: [RENDER_BATCH, ...(options.work ?? [])],
  });
  const server = serve({ fetch: ctx.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath))
    throw new Error(
      `Browser tests need Chromium at ${executablePath}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    ctx,
    baseUrl,
    browser,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await ctx.database.close();
    },
  };
}

/** Runs axe-core (WCAG 2.1 A and AA) on the page and fails with the list of violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

const shotsDir = fileURLToPath(new URL("./screenshots", import.meta.url));

/** Full-page screenshot for people to look at (e2e/screenshots, not committed). */
export async function screenshot(page: Page, name: string) {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: `${shotsDir}/${name}.png`, fullPage: true });
}

/** Follows an entry of the main menu; on a phone it first opens the «Menú» button, as a person would. */
export async function useMenu(page: Page, name: string, role: "link" | "button" = "link") {
  const nav = page.getByRole("navigation", { name: "Menú principal" });
  const phoneMenu = nav.locator("details.site-nav__phone");
  if (await phoneMenu.isVisible()) {
    if (!(await phoneMenu.evaluate((details: HTMLDetailsElement) => details.open)))
      await phoneMenu.locator("summary").click();
  }
  await nav.getByRole(role, { name, exact: true }).click();
}

/** A new browser context signed in as the person (with the test password), on their home page. */
export async function signedInPage(
  h: Harness,
  person: { documentNumber: string },
  options: { viewport?: typeof PHONE; javaScript?: boolean } = {},
): Promise<Page> {
  const context = await h.browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    locale: "es-CO",
    javaScriptEnabled: options.javaScript ?? true,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.open(h.baseUrl);
  await login.logIn(person.documentNumber, TEST_PASSWORD);
  await page.getByRole("heading", { name: /^Hola,/ }).waitFor();
  return page;
}
