// The forms and filters of the plans pages. Messages say what to type, in plain Spanish.
import { z } from "zod";
import { calendarProblem } from "../followups/cuts.rules.ts";
import { zonesProblem } from "../progress/zones.rules.ts";
import { approvalDateProblem, DEFAULT_COMMITTEE, MIN_REASON_LENGTH } from "./plans.rules.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const planCreateSchema = z.object({
  typeKey: z.string().trim().min(1, "Elija el tipo de plan."),
  year: z.coerce
    .number({ error: "Escriba la vigencia con cuatro cifras, por ejemplo 2026." })
    .int("Escriba la vigencia con cuatro cifras, por ejemplo 2026.")
    .min(2000, "Escriba una vigencia entre 2000 y 2100.")
    .max(2100, "Escriba una vigencia entre 2000 y 2100."),
  ownerDependenciaId: z.string().regex(UUID, "Elija la dependencia responsable del plan."),
  title: z.string().trim().min(3, "Escriba el título del plan.").max(200, "Use como máximo 200 caracteres."),
});
export type PlanCreateInput = z.output<typeof planCreateSchema>;

/** The approval form; `today` ("YYYY-MM-DD", Bogotá) because the act cannot be dated in the future. */
export const approveSchema = (today: string) =>
  z
    .object({
      committee: z
        .string()
        .trim()
        .max(200, "Use como máximo 200 caracteres.")
        .transform((v) => v || DEFAULT_COMMITTEE),
      act: z
        .string()
        .trim()
        .min(1, "Escriba el número del acta del comité.")
        .max(60, "Use como máximo 60 caracteres."),
      approvedOn: z.string().trim(),
    })
    .superRefine((v, ctx) => {
      const problem = approvalDateProblem(v.approvedOn, today);
      if (problem) ctx.addIssue({ code: "custom", path: ["approvedOn"], message: problem });
    });
export type ApproveInput = z.output<ReturnType<typeof approveSchema>>;

export const newVersionSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(MIN_REASON_LENGTH, `Explique el motivo del cambio (al menos ${MIN_REASON_LENGTH} caracteres).`)
    .max(1000, "Use como máximo 1.000 caracteres."),
});

/** A whole number typed in a form, or undefined when the field was not sent (the setting stays as it is). */
const wholeField = (message: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .pipe(
      z
        .string()
        .regex(/^\d{1,3}$/, message)
        .transform(Number)
        .refine((n) => n >= min && n <= max, message)
        .optional(),
    );

const DAYS_MESSAGE = "Escriba un número entero de días entre 0 y 60.";
const ZONE_MESSAGE = "Escriba un número entero entre 0 y 100.";

/** «04-30, 08-31, 12-31» (commas, semicolons or spaces; «4-30» is read as 04-30), in calendar order. */
export function parseCuts(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((cut) => cut.replace(/^(\d)(?=-)/, "0$1").replace(/-(\d)$/, "-0$1"))
    .sort();
}

export const planTypeSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(3, "Escriba el nombre del tipo de plan.")
      .max(200, "Use como máximo 200 caracteres."),
    description: z
      .string()
      .trim()
      .max(1000, "Use como máximo 1.000 caracteres.")
      .transform((v) => v || null),
    level1: z
      .string()
      .trim()
      .min(2, "Escriba el nombre del primer nivel.")
      .max(60, "Use como máximo 60 caracteres."),
    level2: z
      .string()
      .trim()
      .min(2, "Escriba el nombre del segundo nivel.")
      .max(60, "Use como máximo 60 caracteres."),
    level3: z
      .string()
      .trim()
      .min(2, "Escriba el nombre del tercer nivel.")
      .max(60, "Use como máximo 60 caracteres."),
    // The follow-up and monitoring settings: a form that does not send one leaves it unchanged.
    cuts: z.string().max(200, "Use como máximo 200 caracteres.").transform(parseCuts).optional(),
    zoneLowMax: wholeField(ZONE_MESSAGE, 0, 100),
    zoneMidMax: wholeField(ZONE_MESSAGE, 0, 100),
    reminderDaysBefore: wholeField(DAYS_MESSAGE, 0, 60),
    reminderDaysAfter: wholeField(DAYS_MESSAGE, 0, 60),
  })
  .superRefine((v, ctx) => {
    if (v.cuts !== undefined) {
      const problem = calendarProblem(v.cuts);
      if (problem) ctx.addIssue({ code: "custom", path: ["cuts"], message: problem });
    }
    if (v.zoneLowMax !== undefined && v.zoneMidMax !== undefined) {
      const problem = zonesProblem({ lowMax: v.zoneLowMax, midMax: v.zoneMidMax });
      if (problem) ctx.addIssue({ code: "custom", path: ["zoneMidMax"], message: problem });
    } else if ((v.zoneLowMax === undefined) !== (v.zoneMidMax === undefined))
      ctx.addIssue({
        code: "custom",
        path: [v.zoneLowMax === undefined ? "zoneLowMax" : "zoneMidMax"],
        message: ZONE_MESSAGE,
      });
  });
export type PlanTypeInput = z.output<typeof planTypeSchema>;

/** Filters of the list of plans (GET form): anything unreadable is ignored, never an error. */
export const planListQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  type: z.string().trim().max(40).optional().catch(undefined),
});

/** Filters of a plan's tree (GET form). */
export const treeQuerySchema = z.object({
  componente: z.string().regex(UUID).optional().catch(undefined),
  dependencia: z.string().regex(UUID).optional().catch(undefined),
  mes: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
});
