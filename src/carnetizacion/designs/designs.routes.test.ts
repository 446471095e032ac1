import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { DEFAULT_DESIGN } from "./designs.render.ts";
import { currentDesign } from "./designs.service.ts";

let ctx: TestContext;
let admin: TestClient;
beforeAll(async () => {
  ctx = await createTestApp();
  admin = await signIn(ctx, await makePerson(ctx, { roles: ["administrador"] }));
});
afterAll(() => ctx.database.close());

const svg = (text: string) => ({ name: "diseno.svg", data: Buffer.from(text), type: "image/svg+xml" });
const upload = (name: string, front: string, back?: string) =>
  admin.postFiles(
    "/admin/diseno-carnet",
    { name },
    back ? { front: svg(front), back: svg(back) } : { front: svg(front) },
  );

describe("the card design page", () => {
  it("previews SIPAP's default design with sample data", async () => {
    const page = await (await admin.get("/admin/diseno-carnet")).text();
    expect(page).toContain("Predeterminado de SIPAP");
    const png = await admin.get("/admin/diseno-carnet/actual/anverso");
    expect(png.headers.get("content-type")).toBe("image/png");
    const meta = await sharp(Buffer.from(await png.arrayBuffer())).metadata();
    expect(meta.width).toBe(600);
  });

  it("refuses a design with a script, saying why, and stores nothing", async () => {
    const evil = DEFAULT_DESIGN.front.replace("</svg>", "<script>alert(1)</script></svg>");
    const response = await upload("Con script", evil);
    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/script/i);
    expect(await (await admin.get("/admin/diseno-carnet")).text()).not.toContain("Con script");
  });

  it("refuses a design that lacks fields, naming them", async () => {
    const missing = DEFAULT_DESIGN.front.replace(/id="vigencia"/, 'id="otra-cosa"');
    const response = await upload("Sin vigencia", missing);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("vigencia");
  });

  it("stores a valid design, previews it, and puts it in use only when asked", async () => {
    const front = DEFAULT_DESIGN.front.replace("#004884", "#7a1f2b");
    const response = await upload("Diseño institucional 2027", front, DEFAULT_DESIGN.back);
    expect(response.status).toBe(303);
    const location = response.headers.get("location") ?? "";
    const id = /diseno=([0-9a-f-]{36})/.exec(location)?.[1];
    const page = await (await admin.get(location)).text();
    expect(page).toContain("Vista previa: «Diseño institucional 2027»");
    expect((await admin.get(`/admin/diseno-carnet/${id}/reverso`)).headers.get("content-type")).toBe(
      "image/png",
    );
    expect((await currentDesign(ctx.database.db)).front).toBe(DEFAULT_DESIGN.front);

    expect((await admin.post(`/admin/diseno-carnet/${id}/activar`, {})).status).toBe(303);
    expect((await currentDesign(ctx.database.db)).front).toBe(front);
    expect((await admin.post("/admin/diseno-carnet/predeterminado/activar", {})).status).toBe(303);
    expect((await currentDesign(ctx.database.db)).front).toBe(DEFAULT_DESIGN.front);
  });
});
