// How the public pages word a plan: headings with the level names, periods in Spanish (impossible dates as
// written), responsables as written only when that says something else.
import { describe, expect, it } from "vitest";
import type { SnapshotChange } from "../plans/plans.types.ts";
import { examplePlanSnapshots } from "./publication.example.ts";
import {
  changesByVersion,
  describePeriod,
  downloadFileName,
  itemLabel,
  itemTitle,
  leavesOf,
  levelsOf,
  publicStatusLabel,
  storageKeyOf,
  writtenDiffers,
} from "./publication.rules.ts";

describe("itemTitle and itemLabel", () => {
  it.each([
    ["Componente", { code: "3", text: "Rendición de cuentas" }, "Componente 3. Rendición de cuentas"],
    [
      "Componente",
      { code: "3", text: "Componente 3: Rendición de cuentas" },
      "Componente 3: Rendición de cuentas",
    ],
    ["Componente", { code: "3", text: "COMPONENTE 3. Rendición" }, "COMPONENTE 3. Rendición"],
    [
      "Actividad de gestión",
      { code: null, text: "Fortalecer el MIPG" },
      "Actividad de gestión: Fortalecer el MIPG",
    ],
  ])("%s + %o reads «%s»", (level, item, expected) => {
    expect(itemTitle(level, item)).toBe(expected);
  });

  it("labels a coded leaf by its code and a matrix task by its place", () => {
    expect(itemLabel("Actividad", { code: "5.1" }, 3)).toBe("Actividad 5.1");
    expect(itemLabel("Tarea (cómo)", { code: null }, 2)).toBe("Tarea (cómo) 2");
  });
});

describe("describePeriod", () => {
  it.each([
    [{ start: "2022-01-13", end: "2022-01-13", written: null }, "El 13 de enero de 2022", null],
    [
      { start: "2022-02-01", end: "2022-12-30", written: null },
      "Del 1 de febrero de 2022 al 30 de diciembre de 2022",
      null,
    ],
    [
      { start: "2022-04-01", end: null, written: "1/04/2022 - 31/04/2022" },
      "Desde el 1 de abril de 2022. Como aparece en el plan: «1/04/2022 - 31/04/2022»",
      "Esta fecha no existe en el calendario; se publica tal como la escribió la oficina.",
    ],
    [
      { start: null, end: null, written: "31/04/2022" },
      "Como aparece en el plan: «31/04/2022»",
      expect.any(String),
    ],
    [{ start: null, end: null, written: null }, "Sin fecha", null],
  ])("%o reads «%s»", (period, text, note) => {
    expect(describePeriod(period)).toEqual({ text, note });
  });
});

describe("writtenDiffers", () => {
  it.each([
    [[{ written: "OPGI.", names: ["Oficina de Planeación de Gestión Institucional – OPGI"] }], true],
    [[{ written: "Secretaria de Gobierno", names: ["Secretaría de Gobierno"] }], false],
    [[{ written: "Todas las dependencias ", names: ["Todas las dependencias"] }], false],
    [
      [
        { written: "Equipo MIPG", names: ["Equipo MIPG (OPGI)"] },
        { written: "Secretaría de Salud", names: ["Secretaría de Salud"] },
      ],
      true,
    ],
  ])("%o → %s", (responsables, differs) => {
    expect(writtenDiffers(responsables)).toBe(differs);
  });
});

describe("the tree and the files", () => {
  it("walks every leaf with its levels, a level skipped where the plan skips it", () => {
    const [, snapshot] = examplePlanSnapshots();
    const leaves = leavesOf(snapshot.items);
    expect(leaves.map(({ leaf }) => leaf.key)).toEqual([
      "c1/s1/1.1",
      "c1/s1/1.2",
      "c1/s2/2.2",
      "c1/s5/5.1",
      "c2",
      "c6/-/1",
      "c6/-/3",
    ]);
    const initiative = leaves.at(-1);
    const [first, second, third] = initiative ? levelsOf(initiative) : [];
    expect([first?.key, second, third?.key]).toEqual(["c6", undefined, "c6/-/3"]);
  });

  it("lists versions newest first with only the changes made after version 1", () => {
    const [, snapshot] = examplePlanSnapshots();
    // A change recorded while version 1 was drafted is its writing, not an adjustment.
    const drafting = { ...snapshot.changes[0], version: 1 } as SnapshotChange;
    const history = changesByVersion(snapshot.versions, [...snapshot.changes, drafting]);
    expect(history.map(({ version, changes }) => [version.number, changes.length])).toEqual([
      [2, 3],
      [1, 0],
    ]);
  });

  it("names files by slug and version and keeps them under the plan's folder", () => {
    expect(downloadFileName("paac-2022", 1, "pdf")).toBe("paac-2022-v1.pdf");
    expect(storageKeyOf("abc", 2, "xlsx")).toBe("planes/publicaciones/abc/v2.xlsx");
    expect(publicStatusLabel("cerrado")).toBe("Vigencia cerrada");
    expect(publicStatusLabel("borrador")).toBe("Vigente");
  });
});
