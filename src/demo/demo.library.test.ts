// The demo library step: the four source documents published for everyone as PDFs that pass the upload
// checks, the two GTI-F-020 requests (one waiting, one published with internal distribution), and a second
// load that writes nothing.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../test/app.ts";
import { makeDependencia } from "../../test/factories.ts";
import { documents } from "../comunicaciones/library/library.table.ts";
import { pubRequests } from "../comunicaciones/publications/publications.table.ts";
import { commRequests } from "../comunicaciones/requests/requests.table.ts";
import { enrollPerson } from "../core/auth/auth.credentials.ts";
import { getBuffer } from "../core/storage/storage.types.ts";
import { systemAuditContext } from "../shared/audit.ts";
import { checkUploadedFile } from "../shared/files/checks.ts";
import { DEMO_ACCOUNTS } from "./demo.data.ts";
import { type DemoLibraryLoaded, loadDemoLibrary } from "./demo.library.ts";

let ctx: TestContext;
let first: DemoLibraryLoaded;

beforeAll(async () => {
  ctx = await createTestApp();
  for (const role of ["enlace", "operador_ssi"] as const) {
    const account = DEMO_ACCOUNTS.find((a) => a.role === role);
    if (!account) throw new Error(`no demo ${role}`);
    const dependencia = await makeDependencia(ctx, account.dependencia);
    await enrollPerson(
      ctx.database.db,
      ctx.clock.now(),
      systemAuditContext,
      ctx.deps.config,
      { ...account, documentType: "CC", email: null, dependenciaId: dependencia.id },
      ["servidor", role],
    );
  }
  first = await loadDemoLibrary(ctx.database, ctx.deps.storage, ctx.deps.config, ctx.clock.now());
});
afterAll(() => ctx.database.close());

describe("the demo library", () => {
  it("publishes the four source documents for everyone, as PDFs that pass the upload checks", async () => {
    expect(first).toEqual({ documents: 4, publicationRequests: 2 });
    const rows = await ctx.database.db.select().from(documents).where(eq(documents.visibility, "publico"));
    expect(rows.map((r) => r.slug).sort()).toEqual([
      "circular-002-2026",
      "circular-004-2021",
      "plan-paac-2022",
      "plan-ppi-2026",
    ]);
    for (const row of rows) {
      const bytes = await getBuffer(ctx.deps.storage, row.storageKey);
      const check = await checkUploadedFile(row.fileName, bytes ?? Buffer.alloc(0), 20 * 1024 * 1024, {
        allowed: ["pdf"],
      });
      expect(check.ok, row.slug).toBe(true);
    }
    const list = await (await new TestClient(ctx.app).get("/documentos")).text();
    for (const row of rows) expect(list).toContain(`/documentos/${row.slug}`);
  });

  it("leaves one request waiting for SSI and one published on the intranet with its distribution for OCS", async () => {
    const requests = await ctx.database.db.select().from(pubRequests);
    expect(requests.map((r) => r.state).sort()).toEqual(["nuevo", "publicado"]);
    const [internal] = await ctx.database.db
      .select()
      .from(documents)
      .where(eq(documents.visibility, "interno"));
    expect(internal?.slug).toBe("circular-005-2026");
    const distributions = await ctx.database.db
      .select()
      .from(commRequests)
      .where(eq(commRequests.origin, "distribucion"));
    expect(distributions.map((r) => r.state)).toEqual(["nuevo"]);
  });

  it("writes nothing the second time", async () => {
    const again = await loadDemoLibrary(ctx.database, ctx.deps.storage, ctx.deps.config, ctx.clock.now());
    expect(again).toEqual({ documents: 0, publicationRequests: 0 });
    expect(await ctx.database.db.select().from(documents)).toHaveLength(5);
    expect(await ctx.database.db.select().from(pubRequests)).toHaveLength(2);
  });
});
