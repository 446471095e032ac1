// The forms of communication requests. Messages say what to type, in plain Spanish. The audience is a union
// checked after the fields: «todos», a filter (dependencias and/or planta/contratistas), one person, or a
// pasted/uploaded list (read and checked by the service, requests.lists.ts).
import { z } from "zod";
import { checkTemplate } from "../messages/messages.rules.ts";
import { CLASSIFICATIONS } from "./requests.rules.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (min: number, max: number, empty: string) =>
  z
    .string({ error: empty })
    .trim()
    .min(min, empty)
    .max(max, `Use como máximo ${max.toLocaleString("es-CO")} caracteres.`);

const template = (min: number, max: number, empty: string) =>
  text(min, max, empty).superRefine((value, ctx) => {
    const problem = checkTemplate(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const FORM_AUDIENCES = ["todos", "filtro", "persona", "lista"] as const;

export const requestSchema = z
  .object({
    purpose: text(5, 1000, "Escriba para qué es la comunicación."),
    classification: z.enum(CLASSIFICATIONS, { error: "Elija la clase de comunicación." }),
    audienceKind: z.enum(FORM_AUDIENCES, { error: "Elija a quién va dirigida." }),
    /** Comma-joined ids of the checked dependencias (the routes join the repeated field). */
    dependencias: z
      .string()
      .optional()
      .transform((raw) => (raw ?? "").split(",").filter((id) => UUID.test(id))),
    includeChildren: z
      .string()
      .optional()
      .transform((raw) => raw === "si"),
    vinculacion: z.enum(["", "planta", "ops"], { error: "Elija planta, contratistas o todos." }).optional(),
    personDocument: z
      .string()
      .optional()
      .transform((raw) => (raw ?? "").replace(/[.\s]/g, "")),
    /** The pasted list (one address per line); an uploaded file takes its place. */
    listText: z
      .string()
      .max(2_000_000, "La lista pegada es demasiado larga: cárguela como archivo CSV o Excel.")
      .optional()
      .transform((raw) => raw ?? ""),
    desiredDate: z.string({ error: "Escriba la fecha deseada." }).regex(/^\d{4}-\d{2}-\d{2}$/, {
      message: "Escriba la fecha deseada como aaaa-mm-dd, por ejemplo 2026-03-15.",
    }),
    desiredTime: z.string({ error: "Escriba la hora deseada." }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
      message: "Escriba la hora deseada como hh:mm, de 00:00 a 23:59, por ejemplo 09:30.",
    }),
    subject: template(3, 200, "Escriba el asunto del mensaje.").refine((value) => !/[\r\n]/.test(value), {
      message: "El asunto va en una sola línea.",
    }),
    body: template(10, 20_000, "Escriba el texto del mensaje."),
    rowVersion: z.coerce.number().int().min(1).optional(),
  })
  .superRefine((form, ctx) => {
    if (form.audienceKind === "persona" && form.personDocument === "")
      ctx.addIssue({
        code: "custom",
        path: ["personDocument"],
        message: "Escriba el número de documento de la persona que recibe el mensaje.",
      });
    if (form.audienceKind === "filtro" && form.dependencias.length === 0 && !form.vinculacion)
      ctx.addIssue({
        code: "custom",
        path: ["dependencias"],
        message: "Elija al menos una dependencia, o planta o contratistas.",
      });
    if (form.classification === "sensible" && form.audienceKind !== "persona")
      ctx.addIssue({
        code: "custom",
        path: ["audienceKind"],
        message:
          "Un aviso de interés particular va a una sola persona: elija a la persona, no una lista ni una dependencia.",
      });
  });

export type RequestForm = z.output<typeof requestSchema>;

/** Returning or rejecting says why. */
export const commentSchema = z.object({
  comment: text(5, 4000, "Escriba el motivo, para que quien pidió la comunicación sepa qué hacer."),
  rowVersion: z.coerce.number().int().min(1).optional(),
});

export const versionSchema = z.object({ rowVersion: z.coerce.number().int().min(1).optional() });

/** A comment at any step, with files: «mensaje» ones travel with the message (a content edit). */
export const stepCommentSchema = z.object({
  comment: z
    .string()
    .trim()
    .max(4000, "Use como máximo 4.000 caracteres.")
    .optional()
    .transform((raw) => raw ?? ""),
  purpose: z
    .enum(["mensaje", "soporte"], { error: "Elija si los archivos van con el mensaje o son soporte." })
    .optional()
    .transform((raw) => raw ?? "soporte"),
});
export type StepCommentForm = z.output<typeof stepCommentSchema>;
