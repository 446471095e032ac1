// Spanish names for every action code written to the audit log, and for the fields its details mention.
// audit.labels.test.ts reads the source for `action: "…"` and fails when a code here is missing.

import {
  CARD_STATE_LABELS,
  CARD_STATES,
  DISABLE_REASON_LABELS,
} from "../../carnetizacion/cards/cards.rules.ts";
import { PHOTO_STATE_LABELS, PHOTO_STATES } from "../../carnetizacion/photos/photos.rules.ts";
import { ROLE_LABELS } from "../../shared/auth/roles.ts";

const FIXED_LABELS: Record<string, string> = {
  "access.denied": "Acceso negado a una página",
  "audit.searched": "Consulta de la auditoría",
  "audit.exported": "Exportación de la auditoría",
  "batch.created": "Lote de impresión creado",
  "batch.downloaded": "PDF de un lote descargado",
  "campaign.closed": "Campaña cerrada",
  "campaign.list_exported": "Listas de una campaña exportadas",
  "campaign.opened": "Campaña abierta",
  "card.lanyard_delivered": "Cinta entregada",
  "card.lanyard_pending": "Cinta pendiente",
  "card.viewed": "Consulta de un carnet",
  "cards.exported": "Exportación de carnets",
  "cards.listed": "Consulta de la lista de carnets",
  "credential.issued": "Credencial de ingreso emitida",
  "credential.reset_denied": "Restablecimiento de credencial negado",
  "credential.handed_over": "Credencial entregada en persona",
  "credential.emailed": "Credencial enviada por correo",
  "demo.loaded": "Datos de demostración cargados",
  "dependencia.created": "Dependencia creada",
  "dependencia.updated": "Dependencia modificada",
  "design.activated": "Diseño del carnet activado",
  "design.uploaded": "Diseño del carnet cargado",
  "list.applied": "Lista aplicada",
  "list.file_downloaded": "Archivo de una lista descargado",
  "list.previewed": "Lista enviada (vista previa)",
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
  "photo.viewed": "Consulta de una foto",
  "privacy.accepted": "Aviso de privacidad aceptado",
  "rejection_reason.added": "Motivo de rechazo agregado",
  "rejection_reason.activated": "Motivo de rechazo activado",
  "rejection_reason.retired": "Motivo de rechazo retirado",
};

/** Every action code and its Spanish name; card and photo state changes are written as `card.<state>`. */
export const ACTION_LABELS: Readonly<Record<string, string>> = {
  ...FIXED_LABELS,
  ...Object.fromEntries(
    CARD_STATES.map((s) => [`card.${s}`, `Carnet: ${CARD_STATE_LABELS[s].toLowerCase()}`]),
  ),
  ...Object.fromEntries(
    PHOTO_STATES.map((s) => [`photo.${s}`, `Foto: ${PHOTO_STATE_LABELS[s].toLowerCase()}`]),
  ),
};

/** The Spanish name of an action; a code without one (written by a newer version) is shown as is. */
export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

/** The actions for the filter, sorted by their Spanish name. */
export const ACTION_OPTIONS = Object.entries(ACTION_LABELS)
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
  cards: "Carnets",
  kind: "Tipo",
  label: "Motivo",
  version: "Versión",
  expiresAt: "Vence",
  action: "Acción buscada",
  personId: "Persona",
  query: "Búsqueda",
  source: "Origen",
  lanyard: "Cinta",
  filter: "Filtro",
  since: "Desde",
  namesConfirmed: "Nombres confirmados pese a no coincidir",
  line: "fila",
  failed: "Revisiones automáticas no superadas",
  byOperator: "Subida por SSI",
  replaces: "Reemplaza a",
  submissionId: "Lista",
  campaignId: "Campaña",
  desvinculadas: "Personas desvinculadas",
  carnetsInhabilitados: "Carnets inhabilitados",
  solicitudesCanceladas: "Solicitudes canceladas",
  sinCambios: "Filas sin cambios",
  creadas: "Personas registradas",
  actualizadas: "Personas actualizadas",
  solicitudesAbiertas: "Solicitudes de carnet abiertas",
  cintasPendientes: "Cintas pendientes",
  images: "Imágenes incluidas",
  until: "Hasta",
};

/** Words that appear as values (reasons, methods, states) and read better in Spanish. */
export const VALUE_LABELS: Record<string, string> = {
  ...Object.fromEntries(CARD_STATES.map((s) => [s, CARD_STATE_LABELS[s]])),
  ...Object.fromEntries(PHOTO_STATES.map((s) => [s, PHOTO_STATE_LABELS[s]])),
  ...DISABLE_REASON_LABELS,
  ...ROLE_LABELS,
  password: "clave",
  initial_credential: "credencial inicial",
  link: "enlace de un solo uso",
  wrong_password: "clave equivocada",
  unknown_document: "documento desconocido",
  planta: "Planta",
  ops: "Contratista (OPS)",
  activo: "Activo",
  desvinculado: "Desvinculado",
};
