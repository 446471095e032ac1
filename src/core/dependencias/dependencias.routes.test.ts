import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { dependencias } from "./dependencias.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

const byName = async (name: string) =>
  (await ctx.database.db.select().from(dependencias).where(eq(dependencias.name, name)))[0];

describe("dependencias tree for administrators", () => {
  it("adds a dependencia under another and shows it in the tree", async () => {
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["administrador"] }));
    await client.post("/admin/dependencias", {
      name: "Secretaría General",
      acronym: "",
      parentId: "",
      sortOrder: "1",
    });
    const parent = await byName("Secretaría General");
    const response = await client.post("/admin/dependencias", {
      name: "Subsecretaría de Sistemas de Información",
      acronym: "SSI",
      parentId: parent?.id ?? "",
      sortOrder: "0",
    });
    expect(response.status).toBe(303);
    const child = await byName("Subsecretaría de Sistemas de Información");
    expect(child?.parentId).toBe(parent?.id);
    const page = await (await client.get("/admin/dependencias")).text();
    expect(page).toMatch(/tree-indent--1">Subsecretaría de Sistemas de Información/);
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, child?.id ?? ""));
    expect(audit.map((a) => a.action)).toEqual(["dependencia.created"]);
  });

  it("refuses a duplicate name and a move that would put a dependencia inside its own child", async () => {
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["administrador"] }));
    await client.post("/admin/dependencias", {
      name: "Secretaría de Cultura",
      acronym: "",
      parentId: "",
      sortOrder: "0",
    });
    const cultura = await byName("Secretaría de Cultura");
    await client.post("/admin/dependencias", {
      name: "Subsecretaría de Cultura Ciudadana",
      acronym: "",
      parentId: cultura?.id ?? "",
      sortOrder: "0",
    });
    const child = await byName("Subsecretaría de Cultura Ciudadana");

    const duplicate = await client.post("/admin/dependencias", {
      name: "Secretaría de Cultura",
      acronym: "",
      parentId: "",
      sortOrder: "0",
    });
    expect(duplicate.status).toBe(422);
    expect(await duplicate.text()).toContain("Ya existe una dependencia con ese nombre.");

    const cycle = await client.post(`/admin/dependencias/${cultura?.id}`, {
      name: "Secretaría de Cultura",
      acronym: "",
      parentId: child?.id ?? "",
      sortOrder: "0",
      active: "si",
    });
    expect(cycle.status).toBe(422);
    expect(await cycle.text()).toContain("no puede quedar dentro de sí misma");
    expect((await byName("Secretaría de Cultura"))?.parentId).toBeNull();

    const deactivate = await client.post(`/admin/dependencias/${cultura?.id}`, {
      name: "Secretaría de Cultura",
      acronym: "",
      parentId: "",
      sortOrder: "0",
      active: "no",
    });
    expect(deactivate.status).toBe(409);
    expect((await byName("Secretaría de Cultura"))?.active).toBe(true);
  });

  it("renames a dependencia and records before and after", async () => {
    const client = await signIn(ctx, await makePerson(ctx, { roles: ["administrador"] }));
    await client.post("/admin/dependencias", {
      name: "Oficina de Prensa",
      acronym: "",
      parentId: "",
      sortOrder: "0",
    });
    const office = await byName("Oficina de Prensa");
    const response = await client.post(`/admin/dependencias/${office?.id}`, {
      name: "Oficina de Comunicación Social",
      acronym: "OCS",
      parentId: "",
      sortOrder: "5",
      active: "si",
    });
    expect(response.status).toBe(303);
    const [row] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "dependencia.updated"));
    expect(row?.details).toMatchObject({
      before: { name: "Oficina de Prensa" },
      after: { name: "Oficina de Comunicación Social", acronym: "OCS" },
    });
  });
});
