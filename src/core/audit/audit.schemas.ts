import { z } from "zod";
import { startOfBogotaDay } from "../../shared/time.ts";

const day = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const date = startOfBogotaDay(v);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "Escriba la fecha como aaaa-mm-dd." });
      return z.NEVER;
    }
    return date;
  });

export const auditQuerySchema = z.object({
  accion: z.string().trim().max(60, "Use como máximo 60 caracteres.").optional(),
  persona: z.string().trim().max(30, "El número es demasiado largo.").optional(),
  desde: day,
  hasta: day,
  pagina: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type AuditQuery = z.output<typeof auditQuerySchema>;
