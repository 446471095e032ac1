// Management indicators of the MIPG policy («medición de indicadores»): direction, frequency, and how a
// measurement compares with the target.

export type IndicatorDirection = "ascendente" | "descendente";
export type IndicatorFrequency = "mensual" | "trimestral" | "semestral" | "anual";

export const INDICATOR_DIRECTIONS = [
  "ascendente",
  "descendente",
] as const satisfies readonly IndicatorDirection[];
export const INDICATOR_FREQUENCIES = [
  "mensual",
  "trimestral",
  "semestral",
  "anual",
] as const satisfies readonly IndicatorFrequency[];

export const DIRECTION_LABELS: Record<IndicatorDirection, string> = {
  ascendente: "Ascendente (más es mejor)",
  descendente: "Descendente (menos es mejor)",
};

export const FREQUENCY_LABELS: Record<IndicatorFrequency, string> = {
  mensual: "Mensual",
  trimestral: "Trimestral",
  semestral: "Semestral",
  anual: "Anual",
};
