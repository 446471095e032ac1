// Password hashing (argon2id) and the password rules of NIST SP 800-63B.
import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real verification, so unknown accounts cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword("sipap-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
}

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

// Words people here reach for; the bundled list is mostly English.
const LOCAL_COMMON = [
  "alcaldia",
  "alcaldiadepasto",
  "pasto",
  "narino",
  "colombia",
  "contrasena",
  "clave",
  "carnet",
  "sipap",
  "bogota",
  "teamo",
  "tequiero",
  "amor",
  "hola",
  "bienvenido",
  "qwertyuiop",
  "asdfghjkl",
];

const commonPasswords = new Set<string>(dictionary["passwords-common"] as string[]);

function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "");
}

function isCommon(password: string): boolean {
  const folded = fold(password);
  if (commonPasswords.has(password.toLowerCase()) || commonPasswords.has(folded)) return true;
  // "Pasto2026!", "colombia123": a common word padded with digits or symbols is still guessable.
  const core = folded.replace(/^[\d\W_]+|[\d\W_]+$/g, "");
  if (core.length === 0) return true;
  return LOCAL_COMMON.includes(core) || (core.length >= 4 && commonPasswords.has(core));
}

export interface PasswordOwner {
  documentNumber: string;
  firstNames: string;
  lastNames: string;
}

/** Returns a Spanish message saying what is wrong, or undefined when the password is acceptable. */
export function checkPasswordRules(password: string, owner: PasswordOwner): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `La contraseña debe tener al menos ${MIN_PASSWORD_LENGTH} caracteres.`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `La contraseña puede tener como máximo ${MAX_PASSWORD_LENGTH} caracteres.`;
  if (/^(.)\1+$/.test(password)) return "La contraseña no puede ser un mismo carácter repetido.";
  const folded = fold(password);
  const digits = password.replace(/\D/g, "");
  if (owner.documentNumber.length >= 4 && digits.includes(owner.documentNumber))
    return "La contraseña no puede contener su número de documento.";
  const names = fold(`${owner.firstNames} ${owner.lastNames}`)
    .split(/\s+/)
    .filter((name) => name.length >= 3);
  if (names.some((name) => folded.includes(name)))
    return "La contraseña no puede contener sus nombres ni sus apellidos.";
  if (isCommon(password))
    return "Esa contraseña es muy común y fácil de adivinar. Use una frase de varias palabras que solo usted conozca.";
  return undefined;
}
