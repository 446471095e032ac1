// The forms and filters of the indicators pages. Messages say what to type, in plain Spanish.
import { z } from "zod";
import { DEFAULT_ZONES } from "../progress/zones.rules.ts";
import { parseDecimal, targetProblem, zonesProblem } from "./indicators.rules.ts";
import { INDICATOR_DIRECTIONS, INDICATOR_FREQUENCIES } from "./indicators.types.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER_HINT = "con coma o punto decimal y sin separador de miles, por ejemplo 85,5";

const text = (min: number, max: number, empty: string) =>
  z
    .string({ error: empty })
    .trim()
    .min(min, empty)
    .max(max, `Use como máximo ${max.toLocaleString("es-CO")} caracteres.`);

/** A number typed «85,5» or «85.5». */
const decimal = (what: string) =>
  z.string({ error: `Escriba ${what}.` }).transform((raw, ctx) => {
    if (raw.trim() === "") {
      ctx.addIssue({ code: "custom", message: `Escriba ${what}.` });
      return z.NEVER;
    }
    const value = parseDecimal(raw);
    if (value === undefined) {
      ctx.addIssue({ code: "custom", message: `Escriba ${what} como un número, ${NUMBER_HINT}.` });
      return z.NEVER;
    }
    return value;
  });

const optionalDecimal = (what: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return null;
      const value = parseDecimal(raw);
      if (value === undefined) {
        ctx.addIssue({ code: "custom", message: `Escriba ${what} como un número, ${NUMBER_HINT}.` });
        return z.NEVER;
      }
      return value;
    });

const zoneLimit = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw) => (raw === undefined || raw.trim() === "" ? fallback : Number(raw.trim())));

export const indicatorSchema = z
  .object({
    dependenciaId: z.string({ error: "Elija la dependencia." }).regex(UUID, "Elija la dependencia."),
    process: text(3, 200, "Escriba el proceso que mide el indicador."),
    name: text(3, 200, "Escriba el nombre del indicador."),
    formula: text(3, 1000, "Escriba la fórmula del indicador."),
    unit: text(1, 40, "Escriba la unidad de medida, por ejemplo % o días."),
    direction: z.enum(INDICATOR_DIRECTIONS, { error: "Elija si más es mejor o menos es mejor." }),
    frequency: z.enum(INDICATOR_FREQUENCIES, { error: "Elija cada cuánto se mide." }),
    year: z.coerce
      .number({ error: "Escriba la vigencia con cuatro cifras, por ejemplo 2026." })
      .int("Escriba la vigencia con cuatro cifras, por ejemplo 2026.")
      .min(2000, "Escriba una vigencia entre 2000 y 2100.")
      .max(2100, "Escriba una vigencia entre 2000 y 2100."),
    target: decimal("la meta"),
    baseline: optionalDecimal("la línea base"),
    zoneLowMax: zoneLimit(DEFAULT_ZONES.lowMax),
    zoneMidMax: zoneLimit(DEFAULT_ZONES.midMax),
  })
  .superRefine((v, ctx) => {
    const target = targetProblem(v.direction, v.target);
    if (target) ctx.addIssue({ code: "custom", path: ["target"], message: target });
    const zones = zonesProblem({ lowMax: v.zoneLowMax, midMax: v.zoneMidMax });
    if (zones) ctx.addIssue({ code: "custom", path: ["zoneLowMax"], message: zones });
  });
export type IndicatorInput = z.output<typeof indicatorSchema>;

export const measurementSchema = z.object({
  periodKey: z.string({ error: "Elija el periodo medido." }).trim().min(1, "Elija el periodo medido."),
  value: decimal("el valor medido"),
  analysis: text(
    10,
    4000,
    "Escriba el análisis de la medición: qué explica el resultado y qué se hará (al menos 10 caracteres).",
  ),
  replace: z
    .string()
    .optional()
    .transform((v) => v === "si"),
});
export type MeasurementInput = z.output<typeof measurementSchema>;

/** Filters of the list (GET form): anything unreadable is ignored, never an error. */
export const indicatorListQuerySchema = z.object({
  dependencia: z.string().regex(UUID).optional().catch(undefined),
  vigencia: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});
