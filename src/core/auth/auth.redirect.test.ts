// After login SIPAP returns to the page that asked for it, and never to another site.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, TEST_PASSWORD, type TestPerson } from "../../../test/factories.ts";
import { safeNextPath } from "./auth.schemas.ts";

let ctx: TestContext;
let admin: TestPerson;
beforeAll(async () => {
  ctx = await createTestApp();
  admin = await makePerson(ctx, { roles: ["administrador"] });
});
afterAll(() => ctx.database.close());

let ipCounter = 0;
const newClient = () => new TestClient(ctx.app, `198.51.100.${++ipCounter}`);
const ORIGIN = "https://sipap.example";

/** Where a browser on our site would go with this Location header. */
function expectOnOurSite(location: string | null) {
  expect(location).toMatch(/^\/(?![/\\])/);
  expect(location).not.toMatch(/[\r\n\t\\]/);
  expect(new URL(location ?? "", `${ORIGIN}/ingresar`).origin).toBe(ORIGIN);
}

// Values of ?siguiente= exactly as they would appear in a crafted link's query string.
const HOSTILE = [
  ["a tab, which browsers drop", "/%09/evil.example"],
  ["a new line, which browsers drop", "/%0A/evil.example"],
  ["a backslash, read as a slash", "/%5Cevil.example"],
  ["two backslashes", "%5C%5Cevil.example"],
  ["a protocol-relative URL", "%2F%2Fevil.example"],
  ["encoded slashes", "/%2F%2Fevil.example"],
  ["doubly encoded slashes", "%2F%252F%252Fevil.example"],
  ["a dot segment before two slashes", "/.%2F%2Fevil.example"],
  ["an absolute URL", "https%3A%2F%2Fevil.example%2F"],
  ["a URL with credentials", "https%3A%2F%2Fsipap.example%40evil.example%2F"],
  ["a javascript: URL", "javascript%3Aalert(1)"],
  ["CR/LF (header injection)", "/%0D%0ASet-Cookie%3A%20x%3D1"],
  ["encoded CR/LF", "/%250D%250ALocation%3A%20https%3A%2F%2Fevil.example"],
  ["a broken percent escape", "/%E0%A4%A"],
  ["a NUL byte", "/%00evil"],
] as const;

describe("the page to return to after login", () => {
  it.each(HOSTILE)("stays on our site when siguiente holds %s", async (_name, raw) => {
    const client = newClient();
    const form = await client.get(`/ingresar?siguiente=${raw}`);
    expect(form.status).toBe(200);
    const action = /<form method="post" action="([^"]*)"/.exec(await form.text())?.[1] ?? "";
    const carried = new URL(action.replaceAll("&amp;", "&"), ORIGIN).searchParams.get("siguiente");
    if (carried) expectOnOurSite(carried);

    const response = await client.post(`/ingresar?siguiente=${raw}`, {
      documentNumber: admin.documentNumber,
      password: TEST_PASSWORD,
    });
    expect(response.status).toBe(303);
    expectOnOurSite(response.headers.get("location"));
    expect(response.headers.getSetCookie().some((c) => c.startsWith("sipap_session="))).toBe(true);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("x="))).toBe(false);
  });

  it("returns to the page the guard sent the person away from, query included", async () => {
    const client = newClient();
    const away = await client.get("/admin/auditoria");
    expect(away.status).toBe(303);
    const login = away.headers.get("location") ?? "";
    expect(login).toBe("/ingresar?siguiente=%2Fadmin%2Fauditoria");
    expect(await (await client.get(login)).text()).toContain(
      'action="/ingresar?siguiente=%2Fadmin%2Fauditoria"',
    );
    const back = await client.post(login, { documentNumber: admin.documentNumber, password: TEST_PASSWORD });
    expect(back.headers.get("location")).toBe("/admin/auditoria");

    const withQuery = await newClient().post("/ingresar?siguiente=%2Fadmin%2Fauditoria%3Fpagina%3D2", {
      documentNumber: admin.documentNumber,
      password: TEST_PASSWORD,
    });
    expect(withQuery.headers.get("location")).toBe("/admin/auditoria?pagina=2");
  });

  it.each([
    ["/admin/personas", "/admin/personas"],
    ["/admin/personas?q=rosero#arriba", "/admin/personas?q=rosero"],
    ["/mi-carnet/ñ", "/mi-carnet/%C3%B1"],
    ["/a\r\nSet-Cookie: x=1", "/aSet-Cookie:%20x=1"],
    ["/\t/evil.example", "/"],
    ["/\\evil.example", "/"],
    ["//evil.example", "/"],
    ["/.//evil.example", "/"],
    ["/..//evil.example", "/"],
    ["https://evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["", "/"],
    [undefined, "/"],
  ])("safeNextPath(%j) is %j", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });
});
