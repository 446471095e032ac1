// The forms of progress reporting: the report (percentage or quantity, narrative), OPGI's review and the
// queue's filter. Numbers are typed the Colombian way («12,5») or with a point; messages say what to type.
import { z } from "zod";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const NARRATIVE_MAX = 5000;
export const COMMENT_MAX = 2000;

/** "" → null; «12,5» → 12.5; anything else that is not a number → NaN (refused by the schema). */
const decimal = (value: unknown) => {
  const text = String(value ?? "")
    .trim()
    .replace(/\s|%/g, "");
  if (text === "") return null;
  if (!/^-?\d+([.,]\d+)?$/.test(text)) return Number.NaN;
  return Number(text.replace(",", "."));
};

const PERCENT_MESSAGE = "Escriba un porcentaje entre 0 y 100, por ejemplo 75 o 12,5.";

/** Saving or sending a report: empty fields are allowed in a draft (submitProblems decides on sending). */
export const reportFormSchema = z.object({
  percent: z.preprocess(
    decimal,
    z
      .number({ error: PERCENT_MESSAGE })
      .refine((n) => !Number.isNaN(n), PERCENT_MESSAGE)
      .refine((n) => n >= 0 && n <= 100, PERCENT_MESSAGE)
      .nullable(),
  ),
  quantity: z.preprocess(
    decimal,
    z
      .number({ error: "Escriba la cantidad lograda con números, por ejemplo 3." })
      .refine((n) => !Number.isNaN(n), "Escriba la cantidad lograda con números, por ejemplo 3.")
      .refine((n) => n >= 0, "La cantidad lograda no puede ser negativa.")
      .refine((n) => n <= 1_000_000_000, "Revise la cantidad: es demasiado grande.")
      .nullable(),
  ),
  narrative: z
    .string()
    .optional()
    .transform((v) => v?.trim() || null)
    .refine(
      (v) => (v?.length ?? 0) <= NARRATIVE_MAX,
      `Use como máximo ${NARRATIVE_MAX.toLocaleString("es-CO")} caracteres.`,
    ),
});
export type ReportFormInput = z.output<typeof reportFormSchema>;

export const startReportSchema = z.object({
  periodKey: z.string().trim().min(1, "Elija el periodo que va a reportar.").max(200),
});

export const validateSchema = z.object({
  comment: z
    .string()
    .optional()
    .transform((v) => v?.trim() || null)
    .refine(
      (v) => (v?.length ?? 0) <= COMMENT_MAX,
      `Use como máximo ${COMMENT_MAX.toLocaleString("es-CO")} caracteres.`,
    ),
});

export const returnSchema = z.object({
  comment: z
    .string({ error: "Escriba por qué devuelve el reporte: la dependencia lo leerá para corregirlo." })
    .trim()
    .min(5, "Escriba por qué devuelve el reporte: la dependencia lo leerá para corregirlo.")
    .max(COMMENT_MAX, `Use como máximo ${COMMENT_MAX.toLocaleString("es-CO")} caracteres.`),
});

/** The review queue's filter (GET form): anything unreadable is ignored. */
export const reviewQuerySchema = z.object({
  dependencia: z.string().regex(UUID).optional().catch(undefined),
});
