// Spanish names for the audit log (action codes, the fields and words its details mention) and the turning
// of an audit row's JSON details into lines a person can read: «Cargo: Técnico → Profesional».
// The core names its own codes here; each area adds its codes through registerAuditVocabulary
// (audit.service.ts), called from src/areas.ts. audit.labels.test.ts fails when a written code has no name.
import { ROLE_LABELS } from "../../shared/auth/roles.ts";

/**
 * Every action code and its Spanish name. Filled at start-up: the core's codes here, each area's added by
 * registerAuditVocabulary; it never changes while requests are served.
 */
export const ACTION_LABELS: Record<string, string> = {
  "access.denied": "Acceso negado a una página",
  "audit.searched": "Consulta de la auditoría",
  "audit.exported": "Exportación de la auditoría",
  "credential.issued": "Credencial de ingreso emitida",
  "credential.reset_denied": "Restablecimiento de credencial negado",
  "credential.handed_over": "Credencial entregada en persona",
  "credential.emailed": "Credencial enviada por correo",
  "credential.retired": "Credencial anterior retirada (cambio de formato)",
  "demo.loaded": "Datos de demostración cargados",
  "dependencia.created": "Dependencia creada",
  "dependencia.updated": "Dependencia modificada",
  "job.retried": "Tarea fallida reintentada",
  "login.credential_expired": "Ingreso con credencial vencida",
  "login.credential_reused": "Ingreso con credencial ya usada",
  "login.failed": "Ingreso fallido",
  "login.refused_inactive": "Ingreso negado (persona desvinculada)",
  "login.succeeded": "Ingreso",
  "login.throttled": "Ingreso bloqueado por intentos fallidos",
  logout: "Salida",
  "mydata.downloaded": "Descarga de sus propios datos (habeas data)",
  "outbox.viewed": "Consulta de los correos enviados",
  "password.changed": "Clave cambiada",
  "people.listed": "Consulta de la lista de personas",
  "person.created": "Persona registrada",
  "person.data_updated": "Datos de una persona modificados",
  "person.updated": "Datos de una persona modificados por el personal",
  "person.roles_changed": "Roles cambiados",
  "person.view_denied": "Consulta de una persona negada",
  "person.viewed": "Consulta de los datos de una persona",
  "privacy.accepted": "Aviso de privacidad aceptado",
};

/** The Spanish name of an action; a code without one (written by a newer version) is shown as is. */
export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

/** The actions for the filter, sorted by their Spanish name. */
export const actionOptions = () =>
  Object.entries(ACTION_LABELS)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, "es"));

export const FIELD_LABELS: Record<string, string> = {
  firstNames: "Nombres",
  lastNames: "Apellidos",
  documentType: "Tipo de documento",
  documentNumber: "Documento",
  document: "Documento",
  position: "Cargo u objeto",
  email: "Correo",
  phone: "Teléfono",
  bloodType: "Grupo sanguíneo",
  vinculacion: "Vinculación",
  contractNumber: "Contrato",
  contractStart: "Inicio del contrato",
  contractEnd: "Fin del contrato",
  dependenciaId: "Dependencia",
  parentId: "Dependencia superior",
  status: "Situación",
  roles: "Roles",
  name: "Nombre",
  acronym: "Sigla",
  active: "Activa",
  from: "Estado anterior",
  to: "Estado nuevo",
  state: "Estado",
  reason: "Motivo",
  note: "Nota",
  method: "Forma de ingreso",
  route: "Página",
  path: "Dirección",
  page: "Página de resultados",
  rows: "Filas",
  problems: "Filas con problemas",
  kind: "Tipo",
  label: "Motivo",
  version: "Versión",
  expiresAt: "Vence",
  action: "Acción buscada",
  personId: "Persona",
  query: "Búsqueda",
  source: "Origen",
  filter: "Filtro",
  since: "Desde",
  line: "fila",
  images: "Imágenes incluidas",
  until: "Hasta",
};

/** Words that appear as values (reasons, methods, states) and read better in Spanish. */
export const VALUE_LABELS: Record<string, string> = {
  ...ROLE_LABELS,
  password: "clave",
  initial_credential: "credencial inicial",
  link: "enlace de un solo uso",
  wrong_password: "clave equivocada",
  unknown_document: "documento desconocido",
  hash_upgrade: "cambio al nuevo formato de credencial",
  planta: "Planta",
  ops: "Contratista (OPS)",
  activo: "Activo",
  desvinculado: "Desvinculado",
};

/** Names for ids found in details (people, dependencias), gathered by the service. */
export type NameLookup = (id: string) => string | undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

const fieldLabel = (key: string) => FIELD_LABELS[key] ?? key;

/** One value as text: ids by name, known words in Spanish, lists joined, nothing as «(vacío)». */
export function describeValue(value: unknown, names: NameLookup, formatInstant: (d: Date) => string): string {
  if (value === null || value === undefined || value === "") return "(vacío)";
  if (typeof value === "boolean") return value ? "sí" : "no";
  if (typeof value === "number") return new Intl.NumberFormat("es-CO").format(value);
  if (typeof value === "string") {
    if (isUuid(value)) return names(value) ?? `registro ${value.slice(0, 8)}`;
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatInstant(new Date(value));
    return VALUE_LABELS[value] ?? value;
  }
  if (Array.isArray(value))
    return value.length === 0
      ? "(ninguno)"
      : value.map((v) => describeValue(v, names, formatInstant)).join(", ");
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${fieldLabel(k)} ${describeValue(v, names, formatInstant)}`)
      .join(", ");
  return String(value);
}

const isChange = (value: unknown): value is { before: unknown; after: unknown } =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  "before" in value &&
  "after" in value;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Readable lines: «campo: antes → después» for changes, «campo: valor» for the rest. */
export function describeDetails(
  details: Record<string, unknown>,
  names: NameLookup,
  formatInstant: (d: Date) => string,
): string[] {
  const text = (v: unknown) => describeValue(v, names, formatInstant);
  const lines: string[] = [];
  const { before, after, from, to, ...rest } = details;
  // A state change: «Estado: Solicitado → Listo para imprimir».
  if (to !== undefined) lines.push(`Estado: ${from ? text(from) : "(nuevo)"} → ${text(to)}`);
  // A whole record before and after (a dependencia, a person's roles): one line per field that changed.
  if (before !== undefined || after !== undefined) {
    if (isRecord(before) && isRecord(after)) {
      for (const key of new Set([...Object.keys(before), ...Object.keys(after)]))
        if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
          lines.push(`${fieldLabel(key)}: ${text(before[key])} → ${text(after[key])}`);
    } else lines.push(`${fieldLabel("roles")}: ${text(before)} → ${text(after)}`);
  }
  for (const [key, value] of Object.entries(rest)) {
    if (isChange(value)) lines.push(`${fieldLabel(key)}: ${text(value.before)} → ${text(value.after)}`);
    else lines.push(`${fieldLabel(key)}: ${text(value)}`);
  }
  return lines;
}

/** Every id mentioned in details (top level, changes and lists), to look their names up at once. */
export function idsInDetails(details: Record<string, unknown>, into: Set<string>): void {
  const visit = (value: unknown, depth: number) => {
    if (isUuid(value)) into.add(value);
    else if (depth < 3 && Array.isArray(value)) for (const v of value) visit(v, depth + 1);
    else if (depth < 3 && isRecord(value)) for (const v of Object.values(value)) visit(v, depth + 1);
  };
  visit(details, 0);
}
