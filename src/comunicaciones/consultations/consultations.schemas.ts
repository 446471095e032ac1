// The forms of consultations: OCS's question to an office, and the office's answer with its opinion.
import { z } from "zod";

export const OFFICES = ["talento_humano", "ssi"] as const;
export const OPINIONS = ["favorable", "con_observaciones", "desfavorable"] as const;

export const consultSchema = z.object({
  office: z.enum(OFFICES, { error: "Elija a quién consulta: Talento Humano o la Oficina de Sistemas." }),
  question: z
    .string({ error: "Escriba la pregunta." })
    .trim()
    .min(5, "Escriba la pregunta, para que la oficina sepa qué revisar.")
    .max(4000, "Use como máximo 4.000 caracteres."),
});
export type ConsultForm = z.output<typeof consultSchema>;

export const answerSchema = z.object({
  opinion: z.enum(OPINIONS, { error: "Elija su concepto: favorable, con observaciones o desfavorable." }),
  answer: z
    .string({ error: "Escriba su respuesta." })
    .trim()
    .min(3, "Escriba su respuesta, aunque sea breve.")
    .max(4000, "Use como máximo 4.000 caracteres."),
});
export type AnswerForm = z.output<typeof answerSchema>;
