// Privacy pages in a real browser, checked with axe-core: the readable audit log (desktop and phone), the
// public check of a disabled card (phone) and the habeas-data download from «Mis datos».
import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disableCard } from "../src/carnetizacion/cards/cards.service.ts";
import { cards } from "../src/carnetizacion/cards/cards.table.ts";
import { systemAuditContext } from "../src/shared/audit.ts";
import { makePerson } from "../test/factories.ts";
import { makeReadyToPrint, printBatch } from "../test/production.ts";
import {
  DESKTOP,
  expectAccessible,
  type Harness,
  PHONE,
  screenshot,
  signedInPage,
  startHarness,
} from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const loggedIn = (person: { documentNumber: string }, viewport = DESKTOP) =>
  signedInPage(h, person, { viewport });

describe("privacy pages", () => {
  it("shows the audit log readably, a disabled card's advice and the «Mis datos» download, accessibly", async () => {
    const { person, card } = await makeReadyToPrint(h.ctx);
    await printBatch(h.ctx, [card.id]);
    const [printed] = await h.ctx.database.db.select().from(cards).where(eq(cards.id, card.id));
    await disableCard(h.ctx.database.db, h.ctx.clock.now(), systemAuditContext, card.id, "perdida");
    const admin = await makePerson(h.ctx, { roles: ["servidor", "administrador"] });

    for (const viewport of [DESKTOP, PHONE]) {
      const page = await loggedIn(admin, viewport);
      await page.goto(`${h.baseUrl}/admin/auditoria?persona=${person.documentNumber}`);
      await page.getByRole("heading", { level: 1, name: "Auditoría" }).waitFor();
      await page
        .getByText("Estado: Entregado → Inhabilitado")
        .or(page.getByText("Estado: Impreso → Inhabilitado"))
        .first()
        .waitFor();
      await page.getByLabel("Acción").selectOption({ label: "Carnet: inhabilitado" });
      await page.getByRole("button", { name: "Buscar" }).click();
      await page.getByText(`Carnet ${printed?.code}`).first().waitFor();
      await expectAccessible(page);
      await screenshot(page, viewport === DESKTOP ? "desktop-audit-readable" : "phone-audit-readable");
    }

    const phone = await (await h.browser.newContext({ viewport: PHONE, locale: "es-CO" })).newPage();
    await phone.goto(`${h.baseUrl}/verificar/${printed?.code}`);
    await phone.getByText("INHABILITADO", { exact: true }).waitFor();
    await phone.getByRole("heading", { name: "Qué hacer con este carnet" }).waitFor();
    await phone.getByText(/Consultado el .* hora de Colombia\./).waitFor();
    await expectAccessible(phone);
    await screenshot(phone, "phone-verify-disabled");

    const own = await loggedIn(person, PHONE);
    await own.goto(`${h.baseUrl}/mis-datos`);
    await own.getByRole("heading", { level: 1, name: "Mis datos" }).waitFor();
    await expectAccessible(own);
    const [download] = await Promise.all([
      own.waitForEvent("download"),
      own.getByRole("link", { name: "Descargar mis datos (.zip)" }).click(),
    ]);
    const path = await download.path();
    const files = unzipSync(new Uint8Array(await (await import("node:fs/promises")).readFile(path)));
    expect(JSON.parse(strFromU8(files["datos.json"] ?? new Uint8Array())).persona.numeroDocumento).toBe(
      person.documentNumber,
    );
    await own.setContent(strFromU8(files["resumen.html"] ?? new Uint8Array()));
    await own.getByRole("heading", { level: 1, name: "Sus datos en SIPAP" }).waitFor();
    await expectAccessible(own);
    await screenshot(own, "phone-mydata-summary");
  });
});
