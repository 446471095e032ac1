import { z } from "zod";
import {
  checkDocumentNumber,
  DOCUMENT_TYPES,
  type DocumentType,
  normalizeDocumentNumber,
} from "./people.rules.ts";

const documentTypes = Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]];

export const newPersonSchema = z
  .object({
    documentType: z.enum(documentTypes, { error: "Elija el tipo de documento." }),
    documentNumber: z
      .string()
      .trim()
      .min(1, "Escriba el número de documento.")
      .transform(normalizeDocumentNumber),
    firstNames: z.string().trim().min(1, "Escriba los nombres.").max(80, "Use como máximo 80 caracteres."),
    lastNames: z.string().trim().min(1, "Escriba los apellidos.").max(80, "Use como máximo 80 caracteres."),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(120)
      .refine(
        (v) => v === "" || z.email().safeParse(v).success,
        "Escriba un correo válido, como nombre@pasto.gov.co.",
      )
      .transform((v) => (v === "" ? null : v)),
    dependenciaId: z.string().uuid("Elija la dependencia."),
  })
  .superRefine((value, ctx) => {
    const problem = checkDocumentNumber(value.documentType, value.documentNumber);
    if (problem) ctx.addIssue({ code: "custom", path: ["documentNumber"], message: problem });
  });

export type NewPersonInput = z.output<typeof newPersonSchema>;

export const peopleQuerySchema = z.object({
  q: z.string().trim().max(80).catch(""),
  dependencia: z.string().uuid().optional().catch(undefined),
  pagina: z.coerce.number().int().min(1).max(10_000).catch(1),
});
