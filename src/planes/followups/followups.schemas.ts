// The forms of OCI's follow-up: opening a cut and verifying one activity. Messages say what to type.
import { z } from "zod";
import { isRealDay } from "../plans/plans.rules.ts";

export const openSchema = z.object({
  cutOn: z
    .string({ error: "Elija el corte que va a seguir." })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Elija el corte que va a seguir."),
});

/** A percentage as people type it in Colombia: «80», «72,5» or «72.5». */
const percent = z
  .string({ error: "Escriba el porcentaje verificado, de 0 a 100." })
  .trim()
  .min(1, "Escriba el porcentaje verificado, de 0 a 100.")
  .transform((text) => Number(text.replace(",", ".").replace(/\s*%$/, "")))
  .refine((n) => Number.isFinite(n), "Escriba el porcentaje verificado con números, de 0 a 100.")
  .refine((n) => n >= 0 && n <= 100, "El porcentaje verificado debe estar entre 0 y 100.");

const longText = (label: string) =>
  z
    .string()
    .trim()
    .max(4000, `${label}: use como máximo 4.000 caracteres.`)
    .optional()
    .transform((v) => v || null);

export const verifySchema = z.object({
  verifiedPercent: percent,
  realized: longText("Actividades realizadas"),
  observations: longText("Observaciones"),
});
export type VerifyInput = z.output<typeof verifySchema>;

/** A public follow-up's address names its cut as YYYY-MM-DD; anything else (or 30 February) is no cut. */
export const cutParam = (text: string | undefined) =>
  text !== undefined && isRealDay(text) ? text : undefined;
