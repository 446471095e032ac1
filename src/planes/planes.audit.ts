// Planes' part of the audit log: the Spanish names of its action codes and of the words its details use.
// Registered by planes.area.ts.
import type { AuditVocabulary } from "../core/audit/audit.service.ts";

export const PLANES_VOCABULARY: AuditVocabulary = {
  actions: {
    "plan.created": "Plan creado",
    "plan.approved": "Plan aprobado",
    "plan.published": "Plan publicado",
    "plan.version_started": "Nueva versión de un plan",
    "plan.closed": "Plan cerrado",
    "plan_type.updated": "Tipo de plan modificado",
    "plan_import.previewed": "Archivo de un plan cargado (vista previa)",
    "plan_import.refused": "Archivo de un plan rechazado",
    "plan_import.applied": "Archivo de un plan aplicado",
    "plan_import.discarded": "Archivo de un plan descartado",
    "plan_alias.created": "Responsable de plan conciliado",
    "plan_alias.deleted": "Conciliación de un responsable de plan eliminada",
  },
  fields: {
    committee: "Comité",
    act: "Acta",
    approvedOn: "Fecha de aprobación",
    reason: "Motivo",
    version: "Versión",
    year: "Vigencia",
    type: "Tipo de plan",
    title: "Título",
    added: "Agregados",
    changed: "Modificados",
    removed: "Eliminados",
    written: "Texto en el archivo",
    kind: "Conciliado como",
    team: "Equipo",
    fileName: "Archivo",
    levelNames: "Nombres de los niveles",
  },
  values: {
    borrador: "Borrador",
    aprobado: "Aprobado",
    publicado: "Publicado",
    cerrado: "Cerrado",
    dependencias: "Dependencias",
    todas: "Todas las dependencias",
    equipo: "Equipo de una dependencia",
  },
};
