// Cross-cutting behaviour of the app: error pages, security headers, limits, health and logs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.tsx";
import { openPostgres } from "../src/db/client.ts";
import { createLogger } from "../src/shared/logger.ts";
import { captureLogs, createTestApp, TestClient, type TestContext } from "./app.ts";
import { makePerson, TEST_PASSWORD } from "./factories.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

describe("error pages", () => {
  it("answers an unknown route with a Spanish 404 page with a support code", async () => {
    const response = await ctx.app.request("/no/existe");
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("No encontramos la página");
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f]{12}$/);
    expect(html).toContain(requestId);
  });

  it("refuses an oversized form body with 413 before reading it all", async () => {
    const client = new TestClient(ctx.app);
    const response = await client.post("/ingresar", { documentNumber: "1", password: "x".repeat(100_000) });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("demasiado grande");
  });

  it("shows a 503 page, not a stack trace, when the database is down during a request", async () => {
    const database = await openPostgres("postgres://sipap:x@127.0.0.1:1/none", { poolSize: 1 });
    const { lines: logs, sink } = captureLogs();
    const app = createApp({ ...ctx.deps, database, logger: createLogger("info", sink) });
    const client = new TestClient(app);
    await client.get("/ingresar");
    const response = await client.post("/ingresar", { documentNumber: "1085123456", password: "una clave" });
    expect(response.status).toBe(503);
    const html = await response.text();
    expect(html).toContain("La base de datos no responde");
    expect(html).not.toMatch(/ECONNREFUSED|at .+\.ts:\d+/);
    const health = await app.request("/healthz");
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: "unavailable" });
    expect(logs.join("")).not.toContain("1085123456");
    await database.close();
  });

  it("shows a Spanish 500 page for an unexpected error and logs it with the request id", async () => {
    const { lines: logs, sink } = captureLogs();
    const broken = {
      ...ctx.database,
      db: new Proxy(ctx.database.db, {
        get: () => () => {
          throw new TypeError("boom");
        },
      }),
    };
    const app = createApp({ ...ctx.deps, database: broken as never, logger: createLogger("info", sink) });
    const client = new TestClient(app);
    const response = await client.post("/ingresar", { documentNumber: "1", password: "x" });
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain("Ocurrió un error en SIPAP");
    expect(html).not.toContain("boom");
    const id = response.headers.get("x-request-id") ?? "";
    expect(logs.some((line) => line.includes("boom") && line.includes(id))).toBe(true);
  });
});

describe("health", () => {
  it("answers 200 ok when the database answers", async () => {
    const response = await ctx.app.request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});

describe("security headers", () => {
  it("sends a strict CSP without inline scripts, no framing, nosniff and a strict referrer policy", async () => {
    const response = await ctx.app.request("/ingresar");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
  });

  it("keeps signed-in pages out of shared caches, and leaves public pages their own rule", async () => {
    const person = await makePerson(ctx, { roles: ["servidor", "planeacion"] });
    const client = new TestClient(ctx.app);
    await client.post("/ingresar", { documentNumber: person.documentNumber, password: TEST_PASSWORD });
    expect((await client.get("/planes")).headers.get("cache-control")).toBe("private, no-store");
    expect((await client.get("/mis-datos")).headers.get("cache-control")).toContain("no-store");
    expect((await ctx.app.request("/transparencia")).headers.get("cache-control")).toContain("public");
  });

  it("marks cookies Secure behind an HTTPS proxy", async () => {
    const response = await ctx.app.request("/ingresar", { headers: { "x-forwarded-proto": "https" } });
    expect(response.headers.getSetCookie().join(";")).toMatch(/Secure/);
    const plain = await ctx.app.request("/ingresar");
    expect(plain.headers.getSetCookie().join(";")).not.toMatch(/Secure/);
  });

  it("serves the stylesheet and self-hosted fonts", async () => {
    const css = await ctx.app.request("/static/sipap.css");
    expect(css.status).toBe(200);
    const fontUrl = (await css.text()).match(/url\("([^"]+work-sans[^"]+)"\)/)?.[1] ?? "";
    const font = await ctx.app.request(fontUrl);
    expect(font.status).toBe(200);
    expect((await font.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    expect((await ctx.app.request("/static/../package.json")).status).toBe(404);
  });
});

describe("logs", () => {
  it("are JSON lines with a request id and never carry document numbers, passwords or credentials", async () => {
    const { lines: logs, sink } = captureLogs();
    const app = createApp({ ...ctx.deps, logger: createLogger("debug", sink) });
    const person = await makePerson(ctx, { password: null });
    const client = new TestClient(app, "10.3.3.3");
    await client.post("/ingresar", { documentNumber: person.documentNumber, password: "equivocada" });
    await client.post("/ingresar", { documentNumber: person.documentNumber, password: person.credential });
    await client.post("/cambiar-clave", { password: TEST_PASSWORD, confirm: TEST_PASSWORD });
    await client.get(`/admin/personas?q=${person.documentNumber}`);
    // Secrets in the path: a one-time sign-in link and a card code.
    await client.get("/activar/k7mqxp9r2hwtk7mqxp9r2hwtk7mqxp9r");
    await client.get("/VERIFICAR/7K3M9Q2XW4HT8PJ5");
    expect(logs.length).toBeGreaterThanOrEqual(6);
    expect(logs.join("")).toContain('"path":"/activar/***"');
    for (const line of logs) {
      const entry = JSON.parse(line);
      expect(entry.requestId).toMatch(/^[0-9a-f]{12}$/);
      expect(line).not.toContain(person.documentNumber);
      expect(line).not.toContain(person.credential);
      expect(line).not.toContain("equivocada");
      expect(line).not.toContain(TEST_PASSWORD);
      expect(line).not.toContain("k7mqxp9r2hwt");
      expect(line).not.toContain("7K3M9Q2XW4HT8PJ5");
    }
  });
});
