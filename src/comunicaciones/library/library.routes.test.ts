// The documents library through its routes: Spanish full text on this very driver (accents either way),
// filters, internal documents behind the login, withdrawn ones gone (410) and out of the lists, stable
// addresses (a second «Circular 4 de 2021» is refused), and the cache rules of public pages and files.
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, signIn } from "../../../test/factories.ts";
import { systemAuditContext } from "../../shared/audit.ts";
import { publishDocument } from "./library.service.ts";
import { documents } from "./library.table.ts";

let ctx: TestContext;
let ssi: TestClient;
let servant: TestClient;
const anonymous = () => new TestClient(ctx.app, "198.51.100.7");

const pdf = (tag: string) =>
  Buffer.from(
    `%PDF-1.7\n% ${tag}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
  );
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function publish(fields: Record<string, string>, data = pdf(fields.title ?? "x")) {
  return ssi.postFiles(
    "/admin/documentos",
    {
      issuingOffice: "Subsecretaría de Sistemas de Información",
      section: "",
      visibility: "publico",
      ...fields,
    },
    { file: { name: "documento.pdf", data, type: "application/pdf" } },
  );
}

const storedKeys = async () => {
  const keys: string[] = [];
  for await (const key of ctx.deps.storage.list("comunicaciones/")) keys.push(key);
  return keys;
};

beforeAll(async () => {
  ctx = await createTestApp();
  ssi = await signIn(ctx, await makePerson(ctx, { roles: ["operador_ssi"] }));
  servant = await signIn(ctx, await makePerson(ctx));
  const seeds: Record<string, string>[] = [
    {
      docType: "circular",
      number: "004",
      issuedOn: "2021-04-21",
      title: "Uso de correos electrónicos institucionales",
      subject: "Comunicaciones internas por medio de la Oficina de Comunicación Social",
    },
    {
      docType: "circular",
      number: "2",
      issuedOn: "2026-01-27",
      title: "Información de personal desvinculado",
      subject: "Modifica la Resolucion 12 sobre la carnetizacion",
    },
    {
      docType: "plan",
      number: "001",
      issuedOn: "2022-01-31",
      title: "Plan Anticorrupción",
      subject: "Atención al ciudadano y rendición de cuentas",
    },
    {
      docType: "circular",
      number: "7",
      issuedOn: "2026-02-01",
      title: "Turnos de la mesa de ayuda",
      subject: "Turnos internos",
      visibility: "interno",
    },
  ];
  for (const seed of seeds) expect((await publish(seed)).status).toBe(303);
});
afterAll(() => ctx.database.close());

const listOf = async (client: TestClient, query = "") => {
  const response = await client.get(`/documentos${query}`);
  expect(response.status).toBe(200);
  return response.text();
};

describe("the documents library", () => {
  it("uses PostgreSQL's Spanish full text on this driver (stemming and the GIN expression)", async () => {
    const result = await ctx.database.db.execute(
      sql`select to_tsvector('spanish', 'circulares y resoluciones')::text as vector,
        to_tsvector('spanish', 'planes') @@ websearch_to_tsquery('spanish', 'plan') as plural,
        to_tsvector('spanish', 'resolucion') @@ websearch_to_tsquery('spanish', 'resolución') as accents`,
    );
    const row = (result as unknown as { rows: { vector: string; plural: boolean; accents: boolean }[] })
      .rows[0];
    // Spanish stems, stop words dropped; the stemmer keeps accents, which is why search_text is accent-free.
    expect(row?.vector).toBe("'circular':1 'resolu':3");
    expect(row?.plural).toBe(true);
    expect(row?.accents).toBe(false);
  });

  it("finds «Resolucion» when searching «resolución», and «Atención» when searching «atencion»", async () => {
    const accented = await listOf(anonymous(), `?q=${encodeURIComponent("resolución")}`);
    expect(accented).toContain("/documentos/circular-002-2026");
    expect(accented).not.toContain("/documentos/plan-001-2022");
    const plain = await listOf(anonymous(), "?q=atencion");
    expect(plain).toContain("/documentos/plan-001-2022");
    expect(plain).not.toContain("/documentos/circular-004-2021");
    // Stemmed: «comunicación» finds «Comunicaciones».
    expect(await listOf(anonymous(), `?q=${encodeURIComponent("comunicación")}`)).toContain(
      "circular-004-2021",
    );
  });

  it("filters by type and year and groups by type, then newest year first", async () => {
    const plans = await listOf(anonymous(), "?tipo=plan");
    expect(plans).toContain("plan-001-2022");
    expect(plans).not.toContain("circular-004-2021");
    const of2021 = await listOf(anonymous(), "?anio=2021");
    expect(of2021).toContain("circular-004-2021");
    expect(of2021).not.toContain("circular-002-2026");
    const all = await listOf(anonymous());
    const at = (text: string) => all.indexOf(text);
    expect(at("circular-002-2026")).toBeLessThan(at("circular-004-2021"));
    expect(at("circular-004-2021")).toBeLessThan(at("plan-001-2022"));
    expect(at(">Circulares<")).toBeLessThan(at(">Planes<"));
  });

  it("sends an anonymous visitor of an internal document to the login, and shows it to a servant", async () => {
    const visitor = anonymous();
    for (const path of ["/documentos/circular-007-2026", "/documentos/circular-007-2026/archivo"]) {
      const response = await visitor.get(path);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`/ingresar?siguiente=${encodeURIComponent(path)}`);
    }
    expect(await listOf(visitor)).not.toContain("circular-007-2026");
    expect(await listOf(servant)).toContain("circular-007-2026");
    const page = await servant.get("/documentos/circular-007-2026");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    const file = await servant.get("/documentos/circular-007-2026/archivo");
    expect(file.status).toBe(200);
    expect(file.headers.get("cache-control")).toBe("private, no-store");
  });

  it("lets shared caches keep public pages and files, without cookies, and opens PDFs in the browser", async () => {
    const page = await anonymous().get("/documentos/circular-004-2021");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("public, max-age=300");
    expect(page.headers.get("set-cookie")).toBeNull();
    const html = await page.text();
    expect(html).toContain("Subsecretaría de Sistemas de Información");
    expect(html).toContain("21 de abril de 2021");
    const file = await anonymous().get("/documentos/circular-004-2021/archivo");
    expect(file.status).toBe(200);
    expect(file.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toMatch(/^inline;/);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(sha256(bytes)).toBe(sha256(pdf("Uso de correos electrónicos institucionales")));
  });

  it("refuses a second document with the same type, year and number (409), storing nothing", async () => {
    const before = await storedKeys();
    const response = await publish({
      docType: "circular",
      number: "4",
      issuedOn: "2021-06-01",
      title: "Otra circular",
      subject: "Con el mismo número",
    });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("ya está en la biblioteca");
    expect(await storedKeys()).toEqual(before);
    const rows = await ctx.database.db
      .select()
      .from(documents)
      .where(eq(documents.slug, "circular-004-2021"));
    expect(rows).toHaveLength(1);
  });

  it("answers 410 with the reason for a withdrawn document and leaves it out of the lists", async () => {
    const [row] = await ctx.database.db.select().from(documents).where(eq(documents.slug, "plan-001-2022"));
    const response = await ssi.post(`/admin/documentos/${row?.id}/retirar`, {
      reason: "Reemplazado por la versión ajustada",
    });
    expect(response.status).toBe(303);
    const gone = await anonymous().get("/documentos/plan-001-2022");
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain("Reemplazado por la versión ajustada");
    expect((await anonymous().get("/documentos/plan-001-2022/archivo")).status).toBe(410);
    expect(await listOf(servant)).not.toContain("plan-001-2022");
    // Withdrawing twice is refused.
    expect(
      (await ssi.post(`/admin/documentos/${row?.id}/retirar`, { reason: "Otra vez, por error" })).status,
    ).toBe(409);
  });

  it("refuses a program renamed as a PDF and keeps nothing", async () => {
    const before = await storedKeys();
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(300)]);
    const response = await publish(
      { docType: "resolucion", number: "15", issuedOn: "2026-03-01", title: "Falsa", subject: "Un programa" },
      exe,
    );
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("es un programa");
    expect(await storedKeys()).toEqual(before);
    expect(await ctx.database.db.select().from(documents).where(eq(documents.docType, "resolucion"))).toEqual(
      [],
    );
  });

  it("shows 20 documents a page, with a link to the next", async () => {
    for (let n = 1; n <= 21; n++)
      await publishDocument(ctx.database.db, ctx.clock.now(), systemAuditContext, {
        docType: "otro",
        number: String(n),
        issuedOn: "2025-05-05",
        issuingOffice: "Secretaría General",
        title: `Acta ${n}`,
        subject: "Acta de reunión",
        section: null,
        issuingDependenciaId: null,
        visibility: "publico",
        file: {
          fileName: "acta.pdf",
          contentType: "application/pdf",
          size: 1,
          sha256: "0",
          storageKey: `k${n}`,
        },
      });
    const first = await listOf(anonymous(), "?tipo=otro");
    expect(first.match(/href="\/documentos\/otro-/g)).toHaveLength(20);
    expect(first).toContain("pagina=2");
    const second = await listOf(anonymous(), "?tipo=otro&pagina=2");
    expect(second.match(/href="\/documentos\/otro-/g)).toHaveLength(1);
  });
});
