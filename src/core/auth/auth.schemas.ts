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

// Any origin would do: only "same origin as this base" matters, not which one it is.
const NEXT_BASE = new URL("http://sipap.invalid/");

/**
 * Where to go after login: only a path on our own site, as the browser would resolve it (an open redirect
 * would let a phishing link borrow the entity's domain). Browsers drop tabs and new lines and read "\" as
 * "/", so "/\t/evil.example" means "//evil.example"; the URL parser does the same, and the normalised
 * path (control characters and non-ASCII percent-encoded, safe in a Location header) is what we send.
 * Anything else goes home.
 */
export function safeNextPath(value: string | undefined): string {
  if (!value?.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(value, NEXT_BASE);
  } catch {
    return "/";
  }
  if (url.origin !== NEXT_BASE.origin || url.username || url.password) return "/";
  // "/.//evil" normalises to the path "//evil", which a browser would read as another host.
  if (url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}`;
}

/** The data of the job that issues a list's credentials (read back from the queue, so checked again). */
export const issueListCredentialsSchema = z.object({
  submissionId: z.string().uuid().nullable(),
  actorId: z.string().uuid().nullable(),
  personIds: z.array(z.string().uuid()).max(10_000),
});
