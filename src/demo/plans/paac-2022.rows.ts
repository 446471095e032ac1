// The PAAC 2022 Anexo 1 (../shared/seeds/002_*.txt, at its end) as the OPGI keeps it in a spreadsheet: one
// entry per sheet row, every cell as the seed writes it (codes inside the activity cell, trailing spaces, «1/07/2022»
// beside «01/05/2022», the impossible «31/04/2022»). A row that only adds a responsable or a period is a
// continuation row, exactly where the seed has one. plans.workbook.ts turns this into the .xlsx the demo ships.
import { COMPONENT_3 } from "./paac-2022.rendicion.rows.ts";
import { COMPONENT_4 } from "./paac-2022.servicio.rows.ts";
import { COMPONENT_5, COMPONENT_6 } from "./paac-2022.transparencia.rows.ts";

/** One row of a component's table; a cell left out is empty in the sheet (under a merge when it continues one). */
export interface PaacRow {
  /**
   * «Subcomponente / Proceso»: where the seed writes it, that is at a subcomponent's first activity and again at
   * the top of a page (`pageBreak`), as a Word table repeats a cell split by a page break.
   */
  subcomponent?: string;
  /** The activity with its code, as written («1.1 Socializar…», «2.8. Mejorar…», «\u00a05.2 Publicar…»). */
  activity?: string;
  product?: string;
  meta?: string;
  /** One cell; a line break inside it separates two responsables («OPGI\nTodas las dependencias»). */
  responsable?: string;
  /** Dates as written; a line break separates two periods in one cell. */
  start?: string;
  end?: string;
  /** The seed's page breaks (the subcomponent cell written again): the sheet gets a page break there. */
  pageBreak?: boolean;
  /** The office also pasted the header row again at this page break. */
  repeatHeader?: boolean;
}

export interface PaacComponent {
  /** The heading row above the component's table, as written («Componente 3: Rendición de cuentas»). */
  heading: string;
  /** Component 6 has no «Subcomponente / Proceso» column: its table starts at «Actividades». */
  withSubcomponents: boolean;
  /** Component 2 holds only a pointer to another document, and no table. */
  note?: string;
  rows: PaacRow[];
}

export const PAAC_2022_TITLE = [
  "ALCALDÍA DE PASTO",
  "Anexo 1. Plan Anticorrupción y de Atención al Ciudadano 2022",
] as const;

export const PAAC_HEADER = [
  "Subcomponente / Proceso",
  "Actividades",
  "Producto",
  "Meta",
  "Responsable",
  "Fecha Inicio",
  "Fecha Final",
] as const;

export const COMPONENT_1: PaacComponent = {
  heading: "Componente 1. Gestión del riesgo de corrupción – Mapa de riesgos de corrupción.",
  withSubcomponents: true,
  rows: [
    {
      subcomponent: "Subcomponente 1. Política de Administración de Riesgos de Corrupción.",
      activity:
        "1.1 Socializar la Política de administración de riesgos de corrupción a los líderes y equipos de cada proceso del SGC MIPG de la Alcaldía de Pasto.",
      product: "Política de administración de riesgos de corrupción socializada.",
      meta: "100% de líderes y equipos de proceso capacitados en Política de Riesgos de corrupción.",
      responsable: "Oficina de Planeación de Gestión Institucional – OPGI",
      start: "13/01/2022",
      end: "13/01/2022",
    },
    {
      activity: "1.2 Evaluar la implementación de la política de administración de riesgos de corrupción.",
      product:
        "Informe de evaluación de la implementación de la política de administración de riesgos de corrupción.",
      meta: "1 informe de evaluación.",
      responsable: "OPGI",
      start: "1/07/2022",
      end: "31/08/2022",
    },
    {
      subcomponent: "Subcomponente 2. Gestión de riesgos de corrupción.",
      activity: "2.1 Actualizar los mapas de riesgos de corrupción de cada proceso.",
      product: "Mapas de riesgos de corrupción por procesos actualizados.",
      meta: "100% de mapas de riesgos de corrupción actualizados.",
      responsable: "OPGI",
      start: "13/01/2022",
      end: "17/01/2022",
    },
    {
      activity:
        "2.2 Identificar los hechos y riesgos de corrupción materializados en la Alcaldía de Pasto y establecer controles para su seguimiento.",
      product: "Informe de análisis de riesgos de corrupción.",
      meta: "Un (1) informe de análisis de riesgos de corrupción.",
      responsable: "Todas las dependencias ",
      start: "1/02/2022",
      end: "30/12/2022",
    },
    {
      subcomponent: "Subcomponente 3. Comunicación y divulgación.",
      activity:
        "3.1 Consolidar el PAAC de acuerdo con las propuestas por parte de las partes interesadas (ciudadanos, veedurías y de más).",
      product:
        "PAAC 2022 ajustado con observaciones y propuestas de las partes interesadas para aprobación. ",
      meta: "1 PAAC 2022 ajustado de acuerdo a propuestas de partes interesadas.",
      responsable: "OPGI",
      start: "11/01/2022",
      end: "21/01/2022",
    },
    {
      subcomponent: "Subcomponente 3. Comunicación y divulgación.",
      activity:
        "3.2 Socializar ante el Comité Institucional de Gestión y Desempeño, el PAAC para su aprobación.",
      product: "PAAC 2022 aprobado por el Comité Institucional de Gestión y Desempeño.",
      meta: "1 PAAC 2022 aprobado.",
      responsable: "OPGI",
      start: "27/01/2022",
      end: "28/01/2022",
      pageBreak: true,
    },
    {
      activity: "3.3 Publicar el PAAC 2022 en el portal web de la Alcaldía de Pasto.",
      product: "PAAC 2022 publicado en el portal web de la Alcaldía de Pasto.",
      meta: "1 PAAC 2022 publicado",
      responsable: "OPGI",
      start: "28/01/2022",
      end: "31/01/2022",
    },
    {
      activity:
        "3.4 Socializar los mapas de riesgos de corrupción a todos los niveles y funcionarios públicos de la Alcaldía en jornadas de inducción y re inducción.",
      product: "Riesgos de corrupción socializados en jornadas de inducción y re inducción.",
      meta: "100 por ciento de riesgos de corrupción socializados ",
      responsable: "OPGI",
      start: "1/02/2022",
      end: "30/11/2022",
    },
    {
      activity: "3.5 Realizar campañas de educación, orientadas a combatir la corrupción. ",
      product: "Campañas de educación realizadas.",
      meta: "Al menos 1 campaña de educación realizada.",
      responsable: "Subsecretaría de Talento Humano",
      start: "1/02/2022",
      end: "30/11/2022",
    },
    {
      activity:
        "3.6 Desarrollar estrategia orientada al antisoborno y anticorrupción en la Administración Municipal.",
      product: "Estrategia antisoborno y anticorrupción desarrollada en la Administración Municipal.",
      meta: "Al menos 1 estrategia desarrollada. ",
      responsable: "Subsecretaría de Cultura Ciudadana",
      start: "1/02/2022",
      end: "30/11/2022",
    },
    {
      repeatHeader: true,
      subcomponent: "Subcomponente 3. Comunicación y divulgación.",
      activity:
        "3.7 Publicar en el portal web de la Alcaldía de Pasto, los mapas de riesgos de corrupción por cada proceso.",
      product:
        "Mapas de riesgos de corrupción de los procesos del SGC MIPG publicados en el portal web de la Alcaldía de Pasto.",
      meta: "100% de mapas de riesgos de corrupción publicados",
      responsable: "OPGI",
      start: "28/01/2022",
      end: "31/01/2022",
      pageBreak: true,
    },
    {
      subcomponent: "Subcomponente 4. Monitoreo y revisión.",
      activity: "4.1 Monitorear periódicamente el cumplimiento de las actividades establecidas en el PAAC.",
      product: "Informes de monitoreo de cumplimiento del PAAC.",
      meta: "3 informes de monitoreo del PAAC. ",
      responsable: "OPGI",
      start: "1/04/2022",
      end: "30/04/2022",
    },
    { start: "1/08/2022", end: "31/08/2022" },
    { start: "1/12/2022", end: "31/12/2022" },
    {
      activity:
        "4.2 Implementar planes de mejoramiento en caso de materialización de riesgos de gestión y de corrupción.",
      product: "Procesos con planes de mejoramiento formulados e implementados.",
      meta: "Al menos 1 Plan de mejoramiento implementado en caso de materialización.",
      responsable: "Líderes de proceso SGC - MIPG",
      start: "1/08/2022",
      end: "31/10/2022",
    },
    {
      subcomponent: "Subcomponente 5. Seguimiento ",
      activity:
        "5.1 Realizar seguimiento al PAAC incluyendo el mapa de riesgos de corrupción, conforme lo establece la ley.",
      product: "Informes de seguimiento de PAAC y riesgos de corrupción.",
      meta: "3 informes de seguimiento de PAAC y mapa de riesgos de corrupción. ",
      responsable: "Oficina de Control Interno de Gestión",
      start: "1/04/2022",
      end: "31/04/2022",
    },
    { start: "1/08/2022", end: "31/08/2022" },
    { start: "1/12/2022", end: "31/12/2022" },
    {
      activity:
        "\u00a05.2 Publicar el informe de seguimiento a PAAC, responsabilidad de la OCI, el cual se realizará 3 veces en el año.",
      product:
        "Informe de seguimiento a PAAC publicado en el sitio de transparencia del portal web de la Alcaldía de Pasto.",
      meta: "3 informes de seguimiento de PAAC publicado.",
      responsable: "Oficina de Control Interno de Gestión",
      start: "01/05/2022",
      end: "15/05/2022",
    },
    { start: "01/09/2022", end: "15/09/2022" },
    { start: "01/12/2022", end: "31/12/2022" },
    // The seed's table ends with two empty rows.
    {},
    {},
  ],
};

export const COMPONENT_2: PaacComponent = {
  heading: "Componente 2: Racionalización de trámites",
  withSubcomponents: true,
  note: "Ver documento anexo “Estrategia de racionalización de trámites 2022”",
  rows: [],
};

export const PAAC_2022: readonly PaacComponent[] = [
  COMPONENT_1,
  COMPONENT_2,
  COMPONENT_3,
  COMPONENT_4,
  COMPONENT_5,
  COMPONENT_6,
];
