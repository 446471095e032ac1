// How the public pages word a plan: headings with the level names, periods in Spanish (impossible dates as
// written), responsables as written only when that says something else.
import { describe, expect, it } from "vitest";
import type { SnapshotChange } from "../plans/plans.types.ts";
import { examplePlanSnapshots } from "./publication.example.ts";
import {
  bogotaYear,
  changeHeadline,
  changePlace,
  changesByVersion,
  countOfLeaves,
  describePeriod,
  downloadFileName,
  itemLabel,
  itemTitle,
  leavesOf,
  levelsOf,
  matchChangeKeys,
  placeChanges,
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

  it("names files by slug and version and keeps them under the plan's folder, by layout", () => {
    expect(downloadFileName("paac-2022", 1, "pdf")).toBe("paac-2022-v1.pdf");
    // The layout is in the key: files an older release stored are rendered again, not served.
    expect(storageKeyOf("abc", 2, "xlsx")).toBe("planes/publicaciones/abc/v2-f2.xlsx");
  });
});

describe("publicStatusLabel", () => {
  it.each([
    [{ status: "publicado", year: 2026 }, 2026, "Versión vigente"],
    [{ status: "aprobado", year: 2027 }, 2026, "Versión vigente"],
    // The walkthrough saw «Vigente» on the PAAC 2022 in November 2026.
    [{ status: "publicado", year: 2022 }, 2026, "Vigencia 2022 terminada"],
    [{ status: "cerrado", year: 2025 }, 2026, "Vigencia cerrada"],
    [{ status: "cerrado", year: 2026 }, 2026, "Vigencia cerrada"],
  ] as const)("%o in %i reads «%s»", (plan, year, label) => {
    expect(publicStatusLabel(plan, year)).toBe(label);
  });

  it("takes the year in Bogotá, not in UTC", () => {
    // 1 January 2027 at 03:00 UTC is still 31 December 2026 in Bogotá.
    expect(bogotaYear(new Date("2027-01-01T03:00:00Z"))).toBe(2026);
    expect(bogotaYear(new Date("2027-01-01T05:00:00Z"))).toBe(2027);
  });
});

describe("where a change happened", () => {
  const PAAC = ["Componente", "Subcomponente", "Actividad"] as const;

  it.each([
    ["2.2", "c3/s2/2.2", "Componente 3 · 2.2"],
    ["2.2", "c1/s2/2.2", "Componente 1 · 2.2"],
    ["1", "c6/-/1", "Componente 6 · 1"],
    ["2", "c3/s2", "Componente 3 · Subcomponente 2"],
    ["3", "c3", "Componente 3"],
    ["3", "c3~2/s1/3", "Componente 3 · 3"],
    // A matrix's keys are texts: no component to name, the code (none) alone.
    [null, "levantar-la-informacion-96b54965/fortalecer-c91c62b6/solicitar-554d476f", ""],
    ["2.1", undefined, "2.1"],
  ])("code %s at %s reads «%s»", (code, key, place) => {
    expect(changePlace(code, key, PAAC)).toBe(place);
  });

  it("takes each change's key from the change log rows, two alike in order, else from the tree", () => {
    const [, snapshot] = examplePlanSnapshots();
    const [moved, removed, added] = snapshot.changes;
    if (!moved || !removed || !added) throw new Error("example changes");
    const stored = [
      { ...removed, key: "c1/s2/2.1" },
      { ...moved, key: "c1/s1/1.2" },
    ];
    const keys = matchChangeKeys(snapshot.changes, stored);
    expect(keys).toEqual(["c1/s1/1.2", "c1/s2/2.1", undefined]);
    const placed = placeChanges(snapshot, keys);
    // 2.1 was removed: only the log knows its component. 3 was added: the tree has it.
    expect(placed.map((change) => change.place)).toEqual([
      "Componente 1 · 1.2",
      "Componente 1 · 2.1",
      "Componente 6 · 3",
    ]);
    expect(placeChanges(snapshot).map((change) => change.place)).toEqual([
      "Componente 1 · 1.2",
      "2.1",
      "Componente 6 · 3",
    ]);
    const [, gone] = placed;
    expect(gone && changeHeadline(gone)).toBe(
      "Se eliminó Componente 1 · 2.1 «Actualizar los mapas de riesgos de corrupción de cada proceso.»",
    );
    const twice = [moved, { ...moved }];
    expect(
      matchChangeKeys(twice, [
        { ...moved, key: "c1/s1/1.2" },
        { ...moved, key: "c3/s1/1.2" },
      ]),
    ).toEqual(["c1/s1/1.2", "c3/s1/1.2"]);
  });

  it("counts a component's leaves with the type's own name", () => {
    expect(countOfLeaves("Actividad", 15)).toBe("15 actividades");
    expect(countOfLeaves("Actividad", 1)).toBe("1 actividad");
    expect(countOfLeaves("Tarea (cómo)", 4)).toBe("4 tareas (cómo)");
    expect(countOfLeaves("Acción de mejora", 2)).toBe("2 acciones de mejora");
  });
});
