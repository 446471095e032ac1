import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { fixture } from "../../../test/photos.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

/** The step list as «title: status» pairs, read from the page. */
function stepsOf(html: string) {
  return [...html.matchAll(/journey__name">([^<]+)<\/span><span class="tag tag--\w+">([^<]+)</g)].map(
    (match) => `${match[1]}: ${match[2]}`,
  );
}

describe("home page of a person", () => {
  it("shows the three card steps with the next one, and follows the person after each save", async () => {
    const person = await makePerson(ctx);
    const client = await signIn(ctx, person);
    const home = await (await client.get("/")).text();
    expect(stepsOf(home)).toEqual([
      "Sus datos: Siguiente paso",
      "Su foto: Pendiente",
      "Su carnet: Pendiente",
    ]);
    expect(home).toContain('href="/mis-datos" class="button"');

    const upload = await client.postFiles(
      "/mi-foto",
      {},
      { photo: { name: "foto.jpg", data: fixture("portrait-white-bg.jpg"), type: "image/jpeg" } },
    );
    expect(upload.status).toBe(303);
    const afterSave = await (await client.get("/mi-foto")).text();
    expect(stepsOf(afterSave)).toEqual([
      "Sus datos: Siguiente paso",
      "Su foto: En trámite",
      "Su carnet: Pendiente",
    ]);
    // Without a fresh save the photo page does not repeat the list.
    expect(stepsOf(await (await client.get("/mi-foto")).text())).toEqual([]);

    const saved = await client.post("/mis-datos", {
      firstNames: person.firstNames,
      lastNames: "Pérez Gómez",
      position: "Profesional universitario",
      email: `p${person.documentNumber}@pasto.gov.co`,
      phone: "3001234567",
      bloodType: "O+",
    });
    expect(saved.status).toBe(303);
    const afterData = await (await client.get(saved.headers.get("location") ?? "")).text();
    expect(stepsOf(afterData)).toEqual(["Sus datos: Hecho", "Su foto: En trámite", "Su carnet: En trámite"]);
  });

  it("shows no card steps to someone who is not signed in", async () => {
    const page = await (await ctx.app.request("/")).text();
    expect(stepsOf(page)).toEqual([]);
    expect(page).toContain("Ingresar");
  });
});
