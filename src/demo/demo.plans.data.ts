// What OPGI said once about the responsables its files name that are not a dependencia's name or acronym,
// the adjustment of the PAAC 2022 (version 2), and two fictitious improvement plans (realistic, not the
// municipality's). Used by demo.plans.ts.
import type { AliasKind } from "../planes/responsables/responsables.table.ts";
import type { MatrizActivity } from "./plans/matriz-2026.rows.ts";
import { PAAC_2022, type PaacComponent } from "./plans/paac-2022.rows.ts";
import { buildPaacWorkbook, workbookBuffer } from "./plans/plans.workbook.ts";

export interface DemoAlias {
  /** The spellings found in the files (one alias each: trailing dots and dashes are ignored anyway). */
  texts: string[];
  kind: AliasKind;
  dependencias: string[];
  team?: string;
}

const OPGI = "Oficina de Planeación de Gestión Institucional";
const SECRETARIAS = [
  "Secretaría General",
  "Secretaría de Educación",
  "Secretaría de Salud",
  "Secretaría de Tránsito y Transporte",
  "Secretaría de Hacienda",
  "Secretaría de Gobierno",
  "Secretaría de Bienestar Social",
  "Secretaría de Cultura",
  "Secretaría de Desarrollo Comunitario",
  "Secretaría de las Mujeres, Orientaciones Sexuales e Identidades de Género",
];
const todas = (...texts: string[]): DemoAlias => ({ texts, kind: "todas", dependencias: [] });
const one = (name: string, ...texts: string[]): DemoAlias => ({
  texts,
  kind: "dependencias",
  dependencias: [name],
});

export const DEMO_ALIASES: readonly DemoAlias[] = [
  todas("Todas las dependencias", "Todas las dependencia", "Todas las Secretarías y Direcciones"),
  todas("Líderes de proceso", "Líderes de proceso SGC - MIPG", "Equipo MIPG - Líderes de proceso"),
  todas(
    "Dependencia responsable del evento de rendición de cuentas",
    "Todos los procesos que ofrecen trámites",
  ),
  todas("Dependencias responsables de suministro de información para publicar en sede electrónica"),
  {
    texts: ["Dependencias administradoras de portales web alternos"],
    kind: "dependencias",
    dependencias: ["Oficina de Comunicación Social", "Secretaría de Cultura", "Secretaría de Educación"],
  },
  {
    texts: ["Todas las secretarías de la Administración Municipal"],
    kind: "dependencias",
    dependencias: SECRETARIAS,
  },
  one(
    "Secretaría de las Mujeres, Orientaciones Sexuales e Identidades de Género",
    "Secretaría MOSIG",
    "Secretaría de MOSIG",
  ),
  one("Dirección Administrativa de Juventud", "Dirección de Juventud"),
  one("Secretaría General", "Secretaría General con equipo interno"),
  one("Subsecretaría de Talento Humano", "Subsecretaría Talento Humano"),
  one("Oficina de Control Interno de Gestión", "Oficina de Control interno"),
  {
    texts: ["Equipo líder del proceso de rendición de cuentas"],
    kind: "equipo",
    dependencias: [OPGI],
    team: "Equipo líder de rendición de cuentas",
  },
  {
    texts: ["Equipo MIPG - Oficina de Planeación de Gestión Institucional"],
    kind: "equipo",
    dependencias: [OPGI],
    team: "Equipo MIPG",
  },
  {
    texts: ["Equipo Banco de Proyectos, MIPG y Plan de Desarrollo - OPGI"],
    kind: "equipo",
    dependencias: [OPGI],
    team: "Equipo Banco de Proyectos, MIPG y Plan de Desarrollo",
  },
  {
    texts: ["Unidad de Atención al Ciudadano - Equipo MIPG - Oficina de Planeación de Gestión Institucional"],
    kind: "dependencias",
    dependencias: ["Unidad de Atención al Ciudadano", OPGI],
  },
];

/** The PAAC 2022 as adjusted in June: activity 2.2 of component 3 gets until 15 December, and 3.5 is new. */
export async function paacVersion2(): Promise<Buffer> {
  const components: PaacComponent[] = PAAC_2022.map((component) => ({
    ...component,
    rows: component.rows.map((row) =>
      row.activity?.startsWith("2.2 Realizar espacios territoriales")
        ? { ...row, end: "15/12/2022" }
        : { ...row },
    ),
  }));
  components[2]?.rows.push({
    activity:
      "3.5 Evaluar la estrategia de rendición de cuentas 2022 y publicar el informe de evaluación en el portal web de la Alcaldía de Pasto.",
    product: "Informe de evaluación de la estrategia de rendición de cuentas publicado.",
    meta: "1 informe de evaluación publicado.",
    responsable: "OPGI",
    start: "01/11/2022",
    end: "20/12/2022",
  });
  return workbookBuffer(buildPaacWorkbook(components));
}

/** Fictitious: the OCI's 2025 audit of how petitions, complaints and claims (PQRD) were answered. */
export const DEMO_IMPROVEMENT_2025: readonly MatrizActivity[] = [
  {
    activity: "Hallazgo 1. El 18 % de las PQRD de la muestra se respondió fuera del término legal.",
    alternative: "Controlar los términos de respuesta de las PQRD en cada dependencia",
    tasks: [
      {
        task: "Enviar a cada dependencia un reporte semanal de las PQRD próximas a vencer",
        who: "Unidad de Correspondencia",
        when: "01/04/2025 - 31/12/2025",
        evidence: "(36) reportes semanales enviados",
      },
      {
        task: "Capacitar a los enlaces de las dependencias en términos de respuesta de la Ley 1755 de 2015",
        who: "UAC",
        when: "01/04/2025 - 30/06/2025",
        evidence: "(1) listado de asistencia",
      },
    ],
  },
  {
    activity: "Hallazgo 2. Respuestas sin lenguaje claro en la Secretaría de Salud.",
    alternative: "Aplicar la guía de lenguaje claro en las respuestas a la ciudadanía",
    tasks: [
      {
        task: "Revisar una muestra mensual de respuestas con la guía de lenguaje claro",
        who: "Secretaría de Salud Municipal",
        when: "01/05/2025 - 30/11/2025",
        evidence: "(7) actas de revisión",
      },
    ],
  },
];

/** Fictitious: the OCI's 2026 audit of document management, still being drafted by OPGI. */
export const DEMO_IMPROVEMENT_2026: readonly MatrizActivity[] = [
  {
    activity: "Hallazgo 1. Tablas de retención documental sin aplicar en tres dependencias.",
    alternative: "Aplicar las tablas de retención documental en los archivos de gestión",
    tasks: [
      {
        task: "Acompañar la organización de los archivos de gestión de las dependencias auditadas",
        who: "Archivo Central",
        when: "01/12/2026 - 31/03/2027",
        evidence: "(3) inventarios documentales actualizados",
      },
      {
        task: "Verificar la aplicación de las tablas de retención en una muestra de expedientes",
        who: "Oficina de Control interno.",
        when: "01/04/2027 - 30/04/2027",
        evidence: "(1) informe de verificación",
      },
    ],
  },
];

/** «dd/mm/yyyy» of a day `months` months from `today`'s month: its `day`, or its last day when day is 0. */
function dayOf(today: string, months: number, day: number): string {
  const [year = 2026, month = 1] = today.split("-").map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const dd = String(day || last).padStart(2, "0");
  return `${dd}/${String(first.getUTCMonth() + 1).padStart(2, "0")}/${first.getUTCFullYear()}`;
}

/**
 * Fictitious: the OCI's follow-up of citizen service this year, published, with dates around `today`
 * ("YYYY-MM-DD", Bogotá), so «Actividades de mi dependencia» always has something due this month, something
 * overdue and something ahead.
 */
export function demoFollowUp(today: string): MatrizActivity[] {
  return [
    {
      activity: "Hallazgo 1. Los informes mensuales de PQRD no se publican a tiempo en la sede electrónica.",
      alternative: "Publicar cada mes el informe de PQRD de cada secretaría",
      tasks: [
        {
          task: "Publicar en la sede electrónica el informe mensual de PQRD de la Secretaría de Salud",
          who: "Secretaría de Salud Municipal",
          when: `${dayOf(today, -2, 1)} - ${dayOf(today, 0, 0)}`,
          evidence: "(3) enlaces de publicación",
        },
        {
          task: "Consolidar el informe de PQRD del cuatrimestre para control interno",
          who: "Unidad de Atención al Ciudadano",
          when: `${dayOf(today, -3, 1)} - ${dayOf(today, -1, 0)}`,
          evidence: "(1) informe consolidado",
        },
      ],
    },
    {
      activity: "Hallazgo 2. Datos de contacto desactualizados en la sede electrónica.",
      alternative: "Mantener al día los datos de contacto de cada dependencia",
      tasks: [
        {
          task: "Revisar y corregir los datos de contacto de la dependencia en la sede electrónica",
          who: "Todas las dependencias",
          when: `${dayOf(today, -2, 1)} - ${dayOf(today, -1, 20)}`,
          evidence: "(1) pantallazo de la página actualizada",
        },
        {
          task: "Aplicar la encuesta de satisfacción en los puntos de atención de la Secretaría de Salud",
          who: "Secretaría de Salud Municipal",
          when: `${dayOf(today, -1, 1)} - ${dayOf(today, 1, 15)}`,
          evidence: "(1) informe de resultados de la encuesta",
        },
      ],
    },
  ];
}
