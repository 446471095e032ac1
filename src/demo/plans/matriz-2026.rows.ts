// The «Matriz operativa 2.026» of the Política de Planeación Institucional (../shared/seeds/003_*.txt, section 6)
// as the OPGI keeps it: each management activity with its alternative (QUÉ) over its tasks (CÓMO), each task with
// its QUIÉN, its CUÁNDO as written and its EVIDENCIAS. The text conversion of the seed cut three rows with page
// footers; here they are whole again: «…grupos de valor de la Alcaldía de Pasto de versión 1» is one task and
// «(1) un Documento de caracterización … de la Alcaldía de Pasto actualizado» its one evidence; «(1) registro de
// asistencia» is the evidence of «Impartir directrices sobre los nuevos lineamientos…». Tasks the seed gives no
// evidence keep none.

export interface MatrizTask {
  /** CÓMO (MEJORAS/TAREAS A IMPLEMENTAR). */
  task: string;
  /** QUIÉN (RESPONSABLE DE CADA TAREA), one cell as written. */
  who: string;
  /** CUÁNDO, as written («01/02/2026 - 31/03/2026», «01/02/2026 a 31/07/2026», «16/12/2026 al 31/12/2026»). */
  when: string;
  /** EVIDENCIAS. */
  evidence?: string;
}

export interface MatrizActivity {
  /** ACTIVIDADES DE GESTIÓN. */
  activity: string;
  /** QUÉ (ALTERNATIVA S DE MEJORA). */
  alternative: string;
  tasks: MatrizTask[];
}

export const MATRIZ_2026_TITLE = [
  "ALCALDÍA DE PASTO – OFICINA DE PLANEACIÓN DE GESTIÓN INSTITUCIONAL",
  "Política de Planeación Institucional – MATRIZ OPERATIVA 2.026",
] as const;

/** The header as written in the seed, «ALTERNATIVA S» included. */
export const MATRIZ_HEADER = [
  "ACTIVIDADES DE GESTIÓN",
  "QUÉ (ALTERNATIVA S DE MEJORA)",
  "CÓMO (MEJORAS/TAREAS A IMPLEMENTAR)",
  "QUIÉN (RESPONSABLE DE CADA TAREA)",
  "CUÁNDO (FECHA PREVISTA PARA INICIAR Y TERMINAR CADA TAREA)",
  "EVIDENCIAS",
] as const;

const MIPG = "Equipo MIPG - Oficina de Planeación de Gestión Institucional";
const BANCO = "Equipo Banco de Proyectos, MIPG y Plan de Desarrollo - OPGI";

export const MATRIZ_2026: readonly MatrizActivity[] = [
  {
    activity:
      "Levantar la información necesaria para la identificación y caracterización de los grupos de valor y el conocimiento de sus necesidades, detectando si ya cuenta con dicha información y en qué fuentes se encuentra, o de ser necesario, definir procedimientos y herramientas para su obtención.",
    alternative: "Fortalecer el proceso de caracterización de la ciudadanía y grupos de valor",
    tasks: [
      {
        task: "Solicitar la actualización del inventario de partes interesadas a los líderes de los 29 procesos de la Alcaldía de Pasto",
        who: MIPG,
        when: "01/02/2026 - 31/03/2026",
        evidence: "29 inventarios de partes interesadas actualizados",
      },
      {
        task: "Apoyar en el desarrollo de procesos de caracterización de grupos de valor dentro de la Alcaldía de Pasto",
        who: "Unidad de Atención al Ciudadano -Equipo MIPG - Oficina de Planeación de Gestión Institucional",
        when: "01/02/2026 - 31/08/2026",
        evidence: "2 procesos de caracterización realizados",
      },
      {
        task: "Apoyar en la formulación y seguimiento de acciones de mejora que sean necesarias de implementar en caso de identificarse por medio de los procesos de caracterización realizados",
        who: "Unidad de Atención al Ciudadano - Equipo MIPG - Oficina de Planeación de Gestión Institucional",
        when: "02/03/2026 - 30/10/2026",
        evidence: "(1) un Registro fotográfico (1) listados de asistencia",
      },
      {
        task: "Actualizar el documento de caracterización de la ciudadanía y grupos de valor de la Alcaldía de Pasto de versión 1",
        who: MIPG,
        when: "01/09/2026 - 30/11/2026",
        evidence:
          "(1) un Documento de caracterización de la ciudadanía y grupos de valor de la Alcaldía de Pasto actualizado",
      },
    ],
  },
  {
    activity:
      "Adelantar un diagnóstico de capacidades y entornos de la entidad para desarrollar su gestión y lograr un desempeño acorde con los resultados previstos.",
    alternative: "Identificar los factores internos y externos de la entidad",
    tasks: [
      {
        task: "Solicitar la actualización de los contextos estratégicos que estén actualizados en una vigencia inferior al 2024",
        who: MIPG,
        when: "31/03/2026 - 30/06/2026",
        evidence: "(8) contextos estratégicos actualizados",
      },
      {
        task: "Revisar la DOFA institucional para identificar elementos que deban ser modificados",
        who: MIPG,
        when: "01/07/2026 - 30/09/2026",
        evidence: "(1) Listado de asistencia de mesa de revisión de DOFA institucional",
      },
      {
        task: "Actualizar la DOFA institucional en caso de ser necesario",
        who: MIPG,
        when: "01/10/2026 - 30/11/2026",
        evidence: "(1) registro de Dofa actualizada",
      },
      {
        task: "Publicar la DOFA Institucional en caso de haberse generado una nueva versión",
        who: MIPG,
        when: "01/12/2026 - 20/12/2026",
        evidence: "(1) enlace de publicación de DOFA publicada en la intranet",
      },
    ],
  },
  {
    activity:
      "Formular los indicadores que permitirán verificar el cumplimiento de objetivos y metas, así como el alcance de los resultados propuestos e introducir ajustes a los planes de acción",
    alternative:
      "Apoyar en la formulación e implementación de los indicadores de gestión en los procesos de la Alcaldía de Pasto",
    tasks: [
      {
        task: "Actualizar el instrumento para la formulación y seguimiento de los indicadores",
        who: MIPG,
        when: "01/02/2026 - 10/03/2026",
        evidence: "1 formato actualizado",
      },
      {
        task: "Definir y el cronograma para impartir las directrices y socializar las fechas de reporte de las mediciones de los indicadores de gestión establecidos para cada proceso",
        who: MIPG,
        when: "11/03/2026 - 30/04/2026",
        evidence: "1 cronograma establecido y socializado",
      },
      {
        task: "Impartir directrices para la articulación de los indicadores en el instrumento actualizado",
        who: MIPG,
        when: "11/03/2026 - 30/04/2026",
        evidence: "1 jornada de capacitación realizada Listado de asistencia",
      },
      {
        task: "Realizar el reporte de las mediciones a los indicadores de gestión establecidos para cada proceso",
        who: "Líderes de proceso",
        when: "01/05/2026 - 10/12/2026",
        evidence: "1 consolidado de las Matrices de reporte de indicadores",
      },
      {
        task: "Realizar un análisis del reporte de las mediciones de los indicadores de gestión",
        who: MIPG,
        when: "15/09/2026 - 15/12/2026",
        evidence: "1 informe de análisis realizado",
      },
      {
        task: "Socializar los resultados del análisis de la medición de los indicadores de gestión establecidos por proceso",
        who: MIPG,
        when: "15/09/2026 - 15/12/2026",
        evidence: "(1) huella de correo electrónico",
      },
      {
        task: "Tomar acciones correctivas y de mejora frente a desviaciones encontradas",
        who: "Equipo MIPG - Líderes de proceso",
        when: "16/12/2026 al 31/12/2026",
        evidence: "(1) acta de comité institucional",
      },
    ],
  },
  {
    activity:
      "Analizar el contexto interno y externo de la entidad para realizar la gestión integral de riesgos",
    alternative: "Fortalecer la gestión integral de riesgos conforme a lo dispuesto por el DAFF",
    tasks: [
      {
        task: "Actualizar el Manual de Administración de riesgos conforme a las disposiciones de la Guía para la Gestión Integral del Riesgo en Entidades Públicas, versión 7 del DAFF",
        who: MIPG,
        when: "01/02/2026 a 31/07/2026",
      },
      {
        task: "Impartir directrices sobre los nuevos lineamientos en materia de gestión integral de riesgos",
        who: MIPG,
        when: "01/08/2026 a 30/11/2026",
        evidence: "(1) registro de asistencia",
      },
      {
        task: "Apoyar en el proceso de actualización de las matrices de riesgos de los procesos de la Alcaldía de Pasto",
        who: MIPG,
        when: "01/08/2026 a 30/11/2026",
      },
      {
        task: "Verificar las actualizaciones realizadas a las matrices de riesgos",
        who: MIPG,
        when: "01/08/2026 a 30/11/2026",
      },
      {
        task: "Consolidar la matriz del mapa de riesgos integral",
        who: MIPG,
        when: "01/12/2026 al 31/12/2026",
      },
    ],
  },
  {
    activity:
      "Formular las estrategias del Programa de Transparencia y Ética Pública para fomentar la lucha contra la corrupción y promover la participación ciudadana",
    alternative: "Fortalecer la implementación del PTEP",
    tasks: [
      {
        task: "Revisar las necesidades de actualización y articulación de PTEP",
        who: MIPG,
        when: "01/02/2026 a 30/06/2026",
      },
      {
        task: "Consolidar las necesidades identificadas en el PTEP",
        who: MIPG,
        when: "01/02/2026 a 30/06/2026",
      },
      {
        task: "Gestionar la aprobación del PTEP ante el comité de gestión y desempeño",
        who: MIPG,
        when: "01/07/2026 a 31/07/2026",
      },
      {
        task: "Realizar los ajustes necesarios del PTEP de acuerdo con recomendaciones del comité",
        who: MIPG,
        when: "01/07/2026 a 31/07/2026",
      },
      {
        task: "Publicar el PTEP en la página web institucional",
        who: MIPG,
        when: "01/08/2026 a 30/08/2026",
      },
    ],
  },
  {
    activity:
      "Documentar el ejercicio de planeación en donde se contemple una orientación estratégica y una parte operativa en la que se señale de forma precisa los objetivos, las metas y resultados a lograr, las trayectorias de implantación o cursos de acción a seguir, cronogramas, responsables, indicadores para monitorear y evaluar su cumplimiento y los riesgos que pueden afectar tal cumplimiento y los controles para su mitigación",
    alternative: "Formular el Plan de acción anual institucional",
    tasks: [
      {
        task: "Establecer en el sitio web institucional un espacio de publicación del plan de acción anual institucional",
        who: MIPG,
        when: "02/01/2026 - 15/01/2026",
        evidence: "(1) Enlace del espacio designado",
      },
      {
        task: "Consolidar y publicar el plan de acción anual institucional",
        who: BANCO,
        when: "02/01/2026 - 30/01/2026",
        evidence: "(1) Plan de acción anual institucional",
      },
      {
        task: "Realizar monitoreo trimestral al cumplimiento de las actividades formuladas en el plan de acción anual institucional",
        who: BANCO,
        when: "01/04/2026 - 18/12/2026",
        evidence: "(1) Enlace de publicación del seguimiento",
      },
      {
        task: "Reportar cumplimiento al Comité Institucional de Gestión y Desempeño",
        who: MIPG,
        when: "01/04/2026 - 28/12/2026",
        evidence: "(1) acta de comité institucional",
      },
    ],
  },
];
