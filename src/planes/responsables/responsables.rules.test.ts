import { describe, expect, it } from "vitest";
import {
  type AliasRef,
  createMatcher,
  type DependenciaRef,
  describeMatch,
  normalizeResponsable,
  type Resolution,
} from "./responsables.rules.ts";

// The dependencias of the Alcaldía de Pasto (docs/DOMAIN.md, «Core»), as the demo seeds them.
const NAMES: [string, string?][] = [
  ["Despacho del Alcalde"],
  ["Secretaría General"],
  ["Subsecretaría de Sistemas de Información", "SSI"],
  ["Subsecretaría de Talento Humano"],
  ["Unidad de Atención al Ciudadano", "UAC"],
  ["Unidad de Correspondencia"],
  ["Oficina de Planeación de Gestión Institucional", "OPGI"],
  ["Oficina de Control Interno de Gestión", "OCI"],
  ["Oficina de Comunicación Social", "OCS"],
  ["Secretaría de Educación"],
  ["Secretaría de Salud"],
  ["Secretaría de Tránsito y Transporte"],
  ["Secretaría de Hacienda"],
  ["Secretaría de Gobierno"],
  ["Secretaría de Cultura"],
  ["Secretaría de las Mujeres, Orientaciones Sexuales e Identidades de Género", "MOSIG"],
  ["Dirección Administrativa de Juventud"],
  ["Departamento Administrativo de Contratación Pública"],
];
const DEPENDENCIAS: DependenciaRef[] = NAMES.map(([name, acronym], i) => ({
  id: `dep-${i}`,
  name,
  acronym: acronym ?? null,
}));
const idOf = (name: string) => DEPENDENCIAS.find((d) => d.name === name)?.id;

const matchedNames = (resolution: Resolution) =>
  resolution.kind === "unmatched" ? undefined : resolution.dependencias.map((d) => d.name);
const suggestionsOf = (resolution: Resolution) =>
  resolution.kind === "unmatched" ? resolution.suggestions.map((d) => d.name) : undefined;

describe("normalizeResponsable", () => {
  it.each([
    ["OPGI.", "opgi"],
    ["  Secretaría   de Gobierno ", "secretaria de gobierno"],
    [
      "Oficina de Planeación de Gestión Institucional – OPGI",
      "oficina de planeacion de gestion institucional opgi",
    ],
    ["Unidad de Atención al ciudadano - UAC", "unidad de atencion al ciudadano uac"],
    ["Todas las dependencias.", "todas las dependencias"],
    ["Equipo\u00a0MIPG — OPGI", "equipo mipg opgi"],
    ["Líderes de proceso SGC - MIPG", "lideres de proceso sgc mipg"],
  ])("«%s» → «%s»", (text, expected) => {
    expect(normalizeResponsable(text)).toBe(expected);
  });
});

describe("matching a written responsable", () => {
  const match = createMatcher(DEPENDENCIAS, []);

  it.each([
    ["OPGI", "Oficina de Planeación de Gestión Institucional", "sigla"],
    ["OPGI.", "Oficina de Planeación de Gestión Institucional", "sigla"],
    ["UAC.", "Unidad de Atención al Ciudadano", "sigla"],
    ["SSI", "Subsecretaría de Sistemas de Información", "sigla"],
    [
      "Oficina de Planeación de Gestión Institucional – OPGI",
      "Oficina de Planeación de Gestión Institucional",
      "nombre",
    ],
    ["Unidad de Atención al ciudadano - UAC", "Unidad de Atención al Ciudadano", "nombre"],
    ["Subsecretaría de Sistemas de Información – SSI ", "Subsecretaría de Sistemas de Información", "nombre"],
    ["Secretaria de Gobierno", "Secretaría de Gobierno", "nombre"],
    ["Secretaria General", "Secretaría General", "nombre"],
    ["Secretaría de Educación Municipal", "Secretaría de Educación", "nombre"],
    ["Secretaría de Tránsito y Transporte Municipal", "Secretaría de Tránsito y Transporte", "nombre"],
    ["Secretaría de Salud del Municipio de Pasto", "Secretaría de Salud", "nombre"],
    ["Oficina de Comunicación Social", "Oficina de Comunicación Social", "nombre"],
  ])("«%s» is %s (by %s)", (text, name, via) => {
    const resolution = match(text);
    expect(matchedNames(resolution)).toEqual([name]);
    expect(resolution).toMatchObject({ kind: "dependencias", via, text });
  });

  it.each([
    "Todas las dependencias",
    "Líderes de proceso SGC - MIPG",
    "Equipo líder del proceso de rendición de cuentas",
    "Equipo MIPG - Oficina de Planeación de Gestión Institucional",
    "Secretaría MOSIG",
    "Dirección de Juventud",
    "OPGI – Secretaría de Gobierno",
    "",
  ])("«%s» is not matched on its own", (text) => {
    expect(match(text).kind).toBe("unmatched");
  });

  it("suggests the closest dependencias, at most three", () => {
    expect(suggestionsOf(match("Dirección de Juventud"))?.[0]).toBe("Dirección Administrativa de Juventud");
    expect(suggestionsOf(match("Secretaría MOSIG"))?.[0]).toBe(
      "Secretaría de las Mujeres, Orientaciones Sexuales e Identidades de Género",
    );
    expect(suggestionsOf(match("Equipo MIPG - Oficina de Planeación de Gestión Institucional"))?.[0]).toBe(
      "Oficina de Planeación de Gestión Institucional",
    );
    expect(suggestionsOf(match("Equipo Banco de Proyectos, MIPG y Plan de Desarrollo - OPGI"))?.[0]).toBe(
      "Oficina de Planeación de Gestión Institucional",
    );
    expect(suggestionsOf(match("Subsecretaría Talento Humano"))?.[0]).toBe("Subsecretaría de Talento Humano");
    for (const text of ["Secretaría de Cultura Ciudadana y Turismo", "Oficina de Planeación"])
      expect(suggestionsOf(match(text))?.length).toBeLessThanOrEqual(3);
  });

  it("an acronym two dependencias share matches neither", () => {
    const twice = createMatcher(
      [...DEPENDENCIAS, { id: "dep-x", name: "Oficina de Proyectos de Gestión Interna", acronym: "OPGI" }],
      [],
    );
    expect(twice("OPGI").kind).toBe("unmatched");
    expect(matchedNames(twice("Oficina de Planeación de Gestión Institucional"))).toEqual([
      "Oficina de Planeación de Gestión Institucional",
    ]);
  });

  it("uses what planeación mapped, before any name", () => {
    const opgi = { id: idOf("Oficina de Planeación de Gestión Institucional") ?? "", name: "OPGI" };
    const aliases: AliasRef[] = [
      { normalized: "todas las dependencias", kind: "todas", team: null, dependencias: [] },
      {
        normalized: "equipo mipg oficina de planeacion de gestion institucional",
        kind: "equipo",
        team: "Equipo MIPG",
        dependencias: [opgi],
      },
      {
        normalized: "lideres de proceso sgc mipg",
        kind: "dependencias",
        team: null,
        dependencias: [opgi, { id: "dep-7", name: "OCI" }],
      },
      { normalized: "secretaria general", kind: "dependencias", team: null, dependencias: [opgi] },
    ];
    const mapped = createMatcher(DEPENDENCIAS, aliases);
    expect(mapped("Todas las dependencias.")).toMatchObject({
      kind: "todas",
      dependencias: [],
      via: "alias",
    });
    expect(mapped("Equipo MIPG – Oficina de Planeación de Gestión Institucional")).toMatchObject({
      kind: "equipo",
      team: "Equipo MIPG",
      dependencias: [opgi],
    });
    expect(matchedNames(mapped("Líderes de proceso SGC - MIPG"))).toEqual(["OPGI", "OCI"]);
    expect(matchedNames(mapped("Secretaría General"))).toEqual(["OPGI"]);
  });

  it("describes a match as people read it", () => {
    expect(describeMatch({ kind: "todas", dependencias: [], team: null })).toBe("Todas las dependencias");
    expect(
      describeMatch({ kind: "equipo", dependencias: [{ id: "1", name: "OPGI" }], team: "Equipo MIPG" }),
    ).toBe("Equipo MIPG (OPGI)");
    expect(
      describeMatch({
        kind: "dependencias",
        dependencias: [
          { id: "1", name: "OPGI" },
          { id: "2", name: "OCI" },
        ],
        team: null,
      }),
    ).toBe("OPGI; OCI");
  });
});
