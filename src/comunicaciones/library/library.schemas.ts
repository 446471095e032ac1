// The library's forms and its list query. Messages say what to type, in plain Spanish.
import { z } from "zod";
import { DOC_TYPES, type DocType, VISIBILITIES } from "./library.rules.ts";

export const text = (min: number, max: number, empty: string) =>
  z
    .string({ error: empty })
    .trim()
    .min(min, empty)
    .max(max, `Use como máximo ${max.toLocaleString("es-CO")} caracteres.`);

export const docTypeField = z.enum(DOC_TYPES as [DocType, ...DocType[]], {
  error: "Elija el tipo de documento.",
});
export const docNumberField = text(1, 30, "Escriba el número del documento, como 004.").regex(
  /^[\p{L}\p{N}][\p{L}\p{N} .\-/]*$/u,
  "Escriba el número con letras, números, guiones o puntos, como 004 o DA-12.",
);
export const isoDateField = (empty: string) =>
  z
    .string({ error: empty })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${empty} Use aaaa-mm-dd, por ejemplo 2026-01-27.` })
    .refine((value) => {
      const noon = new Date(`${value}T12:00:00Z`);
      return !Number.isNaN(noon.getTime()) && noon.toISOString().slice(0, 10) === value;
    }, "Esa fecha no existe: revísela.")
    .refine((value) => Number(value.slice(0, 4)) >= 1900, "Revise el año de la fecha.");

/** The SSI's upload form of /admin/documentos (the file comes apart). */
export const documentSchema = z.object({
  docType: docTypeField,
  number: docNumberField,
  issuedOn: isoDateField("Escriba la fecha del documento."),
  issuingOffice: text(3, 200, "Escriba la dependencia que lo expide."),
  title: text(3, 300, "Escriba el título del documento."),
  subject: text(3, 2000, "Escriba el asunto: de qué trata, en una o dos frases."),
  section: z
    .string()
    .trim()
    .max(120, "Use como máximo 120 caracteres.")
    .optional()
    .transform((value) => value || null),
  visibility: z.enum(VISIBILITIES, { error: "Elija quién puede verlo." }),
});
export type DocumentForm = z.output<typeof documentSchema>;

export const withdrawSchema = z.object({
  reason: text(5, 500, "Escriba por qué se retira el documento: lo verá quien abra su dirección."),
});

/** /documentos?tipo=&anio=&q=&pagina= — anything unreadable is ignored rather than refused. */
export const listQuerySchema = z.object({
  tipo: z
    .enum(DOC_TYPES as [DocType, ...DocType[]])
    .optional()
    .catch(undefined),
  anio: z.coerce.number().int().min(1900).max(2200).optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined),
  pagina: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type ListQuery = z.output<typeof listQuerySchema>;
