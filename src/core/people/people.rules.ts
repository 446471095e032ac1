// Pure rules about people: document numbers and who may see whom.
import { type CurrentUser, isSsiStaff, type Role } from "../../shared/auth/roles.ts";

/** "1.085.123.456" or "1085 123 456" → "1085123456"; passports keep their letters, upper-cased. */
export function normalizeDocumentNumber(typed: string): string {
  return typed.toUpperCase().replace(/[\s.\-,]/g, "");
}

export const DOCUMENT_TYPES = {
  CC: "Cédula de ciudadanía",
  CE: "Cédula de extranjería",
  PPT: "Permiso por protección temporal",
  PA: "Pasaporte",
} as const;

export type DocumentType = keyof typeof DOCUMENT_TYPES;

/** Returns a Spanish message when the number does not fit its document type. */
export function checkDocumentNumber(type: DocumentType, number: string): string | undefined {
  if (type === "CC")
    return /^\d{3,10}$/.test(number) ? undefined : "La cédula debe tener entre 3 y 10 dígitos, sin letras.";
  if (type === "PA")
    return /^[A-Z0-9]{5,15}$/.test(number)
      ? undefined
      : "El pasaporte debe tener entre 5 y 15 letras o números.";
  return /^[A-Z0-9]{4,15}$/.test(number) ? undefined : "El número debe tener entre 4 y 15 letras o números.";
}

export const BLOOD_TYPES = ["O+", "O-", "A+", "A-", "B+", "B-", "AB+", "AB-"] as const;

/** Colombian mobile (3xx, 10 digits) or landline with its area code (60x, 10 digits); +57 optional. */
export function normalizePhone(typed: string): string | undefined {
  const digits = typed.replace(/[\s().-]/g, "").replace(/^\+?57(?=\d{10}$)/, "");
  return /^(3\d{9}|60\d{8})$/.test(digits) ? digits : undefined;
}

/** Staff who manage people see everyone; a liaison sees only the people of their own dependencia. */
export function canSeePerson(
  viewer: CurrentUser,
  person: { id: string; dependenciaId: string | null },
): boolean {
  if (viewer.id === person.id) return true;
  if (isSsiStaff(viewer.roles)) return true;
  return (
    viewer.roles.includes("enlace") &&
    viewer.dependenciaId !== null &&
    viewer.dependenciaId === person.dependenciaId
  );
}

/** "CC 1.085.123.456": numeric documents with thousands dots, as printed on Colombian IDs. */
export function formatDocument(type: DocumentType, number: string): string {
  const shown = /^\d+$/.test(number) ? number.replace(/\B(?=(\d{3})+(?!\d))/g, ".") : number;
  return `${type} ${shown}`;
}

/** Roles that give no power over other people's data: an SSI operator manages people who hold only these. */
export const ORDINARY_ROLES: readonly Role[] = ["servidor", "enlace", "responsable_plan", "jefe_dependencia"];

export const holdsOnlyOrdinaryRoles = (roles: readonly Role[]) =>
  roles.every((r) => ORDINARY_ROLES.includes(r));

/**
 * May this staff member change that person's record (data, credential)? An administrator manages anyone;
 * an SSI operator only people who hold no role beyond servidor, enlace, responsable de plan and jefe de
 * dependencia, so an operator never acts on another operator, an administrator or other staff. Returns why not, in Spanish.
 */
export function refuseToManage(
  actorRoles: readonly Role[],
  targetRoles: readonly Role[],
): string | undefined {
  if (actorRoles.includes("administrador")) return undefined;
  if (actorRoles.includes("operador_ssi"))
    return holdsOnlyOrdinaryRoles(targetRoles)
      ? undefined
      : "Esta persona tiene un rol de personal de la entidad: solo un administrador puede cambiar sus datos o su credencial.";
  return "Su cuenta no puede cambiar los datos ni la credencial de otras personas.";
}

/**
 * May this staff member issue a new credential to that person? As refuseToManage, and nobody resets their
 * own through staff pages (they change their password themselves), so an administrator cannot lock in a
 * credential they saw. Returns why not, in Spanish.
 */
export function refuseCredentialReset(
  actor: { id: string; roles: readonly Role[] },
  target: { id: string; roles: readonly Role[] },
): string | undefined {
  if (actor.id === target.id)
    return "No puede generar una credencial para usted mismo. Cambie su contraseña en «Cambiar contraseña».";
  return refuseToManage(actor.roles, target.roles);
}

/** «l•••@pasto.gov.co»: enough for staff to tell the person where to look, not the whole address. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
