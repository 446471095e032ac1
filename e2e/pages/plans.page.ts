// Page objects of planeación's plan pages: the list with its creation form, the import (upload, preview,
// reconciling the responsables through their forms) and a plan's page (filters, approval, publication).
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import type { Reconciliation } from "./plans.data.ts";

/** The file as an office keeps it, on disk under its own name (the preview shows it). */
export function fileOnDisk(data: Buffer, name: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "sipap-e2e-plans-")), name);
  writeFileSync(file, data);
  return file;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The text of an element as a person reads it: runs of white space as one. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").replace(/\s+/g, " ").trim();
}

/** Picks the option whose text contains `text` (option labels are long: «Componente 3: Rendición…»). */
export async function selectContaining(select: Locator, text: string) {
  const labels = await select.locator("option").allTextContents();
  const label = labels.find((l) => l.includes(text));
  if (!label) throw new Error(`no option with «${text}» in ${labels.join(" | ")}`);
  await select.selectOption({ label });
  return label;
}

export class PlansListPage {
  constructor(private readonly page: Page) {}

  async assertOn() {
    await this.page.getByRole("heading", { level: 1, name: "Planes" }).waitFor();
  }

  /** Fills «Crear un plan» and lands on the new plan's page. */
  async create(plan: { type: string; year: number; owner: string; title: string }) {
    const form = this.page.locator("section", {
      has: this.page.getByRole("heading", { name: "Crear un plan" }),
    });
    await selectContaining(form.getByLabel("Tipo de plan"), plan.type);
    await form.getByLabel("Vigencia").fill(String(plan.year));
    await form.getByLabel("Dependencia responsable del plan").selectOption({ label: plan.owner });
    await form.getByLabel("Título").fill(plan.title);
    await form.getByRole("button", { name: "Crear el plan" }).click();
    await this.page.getByRole("heading", { level: 1, name: plan.title }).waitFor();
    expect(await textOf(this.page.getByRole("status"))).toContain("Plan creado en borrador");
  }
}

export class ImportPage {
  constructor(private readonly page: Page) {}

  /** From the plan's page: «Importar archivo». */
  async open() {
    await this.page.getByRole("link", { name: "Importar archivo" }).click();
    await this.page.getByRole("heading", { level: 1, name: "Cargar el archivo del plan" }).waitFor();
  }

  /** The file and «Revisar el archivo»; lands on the preview. */
  async upload(file: string) {
    await this.page.getByLabel("Archivo del plan").setInputFiles(file);
    await this.page.getByRole("button", { name: "Revisar el archivo" }).click();
    await this.page
      .getByRole("heading", { level: 1, name: `Vista previa: ${path.basename(file)}` })
      .waitFor();
  }

  /** The counts per level, «Componente 6 componentes Subcomponente 18 subcomponentes…» as one line. */
  async counts() {
    return textOf(this.page.locator("dl.summary-list").first());
  }

  /** Each text still to reconcile with the hint under it (rows and suggested dependencias). */
  async toReconcile(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const form of await this.mapForms().all()) {
      const text = (await textOf(form.getByRole("heading"))).replace(/^«|»$/g, "");
      found.set(text, await textOf(form.locator("p.hint").first()));
    }
    return found;
  }

  /**
   * Reconciles through the forms, one at a time as a person would (each answer reloads the preview), until
   * none is left; fails on a text the table has no answer for. Returns the texts answered, in order.
   */
  async reconcileAll(answers: Record<string, Reconciliation>): Promise<string[]> {
    const done: string[] = [];
    for (;;) {
      const form = this.mapForms().first();
      if ((await form.count()) === 0) return done;
      const text = (await textOf(form.getByRole("heading"))).replace(/^«|»$/g, "");
      const answer = answers[text];
      if (!answer) throw new Error(`the test has no answer for «${text}»`);
      if (done.includes(text)) throw new Error(`«${text}» is still to reconcile after answering it`);
      await this.answer(form, answer);
      await this.page.getByRole("status").getByText(`«${text}» quedó conciliado como`).waitFor();
      done.push(text);
    }
  }

  private mapForms() {
    return this.page.locator("form[id^='m'][id$='-form']");
  }

  private async answer(form: Locator, answer: Reconciliation) {
    if (answer.kind === "todas") {
      await form.getByLabel("Todas las dependencias", { exact: true }).check();
    } else if (answer.kind === "dependencias") {
      await form.getByLabel("Una o varias dependencias").check();
      for (const name of answer.names) {
        const box = form.getByRole("checkbox", {
          name: new RegExp(`^${escapeRegExp(name)}( \\(sugerida\\))?$`),
        });
        // Dependencias that are not suggested wait in «Otras dependencias».
        if (!(await box.isVisible())) await form.locator("details > summary").click();
        await box.check();
      }
    } else {
      await form.getByLabel("Un equipo dentro de una dependencia").check();
      await form.getByLabel("Dependencia del equipo").selectOption({ label: answer.dependencia });
      await form.getByLabel("Nombre del equipo").fill(answer.team);
    }
    await form.getByRole("button", { name: /^Guardar la conciliación/ }).click();
  }

  async apply() {
    await this.page.getByRole("button", { name: "Aplicar", exact: true }).click();
    await this.page.getByRole("status").getByText("Archivo aplicado:").waitFor();
  }
}

export class PlanPage {
  constructor(private readonly page: Page) {}

  /** Sets the tree's filters (empty ones to «Todos»), «Filtrar»; returns the line saying what is shown. */
  async filter(filters: { component?: string; dependencia?: string; month?: string }) {
    const form = this.page.locator("form.search-form");
    const component = form.getByLabel("Componente", { exact: true });
    if (filters.component) await selectContaining(component, filters.component);
    else await component.selectOption("");
    await form
      .getByLabel("Dependencia responsable", { exact: true })
      .selectOption(filters.dependencia ? { label: filters.dependencia } : "");
    await form.getByLabel("Mes", { exact: true }).selectOption(filters.month ? { label: filters.month } : "");
    await form.getByRole("button", { name: "Filtrar" }).click();
    await this.page.waitForLoadState();
    const status = this.page.getByRole("status").filter({ hasText: "Se muestran" });
    return (await status.count()) > 0 ? textOf(status) : "";
  }

  /** Headings of the components shown. */
  async components() {
    return this.page
      .locator("section", { has: this.page.getByRole("heading", { level: 2, name: "Estructura del plan" }) })
      .locator("h3")
      .allTextContents();
  }

  /** Links of the activities shown, by their text. */
  activityLinks() {
    return this.page.locator("table.table--stack tbody td:first-child a");
  }

  async approve(act: string, date: string) {
    await this.page.getByLabel("Número del acta").fill(act);
    await this.page.getByLabel("Fecha del acta").fill(date);
    await this.page.getByRole("button", { name: "Aprobar el plan" }).click();
    await this.page.getByRole("status").getByText("Aprobación registrada.").waitFor();
  }

  async publish() {
    await this.page.getByRole("button", { name: "Publicar el plan" }).click();
    await this.page.getByRole("status").getByText("Plan publicado:").waitFor();
  }
}
