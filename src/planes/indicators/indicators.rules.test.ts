import { describe, expect, it } from "vitest";
import {
  compliance,
  complianceZone,
  findPeriod,
  formatCompliance,
  formatWithUnit,
  hasEnded,
  mayMeasure,
  mayReadIndicator,
  measurablePeriods,
  parseDecimal,
  periodLabel,
  periodsOf,
  targetProblem,
  zonesProblem,
} from "./indicators.rules.ts";
import { indicatorSchema, measurementSchema } from "./indicators.schemas.ts";

describe("periods of a frequency", () => {
  it("divides a year into months, quarters, semesters or the whole year, with Spanish names and dates", () => {
    const months = periodsOf("mensual", 2026);
    expect(months.map((p) => p.key)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`),
    );
    expect(months[1]).toEqual({
      key: "2026-02",
      label: "Febrero de 2026",
      startsOn: "2026-02-01",
      endsOn: "2026-02-28",
    });
    expect(periodsOf("mensual", 2028)[1]?.endsOn).toBe("2028-02-29");
    expect(periodsOf("trimestral", 2026)).toEqual([
      { key: "2026-T1", label: "Primer trimestre de 2026", startsOn: "2026-01-01", endsOn: "2026-03-31" },
      { key: "2026-T2", label: "Segundo trimestre de 2026", startsOn: "2026-04-01", endsOn: "2026-06-30" },
      { key: "2026-T3", label: "Tercer trimestre de 2026", startsOn: "2026-07-01", endsOn: "2026-09-30" },
      { key: "2026-T4", label: "Cuarto trimestre de 2026", startsOn: "2026-10-01", endsOn: "2026-12-31" },
    ]);
    expect(periodsOf("semestral", 2026).map((p) => [p.key, p.label, p.endsOn])).toEqual([
      ["2026-S1", "Primer semestre de 2026", "2026-06-30"],
      ["2026-S2", "Segundo semestre de 2026", "2026-12-31"],
    ]);
    expect(periodsOf("anual", 2026)).toEqual([
      { key: "2026", label: "Año 2026", startsOn: "2026-01-01", endsOn: "2026-12-31" },
    ]);
  });

  it("names a period from its key alone and finds only the indicator's own periods", () => {
    expect(periodLabel("2026-03")).toBe("Marzo de 2026");
    expect(periodLabel("2026-T1")).toBe("Primer trimestre de 2026");
    expect(periodLabel("2026-S2")).toBe("Segundo semestre de 2026");
    expect(periodLabel("2026")).toBe("Año 2026");
    expect(periodLabel("otra cosa")).toBe("otra cosa");
    expect(findPeriod("trimestral", 2026, "2026-T2")?.label).toBe("Segundo trimestre de 2026");
    expect(findPeriod("trimestral", 2026, "2026-03")).toBeUndefined();
    expect(findPeriod("trimestral", 2026, "2025-T2")).toBeUndefined();
  });

  it("lets a period be measured from its last day on, never before", () => {
    const q1 = findPeriod("trimestral", 2026, "2026-T1");
    if (!q1) throw new Error("no T1");
    expect(hasEnded(q1, "2026-03-30")).toBe(false);
    expect(hasEnded(q1, "2026-03-31")).toBe(true);
    expect(hasEnded(q1, "2026-07-01")).toBe(true);
    expect(measurablePeriods("mensual", 2026, "2026-02-02").map((p) => p.key)).toEqual(["2026-01"]);
    expect(measurablePeriods("anual", 2026, "2026-12-30")).toEqual([]);
    expect(measurablePeriods("semestral", 2025, "2026-02-02")).toHaveLength(2);
  });
});

describe("compliance against the target", () => {
  it.each([
    // ascendente: value ÷ target × 100
    ["ascendente", 90, 90, 100],
    ["ascendente", 85, 90, 94.4],
    ["ascendente", 45, 90, 50],
    ["ascendente", 120, 100, 120],
    ["ascendente", 0, 90, 0],
    ["ascendente", -5, 90, 0],
    // descendente: target ÷ value × 100 (less is better)
    ["descendente", 5, 5, 100],
    ["descendente", 10, 5, 50],
    ["descendente", 4, 5, 125],
    ["descendente", 0, 5, 100],
    ["descendente", 0, 0, 100],
    ["descendente", 3, 0, 0],
  ] as const)("%s: value %d against target %d complies at %d %%", (direction, value, target, expected) => {
    expect(compliance(direction, value, target)).toBe(expected);
  });

  it("has no compliance where it would divide by zero or mean nothing", () => {
    expect(compliance("ascendente", 10, 0)).toBeUndefined();
    expect(compliance("ascendente", 10, -3)).toBeUndefined();
    expect(compliance("descendente", -1, 5)).toBeUndefined();
    expect(compliance("descendente", 5, -1)).toBeUndefined();
    expect(compliance("ascendente", Number.NaN, 5)).toBeUndefined();
    expect(complianceZone(undefined, { lowMax: 59, midMax: 79 })).toBeUndefined();
    expect(formatCompliance(undefined)).toBe("Sin cálculo");
    expect(formatCompliance(94.4)).toBe("94,4 %");
  });

  it("places compliance in the indicator's own zones, as whole percentages", () => {
    const zones = { lowMax: 59, midMax: 79 };
    expect(complianceZone(59.4, zones)).toBe("bajo");
    expect(complianceZone(59.5, zones)).toBe("medio");
    expect(complianceZone(79, zones)).toBe("medio");
    expect(complianceZone(80, zones)).toBe("alto");
    expect(complianceZone(125, zones)).toBe("alto");
    expect(complianceZone(85, { lowMax: 69, midMax: 89 })).toBe("medio");
  });

  it("refuses targets and zones the form cannot use, in Spanish", () => {
    expect(targetProblem("ascendente", 0)).toBe(
      "Para un indicador ascendente, la meta debe ser mayor que cero.",
    );
    expect(targetProblem("descendente", 0)).toBeUndefined();
    expect(targetProblem("descendente", -1)).toBe("La meta no puede ser negativa.");
    expect(zonesProblem({ lowMax: 80, midMax: 70 })).toBe(
      "El límite de la zona baja debe ser menor que el de la zona media.",
    );
    expect(zonesProblem({ lowMax: 59, midMax: 79 })).toBeUndefined();
  });
});

describe("numbers typed the Colombian way", () => {
  it.each([
    ["85,5", 85.5],
    ["85.5", 85.5],
    [" 90 ", 90],
    ["-3", -3],
    ["0,25", 0.25],
  ] as const)("reads «%s» as %d", (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each(["", "abc", "1.234,5", "1,2,3", "12%", "1e5", ",5"])("refuses «%s»", (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });

  it("shows values with the es-CO separators and the unit", () => {
    expect(formatWithUnit(1234.5, "días")).toBe("1.234,5 días");
    expect(formatWithUnit(85.25, "%")).toBe("85,25 %");
  });

  it("explains a bad number and keeps the zone limits of a form", () => {
    const bad = measurementSchema.safeParse({
      periodKey: "2026-T1",
      value: "ochenta",
      analysis: "Análisis suficiente.",
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe(
      "Escriba el valor medido como un número, con coma o punto decimal y sin separador de miles, por ejemplo 85,5.",
    );
    const form = {
      dependenciaId: "0b7c2a52-3f7e-4a53-9d55-6d1f7c1f0a11",
      process: "Atención al ciudadano",
      name: "Oportunidad en la respuesta a PQRD",
      formula: "(PQRD a tiempo / PQRD recibidas) × 100",
      unit: "%",
      direction: "ascendente",
      frequency: "trimestral",
      year: "2026",
      target: "90",
      baseline: "",
      zoneLowMax: "60",
      zoneMidMax: "50",
    };
    const zones = indicatorSchema.safeParse(form);
    expect(zones.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["zoneLowMax", "El límite de la zona baja debe ser menor que el de la zona media."],
    ]);
    const ok = indicatorSchema.parse({ ...form, zoneLowMax: "", zoneMidMax: "", target: "92,5" });
    expect(ok).toMatchObject({ target: 92.5, baseline: null, zoneLowMax: 59, zoneMidMax: 79, year: 2026 });
  });
});

describe("who reads and who measures", () => {
  const indicator = { dependenciaId: "dep-a" };
  it("lets planeación measure any indicator, a responsable only own dependencia's, control interno none", () => {
    expect(mayMeasure({ roles: ["planeacion"], dependenciaId: "dep-b" }, indicator)).toBe(true);
    expect(mayMeasure({ roles: ["responsable_plan"], dependenciaId: "dep-a" }, indicator)).toBe(true);
    expect(mayMeasure({ roles: ["responsable_plan"], dependenciaId: "dep-b" }, indicator)).toBe(false);
    expect(mayMeasure({ roles: ["control_interno"], dependenciaId: "dep-a" }, indicator)).toBe(false);
    expect(mayReadIndicator({ roles: ["control_interno"], dependenciaId: null }, indicator)).toBe(true);
    expect(mayReadIndicator({ roles: ["responsable_plan"], dependenciaId: "dep-b" }, indicator)).toBe(false);
  });
});
