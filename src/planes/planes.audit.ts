// Planes' part of the audit log: the Spanish names of its action codes and of the words its details use,
// and the names of plans and plan types on the audit page. Registered by planes.area.ts.
import type { AuditSubjectResolver, AuditVocabulary } from "../core/audit/audit.service.ts";
import { followupNames } from "./followups/followups.service.ts";
import { indicatorNames } from "./indicators/indicators.service.ts";
import { planNames, planTypeNames } from "./plans/plans.service.ts";

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
    description: "Descripción",
    slug: "Dirección pública",
    ownerDependenciaId: "Dependencia dueña del plan",
    importId: "Importación",
    errors: "Errores",
    unmatched: "Responsables sin conciliar",
    dependencias: "Dependencias",
    replaced: "Reemplaza la conciliación anterior",
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

/** Plans by title and year, plan types by name: the «Sobre» line and ids in the details. */
export const planesAuditSubjects: AuditSubjectResolver = {
  async resolve(db, { targets, mentioned }) {
    const [planRows, typeRows, indicatorRows, followupRows] = await Promise.all([
      planNames(db, [...targets("plan"), ...mentioned]),
      planTypeNames(db, targets("plan_type")),
      indicatorNames(db, targets("plan_indicator")),
      followupNames(db, targets("plan_followup")),
    ]);
    const followups = new Map(followupRows);
    const plans = new Map(planRows);
    const types = new Map(typeRows);
    const indicators = new Map(indicatorRows);
    return {
      owners: [],
      names: [...planRows, ...indicatorRows, ...followupRows],
      subject(type, id) {
        if (type === "plan") return plans.has(id) ? `Plan ${plans.get(id)}` : "Plan";
        if (type === "plan_type") return types.has(id) ? `Tipo de plan «${types.get(id)}»` : "Tipo de plan";
        // A mapping may be deleted since: its details say what was written.
        if (type === "plan_alias") return "Conciliación de un responsable de plan";
        if (type === "plan_report") return "Reporte de avance";
        if (type === "plan_indicator_measurement") return "Medición de un indicador";
        if (type === "plan_followup") return followups.get(id) ?? "Seguimiento de control interno";
        if (type === "plan_evidence") return "Evidencia";
        if (type === "plan_indicator")
          return indicators.has(id) ? `Indicador ${indicators.get(id)}` : "Indicador";
        return undefined;
      },
    };
  },
};
