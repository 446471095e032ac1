// Reconciling written responsables against the real dependencias, and planeación's mappings and their page.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "../../areas.ts";
import { createTestApp, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import { seedDependencias } from "../../demo/demo.service.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { type AuditContext, systemAuditContext } from "../../shared/audit.ts";
import { deleteAlias, listAliases, mapAlias, resolveResponsables } from "./responsables.service.ts";
import { planAliases, planAliasTargets } from "./responsables.table.ts";

let ctx: TestContext;
const ids = new Map<string, string>();
const audit: AuditContext = { actorId: null, ip: "127.0.0.1", requestId: "test" };
const db = () => ctx.database.db;
const id = (key: string) => ids.get(key) ?? "";

beforeAll(async () => {
  ctx = await createTestApp();
  await seedDependencias(db(), ctx.clock.now(), systemAuditContext);
  for (const d of await db().select().from(dependencias)) ids.set(d.acronym ?? d.name, d.id);
});
afterAll(() => ctx.database.close());

const summary = (
  resolution: Awaited<ReturnType<typeof resolveResponsables>> extends Map<string, infer R> ? R : never,
) =>
  resolution.kind === "unmatched"
    ? { unmatched: resolution.suggestions.map((s) => s.name) }
    : { kind: resolution.kind, names: resolution.dependencias.map((d) => d.name), team: resolution.team };

describe("resolving the responsables of a file", () => {
  it("recognises names, acronyms and their variants, and nothing else", async () => {
    const texts = [
      "OPGI",
      "OPGI.",
      "Oficina de Planeación de Gestión Institucional – OPGI",
      "Unidad de Atención al ciudadano - UAC",
      "UAC.",
      "SSI",
      "Secretaria de Gobierno",
      "Secretaría de Educación Municipal",
      "Todas las dependencias",
      "Líderes de proceso SGC - MIPG",
      "Equipo líder del proceso de rendición de cuentas",
      "Equipo MIPG - Oficina de Planeación de Gestión Institucional",
      "Dirección de Juventud",
      "Secretaría MOSIG",
    ];
    const resolved = await resolveResponsables(db(), texts);
    const opgi = "Oficina de Planeación de Gestión Institucional";
    const shown = Object.fromEntries(texts.map((t) => [t, summary(resolved.get(t) as never)]));
    for (const t of texts.slice(0, 3))
      expect(shown[t]).toEqual({ kind: "dependencias", names: [opgi], team: null });
    expect(shown["Unidad de Atención al ciudadano - UAC"]).toMatchObject({
      names: ["Unidad de Atención al Ciudadano"],
    });
    expect(shown["UAC."]).toMatchObject({ names: ["Unidad de Atención al Ciudadano"] });
    expect(shown.SSI).toMatchObject({ names: ["Subsecretaría de Sistemas de Información"] });
    expect(shown["Secretaria de Gobierno"]).toMatchObject({ names: ["Secretaría de Gobierno"] });
    expect(shown["Secretaría de Educación Municipal"]).toMatchObject({ names: ["Secretaría de Educación"] });
    for (const t of texts.slice(8)) expect(shown[t]).toHaveProperty("unmatched");
    expect(shown["Equipo MIPG - Oficina de Planeación de Gestión Institucional"]?.unmatched?.[0]).toBe(opgi);
    expect(shown["Dirección de Juventud"]?.unmatched?.[0]).toBe("Dirección Administrativa de Juventud");
    expect(shown["Secretaría MOSIG"]?.unmatched?.[0]).toMatch(/^Secretaría de las Mujeres/);
  });

  it("never matches an inactive dependencia", async () => {
    await db()
      .update(dependencias)
      .set({ active: false })
      .where(eq(dependencias.id, id("Dirección Administrativa de Juventud")));
    try {
      const resolved = await resolveResponsables(db(), ["Dirección Administrativa de Juventud"]);
      expect(resolved.get("Dirección Administrativa de Juventud")?.kind).toBe("unmatched");
    } finally {
      await db()
        .update(dependencias)
        .set({ active: true })
        .where(eq(dependencias.id, id("Dirección Administrativa de Juventud")));
    }
  });
});

describe("mapping a written responsable", () => {
  const at = () => ctx.clock.now();

  it("checks what each kind needs, and stores nothing when it is wrong", async () => {
    const wrong = [
      [{ written: "Líderes de proceso", kind: "dependencias", dependenciaIds: [] }, "dependencias"],
      [
        {
          written: "Líderes de proceso",
          kind: "equipo",
          dependenciaIds: [id("OPGI"), id("OCI")],
          team: "MIPG",
        },
        "dependencias",
      ],
      [{ written: "Equipo MIPG", kind: "equipo", dependenciaIds: [id("OPGI")], team: "  " }, "team"],
      [
        { written: "Líderes de proceso", kind: "dependencias", dependenciaIds: ["no-es-un-id"] },
        "dependencias",
      ],
      [{ written: "Líderes de proceso", kind: "otra", dependenciaIds: [] }, "kind"],
      [{ written: " . ", kind: "todas", dependenciaIds: [] }, "written"],
    ] as const;
    for (const [input, field] of wrong)
      expect(await mapAlias(db(), at(), audit, input)).toMatchObject({ ok: false, field });
    const [inactive] = await db()
      .insert(dependencias)
      .values({ name: "Oficina Antigua de Prueba", active: false })
      .returning();
    expect(
      await mapAlias(db(), at(), audit, {
        written: "Oficina antigua",
        kind: "dependencias",
        dependenciaIds: [inactive?.id ?? ""],
      }),
    ).toMatchObject({ ok: false, field: "dependencias" });
    expect(await db().select().from(planAliases)).toEqual([]);
  });

  it("keeps the text normalised and unique: mapping it again replaces it, and both are audited", async () => {
    const first = await mapAlias(db(), at(), audit, {
      written: "Líderes de proceso SGC - MIPG",
      kind: "dependencias",
      dependenciaIds: [id("OPGI"), id("OCI")],
    });
    expect(first).toMatchObject({
      ok: true,
      description: "Oficina de Control Interno de Gestión; Oficina de Planeación de Gestión Institucional",
    });
    const again = await mapAlias(db(), at(), audit, {
      written: "Lideres de proceso SGC – MIPG.",
      kind: "equipo",
      dependenciaIds: [id("OPGI")],
      team: "Equipo MIPG",
    });
    expect(again).toMatchObject({
      ok: true,
      description: "Equipo MIPG (Oficina de Planeación de Gestión Institucional)",
    });
    const aliases = await db().select().from(planAliases);
    expect(aliases.map((a) => [a.normalized, a.kind, a.team])).toEqual([
      ["lideres de proceso sgc mipg", "equipo", "Equipo MIPG"],
    ]);
    expect((await db().select().from(planAliasTargets)).map((t) => t.dependenciaId)).toEqual([id("OPGI")]);
    const resolved = await resolveResponsables(db(), ["Líderes de proceso SGC - MIPG"]);
    expect(resolved.get("Líderes de proceso SGC - MIPG")).toMatchObject({
      kind: "equipo",
      team: "Equipo MIPG",
      via: "alias",
    });
    const logged = await db().select().from(auditLog).where(eq(auditLog.action, "plan_alias.created"));
    expect(logged).toHaveLength(2);
    expect(logged.map((l) => l.details).at(-1)).toMatchObject({
      kind: "equipo",
      replaced: "dependencias",
    });
  });

  it("maps «todas las dependencias» without any dependencia", async () => {
    const todas = await mapAlias(db(), at(), audit, {
      written: "Todas las dependencias",
      kind: "todas",
      dependenciaIds: [id("OPGI")],
    });
    expect(todas).toMatchObject({ ok: true, description: "Todas las dependencias" });
    const resolved = await resolveResponsables(db(), ["Todas las dependencias.", "todas las dependencias"]);
    for (const resolution of resolved.values())
      expect(resolution).toMatchObject({ kind: "todas", dependencias: [] });
  });
});

describe("the page of mappings", () => {
  it("lists them for planeación, who may delete one (audited); control interno may not", async () => {
    const planner = await signIn(
      ctx,
      await makePerson(ctx, { roles: ["planeacion"], dependenciaId: id("OPGI") }),
    );
    const page = await planner.get("/responsables-de-planes");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Todas las dependencias");
    expect(html).toContain("Equipo MIPG (Oficina de Planeación de Gestión Institucional)");

    const controller = await signIn(
      ctx,
      await makePerson(ctx, { roles: ["control_interno"], dependenciaId: id("OCI") }),
    );
    expect((await controller.get("/responsables-de-planes")).status).toBe(403);
    const [alias] = (await listAliases(db())).filter((a) => a.kind === "todas");
    expect((await controller.post(`/responsables-de-planes/${alias?.id}/eliminar`, {})).status).toBe(403);

    const deleted = await planner.post(`/responsables-de-planes/${alias?.id}/eliminar`, {});
    expect(deleted.status).toBe(303);
    expect((await listAliases(db())).some((a) => a.id === alias?.id)).toBe(false);
    const logged = await db().select().from(auditLog).where(eq(auditLog.action, "plan_alias.deleted"));
    expect(logged.map((l) => l.details)).toEqual([
      { written: "Todas las dependencias", kind: "todas", team: null },
    ]);
    expect(
      (await resolveResponsables(db(), ["Todas las dependencias"])).get("Todas las dependencias")?.kind,
    ).toBe("unmatched");
    expect((await planner.post(`/responsables-de-planes/${alias?.id}/eliminar`, {})).status).toBe(404);
    await expect(deleteAlias(db(), ctx.clock.now(), audit, "no-es-un-id")).rejects.toMatchObject({
      status: 404,
    });
  });
});
