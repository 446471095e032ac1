// Indicators' words in the audit log (registered by planes.area.ts).
import type { AuditVocabulary } from "../../core/audit/audit.service.ts";

export const INDICATORS_VOCABULARY: AuditVocabulary = {
  actions: {
    "plan_indicator.created": "Indicador creado",
    "plan_indicator.updated": "Indicador modificado",
    "plan_indicator.deactivated": "Indicador desactivado",
    "plan_indicator.activated": "Indicador activado de nuevo",
    "plan_indicator.measured": "Medición de indicador registrada",
    "plan_indicator.measurement_replaced": "Medición de indicador reemplazada",
  },
  fields: {
    name: "Nombre",
    process: "Proceso",
    formula: "Fórmula",
    unit: "Unidad",
    direction: "Sentido",
    frequency: "Frecuencia",
    target: "Meta",
    baseline: "Línea base",
    value: "Valor",
    analysis: "Análisis",
    active: "Activo",
    dependenciaId: "Dependencia",
    zoneLowMax: "Límite de la zona baja (%)",
    zoneMidMax: "Límite de la zona media (%)",
    measurementId: "Medición",
    periodKey: "Periodo",
    evidenceFiles: "Archivos de evidencia",
  },
  values: {
    ascendente: "Ascendente",
    descendente: "Descendente",
    mensual: "Mensual",
    trimestral: "Trimestral",
    semestral: "Semestral",
    anual: "Anual",
  },
};
