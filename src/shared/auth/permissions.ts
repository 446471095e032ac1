// The one table of "route × role → allowed?". Every route is registered from here (see guard.ts),
// so a route cannot exist without a rule, and the permission-matrix test walks this table.
import type { Role } from "./roles.ts";

export type Access = "public" | "authenticated" | readonly Role[];

export interface RouteRule {
  method: "GET" | "POST";
  path: string;
  access: Access;
  /** Reachable before the person has finished the first-login steps (new password, privacy notice). */
  beforeOnboarding?: boolean;
}

const STAFF_PEOPLE: readonly Role[] = ["operador_ssi", "administrador"];
const ADMIN: readonly Role[] = ["administrador"];
// Lanyards and returns are followed by SSI and by each dependencia's liaison (own dependencia only).
const RETURNS: readonly Role[] = ["operador_ssi", "administrador", "enlace"];
// Planeación (OPGI) creates, imports, approves and publishes plans; control interno and administrators read
// them all; a responsable de plan reads the activities of own dependencia (checked by the service).
const PLANNERS: readonly Role[] = ["planeacion"];
const PLAN_READERS: readonly Role[] = ["planeacion", "control_interno", "administrador"];
// A responsable de plan reports for own dependencia (checked by the service); planeación reads and reviews.
const REPORTERS: readonly Role[] = ["responsable_plan", "planeacion"];
const REPORT_READERS: readonly Role[] = [...PLAN_READERS, "responsable_plan"];
// Control interno (OCI) runs the follow-up of each cut and publishes its report.
const CONTROL: readonly Role[] = ["control_interno"];
// Comunicaciones (Circular 004 de 2021): a dependencia's liaison or head files requests; OCS reviews them;
// OCS or the Despacho approves by class; Talento Humano and SSI are consulted. The service checks dependencia
// and a sensitive notice's readers.
const COMM_REQUESTERS: readonly Role[] = ["enlace", "jefe_dependencia"];
const OCS: readonly Role[] = ["comunicaciones"];
const COMM_APPROVERS: readonly Role[] = ["comunicaciones", "despacho"];
const COMM_CONSULTED: readonly Role[] = ["talento_humano", "operador_ssi"];
const COMM_READERS: readonly Role[] = [...COMM_REQUESTERS, ...COMM_APPROVERS, ...COMM_CONSULTED];
const PUBLIC_PAGE = { access: "public", beforeOnboarding: true } as const;
// Publications (GTI-F-020) and the documents library: SSI publishes; requesters read their dependencia's
// requests (checked by the service).
const PUBLISHERS: readonly Role[] = ["operador_ssi"];
const PUB_READERS: readonly Role[] = [...COMM_REQUESTERS, "operador_ssi"];

export const ROUTES = {
  "home.show": { method: "GET", path: "/", access: "public", beforeOnboarding: true },
  "pages.privacy": { method: "GET", path: "/privacidad", access: "public", beforeOnboarding: true },
  "pages.accessibility": {
    method: "GET",
    path: "/accesibilidad",
    access: "public",
    beforeOnboarding: true,
  },
  "pages.sitemap": { method: "GET", path: "/mapa-del-sitio", access: "public", beforeOnboarding: true },
  "health.check": { method: "GET", path: "/healthz", access: "public", beforeOnboarding: true },
  "auth.loginForm": { method: "GET", path: "/ingresar", access: "public", beforeOnboarding: true },
  "auth.login": { method: "POST", path: "/ingresar", access: "public", beforeOnboarding: true },
  "auth.linkForm": { method: "GET", path: "/activar/:token", access: "public", beforeOnboarding: true },
  "auth.linkLogin": { method: "POST", path: "/activar/:token", access: "public", beforeOnboarding: true },
  "auth.logout": { method: "POST", path: "/salir", access: "authenticated", beforeOnboarding: true },
  "auth.passwordForm": {
    method: "GET",
    path: "/cambiar-clave",
    access: "authenticated",
    beforeOnboarding: true,
  },
  "auth.changePassword": {
    method: "POST",
    path: "/cambiar-clave",
    access: "authenticated",
    beforeOnboarding: true,
  },
  "profile.notice": {
    method: "GET",
    path: "/aviso-de-privacidad",
    access: "authenticated",
    beforeOnboarding: true,
  },
  "profile.acceptNotice": {
    method: "POST",
    path: "/aviso-de-privacidad",
    access: "authenticated",
    beforeOnboarding: true,
  },
  "profile.data": { method: "GET", path: "/mis-datos", access: "authenticated" },
  "profile.updateData": { method: "POST", path: "/mis-datos", access: "authenticated" },
  "mydata.download": { method: "GET", path: "/mis-datos/descarga", access: "authenticated" },
  "photo.page": { method: "GET", path: "/mi-foto", access: "authenticated" },
  "photo.upload": { method: "POST", path: "/mi-foto", access: "authenticated" },
  "photo.check": { method: "POST", path: "/mi-foto/revisar", access: "authenticated" },
  "photo.submit": { method: "POST", path: "/mi-foto/enviar", access: "authenticated" },
  "photo.portrait": { method: "GET", path: "/mi-foto/retrato", access: "authenticated" },
  "card.page": { method: "GET", path: "/mi-carnet", access: "authenticated" },
  "people.photo": { method: "GET", path: "/admin/personas/:id/foto", access: STAFF_PEOPLE },
  "people.list": { method: "GET", path: "/admin/personas", access: STAFF_PEOPLE },
  "people.new": { method: "GET", path: "/admin/personas/nueva", access: STAFF_PEOPLE },
  "people.create": { method: "POST", path: "/admin/personas", access: STAFF_PEOPLE },
  "people.show": { method: "GET", path: "/admin/personas/:id", access: STAFF_PEOPLE },
  "people.setRoles": { method: "POST", path: "/admin/personas/:id/roles", access: ADMIN },
  "people.resetCredential": { method: "POST", path: "/admin/personas/:id/credencial", access: STAFF_PEOPLE },
  "people.edit": { method: "GET", path: "/admin/personas/:id/editar", access: STAFF_PEOPLE },
  "people.update": { method: "POST", path: "/admin/personas/:id/editar", access: STAFF_PEOPLE },
  "liaison.people": { method: "GET", path: "/dependencia/personas", access: ["enlace"] },
  "liaison.person": { method: "GET", path: "/dependencia/personas/:id", access: ["enlace"] },
  "dependencias.list": { method: "GET", path: "/admin/dependencias", access: ADMIN },
  "dependencias.create": { method: "POST", path: "/admin/dependencias", access: ADMIN },
  "dependencias.edit": { method: "GET", path: "/admin/dependencias/:id", access: ADMIN },
  "dependencias.update": { method: "POST", path: "/admin/dependencias/:id", access: ADMIN },
  "people.uploadPhoto": { method: "POST", path: "/admin/personas/:id/foto", access: STAFF_PEOPLE },
  "review.queue": { method: "GET", path: "/ssi/fotos", access: STAFF_PEOPLE },
  "review.next": { method: "GET", path: "/ssi/fotos/siguiente", access: STAFF_PEOPLE },
  "review.show": { method: "GET", path: "/ssi/fotos/:id", access: STAFF_PEOPLE },
  "review.portrait": { method: "GET", path: "/ssi/fotos/:id/retrato", access: STAFF_PEOPLE },
  "review.original": { method: "GET", path: "/ssi/fotos/:id/original", access: STAFF_PEOPLE },
  "review.approve": { method: "POST", path: "/ssi/fotos/:id/aprobar", access: STAFF_PEOPLE },
  "review.reject": { method: "POST", path: "/ssi/fotos/:id/rechazar", access: STAFF_PEOPLE },
  "reasons.list": { method: "GET", path: "/admin/motivos-rechazo", access: ADMIN },
  "reasons.create": { method: "POST", path: "/admin/motivos-rechazo", access: ADMIN },
  "reasons.toggle": { method: "POST", path: "/admin/motivos-rechazo/:id", access: ADMIN },
  "reports.dashboard": { method: "GET", path: "/ssi", access: STAFF_PEOPLE },
  "reports.cards": { method: "GET", path: "/ssi/carnets", access: STAFF_PEOPLE },
  "reports.cardsXlsx": { method: "GET", path: "/ssi/carnets.xlsx", access: STAFF_PEOPLE },
  "reports.lanyards": { method: "GET", path: "/ssi/cintas-pendientes", access: RETURNS },
  "reports.lanyardsXlsx": { method: "GET", path: "/ssi/cintas-pendientes.xlsx", access: RETURNS },
  "reports.toRecover": { method: "GET", path: "/ssi/carnets-por-recuperar", access: RETURNS },
  "reports.toRecoverXlsx": { method: "GET", path: "/ssi/carnets-por-recuperar.xlsx", access: RETURNS },
  "cards.show": { method: "GET", path: "/ssi/carnets/:id", access: STAFF_PEOPLE },
  "cards.readyForPickup": { method: "POST", path: "/ssi/carnets/:id/listo", access: STAFF_PEOPLE },
  "cards.deliver": { method: "POST", path: "/ssi/carnets/:id/entregar", access: STAFF_PEOPLE },
  "cards.lanyard": { method: "POST", path: "/ssi/carnets/:id/cinta", access: STAFF_PEOPLE },
  "cards.confirmDisable": { method: "GET", path: "/ssi/carnets/:id/inhabilitar", access: STAFF_PEOPLE },
  "cards.disable": { method: "POST", path: "/ssi/carnets/:id/inhabilitar", access: STAFF_PEOPLE },
  "cards.return": { method: "POST", path: "/ssi/carnets/:id/devolver", access: STAFF_PEOPLE },
  "cards.reprint": { method: "POST", path: "/ssi/carnets/:id/reimprimir", access: STAFF_PEOPLE },
  "cards.requestNew": { method: "POST", path: "/ssi/carnets/:id/nuevo", access: STAFF_PEOPLE },
  "cards.misprint": { method: "POST", path: "/ssi/carnets/:id/mal-impreso", access: STAFF_PEOPLE },
  "batches.list": { method: "GET", path: "/ssi/lotes", access: STAFF_PEOPLE },
  "batches.create": { method: "POST", path: "/ssi/lotes", access: STAFF_PEOPLE },
  "batches.show": { method: "GET", path: "/ssi/lotes/:id", access: STAFF_PEOPLE },
  "batches.pdf": { method: "GET", path: "/ssi/lotes/:id/pdf", access: STAFF_PEOPLE },
  "batches.retry": { method: "POST", path: "/ssi/lotes/:id/generar", access: STAFF_PEOPLE },
  "batches.readyAll": { method: "POST", path: "/ssi/lotes/:id/listos", access: STAFF_PEOPLE },
  "designs.show": { method: "GET", path: "/admin/diseno-carnet", access: ADMIN },
  "designs.upload": { method: "POST", path: "/admin/diseno-carnet", access: ADMIN },
  "designs.preview": { method: "GET", path: "/admin/diseno-carnet/:id/:face", access: ADMIN },
  "designs.activate": { method: "POST", path: "/admin/diseno-carnet/:id/activar", access: ADMIN },
  "verify.form": { method: "GET", path: "/verificar", access: "public", beforeOnboarding: true },
  "verify.show": { method: "GET", path: "/verificar/:code", access: "public", beforeOnboarding: true },
  "verify.qr": { method: "GET", path: "/VERIFICAR/:code", access: "public", beforeOnboarding: true },
  "verify.photo": { method: "GET", path: "/verificar/:code/foto", access: "public", beforeOnboarding: true },
  "verify.keys": {
    method: "GET",
    path: "/.well-known/sipap-carnet-keys.json",
    access: "public",
    beforeOnboarding: true,
  },
  "lists.home": { method: "GET", path: "/dependencia/listas", access: ["enlace"] },
  "lists.template": {
    method: "GET",
    path: "/dependencia/plantillas/:kind",
    access: ["enlace", ...STAFF_PEOPLE],
  },
  "lists.form": { method: "GET", path: "/dependencia/listas/:campaign/:kind", access: ["enlace"] },
  "lists.submit": { method: "POST", path: "/dependencia/listas/:campaign/:kind", access: ["enlace"] },
  "lists.preview": { method: "GET", path: "/dependencia/envios/:id", access: ["enlace", ...STAFF_PEOPLE] },
  "lists.apply": { method: "POST", path: "/dependencia/envios/:id/aplicar", access: ["enlace"] },
  "campaigns.list": { method: "GET", path: "/ssi/campanas", access: STAFF_PEOPLE },
  "campaigns.create": { method: "POST", path: "/ssi/campanas", access: STAFF_PEOPLE },
  "campaigns.show": { method: "GET", path: "/ssi/campanas/:id", access: STAFF_PEOPLE },
  "campaigns.close": { method: "POST", path: "/ssi/campanas/:id/cerrar", access: STAFF_PEOPLE },
  "campaigns.export": { method: "GET", path: "/ssi/campanas/:id/listas/:kind", access: STAFF_PEOPLE },
  "campaigns.file": { method: "GET", path: "/ssi/envios/:id/archivo", access: STAFF_PEOPLE },
  "plans.list": { method: "GET", path: "/planes", access: PLAN_READERS },
  "plans.create": { method: "POST", path: "/planes", access: PLANNERS },
  "plans.mine": { method: "GET", path: "/mis-actividades", access: ["responsable_plan"] },
  "plans.show": { method: "GET", path: "/planes/:id", access: PLAN_READERS },
  "plans.timeline": { method: "GET", path: "/planes/:id/cronograma", access: PLAN_READERS },
  "plans.item": {
    method: "GET",
    path: "/planes/:id/actividades/:itemId",
    access: [...PLAN_READERS, "responsable_plan"],
  },
  "plans.approve": { method: "POST", path: "/planes/:id/aprobar", access: PLANNERS },
  "plans.publish": { method: "POST", path: "/planes/:id/publicar", access: PLANNERS },
  "plans.newVersion": { method: "POST", path: "/planes/:id/nueva-version", access: PLANNERS },
  "plans.close": { method: "POST", path: "/planes/:id/cerrar", access: PLANNERS },
  "plans.types": { method: "GET", path: "/admin/tipos-de-plan", access: ADMIN },
  "plans.updateType": { method: "POST", path: "/admin/tipos-de-plan/:key", access: ADMIN },
  "imports.form": { method: "GET", path: "/planes/:id/importar", access: PLANNERS },
  "imports.upload": { method: "POST", path: "/planes/:id/importar", access: PLANNERS },
  "imports.preview": { method: "GET", path: "/planes/:id/importaciones/:importId", access: PLANNERS },
  "imports.map": {
    method: "POST",
    path: "/planes/:id/importaciones/:importId/responsables",
    access: PLANNERS,
  },
  "imports.apply": { method: "POST", path: "/planes/:id/importaciones/:importId/aplicar", access: PLANNERS },
  "imports.discard": {
    method: "POST",
    path: "/planes/:id/importaciones/:importId/descartar",
    access: PLANNERS,
  },
  "responsables.list": { method: "GET", path: "/responsables-de-planes", access: PLANNERS },
  "responsables.delete": { method: "POST", path: "/responsables-de-planes/:id/eliminar", access: PLANNERS },
  "reports.review": { method: "GET", path: "/planes/:id/reportes", access: PLANNERS },
  "reports.start": {
    method: "POST",
    path: "/planes/:id/actividades/:itemId/reportes",
    access: ["responsable_plan"],
  },
  "reports.show": { method: "GET", path: "/reportes/:reportId", access: REPORT_READERS },
  "reports.save": { method: "POST", path: "/reportes/:reportId", access: ["responsable_plan"] },
  "reports.submit": { method: "POST", path: "/reportes/:reportId/enviar", access: ["responsable_plan"] },
  "reports.removeEvidence": {
    method: "POST",
    path: "/reportes/:reportId/evidencias/:evidenceId/eliminar",
    access: ["responsable_plan"],
  },
  "reports.validate": { method: "POST", path: "/reportes/:reportId/validar", access: PLANNERS },
  "reports.return": { method: "POST", path: "/reportes/:reportId/devolver", access: PLANNERS },
  "evidence.download": { method: "GET", path: "/evidencias/:evidenceId", access: REPORT_READERS },
  "evidence.makePublic": { method: "POST", path: "/evidencias/:evidenceId/publica", access: CONTROL },
  "monitoring.dashboard": { method: "GET", path: "/planes/:id/monitoreo", access: PLAN_READERS },
  "monitoring.export": { method: "GET", path: "/planes/:id/monitoreo.xlsx", access: PLAN_READERS },
  "followups.list": { method: "GET", path: "/planes/:id/seguimientos", access: PLAN_READERS },
  "followups.open": { method: "POST", path: "/planes/:id/seguimientos", access: CONTROL },
  "followups.show": { method: "GET", path: "/seguimientos/:followupId", access: PLAN_READERS },
  "followups.verify": {
    method: "POST",
    path: "/seguimientos/:followupId/actividades/:itemId",
    access: CONTROL,
  },
  "followups.verifyAsReported": {
    method: "POST",
    path: "/seguimientos/:followupId/componentes/:componentId/como-reportado",
    access: CONTROL,
  },
  "followups.close": { method: "POST", path: "/seguimientos/:followupId/cerrar", access: CONTROL },
  "followups.publish": { method: "POST", path: "/seguimientos/:followupId/publicar", access: CONTROL },
  "followups.xlsx": { method: "GET", path: "/seguimientos/:followupId/informe.xlsx", access: PLAN_READERS },
  "followups.pdf": { method: "GET", path: "/seguimientos/:followupId/informe.pdf", access: PLAN_READERS },
  "indicators.list": { method: "GET", path: "/indicadores", access: REPORT_READERS },
  "indicators.create": { method: "POST", path: "/indicadores", access: PLANNERS },
  "indicators.show": { method: "GET", path: "/indicadores/:id", access: REPORT_READERS },
  "indicators.update": { method: "POST", path: "/indicadores/:id", access: PLANNERS },
  "indicators.measure": { method: "POST", path: "/indicadores/:id/mediciones", access: REPORTERS },
  "transparency.home": { method: "GET", path: "/transparencia", ...PUBLIC_PAGE },
  "transparency.plans": { method: "GET", path: "/transparencia/planes", ...PUBLIC_PAGE },
  "transparency.openData": { method: "GET", path: "/transparencia/datos-abiertos", ...PUBLIC_PAGE },
  "transparency.plan": { method: "GET", path: "/transparencia/planes/:slug", ...PUBLIC_PAGE },
  "transparency.version": {
    method: "GET",
    path: "/transparencia/planes/:slug/version/:number",
    ...PUBLIC_PAGE,
  },
  "transparency.xlsx": { method: "GET", path: "/transparencia/planes/:slug/plan.xlsx", ...PUBLIC_PAGE },
  "transparency.pdf": { method: "GET", path: "/transparencia/planes/:slug/plan.pdf", ...PUBLIC_PAGE },
  "transparency.csv": { method: "GET", path: "/transparencia/planes/:slug/datos.csv", ...PUBLIC_PAGE },
  "transparency.json": { method: "GET", path: "/transparencia/planes/:slug/datos.json", ...PUBLIC_PAGE },
  "transparency.followup": {
    method: "GET",
    path: "/transparencia/planes/:slug/seguimientos/:cut",
    ...PUBLIC_PAGE,
  },
  "transparency.followupXlsx": {
    method: "GET",
    path: "/transparencia/planes/:slug/seguimientos/:cut/informe.xlsx",
    ...PUBLIC_PAGE,
  },
  "transparency.followupPdf": {
    method: "GET",
    path: "/transparencia/planes/:slug/seguimientos/:cut/informe.pdf",
    ...PUBLIC_PAGE,
  },
  "transparency.evidence": { method: "GET", path: "/transparencia/evidencias/:evidenceId", ...PUBLIC_PAGE },
  "pubs.mine": { method: "GET", path: "/publicaciones/solicitudes", access: COMM_REQUESTERS },
  "pubs.new": { method: "GET", path: "/publicaciones/solicitudes/nueva", access: COMM_REQUESTERS },
  "pubs.create": { method: "POST", path: "/publicaciones/solicitudes", access: COMM_REQUESTERS },
  "pubs.show": { method: "GET", path: "/publicaciones/solicitudes/:id", access: PUB_READERS },
  "pubs.file": { method: "GET", path: "/publicaciones/solicitudes/:id/archivo", access: PUB_READERS },
  "pubs.queue": { method: "GET", path: "/publicaciones/bandeja", access: PUBLISHERS },
  "pubs.publish": { method: "POST", path: "/publicaciones/solicitudes/:id/publicar", access: PUBLISHERS },
  "pubs.return": { method: "POST", path: "/publicaciones/solicitudes/:id/devolver", access: PUBLISHERS },
  "library.list": { method: "GET", path: "/documentos", ...PUBLIC_PAGE },
  "library.show": { method: "GET", path: "/documentos/:slug", ...PUBLIC_PAGE },
  "library.file": { method: "GET", path: "/documentos/:slug/archivo", ...PUBLIC_PAGE },
  "library.manage": { method: "GET", path: "/admin/documentos", access: PUBLISHERS },
  "library.create": { method: "POST", path: "/admin/documentos", access: PUBLISHERS },
  "library.withdraw": { method: "POST", path: "/admin/documentos/:id/retirar", access: PUBLISHERS },
  "comm.mine": { method: "GET", path: "/comunicaciones/mis-solicitudes", access: COMM_REQUESTERS },
  "comm.new": { method: "GET", path: "/comunicaciones/solicitudes/nueva", access: COMM_REQUESTERS },
  "comm.create": { method: "POST", path: "/comunicaciones/solicitudes", access: COMM_REQUESTERS },
  "comm.show": { method: "GET", path: "/comunicaciones/solicitudes/:id", access: COMM_READERS },
  "comm.edit": {
    method: "GET",
    path: "/comunicaciones/solicitudes/:id/editar",
    access: [...COMM_REQUESTERS, ...OCS],
  },
  "comm.update": {
    method: "POST",
    path: "/comunicaciones/solicitudes/:id/editar",
    access: [...COMM_REQUESTERS, ...OCS],
  },
  "comm.resubmit": {
    method: "POST",
    path: "/comunicaciones/solicitudes/:id/reenviar",
    access: COMM_REQUESTERS,
  },
  "comm.preview": {
    method: "GET",
    path: "/comunicaciones/solicitudes/:id/vista-previa",
    access: COMM_READERS,
  },
  "comm.comment": {
    method: "POST",
    path: "/comunicaciones/solicitudes/:id/comentarios",
    access: COMM_READERS,
  },
  "comm.attachment": {
    method: "GET",
    path: "/comunicaciones/solicitudes/:id/adjuntos/:attachmentId",
    access: COMM_READERS,
  },
  "comm.consult": { method: "POST", path: "/comunicaciones/solicitudes/:id/consultas", access: OCS },
  "consults.inbox": { method: "GET", path: "/comunicaciones/consultas", access: COMM_CONSULTED },
  "consults.answer": {
    method: "POST",
    path: "/comunicaciones/consultas/:consultationId",
    access: COMM_CONSULTED,
  },
  "comm.queue": { method: "GET", path: "/comunicaciones/bandeja", access: COMM_APPROVERS },
  "comm.take": { method: "POST", path: "/comunicaciones/solicitudes/:id/revisar", access: OCS },
  "comm.return": { method: "POST", path: "/comunicaciones/solicitudes/:id/devolver", access: OCS },
  "comm.reject": { method: "POST", path: "/comunicaciones/solicitudes/:id/rechazar", access: COMM_APPROVERS },
  "comm.approve": { method: "POST", path: "/comunicaciones/solicitudes/:id/aprobar", access: COMM_APPROVERS },
  "comm.deliveries": {
    method: "GET",
    path: "/comunicaciones/solicitudes/:id/envios",
    access: [...COMM_REQUESTERS, ...OCS],
  },
  "comm.calendar": { method: "GET", path: "/comunicaciones/calendario", access: COMM_APPROVERS },
  "comm.schedule": { method: "POST", path: "/comunicaciones/solicitudes/:id/programar", access: OCS },
  "comm.unschedule": { method: "POST", path: "/comunicaciones/solicitudes/:id/desprogramar", access: OCS },
  "comm.resume": { method: "POST", path: "/comunicaciones/solicitudes/:id/reanudar", access: OCS },
  "mail.outbox": { method: "GET", path: "/admin/correos", access: ADMIN },
  "jobs.list": { method: "GET", path: "/admin/tareas", access: ADMIN },
  "jobs.retry": { method: "POST", path: "/admin/tareas/:id/reintentar", access: ADMIN },
  "audit.search": { method: "GET", path: "/admin/auditoria", access: ADMIN },
  "audit.export": { method: "GET", path: "/admin/auditoria.xlsx", access: ADMIN },
} as const satisfies Record<string, RouteRule>;

export type RouteId = keyof typeof ROUTES;

export function isAllowed(rule: RouteRule, roles: readonly Role[] | undefined): boolean {
  if (rule.access === "public") return true;
  if (!roles) return false;
  if (rule.access === "authenticated") return true;
  return rule.access.some((role) => roles.includes(role));
}

/** For navigation: may this person open that page? */
export const can = (roles: readonly Role[] | undefined, id: RouteId) => isAllowed(ROUTES[id], roles);
