import { describe, expect, it } from "vitest";
import { flattenTree, wouldCreateCycle } from "./dependencias.rules.ts";

const items = [
  { id: "sg", name: "Secretaría General", parentId: null, sortOrder: 20 },
  { id: "ssi", name: "Subsecretaría de Sistemas", parentId: "sg", sortOrder: 0 },
  { id: "th", name: "Subsecretaría de Talento Humano", parentId: "sg", sortOrder: 10 },
  { id: "desp", name: "Despacho del Alcalde", parentId: null, sortOrder: 10 },
  { id: "cc", name: "Cultura Ciudadana", parentId: "ssi", sortOrder: 0 },
];

describe("dependencias tree", () => {
  it("lists parents before children, siblings by order, with their depth", () => {
    expect(flattenTree(items).map((n) => `${n.depth}:${n.item.id}`)).toEqual([
      "0:desp",
      "0:sg",
      "1:ssi",
      "2:cc",
      "1:th",
    ]);
  });

  it("shows orphans (parent missing) at the first level instead of hiding them", () => {
    const tree = flattenTree([{ id: "x", name: "Huérfana", parentId: "gone", sortOrder: 0 }]);
    expect(tree).toEqual([{ item: expect.objectContaining({ id: "x" }), depth: 0 }]);
  });

  it.each([
    ["sg", "ssi", true],
    ["sg", "cc", true],
    ["sg", "sg", true],
    ["ssi", "desp", false],
    ["cc", null, false],
  ])("moving %s under %s creates a cycle: %s", (id, parent, expected) => {
    expect(wouldCreateCycle(items, id, parent)).toBe(expected);
  });
});
