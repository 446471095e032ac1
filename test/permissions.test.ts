// Walks every route of the permission table with every role and anonymously, and checks that no route
// exists outside the table, nor any registered for every method (app.all, app.on) around the guard.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isAllowed, ROUTES, type RouteId } from "../src/shared/auth/permissions.ts";
import { ROLES, type Role } from "../src/shared/auth/roles.ts";
import { TestClient as Client, createTestApp, type TestClient, type TestContext } from "./app.ts";
import { makeDependencia, makePerson, signIn } from "./factories.ts";

/**
 * Every app.all / app.on call made while the application is built. Hono defines both per instance, so each
 * Hono the modules create is wrapped to record them; the middleware of app.use (also method ALL in
 * app.routes) is not counted.
 */
const recorded = vi.hoisted(() => ({ apps: 0, anyMethod: [] as string[] }));
vi.mock("hono", async (importOriginal) => {
  const hono = await importOriginal<typeof import("hono")>();
  type Call = (...params: unknown[]) => unknown;
  class RecordingHono extends hono.Hono {
    constructor(options?: ConstructorParameters<typeof hono.Hono>[0]) {
      super(options);
      recorded.apps++;
      const all = this.all as unknown as Call;
      const on = this.on as unknown as Call;
      this.all = ((...params: unknown[]) => {
        recorded.anyMethod.push(`app.all(${typeof params[0] === "string" ? params[0] : "*"})`);
        return all(...params);
      }) as unknown as typeof this.all;
      this.on = ((...params: unknown[]) => {
        recorded.anyMethod.push(`app.on(${String(params[0])}, ${String(params[1])})`);
        return on(...params);
      }) as unknown as typeof this.on;
    }
  }
  return { ...hono, Hono: RecordingHono };
});

let ctx: TestContext;
const clients = new Map<Role, TestClient>();
const people = new Map<Role, Awaited<ReturnType<typeof makePerson>>>();
// The record that routes with an :id act on (its credential gets reset, its roles replaced).
let target: Awaited<ReturnType<typeof makePerson>>;

beforeAll(async () => {
  ctx = await createTestApp();
  const dependencia = await makeDependencia(ctx);
  target = await makePerson(ctx, { dependenciaId: dependencia.id });
  for (const role of ROLES) {
    const person = await makePerson(ctx, { roles: [role], dependenciaId: dependencia.id });
    people.set(role, person);
    clients.set(role, await signIn(ctx, person, `10.9.0.${clients.size + 1}`));
  }
});
afterAll(() => ctx.database.close());

// A real id where the route needs one: a missing record would hide a forbidden answer behind a 404.
function samplePath(id: RouteId): string {
  const { path } = ROUTES[id];
  if (!path.includes(":id")) return path;
  return path.replace(":id", id.startsWith("dependencias.") ? target.dependenciaId : target.id);
}

async function call(client: TestClient, id: RouteId) {
  const rule = ROUTES[id];
  return rule.method === "GET" ? client.get(samplePath(id)) : client.post(samplePath(id), {});
}

const routeIds = Object.keys(ROUTES) as RouteId[];

describe("permission matrix", () => {
  it.each(routeIds)("%s answers each role as the table says", async (id) => {
    const rule = ROUTES[id];
    for (const role of ROLES) {
      // Logging out ends the session: use a throwaway one.
      const client =
        id === "auth.logout"
          ? await signIn(ctx, people.get(role) as never, "10.9.9.9")
          : (clients.get(role) as TestClient);
      const response = await call(client, id);
      const allowed = isAllowed(rule, [role]);
      if (allowed) {
        expect(response.status, `${id} as ${role}`).not.toBe(403);
        // An empty form or a sample id may be refused (4xx), never crash the page.
        expect(response.status, `${id} as ${role}`).toBeLessThan(500);
        // Only logging out may send a signed-in person back to the login page.
        const toLogin = response.headers.get("location")?.startsWith("/ingresar") ?? false;
        expect(toLogin, `${id} as ${role}`).toBe(id === "auth.logout");
      } else {
        expect(response.status, `${id} as ${role}`).toBe(403);
        expect(await response.text()).toContain("No tiene permiso");
      }
    }
  });

  it.each(routeIds)("%s answers anonymous visitors as the table says", async (id) => {
    const response = await call(new Client(ctx.app, "10.9.8.8"), id);
    if (ROUTES[id].access === "public") {
      expect(response.status).not.toBe(403);
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get("location") ?? "").not.toContain("/ingresar?");
    } else {
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toMatch(/^\/ingresar/);
    }
  });

  it("has no route outside the table (static files aside)", () => {
    const tabled = new Set(Object.values(ROUTES).map((r) => `${r.method} ${r.path}`));
    const registered = ctx.app.routes
      .filter((r) => r.method !== "ALL" && !r.path.startsWith("/static/"))
      .map((r) => `${r.method} ${r.path}`);
    expect(registered.filter((r) => !tabled.has(r))).toEqual([]);
    expect([...tabled].filter((r) => !registered.includes(r))).toEqual([]);
  });

  it("has no route registered for every method (app.all, app.on), which would bypass the table", () => {
    // The recorder is in place: every module's router was built through the wrapped class.
    expect(recorded.apps).toBeGreaterThan(10);
    expect(recorded.anyMethod).toEqual([]);
  });

  it("records forbidden attempts in the audit log", async () => {
    const client = clients.get("servidor") as TestClient;
    await client.get("/admin/auditoria");
    const admin = clients.get("administrador") as TestClient;
    const page = await admin.get("/admin/auditoria?accion=access.denied");
    expect(await page.text()).toContain("audit.search");
  });
});
