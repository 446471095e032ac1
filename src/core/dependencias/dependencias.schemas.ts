import { z } from "zod";

export const dependenciaSchema = z.object({
  name: z
    .string()
    .trim()
    .min(3, "Escriba el nombre de la dependencia.")
    .max(150, "Use como máximo 150 caracteres."),
  acronym: z
    .string()
    .trim()
    .max(20, "Use como máximo 20 caracteres.")
    .transform((v) => (v === "" ? null : v)),
  parentId: z
    .string()
    .transform((v) => (v === "" ? null : v))
    .pipe(z.string().uuid("Elija una dependencia de la lista.").nullable()),
  sortOrder: z.coerce
    .number({ error: "Escriba un número." })
    .int("Escriba un número entero.")
    .min(0)
    .max(9999)
    .default(0),
  active: z
    .string()
    .optional()
    .transform((v) => v !== "no"),
});

export type DependenciaInput = z.output<typeof dependenciaSchema>;
