// The roles of docs/DOMAIN.md. A person may hold several; every permission is checked on the server.
export const ROLES = [
  "servidor",
  "enlace",
  "operador_ssi",
  "comunicaciones",
  "planeacion",
  "control_interno",
  "responsable_plan",
  "jefe_dependencia",
  "despacho",
  "talento_humano",
  "administrador",
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  servidor: "Servidor o contratista",
  enlace: "Enlace de dependencia",
  operador_ssi: "Operador SSI",
  comunicaciones: "Comunicaciones (OCS)",
  planeacion: "Planeación (OPGI)",
  control_interno: "Control interno (OCI)",
  responsable_plan: "Responsable de plan",
  jefe_dependencia: "Jefe de dependencia",
  despacho: "Despacho del Alcalde (aprueba comunicaciones)",
  talento_humano: "Talento Humano (consultas de comunicaciones)",
  administrador: "Administrador",
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Who is making the request, as loaded from the session. */
export interface CurrentUser {
  id: string;
  sessionId: string;
  firstNames: string;
  lastNames: string;
  dependenciaId: string | null;
  roles: Role[];
  mustChangePassword: boolean;
  /** Has not yet acknowledged the data-processing notice (Ley 1581 de 2012). */
  privacyPending: boolean;
}

/** SSI operators and administrators: they manage people and cards of every dependencia. */
export const isSsiStaff = (roles: readonly Role[]) =>
  roles.includes("operador_ssi") || roles.includes("administrador");
