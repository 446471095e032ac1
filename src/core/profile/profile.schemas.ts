import { z } from "zod";
import { BLOOD_TYPES, normalizePhone } from "../people/people.rules.ts";

/** What a person may correct of their own data; the document number is never among it. */
export function profileSchema(emailDomain: string) {
  return z.object({
    firstNames: z.string().trim().min(1, "Escriba sus nombres.").max(80, "Use como máximo 80 caracteres."),
    lastNames: z.string().trim().min(1, "Escriba sus apellidos.").max(80, "Use como máximo 80 caracteres."),
    position: z
      .string()
      .trim()
      .min(3, "Escriba su cargo o el objeto de su contrato.")
      .max(300, "Use como máximo 300 caracteres."),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .refine(
        (v) => z.email().safeParse(v).success && v.endsWith(`@${emailDomain}`),
        `Escriba su correo institucional, que termina en @${emailDomain}.`,
      ),
    phone: z
      .string()
      .trim()
      .transform((v, ctx) => {
        const phone = normalizePhone(v);
        if (!phone) {
          ctx.addIssue({
            code: "custom",
            message: "Escriba un celular de 10 dígitos (3001234567) o un fijo con indicativo (6027244326).",
          });
          return z.NEVER;
        }
        return phone;
      }),
    bloodType: z.enum(BLOOD_TYPES, { error: "Elija su grupo sanguíneo y RH." }),
  });
}

export type ProfileInput = z.output<ReturnType<typeof profileSchema>>;

export const noticeSchema = z.object({
  read: z.literal("si", { error: "Marque la casilla para confirmar que leyó el aviso." }),
});
