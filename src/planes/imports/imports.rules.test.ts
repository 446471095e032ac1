import { describe, expect, it } from "vitest";
import type { ParsedNode } from "../sheets/sheets.types.ts";
import {
  countLevels,
  diffItems,
  type FlatItem,
  flattenTree,
  formatPeriod,
  pluralOfLevel,
  repeatedKeys,
  reportedRemovalsMessage,
  storedColumnsDiffer,
} from "./imports.rules.ts";

const node = (level: 1 | 2 | 3, key: string, text: string, extra: Partial<ParsedNode> = {}): ParsedNode => ({
  level,
  key,
  code: key.split("/").at(-1)?.replace(/^[cs]/, "") ?? null,
  text,
  responsables: [],
  periods: [],
  row: 1,
  children: [],
  ...extra,
});

function paac(changes: { text11?: string; period12?: string; without31?: boolean; extra?: boolean } = {}) {
  return [
    node(1, "c1", "Gestión del riesgo de corrupción", {
      row: 5,
      children: [
        node(2, "c1/s1", "Política de administración de riesgos", {
          row: 6,
          children: [
            node(3, "c1/s1/1.1", changes.text11 ?? "Socializar la política", {
              row: 7,
              responsables: ["OPGI", "Todas las dependencias"],
              periods: [{ start: "2022-01-13", end: "2022-01-31" }],
              meta: "1 socialización",
              metaQuantity: 1,
              metaUnit: "socialización",
            }),
            node(3, "c1/s1/1.2", "Actualizar el mapa", {
              row: 8,
              responsables: ["OPGI."],
              periods: [
                { start: changes.period12 ?? "2022-02-01", end: "2022-02-28" },
                { start: null, end: null, raw: "01/04/2022 - 31/04/2022" },
              ],
            }),
            ...(changes.extra
              ? [node(3, "c1/s1/1.3", "Publicar el mapa", { row: 9, responsables: ["SSI"], periods: [] })]
              : []),
          ],
        }),
      ],
    }),
    node(1, "c3", "Rendición de cuentas", {
      row: 20,
      children: changes.without31
        ? []
        : [node(3, "c3/-/3.1", "Audiencia pública", { row: 21, responsables: ["Secretaria de Gobierno"] })],
    }),
  ];
}

describe("flattening a parsed tree", () => {
  it("lists parents before children, with parent keys and positions", () => {
    const flat = flattenTree(paac());
    expect(flat.map((i) => [i.key, i.parentKey, i.position])).toEqual([
      ["c1", null, 0],
      ["c1/s1", "c1", 0],
      ["c1/s1/1.1", "c1/s1", 0],
      ["c1/s1/1.2", "c1/s1", 1],
      ["c3", null, 1],
      ["c3/-/3.1", "c3", 0],
    ]);
    expect(flat[3]?.periods).toEqual([
      { start: "2022-02-01", end: "2022-02-28", written: null },
      { start: null, end: null, written: "01/04/2022 - 31/04/2022" },
    ]);
    expect(countLevels(flat)).toEqual({ levels: [2, 1, 3], periods: 3 });
  });

  it("finds keys written twice", () => {
    const tree = paac();
    tree[1]?.children.push(node(3, "c3/-/3.1", "Otra audiencia", { row: 22 }));
    expect(repeatedKeys(flattenTree(tree)).map((i) => i.row)).toEqual([22]);
  });
});

describe("periods as people read them", () => {
  it.each([
    [{ start: "2022-01-13", end: "2022-01-13", written: null }, "13/01/2022 – 13/01/2022"],
    [{ start: null, end: null, written: "01/04/2022 - 31/04/2022" }, "01/04/2022 - 31/04/2022"],
    [{ start: "2022-04-01", end: null, written: null }, "01/04/2022 – sin fecha"],
  ])("%o → %s", (period, shown) => {
    expect(formatPeriod(period)).toBe(shown);
  });
});

describe("what an import would change", () => {
  it("the same tree changes nothing", () => {
    const diff = diffItems(flattenTree(paac()), flattenTree(paac()));
    expect(diff).toEqual({ added: [], changed: [], removed: [] });
  });

  it("an empty plan gets everything added, parents first", () => {
    const diff = diffItems([], flattenTree(paac()));
    expect(diff.added.map((c) => c.key)).toEqual(["c1", "c1/s1", "c1/s1/1.1", "c1/s1/1.2", "c3", "c3/-/3.1"]);
    expect(diff.added.every((c) => c.kind === "agregada")).toBe(true);
  });

  it("shows each changed field before and after, additions and removals by item", () => {
    const diff = diffItems(
      flattenTree(paac()),
      flattenTree(
        paac({
          text11: "Socializar la política a los líderes",
          period12: "2022-02-02",
          without31: true,
          extra: true,
        }),
      ),
    );
    expect(diff.added.map((c) => [c.key, c.code, c.label])).toEqual([
      ["c1/s1/1.3", "1.3", "Publicar el mapa"],
    ]);
    expect(diff.removed.map((c) => [c.key, c.label, c.kind])).toEqual([
      ["c3/-/3.1", "Audiencia pública", "eliminada"],
    ]);
    expect(diff.changed).toEqual([
      {
        key: "c1/s1/1.1",
        level: 3,
        code: "1.1",
        label: "Socializar la política a los líderes",
        kind: "modificada",
        fields: { text: ["Socializar la política", "Socializar la política a los líderes"] },
      },
      {
        key: "c1/s1/1.2",
        level: 3,
        code: "1.2",
        label: "Actualizar el mapa",
        kind: "modificada",
        fields: {
          periods: [
            "01/02/2022 – 28/02/2022; 01/04/2022 - 31/04/2022",
            "02/02/2022 – 28/02/2022; 01/04/2022 - 31/04/2022",
          ],
        },
      },
    ]);
  });

  it("compares responsables as written and the parent by its key", () => {
    const before = flattenTree(paac());
    const after = flattenTree(paac()).map(
      (item): FlatItem =>
        item.key === "c1/s1/1.2"
          ? { ...item, responsables: ["OPGI", "SSI"], parentKey: "c3", weight: 0.25 }
          : item,
    );
    const [change] = diffItems(before, after).changed;
    expect(change?.fields).toEqual({
      weight: [null, "0,25"],
      responsables: ["OPGI.", "OPGI; SSI"],
      parent: ["1 Política de administración de riesgos", "3 Rendición de cuentas"],
    });
  });

  it("rewrites a stored row whose place or source row moved, without calling it a change", () => {
    const [a] = flattenTree(paac());
    if (!a) throw new Error("no item");
    expect(storedColumnsDiffer(a, { ...a })).toBe(false);
    expect(storedColumnsDiffer(a, { ...a, row: 40 })).toBe(true);
    expect(diffItems([a], [{ ...a, row: 40, position: 3 }]).changed).toEqual([]);
  });
});

describe("level names in counts", () => {
  it.each([
    ["Componente", "componentes"],
    ["Subcomponente", "subcomponentes"],
    ["Actividad", "actividades"],
    ["Actividad de gestión", "actividades de gestión"],
    ["Alternativa de mejora (qué)", "alternativas de mejora (qué)"],
    ["Tarea (cómo)", "tareas (cómo)"],
    ["Hallazgo", "hallazgos"],
    ["Acción de mejora", "acciones de mejora"],
  ])("%s → %s", (name, plural) => {
    expect(pluralOfLevel(name)).toBe(plural);
  });
});

describe("activities with reports that a file leaves out", () => {
  it("are named together, by code or by text, at most ten", () => {
    const changes = [
      { code: "3.4", label: "Audiencia" },
      { code: null, label: "Publicar el mapa" },
    ];
    expect(reportedRemovalsMessage(changes)).toMatch(
      /^Las actividades 3\.4 y «Publicar el mapa» tienen reportes de avance: no se pueden quitar del plan\. Déjelas en el archivo/,
    );
    const many = Array.from({ length: 12 }, (_, i) => ({ code: `1.${i + 1}`, label: "x" }));
    expect(reportedRemovalsMessage(many)).toContain("1.9, 1.10 y 2 más tienen");
  });
});
