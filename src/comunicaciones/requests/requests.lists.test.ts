// A «lista» audience through the routes: pasted text (from Excel, «Nombre <correo>», «;» rows), an uploaded
// CSV and an XLSX written by LibreOffice. External (gmail, hotmail), look-alike, malformed and repeated
// addresses are stored with their problem and shown to the requester at filing, on the request's page and to
// OCS in the preview; a list over COMM_MAX_LIST_ENTRIES or with nobody deliverable is refused (nothing stored).
// resolveAudience matches lines to people by address.
import { asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestClient, type TestContext } from "../../../test/app.ts";
import { makeDependencia, makePerson, signIn, type TestPerson } from "../../../test/factories.ts";
import { convertWithLibreOffice, LIBREOFFICE_TIMEOUT_MS } from "../../../test/plan-sheets.ts";
import { people } from "../../core/people/people.table.ts";
import { resolveAudience } from "./requests.audience.ts";
import { commListEntries, commRequests } from "./requests.table.ts";

let ctx: TestContext;
let liaison: TestClient;
let ocs: TestClient;
let known: TestPerson;
let knownEmail: string;
const stamp = Date.now();

const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createTestApp({ env: { COMM_MAX_LIST_ENTRIES: "8" } });
  const salud = (await makeDependencia(ctx, "Secretaría de Salud")).id;
  knownEmail = `ana.${stamp}@pasto.gov.co`;
  known = await makePerson(ctx, { dependenciaId: salud, email: knownEmail });
  await db().update(people).set({ position: "Enfermera jefe" }).where(eq(people.id, known.id));
  liaison = await signIn(ctx, await makePerson(ctx, { roles: ["enlace"], dependenciaId: salud }));
  ocs = await signIn(ctx, await makePerson(ctx, { roles: ["comunicaciones"] }));
});
afterAll(() => ctx.database.close());

const form = (overrides: Record<string, string> = {}) => ({
  purpose: "Invitar a la jornada de salud mental",
  classification: "general",
  audienceKind: "lista",
  includeChildren: "si",
  vinculacion: "",
  personDocument: "",
  desiredDate: "2026-02-10",
  desiredTime: "09:00",
  subject: "Jornada de salud mental",
  body: "Hola {{nombre}} ({{cargo}}, {{dependencia}}): lo esperamos en la jornada.",
  listText: "",
  ...overrides,
});

const idFrom = (response: Response) => {
  expect(response.status).toBe(303);
  const location = response.headers.get("location") ?? "";
  expect(location).toMatch(/\/vista-previa$/);
  return location.split("/").at(-2) ?? "";
};
const entriesOf = (id: string) =>
  db()
    .select()
    .from(commListEntries)
    .where(eq(commListEntries.requestId, id))
    .orderBy(asc(commListEntries.position));
const requestCount = async () => (await db().select({ n: count() }).from(commRequests))[0]?.n ?? 0;

describe("a pasted list", () => {
  it("drops gmail, hotmail, look-alike, malformed and repeated addresses and shows them everywhere", async () => {
    const pasted = [
      "Correo\tNombre\tDependencia",
      `${knownEmail}\tNombre en la lista\tOtra`,
      "Externa <pedro.perez@gmail.com>",
      "maria@hotmail.com",
      "jefe@pasto.gov.co.evil.com",
      "esto no es un correo",
      knownEmail.toUpperCase(),
      `nuevo.${stamp}@pasto.gov.co;Nuevo Servidor;Cultura`,
    ].join("\n");
    const id = idFrom(await liaison.post("/comunicaciones/solicitudes", form({ listText: pasted })));
    expect((await entriesOf(id)).map((e) => e.problem)).toEqual([
      null,
      "dominio_externo",
      "dominio_externo",
      "dominio_externo",
      "correo_invalido",
      "duplicado",
      null,
    ]);

    for (const [client, path] of [
      [liaison, `/comunicaciones/solicitudes/${id}/vista-previa`],
      [ocs, `/comunicaciones/solicitudes/${id}/vista-previa`],
      [liaison, `/comunicaciones/solicitudes/${id}`],
    ] as const) {
      const html = await (await client.get(path)).text();
      for (const dropped of ["pedro.perez@gmail.com", "maria@hotmail.com", "jefe@pasto.gov.co.evil.com"])
        expect(html).toContain(dropped);
      expect(html).toContain("2 personas");
    }
    expect(await (await ocs.get(`/comunicaciones/solicitudes/${id}`)).text()).toContain(
      "Una lista de correos",
    );
    // The sample is the first recipient's: the person's own name, position and dependencia, not the list's.
    const preview = await (await liaison.get(`/comunicaciones/solicitudes/${id}/vista-previa`)).text();
    expect(preview).toContain("Hola Prueba (Enfermera jefe, Secretaría de Salud)");
    expect(preview).toContain("Correo que no es institucional: 3");
  });

  it("resolves a list to recipients matched to people by address, else with the list's columns", async () => {
    const id = idFrom(
      await liaison.post(
        "/comunicaciones/solicitudes",
        form({ listText: `${knownEmail}\nOtro Nombre <nuevo2.${stamp}@pasto.gov.co>\nx@gmail.com` }),
      ),
    );
    const [request] = await db().select().from(commRequests).where(eq(commRequests.id, id));
    if (!request) throw new Error("no request");
    const { recipients, dropped } = await resolveAudience(db(), request, ["pasto.gov.co"]);
    expect(recipients).toEqual([
      {
        personId: known.id,
        email: knownEmail,
        name: `Prueba ${known.lastNames}`,
        firstNames: "Prueba",
        dependenciaName: "Secretaría de Salud",
        cargo: "Enfermera jefe",
      },
      {
        personId: null,
        email: `nuevo2.${stamp}@pasto.gov.co`,
        name: "Otro Nombre",
        firstNames: "Otro Nombre",
        dependenciaName: "",
        cargo: null,
      },
    ]);
    expect(dropped).toEqual([{ email: "x@gmail.com", personId: null, name: "", reason: "dominio_externo" }]);
  });

  it("refuses a list with nobody deliverable, or longer than COMM_MAX_LIST_ENTRIES, storing nothing", async () => {
    const before = await requestCount();
    const nobody = await liaison.post(
      "/comunicaciones/solicitudes",
      form({ listText: "a@gmail.com\nb@hotmail.com\nc@pasto.gov.co.evil.com" }),
    );
    expect(nobody.status).toBe(422);
    expect(await nobody.text()).toContain("Nadie recibiría este mensaje");
    const lines = Array.from({ length: 9 }, (_, i) => `p${i}.${stamp}@pasto.gov.co`).join("\n");
    const long = await liaison.post("/comunicaciones/solicitudes", form({ listText: lines }));
    expect(long.status).toBe(422);
    expect(await long.text()).toContain("más de 8 direcciones");
    expect(await requestCount()).toBe(before);
  });

  it("refuses a sensitive notice to a list", async () => {
    const response = await liaison.post(
      "/comunicaciones/solicitudes",
      form({ classification: "sensible", listText: knownEmail }),
    );
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("va a una sola persona");
  });
});

describe("an uploaded list", () => {
  const csv = () =>
    [
      "nombre,correo,dependencia",
      `Ana de la lista,${knownEmail},Salud`,
      `Luis Rosero,luis.${stamp}@pasto.gov.co,Tránsito`,
      "Carlos,carlos@gmail.com,Hacienda",
    ].join("\n");

  it("reads a CSV by its header, whatever the column order", async () => {
    const id = idFrom(
      await liaison.postFiles("/comunicaciones/solicitudes", form(), {
        listaArchivo: { name: "destinatarios.csv", data: Buffer.from(csv()), type: "text/csv" },
      }),
    );
    expect((await entriesOf(id)).map((e) => [e.email, e.name, e.dependenciaName, e.problem])).toEqual([
      [knownEmail, "Ana de la lista", "Salud", null],
      [`luis.${stamp}@pasto.gov.co`, "Luis Rosero", "Tránsito", null],
      ["carlos@gmail.com", "Carlos", "Hacienda", "dominio_externo"],
    ]);
  });

  it(
    "reads an XLSX written by LibreOffice",
    async () => {
      const xlsx = await convertWithLibreOffice(Buffer.from(csv()), "csv", "xlsx", "CSV:44,34,76,1");
      const id = idFrom(
        await liaison.postFiles("/comunicaciones/solicitudes", form(), {
          listaArchivo: {
            name: "destinatarios.xlsx",
            data: xlsx,
            type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          },
        }),
      );
      expect((await entriesOf(id)).map((e) => [e.email, e.dependenciaName, e.problem])).toEqual([
        [knownEmail, "Salud", null],
        [`luis.${stamp}@pasto.gov.co`, "Tránsito", null],
        ["carlos@gmail.com", "Hacienda", "dominio_externo"],
      ]);
      expect(await (await liaison.get(`/comunicaciones/solicitudes/${id}`)).text()).toContain(
        "carlos@gmail.com",
      );
    },
    LIBREOFFICE_TIMEOUT_MS,
  );
});
