// The GTI-F-020 form and SSI's decisions. Messages say what to type, in plain Spanish.
import { z } from "zod";
import { docNumberField, docTypeField, isoDateField, text } from "../library/library.schemas.ts";
import { TARGETS } from "./publications.rules.ts";

export const pubRequestSchema = z.object({
  docType: docTypeField,
  docNumber: docNumberField,
  docDate: isoDateField("Escriba la fecha del documento."),
  issuingOffice: text(3, 200, "Escriba la dependencia que expide el documento."),
  title: text(3, 300, "Escriba el título del documento."),
  summary: text(10, 2000, "Escriba un resumen: de qué trata y a quién le sirve."),
  target: z.enum(TARGETS, { error: "Elija dónde se publica." }),
  section: text(3, 120, "Escriba la sección donde debe quedar, por ejemplo «Circulares 2026»."),
  internalDistribution: z
    .string()
    .optional()
    .transform((value) => value === "si"),
});
export type PubRequestForm = z.output<typeof pubRequestSchema>;

export const decisionSchema = z.object({
  rowVersion: z.coerce.number().int().min(1).optional(),
});

export const returnSchema = decisionSchema.extend({
  comment: text(5, 2000, "Escriba qué debe corregir la dependencia antes de pedirla de nuevo."),
});
