// The open data of a published plan, read back as a consumer would: the CSV parsed by RFC 4180 (one row per
// activity and period, BOM, quoting, formulas neutralised) and the JSON against the documented fields.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestContext } from "../../../test/app.ts";
import { makeDependencia } from "../../../test/factories.ts";
import { plans, planVersions } from "../plans/plans.table.ts";
import type { PlanSnapshot, SnapshotItem } from "../plans/plans.types.ts";
import { examplePlanSnapshots } from "./publication.example.ts";
import { csvCell, planCsv, planJson } from "./publication.exports.ts";
import { CSV_HEADER, JSON_FIELDS } from "./publication.opendata.rules.ts";
import { openDataExample, publicLinks } from "./publication.service.ts";

let ctx: TestContext;
const visitor = () => new TestClient(ctx.app);
let slug: string;
let draftSlug: string;

const TRICKY = 'Socializar, con "comillas" y\nuna línea nueva';

/** Version 2 of the example with two cells a spreadsheet would misread: a comma/quote/newline and a formula. */
function withTrickyCells(snapshot: PlanSnapshot): PlanSnapshot {
  const edit = (item: SnapshotItem): SnapshotItem => ({
    ...item,
    text: item.key === "c1/s1/1.1" ? TRICKY : item.text,
    product: item.key === "c1/s1/1.1" ? "=cmd|' /C calc'!A0" : item.product,
    children: item.children.map(edit),
  });
  return { ...snapshot, items: snapshot.items.map(edit) };
}

async function insertPlan(status: "publicado" | "borrador", published: boolean) {
  const owner = await makeDependencia(ctx);
  const planSlug = `paac-2022-${randomUUID().slice(0, 8)}`;
  const [plan] = await ctx.database.db
    .insert(plans)
    .values({
      typeKey: "paac",
      year: 2022,
      ownerDependenciaId: owner.id,
      title: "PAAC",
      slug: planSlug,
      status,
      version: 2,
    })
    .returning();
  if (!plan) throw new Error("plan not inserted");
  const [first, second] = examplePlanSnapshots({ planId: plan.id, slug: planSlug });
  for (const snapshot of [first, withTrickyCells(second)])
    await ctx.database.db.insert(planVersions).values({
      planId: plan.id,
      number: snapshot.version,
      reason: snapshot.reason,
      createdAt: new Date(snapshot.publishedAt),
      publishedAt: published ? new Date(snapshot.publishedAt) : null,
      snapshot: published ? snapshot : null,
    });
  return planSlug;
}

beforeAll(async () => {
  ctx = await createTestApp({ env: { PUBLIC_BASE_URL: "https://sipap.pasto.gov.co" } });
  slug = await insertPlan("publicado", true);
  draftSlug = await insertPlan("borrador", false);
});
afterAll(() => ctx.database.close());

/** RFC 4180, written independently of the exporter: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

async function csvOf(path: string) {
  const response = await visitor().get(path);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { response, bytes, rows: parseCsv(bytes.toString("utf8").replace(/^\uFEFF/, "")) };
}

describe("the CSV", () => {
  it("has one row per activity and period, UTF-8 with BOM, under the documented header", async () => {
    const { response, bytes, rows } = await csvOf(`/transparencia/planes/${slug}/datos.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${slug}-v2.csv"`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = rows;
    expect(header).toEqual(CSV_HEADER);
    // 1.1, 1.2, 2.2, 5.1 ×3 periods, component 2's note, 6.1, 6.3 ×2 periods.
    expect(records).toHaveLength(10);
    for (const record of records) expect(record).toHaveLength(CSV_HEADER.length);
    const at = (record: string[] | undefined, name: string) => record?.[CSV_HEADER.indexOf(name)];
    const followUp = records.filter((r) => at(r, "nivel_3_codigo") === "5.1");
    expect(followUp.map((r) => [at(r, "inicio"), at(r, "fin"), at(r, "fecha_como_escrita")])).toEqual([
      ["2022-04-01", "", "1/04/2022 - 31/04/2022"],
      ["2022-08-01", "2022-08-31", ""],
      ["2022-12-01", "2022-12-31", ""],
    ]);
    expect(at(followUp[0], "nivel_1_texto")).toBe(
      "Gestión del riesgo de corrupción – Mapa de riesgos de corrupción",
    );
    expect(at(followUp[0], "nivel_2_codigo")).toBe("5");
    expect(at(followUp[0], "responsables")).toBe("Oficina de Control Interno de Gestión – OCI");
    expect(at(followUp[0], "responsables_como_escritos")).toBe("Oficina de Control Interno de Gestión");
    expect(at(followUp[0], "meta_cantidad")).toBe("3");
    expect(at(followUp[0], "version")).toBe("2");
    expect(at(followUp[0], "fecha_publicacion")).toBe("2022-03-15");
    const initiative = records.find(
      (r) => at(r, "nivel_1_codigo") === "6" && at(r, "nivel_3_codigo") === "3",
    );
    expect(at(initiative, "nivel_2_texto")).toBe("");
    expect(at(initiative, "responsables")).toBe(
      "Oficina de Planeación de Gestión Institucional – OPGI; Todas las dependencias",
    );
    expect(at(initiative, "responsables_como_escritos")).toBe("OPGI.; Líderes de proceso");
    const note = records.find((r) => at(r, "nivel_1_codigo") === "2");
    expect(at(note, "nota")).toBe("Ver documento anexo “Estrategia de racionalización de trámites 2022”");
  });

  it("quotes a text with comma, quotes and a line break, and neutralises a formula", async () => {
    const { bytes, rows } = await csvOf(`/transparencia/planes/${slug}/datos.csv`);
    expect(bytes.toString("utf8")).toContain('"Socializar, con ""comillas"" y\nuna línea nueva"');
    const first = rows.find((r) => r[CSV_HEADER.indexOf("nivel_3_codigo")] === "1.1");
    expect(first?.[CSV_HEADER.indexOf("nivel_3_texto")]).toBe(TRICKY);
    expect(first?.[CSV_HEADER.indexOf("producto")]).toBe("'=cmd|' /C calc'!A0");
  });

  it("gives an older published version with ?version, and 404 for any other", async () => {
    const { response, rows } = await csvOf(`/transparencia/planes/${slug}/datos.csv?version=1`);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${slug}-v1.csv"`);
    const records = rows.slice(1);
    expect(new Set(records.map((r) => r[CSV_HEADER.indexOf("version")]))).toEqual(new Set(["1"]));
    expect(records.some((r) => r[CSV_HEADER.indexOf("nivel_3_codigo")] === "2.1")).toBe(true);
    for (const query of ["?version=3", "?version=dos", "?version=0"])
      expect((await visitor().get(`/transparencia/planes/${slug}/datos.csv${query}`)).status).toBe(404);
    expect((await visitor().get(`/transparencia/planes/${draftSlug}/datos.csv`)).status).toBe(404);
    expect((await visitor().get(`/transparencia/planes/${draftSlug}/datos.json?version=1`)).status).toBe(404);
  });
});

describe("formulas for Excel in Spanish, which splits on «;» and may break a record at a quoted line break", () => {
  it.each([
    ['Socializar;=HYPERLINK("http://x","clic")', `"Socializar;'=HYPERLINK(""http://x"",""clic"")"`],
    ["Texto\n=cmd", `"Texto\n'=cmd"`],
    ["Uno\r\n+1", `"Uno\r\n'+1"`],
    ["a; @SUMA(1)", "a; '@SUMA(1)"],
    ['b;"-2', `"b;""'-2"`],
    ["=cmd", "'=cmd"],
    ["Oficina A; Oficina B", "Oficina A; Oficina B"],
    ["1-2 de marzo", "1-2 de marzo"],
  ])("writes %j as %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("leaves no piece of the file that starts a formula once split at every «;» and line break", () => {
    const [, example] = examplePlanSnapshots();
    const edit = (item: SnapshotItem): SnapshotItem => ({
      ...item,
      text: item.key === "c1/s1/1.1" ? "Texto\n=cmd" : item.text,
      product: item.key === "c1/s1/1.1" ? 'Socializar;=HYPERLINK("http://x","clic")' : item.product,
      meta: item.key === "c1/s1/1.1" ? "Uno;\t+1" : item.meta,
      children: item.children.map(edit),
    });
    const text = planCsv({ ...example, items: example.items.map(edit) }).toString("utf8");
    expect(text).toContain("HYPERLINK");
    const pieces = text.split(/[;\r\n]/).map((piece) => piece.replace(/^[ \t"]*/, ""));
    expect(pieces.filter((piece) => /^[=+\-@]/.test(piece))).toEqual([]);
  });
});

type Json = null | string | number | boolean | Json[] | { [key: string]: Json };

/** Every value at a documented path («items[].periods[].start»), descending into children as items. */
function valuesAt(document: Json, path: string): Json[] {
  let values: Json[] = [document];
  for (const part of path.split(".")) {
    const many = part.endsWith("[]");
    const key = many ? part.slice(0, -2) : part;
    values = values.flatMap((value) => {
      if (value === null || typeof value !== "object" || Array.isArray(value) || !(key in value)) return [];
      const found = value[key] as Json;
      return many && Array.isArray(found) ? found : [found];
    });
    if (key === "items")
      values = values.flatMap(function all(item): Json[] {
        const children = (item as { children?: Json[] }).children ?? [];
        return [item, ...children.flatMap(all)];
      });
  }
  return values;
}

/** Every path the document holds, in the documentation's notation (objects documented whole stop there). */
function pathsOf(value: Json, prefix: string, whole: Set<string>): string[] {
  if (whole.has(prefix) || value === null || typeof value !== "object") return [prefix];
  // A list of texts is one documented field («names»); a list of objects is described field by field.
  const scalars = (list: Json[]) =>
    list.length > 0 && list.every((item) => item === null || typeof item !== "object");
  if (Array.isArray(value) && scalars(value)) return [prefix];
  if (Array.isArray(value)) return value.flatMap((item) => pathsOf(item, `${prefix}[]`, whole));
  return Object.entries(value).flatMap(([key, child]) =>
    pathsOf(child, prefix ? `${prefix}.${key}` : key, whole),
  );
}

describe("the JSON", () => {
  it("holds every documented field, and nothing undocumented", async () => {
    const response = await visitor().get(`/transparencia/planes/${slug}/datos.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${slug}-v2.json"`);
    const document = (await response.json()) as Json;
    const documented = new Set(JSON_FIELDS.map((field) => field.name));
    for (const name of documented) expect(valuesAt(document, name).length, name).toBeGreaterThan(0);
    const whole = new Set(["plan.approval", "plan.type.levelNames", "changes[].fields"]);
    const present = new Set(
      pathsOf(document, "", whole).map((path) => path.replace(/(\.children\[\])+/g, "")),
    );
    for (const path of present) expect(documented.has(path), path).toBe(true);
  });

  it("points to its schema and the plan's page and carries the versions and change log", async () => {
    const document = await (await visitor().get(`/transparencia/planes/${slug}/datos.json`)).json();
    expect(document.schema).toBe("https://sipap.pasto.gov.co/transparencia/datos-abiertos");
    expect(document.entity).toBe("Alcaldía de Pasto");
    expect(document.plan).toMatchObject({
      slug,
      url: `https://sipap.pasto.gov.co/transparencia/planes/${slug}/version/2`,
      year: 2022,
      version: 2,
      status: "vigente",
      approval: {
        committee: "Comité Institucional de Gestión y Desempeño",
        act: "Acta 03 de 2022",
        date: "2022-03-14",
      },
    });
    expect(JSON.stringify(document)).not.toContain("planId");
    expect(document.versions.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    expect(document.changes.map((c: { kind: string; code: string }) => `${c.kind} ${c.code}`)).toEqual([
      "modificada 1.2",
      "eliminada 2.1",
      "agregada 3",
    ]);
    const followUp = document.items[0].children[2].children[0];
    expect(followUp.periods[0]).toEqual({
      start: "2022-04-01",
      end: null,
      written: "1/04/2022 - 31/04/2022",
    });
    // JSON is data, not a spreadsheet: the text is exact.
    expect(document.items[0].children[0].children[0].product).toBe("=cmd|' /C calc'!A0");
  });

  it("is cacheable, with a tag for the version that answers 304", async () => {
    const path = `/transparencia/planes/${slug}/datos.json`;
    const first = await visitor().get(path);
    expect(first.headers.get("cache-control")).toBe("public, max-age=300");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).not.toBe("");
    const again = await ctx.app.request(path, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    const older = await visitor().get(`${path}?version=1`);
    expect(older.headers.get("etag")).not.toBe(etag);
  });
});

/** Whether a documented example says this value: the text itself, «[{…}]» for a list of objects, else JSON. */
function says(example: string, value: Json): boolean {
  if (typeof value === "string") return example === value;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => v !== null && typeof v === "object"))
    return example === "[{…}]";
  try {
    return JSON.stringify(JSON.parse(example)) === JSON.stringify(value);
  } catch {
    return false;
  }
}

describe("the examples of the open data page", () => {
  it("are the example plan's own values: one CSV row's, and values the JSON holds at their path", async () => {
    const { fields } = openDataExample(ctx.deps.config);
    const [, example] = examplePlanSnapshots();
    const [header = [], ...records] = parseCsv(
      planCsv(example)
        .toString("utf8")
        .replace(/^\uFEFF/, ""),
    );
    const cell = (record: string[] | undefined, name: string) => record?.[header.indexOf(name)];
    const documented = Object.fromEntries(fields.csv.map((field) => [field.name, field.example]));
    expect(fields.csv.map((field) => field.name)).toEqual(CSV_HEADER);
    // The row the examples describe: its activity and its period, as the CSV has them.
    const identity = ["nivel_3_codigo", "nivel_3_texto", "inicio", "fin", "fecha_como_escrita"];
    const row = records.find((record) => identity.every((name) => cell(record, name) === documented[name]));
    expect(row, "no CSV row has the documented activity and period").toBeDefined();
    for (const field of fields.csv) {
      const own = cell(row, field.name);
      // Where that row leaves a field empty (a note, an evidence), another row's value shows what one is like.
      if (own !== "" || identity.includes(field.name)) expect(field.example, field.name).toBe(own);
      else
        expect(
          records.map((r) => cell(r, field.name)),
          field.name,
        ).toContain(field.example);
    }
    // What the walkthrough found wrong: the two responsables swapped, and an end date the row does not have.
    expect(documented.responsables).toBe("Oficina de Control Interno de Gestión – OCI");
    expect(documented.responsables_como_escritos).toBe("Oficina de Control Interno de Gestión");
    expect([documented.inicio, documented.fin, documented.fecha_como_escrita]).toEqual([
      "2022-04-01",
      "",
      "1/04/2022 - 31/04/2022",
    ]);

    const document = JSON.parse(
      planJson(example, "publicado", publicLinks(ctx.deps.config, example)).toString("utf8"),
    ) as Json;
    expect(fields.json.map((field) => field.name)).toEqual(JSON_FIELDS.map((field) => field.name));
    for (const field of fields.json) {
      const values = valuesAt(document, field.name);
      // «items[]» is the list, documented as «[{…}]»: its values here are the objects it holds.
      const ok = field.name.endsWith("[]")
        ? field.example === "[{…}]" && values.length > 0 && values.every((v) => typeof v === "object")
        : values.some((value) => says(field.example, value));
      expect(ok, `${field.name}: ${field.example}`).toBe(true);
    }
    const json = Object.fromEntries(fields.json.map((field) => [field.name, field.example]));
    expect(json["items[].periods[].end"]).toBe("null");
    expect(json["items[].periods[].written"]).toBe("1/04/2022 - 31/04/2022");
    expect(json["items[].responsables[].written"]).toBe("Oficina de Control Interno de Gestión");

    // The page prints them, an empty one said so.
    const html = await (await visitor().get("/transparencia/datos-abiertos")).text();
    expect(html).toMatch(
      /<code>responsables<\/code><\/td>(?:(?!<\/tr>).)*<td data-label="Ejemplo">Oficina de Control Interno de Gestión – OCI<\/td>/s,
    );
    expect(html).toMatch(
      /<code>fin<\/code><\/td>(?:(?!<\/tr>).)*<td data-label="Ejemplo"><span class="hint">\(vacío\)<\/span><\/td>/s,
    );
  });
});
