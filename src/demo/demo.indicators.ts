// The MIPG management indicators of the demo («medición de indicadores»): planeación defines them with the
// processes, and each process's responsable records the measurement a few days after each period ends,
// with the analysis the policy asks for. 2025 is measured whole (results in every zone); 2026 up to the day
// the demo is loaded. Fictitious figures, realistic for a municipality of Pasto's size.
import { findDependenciaByName } from "../core/dependencias/dependencias.service.ts";
import { findPeriod, formatWithUnit } from "../planes/indicators/indicators.rules.ts";
import type { IndicatorInput } from "../planes/indicators/indicators.schemas.ts";
import { createIndicator, recordMeasurement } from "../planes/indicators/indicators.service.ts";
import { bogotaDay } from "../shared/time.ts";
import { progressPdf } from "./demo.evidence.ts";
import { addDays, bogotaAt, minDay, type ProgressSetting } from "./demo.progress.ts";

interface DemoIndicator {
  input: Omit<IndicatorInput, "dependenciaId" | "zoneLowMax" | "zoneMidMax" | "baseline"> & {
    baseline?: number;
  };
  dependencia: string;
  createdOn: string;
  /** Value and analysis by period key; the first one listed carries an evidence file when `evidence`. */
  measurements: [string, number, string][];
  evidence?: string;
}

const UAC = "Unidad de Atención al Ciudadano";
const PQRD_PROCESS = "Gestión de la atención al ciudadano";
const oportunidad = (year: number) => ({
  process: PQRD_PROCESS,
  name: "Oportunidad en la respuesta a PQRD",
  formula: "(PQRD respondidas dentro del término legal / PQRD que vencieron en el periodo) × 100",
  unit: "%",
  direction: "ascendente" as const,
  frequency: "trimestral" as const,
  year,
  target: 95,
});

const INDICATORS: DemoIndicator[] = [
  {
    dependencia: UAC,
    createdOn: "2025-02-10",
    input: { ...oportunidad(2025), baseline: 81 },
    evidence: "Informe trimestral de PQRD – cuarto trimestre de 2025.pdf",
    measurements: [
      [
        "2025-T4",
        92.6,
        "Se mantuvo la mejora con el reporte semanal de PQRD próximas a vencer enviado a cada dependencia; Tránsito y Hacienda siguen concentrando las respuestas tardías.",
      ],
      [
        "2025-T1",
        52.4,
        "Resultado bajo: el cambio de la plataforma de PQRD en febrero dejó sin alerta de vencimiento a las dependencias durante seis semanas. Se solicitó a SSI restablecer las alertas.",
      ],
      [
        "2025-T2",
        70.8,
        "Mejora frente al primer trimestre tras restablecer las alertas de vencimiento; persisten respuestas tardías en tres secretarías, a las que se les programó capacitación.",
      ],
      [
        "2025-T3",
        86.1,
        "Las dependencias capacitadas redujeron las respuestas tardías; se recomienda mantener el control semanal de términos.",
      ],
    ],
  },
  {
    dependencia: UAC,
    createdOn: "2025-02-10",
    input: {
      process: PQRD_PROCESS,
      name: "Satisfacción ciudadana con la atención",
      formula: "(Encuestados que califican la atención como buena o excelente / Total de encuestados) × 100",
      unit: "%",
      direction: "ascendente",
      frequency: "semestral",
      year: 2025,
      target: 90,
    },
    measurements: [
      [
        "2025-S1",
        78.5,
        "Encuesta aplicada a 412 usuarios en el CAM Anganoy y puntos de atención. Las principales quejas son el tiempo de espera y la señalización del punto de atención.",
      ],
      [
        "2025-S2",
        88.9,
        "Encuesta aplicada a 455 usuarios. El turnero digital redujo la espera; la meta casi se cumple.",
      ],
    ],
  },
  {
    dependencia: "Unidad de Correspondencia",
    createdOn: "2025-02-10",
    input: {
      process: PQRD_PROCESS,
      name: "Tiempo promedio de respuesta a PQRD",
      formula:
        "Suma de los días hábiles entre la radicación y la respuesta de cada PQRD / Número de PQRD respondidas",
      unit: "días hábiles",
      direction: "descendente",
      frequency: "trimestral",
      year: 2025,
      target: 10,
      baseline: 17,
    },
    measurements: [
      [
        "2025-T1",
        18.4,
        "El promedio supera ampliamente la meta: el represamiento de la plataforma en febrero retrasó la asignación de las PQRD a las dependencias.",
      ],
      ["2025-T2", 13.9, "Se redujo el promedio con la asignación diaria de PQRD; aún se supera la meta."],
      [
        "2025-T3",
        11.2,
        "Cerca de la meta. Las peticiones de información sobre el impuesto predial se respondieron con plantillas aprobadas.",
      ],
      ["2025-T4", 9.6, "Se cumplió la meta por primera vez en el año."],
    ],
  },
  {
    dependencia: UAC,
    createdOn: "2026-02-09",
    input: { ...oportunidad(2026), baseline: 93 },
    measurements: [
      [
        "2026-T1",
        94.1,
        "Resultado en zona alta. Se mantiene el control semanal de términos con los enlaces de las dependencias.",
      ],
      [
        "2026-T2",
        89.7,
        "Leve descenso por el aumento de peticiones durante la temporada de declaración del impuesto de industria y comercio.",
      ],
      ["2026-T3", 95.3, "Se cumplió la meta del trimestre."],
      ["2026-T4", 96, "Se cumplió la meta del trimestre."],
    ],
  },
  {
    dependencia: "Oficina de Planeación de Gestión Institucional",
    createdOn: "2026-02-09",
    input: {
      process: "Direccionamiento estratégico y planeación",
      name: "Avance del Programa de Transparencia y Ética Pública",
      formula:
        "(Actividades del PTEP cumplidas en el trimestre / Actividades del PTEP programadas para el trimestre) × 100",
      unit: "%",
      direction: "ascendente",
      frequency: "trimestral",
      year: 2026,
      target: 100,
    },
    measurements: [
      [
        "2026-T1",
        87.5,
        "Se cumplieron 7 de 8 actividades programadas; la actualización de los mapas de riesgos de dos procesos pasó al segundo trimestre.",
      ],
      [
        "2026-T2",
        66.7,
        "Se cumplieron 10 de 15 actividades: cinco dependencias no reportaron a tiempo. Se enviaron recordatorios y se programó mesa de trabajo con los responsables.",
      ],
      [
        "2026-T3",
        84.2,
        "Se cumplieron 16 de 19 actividades; los reportes tardíos se redujeron tras la mesa de trabajo.",
      ],
      ["2026-T4", 90, "Se cumplieron 18 de 20 actividades programadas."],
    ],
  },
  {
    dependencia: "Subsecretaría de Talento Humano",
    createdOn: "2026-02-09",
    input: {
      process: "Gestión del talento humano",
      name: "Cumplimiento del plan institucional de capacitación",
      formula: "(Capacitaciones realizadas / Capacitaciones programadas en el periodo) × 100",
      unit: "%",
      direction: "ascendente",
      frequency: "semestral",
      year: 2026,
      target: 100,
    },
    measurements: [
      [
        "2026-S1",
        54,
        "Se realizaron 7 de 13 capacitaciones: el contrato con la ESAP se firmó en mayo. Las capacitaciones pendientes se reprogramaron para el segundo semestre.",
      ],
      ["2026-S2", 92, "Se realizaron 12 de 13 capacitaciones del semestre, incluidas las reprogramadas."],
    ],
  },
];

/**
 * Defines the indicators and records each measurement 6 to 9 days after its period ends, as the process
 * closes its figures; a period that ends too close to `at` (or after it) is not measured yet.
 */
export async function tellIndicators(s: ProgressSetting, at: Date): Promise<number> {
  const db = s.database.db;
  const today = bogotaDay(at);
  let measured = 0;
  for (const [i, demo] of INDICATORS.entries()) {
    const dependencia = await findDependenciaByName(db, demo.dependencia);
    const reporter = dependencia && s.cast.reporters.get(dependencia.id);
    if (!dependencia || !reporter || demo.createdOn >= today) continue;
    const indicator = await createIndicator(db, bogotaAt(demo.createdOn, 9, i * 5), s.cast.planner, {
      ...demo.input,
      baseline: demo.input.baseline ?? null,
      dependenciaId: dependencia.id,
      zoneLowMax: 59,
      zoneMidMax: 79,
    });
    const measurements = [...demo.measurements].sort(([a], [b]) => a.localeCompare(b));
    for (const [periodKey, value, analysis] of measurements) {
      const period = findPeriod(indicator.frequency, indicator.year, periodKey);
      if (!period) throw new Error(`demo indicator period ${periodKey}`);
      const on = minDay(addDays(period.endsOn, 6 + (i % 4)), addDays(today, -1));
      if (on < addDays(period.endsOn, 1)) continue;
      const when = bogotaAt(on, 10 + (i % 5));
      const files =
        demo.evidence && periodKey === demo.measurements[0]?.[0]
          ? [
              {
                fileName: demo.evidence,
                bytes: await measurementPdf(s, demo, reporter.name, period.label, value, analysis, on),
              },
            ]
          : [];
      await recordMeasurement(
        { database: s.database, storage: s.storage, config: s.config, clock: { now: () => when } },
        reporter.audit,
        reporter.user,
        indicator.id,
        { periodKey, value, analysis, replace: false },
        files,
      );
      measured++;
    }
  }
  return measured;
}

function measurementPdf(
  s: ProgressSetting,
  demo: DemoIndicator,
  author: string,
  periodLabel: string,
  value: number,
  analysis: string,
  on: string,
) {
  const { unit, target } = demo.input;
  return progressPdf({
    title: `Informe del indicador «${demo.input.name}»`,
    entity: s.config.entity.name,
    plan: `Medición de indicadores de gestión ${demo.input.year} – ${demo.input.process}`,
    activity: demo.input.formula,
    dependencia: demo.dependencia,
    period: periodLabel,
    figures: `${formatWithUnit(value, unit)} (meta: ${formatWithUnit(target, unit)})`,
    narrative: analysis,
    author,
    writtenOn: on,
  });
}
