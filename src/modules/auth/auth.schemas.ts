import { z } from "zod";

export const loginSchema = z.object({
  documentNumber: z
    .string()
    .trim()
    .min(1, "Escriba su número de documento.")
    .max(30, "El número es demasiado largo."),
  password: z
    .string()
    .min(1, "Escriba su contraseña o su credencial inicial.")
    .max(200, "La contraseña es demasiado larga."),
});

export const passwordChangeSchema = z.object({
  current: z.string().max(200).default(""),
  password: z.string().min(1, "Escriba la nueva contraseña.").max(200, "La contraseña es demasiado larga."),
  confirm: z.string().min(1, "Repita la nueva contraseña.").max(200, "La contraseña es demasiado larga."),
});

/** Only local paths: an open redirect would let a phishing link borrow the entity's domain. */
export function safeNextPath(value: string | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  return value;
}
