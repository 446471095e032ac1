// Indicators' words in the audit log (registered by planes.area.ts).
import type { AuditVocabulary } from "../../core/audit/audit.service.ts";

export const INDICATORS_VOCABULARY: AuditVocabulary = {
  actions: {
    "plan_indicator.created": "Indicador creado",
    "plan_indicator.updated": "Indicador modificado",
    "plan_indicator.measured": "Medición de indicador registrada",
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
