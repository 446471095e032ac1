// Pure rules about people: document numbers and who may see whom.
import { type CurrentUser, isSsiStaff } from "../../shared/auth/roles.ts";

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
