import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makePerson, TEST_PASSWORD } from "../../../test/factories.ts";
import { auditLog } from "../../shared/audit.table.ts";
import { people } from "../people/people.table.ts";
import { purgeExpired } from "./auth.sessions.ts";
import { loginThrottle, sessions } from "./auth.table.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.database.close());

let ipCounter = 0;
const newClient = () => new TestClient(ctx.app, `198.51.100.${++ipCounter}`);
const GENERIC_ERROR = "El número de documento o la contraseña no son correctos";

async function auditActions(personId: string) {
  const rows = await ctx.database.db.select().from(auditLog).where(eq(auditLog.targetId, personId));
  return rows.map((r) => r.action);
}

describe("login", () => {
  it("logs in with document number and password, opens the home page, and logs out", async () => {
    const person = await makePerson(ctx);
    const client = newClient();
    const login = await client.post("/ingresar", {
      documentNumber: person.documentNumber,
      password: TEST_PASSWORD,
    });
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/");
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith("sipap_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const home = await client.get("/");
    expect(await home.text()).toContain(`Hola, ${person.firstNames}`);

    const logout = await client.post("/salir", {});
    expect(logout.status).toBe(303);
    const after = await client.get("/admin/personas");
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toContain("/ingresar");
    expect(await auditActions(person.id)).toEqual(expect.arrayContaining(["login.succeeded", "logout"]));
  });

  it("accepts the document number typed with dots and spaces", async () => {
    const person = await makePerson(ctx);
    const dotted = person.documentNumber.replace(/(\d)(?=(\d{3})+$)/g, "$1.");
    const response = await newClient().post("/ingresar", {
      documentNumber: ` ${dotted} `,
      password: TEST_PASSWORD,
    });
    expect(response.status).toBe(303);
  });

  it("gives the same answer for a wrong password and an unknown document", async () => {
    const person = await makePerson(ctx);
    const wrong = await newClient().post("/ingresar", {
      documentNumber: person.documentNumber,
      password: "otra clave cualquiera",
    });
    const unknown = await newClient().post("/ingresar", {
      documentNumber: "5550001112",
      password: "otra clave cualquiera",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toContain(GENERIC_ERROR);
    expect(b).toContain(GENERIC_ERROR);
    const normalize = (html: string, doc: string) =>
      html.replace(doc, "DOC").replace(/[a-z2-7]{32}|[0-9a-f]{12}/g, "");
    expect(normalize(a, person.documentNumber)).toBe(normalize(b, "5550001112"));
    expect(await auditActions(person.id)).toContain("login.failed");
  });

  it("gives each visitor a login form carrying their own CSRF token", async () => {
    const tokens = [];
    for (const client of [newClient(), newClient()]) {
      const html = await (await client.get("/ingresar")).text();
      const inForm = html.match(/name="_csrf" value="([a-z2-7]{32})"/)?.[1];
      expect(inForm).toBe(client.cookie("sipap_csrf"));
      tokens.push(inForm);
    }
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  it("shows field errors, keeps the document typed, and never echoes the password", async () => {
    const response = await newClient().post("/ingresar", { documentNumber: "123", password: "" });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain("Escriba su contraseña o su credencial inicial.");
    expect(html).toContain('value="123"');
  });

  it("refuses a form without its CSRF token and changes nothing", async () => {
    const person = await makePerson(ctx);
    const client = newClient();
    const response = await client.post(
      "/ingresar",
      { documentNumber: person.documentNumber, password: TEST_PASSWORD },
      { csrf: false },
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("El formulario venció o no se envió desde SIPAP");
    expect(client.cookie("sipap_session")).toBeUndefined();
  });

  it("refuses a post from another origin even with a token", async () => {
    const client = newClient();
    await client.get("/ingresar");
    const response = await ctx.app.request("/ingresar", {
      method: "POST",
      headers: {
        origin: "https://phishing.example",
        "content-type": "application/x-www-form-urlencoded",
        cookie: `sipap_csrf=${client.cookie("sipap_csrf")}`,
      },
      body: new URLSearchParams({
        _csrf: client.cookie("sipap_csrf") ?? "",
        documentNumber: "1",
        password: "x",
      }),
    });
    expect(response.status).toBe(403);
  });

  it("only redirects to local pages after login", async () => {
    const person = await makePerson(ctx, { roles: ["administrador"] });
    const client = newClient();
    const local = await client.post("/ingresar?siguiente=%2Fadmin%2Fauditoria", {
      documentNumber: person.documentNumber,
      password: TEST_PASSWORD,
    });
    expect(local.headers.get("location")).toBe("/admin/auditoria");
    const external = await newClient().post("/ingresar?siguiente=%2F%2Fevil.example", {
      documentNumber: person.documentNumber,
      password: TEST_PASSWORD,
    });
    expect(external.headers.get("location")).toBe("/");
  });

  it("refuses a person who left (desvinculado) even with the right password", async () => {
    const person = await makePerson(ctx);
    await ctx.database.db.update(people).set({ status: "desvinculado" }).where(eq(people.id, person.id));
    const response = await newClient().post("/ingresar", {
      documentNumber: person.documentNumber,
      password: TEST_PASSWORD,
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("desactivada");
  });
});

describe("first login with a personal initial credential", () => {
  it("forces a new password before anything else, then the credential stops working", async () => {
    const person = await makePerson(ctx, { roles: ["servidor", "administrador"], password: null });
    const client = newClient();
    const login = await client.post("/ingresar", {
      documentNumber: person.documentNumber,
      password: person.credential.toLowerCase().replaceAll("-", " "),
    });
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/cambiar-clave");

    for (const path of ["/", "/admin/personas", "/admin/auditoria"]) {
      const blocked = await client.get(path);
      expect(blocked.status).toBe(303);
      expect(blocked.headers.get("location")).toBe("/cambiar-clave");
    }
    const form = await client.get("/cambiar-clave");
    expect(await form.text()).toContain("Cree su contraseña");

    const weak = await client.post("/cambiar-clave", { password: "12345678", confirm: "12345678" });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain("muy común");
    const withDocument = await client.post("/cambiar-clave", {
      password: `clave${person.documentNumber}`,
      confirm: `clave${person.documentNumber}`,
    });
    expect(await withDocument.text()).toContain("número de documento");
    const mismatch = await client.post("/cambiar-clave", {
      password: "nubes sobre el galeras",
      confirm: "otra cosa distinta",
    });
    expect(await mismatch.text()).toContain("no coinciden");

    const ok = await client.post("/cambiar-clave", {
      password: "nubes sobre el galeras",
      confirm: "nubes sobre el galeras",
    });
    expect(ok.status).toBe(303);

    // Then the data-processing notice, before anything else.
    const toNotice = await client.get("/admin/personas");
    expect(toNotice.headers.get("location")).toBe("/aviso-de-privacidad");
    const unticked = await client.post("/aviso-de-privacidad", {});
    expect(unticked.status).toBe(422);
    expect(await unticked.text()).toContain("Marque la casilla");
    expect((await client.post("/aviso-de-privacidad", { read: "si" })).status).toBe(303);
    expect((await client.get("/admin/personas")).status).toBe(200);

    const reused = await newClient().post("/ingresar", {
      documentNumber: person.documentNumber,
      password: person.credential,
    });
    expect(reused.status).toBe(403);
    expect(await reused.text()).toContain("ya se usó");
    const withNew = await newClient().post("/ingresar", {
      documentNumber: person.documentNumber,
      password: "nubes sobre el galeras",
    });
    expect(withNew.status).toBe(303);
    expect(await auditActions(person.id)).toEqual(
      expect.arrayContaining([
        "credential.issued",
        "login.succeeded",
        "password.changed",
        "privacy.accepted",
        "login.credential_reused",
      ]),
    );
  });

  it("refuses a credential used once even if the person never changed the password", async () => {
    const person = await makePerson(ctx, { password: null });
    expect(
      (
        await newClient().post("/ingresar", {
          documentNumber: person.documentNumber,
          password: person.credential,
        })
      ).status,
    ).toBe(303);
    const again = await newClient().post("/ingresar", {
      documentNumber: person.documentNumber,
      password: person.credential,
    });
    expect(again.status).toBe(403);
  });

  it("refuses an expired credential with a message that says to ask SSI", async () => {
    const person = await makePerson(ctx, { password: null });
    ctx.clock.advance(ctx.deps.config.initialCredentialMs + 1000);
    const response = await newClient().post("/ingresar", {
      documentNumber: person.documentNumber,
      password: person.credential,
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("venció");
  });
});

describe("sessions", () => {
  it("ends a session after the idle time and after the absolute time", async () => {
    const person = await makePerson(ctx);
    const client = newClient();
    await client.post("/ingresar", { documentNumber: person.documentNumber, password: TEST_PASSWORD });
    ctx.clock.advance(ctx.deps.config.sessionIdleMs - 60_000);
    expect((await client.get("/cambiar-clave")).status).toBe(200);
    ctx.clock.advance(ctx.deps.config.sessionIdleMs + 1000);
    expect((await client.get("/cambiar-clave")).status).toBe(303);

    const busy = newClient();
    await busy.post("/ingresar", { documentNumber: person.documentNumber, password: TEST_PASSWORD });
    const step = ctx.deps.config.sessionIdleMs / 2;
    for (let elapsed = 0; elapsed < ctx.deps.config.sessionAbsoluteMs - step; elapsed += step) {
      ctx.clock.advance(step);
      expect((await busy.get("/cambiar-clave")).status).toBe(200);
    }
    ctx.clock.advance(step + 1000);
    expect((await busy.get("/cambiar-clave")).status).toBe(303);
  });

  it("stores only a hash of the session token", async () => {
    const person = await makePerson(ctx);
    const client = newClient();
    await client.post("/ingresar", { documentNumber: person.documentNumber, password: TEST_PASSWORD });
    const token = client.cookie("sipap_session") ?? "";
    const rows = await ctx.database.db.select().from(sessions).where(eq(sessions.personId, person.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).not.toBe(token);
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changing the password asks for the current one and closes the person's other sessions", async () => {
    const person = await makePerson(ctx);
    const phone = newClient();
    const laptop = newClient();
    for (const c of [phone, laptop])
      await c.post("/ingresar", { documentNumber: person.documentNumber, password: TEST_PASSWORD });
    const wrong = await laptop.post("/cambiar-clave", {
      current: "no es",
      password: "montaña de azúcar",
      confirm: "montaña de azúcar",
    });
    expect(await wrong.text()).toContain("La contraseña actual no es correcta.");
    const ok = await laptop.post("/cambiar-clave", {
      current: TEST_PASSWORD,
      password: "montaña de azúcar",
      confirm: "montaña de azúcar",
    });
    expect(ok.status).toBe(303);
    expect((await laptop.get("/cambiar-clave")).status).toBe(200);
    expect((await phone.get("/cambiar-clave")).status).toBe(303);
  });
});

describe("housekeeping", () => {
  it("removes expired sessions and forgotten failure counters, and keeps live ones", async () => {
    const person = await makePerson(ctx);
    const live = newClient();
    await live.post("/ingresar", { documentNumber: person.documentNumber, password: TEST_PASSWORD });
    const stale = newClient();
    await stale.post("/ingresar", { documentNumber: person.documentNumber, password: TEST_PASSWORD });
    await newClient().post("/ingresar", { documentNumber: "6660001111", password: "mala" });
    ctx.clock.advance(ctx.deps.config.sessionIdleMs - 60_000);
    await live.get("/cambiar-clave");
    ctx.clock.advance(2 * 60_000);
    await purgeExpired(ctx.database.db, ctx.clock.now(), ctx.deps.config);
    const left = await ctx.database.db.select().from(sessions).where(eq(sessions.personId, person.id));
    expect(left).toHaveLength(1);
    expect((await live.get("/cambiar-clave")).status).toBe(200);

    const throttleRows = async () => (await ctx.database.db.select().from(loginThrottle)).length;
    const before = await throttleRows();
    expect(before).toBeGreaterThan(0);
    ctx.clock.advance(25 * 3_600_000);
    await purgeExpired(ctx.database.db, ctx.clock.now(), ctx.deps.config);
    expect(await throttleRows()).toBe(0);
  });
});

describe("throttling", () => {
  it("slows down and then locks an account, with the time to retry, even for the right password", async () => {
    const person = await makePerson(ctx);
    const client = newClient();
    for (let i = 0; i < 3; i++)
      await client.post("/ingresar", { documentNumber: person.documentNumber, password: `mala ${i}` });
    const locked = await newClient().post("/ingresar", {
      documentNumber: person.documentNumber,
      password: TEST_PASSWORD,
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await locked.text()).toMatch(/espere hasta las .+ \(hora de Colombia\)/);
    ctx.clock.advance(31_000);
    expect(
      (
        await newClient().post("/ingresar", {
          documentNumber: person.documentNumber,
          password: TEST_PASSWORD,
        })
      ).status,
    ).toBe(303);
  });

  it("locks unknown document numbers the same way, so a lock reveals nothing", async () => {
    const client = newClient();
    for (let i = 0; i < 3; i++)
      await client.post("/ingresar", { documentNumber: "4440009999", password: `mala ${i}` });
    expect(
      (await newClient().post("/ingresar", { documentNumber: "4440009999", password: "x" })).status,
    ).toBe(429);
  });

  it("locks an address that tries many accounts", async () => {
    const ip = "192.0.2.77";
    const attacker = new TestClient(ctx.app, ip);
    for (let i = 0; i < 20; i++)
      await attacker.post("/ingresar", {
        documentNumber: `30000000${String(i).padStart(2, "0")}`,
        password: "123456",
      });
    const person = await makePerson(ctx);
    const fromSameAddress = await new TestClient(ctx.app, ip).post("/ingresar", {
      documentNumber: person.documentNumber,
      password: TEST_PASSWORD,
    });
    expect(fromSameAddress.status).toBe(429);
    const fromElsewhere = await newClient().post("/ingresar", {
      documentNumber: person.documentNumber,
      password: TEST_PASSWORD,
    });
    expect(fromElsewhere.status).toBe(303);
  });
});
