// The demo's few hundred fictitious people and where each one is in the life of their card: pure and
// deterministic (a seeded generator), so every demo install tells the same story.
import {
  BLOOD_TYPE_WEIGHTS,
  DEPENDENCIA_WEIGHTS,
  FEMALE_NAMES,
  MALE_NAMES,
  OPS_OBJECTS,
  PLANTA_POSITIONS,
  SPECIAL_POSITIONS,
  SURNAMES,
} from "./demo.names.ts";

/**
 * Demo document numbers: 10 digits starting with 99999. Colombian cédulas have at most 10 digits and
 * those issued so far are below 1.300.000.000, so 9.999.900.000 and up belongs to nobody. (The demo
 * accounts use 9.000.000.001 to 9.000.000.008, also far beyond any issued number.)
 */
export const DEMO_DOCUMENT_PREFIX = "99999";
// The demo's addresses sit at the entity's real domain (the e-mail rules demand it): the prefix keeps them
// from ever being a real colleague's mailbox if someone runs the demo with SMTP_URL set.
export const DEMO_EMAIL_PREFIX = "demo.";
export const isDemoDocument = (n: string) => /^99999\d{5}$/.test(n);

/** Where a person is in the story; the order of the steps is told in demo.story.ts. */
export type Profile =
  | "entregada"
  | "cinta_pendiente"
  | "cinta_por_lista"
  | "lista_para_entrega"
  | "impresa"
  | "por_recuperar"
  | "devuelta"
  | "perdida"
  | "reemplazo"
  | "vencimiento"
  | "otra"
  | "mal_impreso"
  | "cancelada"
  | "lista_para_imprimir"
  | "en_revision"
  | "con_explicacion"
  | "rechazada"
  | "rechazada_y_nueva"
  | "borrador"
  | "datos_incompletos"
  | "sin_foto";

/** How many people of each profile (sin_foto takes the rest). */
const PROFILE_COUNTS: [Profile, number][] = [
  ["entregada", 6],
  ["cinta_pendiente", 2],
  ["lista_para_entrega", 4],
  ["impresa", 4],
  ["perdida", 1],
  ["vencimiento", 2],
  ["reemplazo", 1],
  ["otra", 1],
  ["mal_impreso", 1],
  ["lista_para_imprimir", 60],
  ["en_revision", 25],
  ["con_explicacion", 3],
  ["rechazada", 6],
  ["rechazada_y_nueva", 4],
  ["borrador", 2],
  ["datos_incompletos", 5],
];

/**
 * Profiles tied to the lists a dependencia sent (people who left, lanyards) go to chosen dependencias, so
 * the demo liaison's Secretaría de Educación has cards to recover and lanyards pending.
 */
export const LISTED_PROFILES: Record<string, Partial<Record<Profile, number>>> = {
  "Secretaría de Educación": { por_recuperar: 2, cancelada: 1, cinta_por_lista: 2 },
  "Secretaría de Hacienda": { por_recuperar: 1, cinta_por_lista: 1 },
  "Secretaría de Salud": { devuelta: 1, cancelada: 1, cinta_por_lista: 1 },
  "Secretaría de Gobierno": { por_recuperar: 1, devuelta: 1, cancelada: 1 },
};

export interface DemoPerson {
  documentType: "CC" | "CE" | "PPT";
  documentNumber: string;
  firstNames: string;
  lastNames: string;
  email: string;
  phone: string;
  bloodType: string | null;
  dependencia: string;
  vinculacion: "planta" | "ops" | null;
  position: string | null;
  contractNumber: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  profile: Profile;
  /** Which good photo look this person gets. */
  look: number;
}

/** mulberry32: a tiny seeded generator, enough for made-up data. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const plain = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");

export interface RosterOptions {
  size: number;
  dependencias: string[];
  emailDomain: string;
  /** "yyyy-mm-dd" (Bogotá) so many days from now (negative: in the past). */
  day: (offsetDays: number) => string;
}

export function buildRoster(options: RosterOptions): DemoPerson[] {
  const random = seededRandom(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const weighted = <T>(items: [T, number][]): T => {
    let r = random() * items.reduce((sum, [, w]) => sum + w, 0);
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[0]?.[0] as T;
  };
  const depWeights = options.dependencias.map((d): [string, number] => [d, DEPENDENCIA_WEIGHTS[d] ?? 5]);

  // Profiles: the listed ones in their dependencias first, then the rest shuffled over everybody.
  const slots: { dependencia?: string; profile: Profile }[] = [];
  for (const [dependencia, counts] of Object.entries(LISTED_PROFILES))
    for (const [profile, n] of Object.entries(counts) as [Profile, number][])
      for (let i = 0; i < n; i++) slots.push({ dependencia, profile });
  for (const [profile, n] of PROFILE_COUNTS) for (let i = 0; i < n; i++) slots.push({ profile });
  for (let i = slots.length; i < options.size; i++) slots.push({ profile: "sin_foto" });
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [slots[i], slots[j]] = [slots[j] as (typeof slots)[number], slots[i] as (typeof slots)[number]];
  }

  const emails = new Set<string>();
  return slots.slice(0, options.size).map((slot, index) => {
    const female = random() < 0.52;
    const firstNames = pick(female ? FEMALE_NAMES : MALE_NAMES);
    const lastNames = `${pick(SURNAMES)} ${pick(SURNAMES)}`;
    let email = `${plain(firstNames.split(" ")[0] ?? "")}.${plain(lastNames.split(" ")[0] ?? "")}`;
    for (let n = 2; emails.has(email); n++) email = `${email.replace(/\d+$/, "")}${n}`;
    emails.add(email);
    // A few people in every dependencia first (each demo account finds colleagues), then by size.
    const dependencia =
      slot.dependencia ??
      (index < options.dependencias.length * 4
        ? (options.dependencias[index % options.dependencias.length] as string)
        : weighted(depWeights));
    const mustBeOps = ["cinta_por_lista", "vencimiento"].includes(slot.profile);
    const vinculacion = mustBeOps || random() < 0.45 ? "ops" : "planta";
    const serial = String(index + 1).padStart(4, "0");
    const incomplete = slot.profile === "datos_incompletos";
    // People whose data is incomplete miss their blood group or their kind of appointment.
    const kind = incomplete && index % 2 === 1 ? null : vinculacion;
    const ops = kind === "ops";
    const contractEnd =
      slot.profile === "vencimiento" ? options.day(-6) : options.day(30 + Math.floor(random() * 300));
    return {
      documentType: index % 97 === 5 ? "CE" : index % 131 === 7 ? "PPT" : "CC",
      documentNumber: `${DEMO_DOCUMENT_PREFIX}${String(index + 1).padStart(5, "0")}`,
      firstNames,
      lastNames,
      email: `${DEMO_EMAIL_PREFIX}${email}@${options.emailDomain}`,
      phone: `3${pick(["00", "01", "02", "10", "12", "13", "14", "15", "16", "17", "18", "20"])}${String(Math.floor(random() * 1e7)).padStart(7, "0")}`,
      bloodType: incomplete && index % 2 === 0 ? null : weighted(BLOOD_TYPE_WEIGHTS),
      dependencia,
      vinculacion: kind,
      position: ops ? pick(OPS_OBJECTS) : (SPECIAL_POSITIONS[dependencia] ?? pick(PLANTA_POSITIONS)),
      contractNumber: ops ? `OPS-${options.day(0).slice(0, 4)}-${serial}` : null,
      contractStart: ops ? options.day(-120 - Math.floor(random() * 150)) : null,
      contractEnd: ops ? contractEnd : null,
      profile: slot.profile,
      look: index,
    } satisfies DemoPerson;
  });
}

/** One of the demo's staff (demo.data.ts) as a person of the roster: planta, data complete. */
export function staffMember(
  staff: { firstNames: string; lastNames: string; dependencia: string; role: string },
  serial: number,
  emailDomain: string,
): DemoPerson {
  const first = plain(staff.firstNames.split(" ")[0] ?? "");
  const last = plain(staff.lastNames.split(" ")[0] ?? "");
  return {
    documentType: "CC",
    documentNumber: `${DEMO_DOCUMENT_PREFIX}${String(serial).padStart(5, "0")}`,
    firstNames: staff.firstNames,
    lastNames: staff.lastNames,
    email: `${DEMO_EMAIL_PREFIX}${first}.${last}@${emailDomain}`,
    phone: `31${String(70_000_000 + serial * 104_729).slice(0, 8)}`,
    bloodType: serial % 3 ? "O+" : "A+",
    dependencia: staff.dependencia,
    vinculacion: "planta",
    position: staff.role === "operador_ssi" ? "Técnico operativo" : "Profesional universitario",
    contractNumber: null,
    contractStart: null,
    contractEnd: null,
    // Their own cards wait in the print queue (demo.story.ts).
    profile: "lista_para_imprimir",
    look: serial,
  };
}
