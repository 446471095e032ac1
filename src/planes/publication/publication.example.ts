// An excerpt of the PAAC 2022 (Anexo 1) as a published snapshot, in two versions: the open-data page shows
// its CSV and JSON as the example of the format, and the module's tests publish it. Offices only: a
// published plan names no person.
import type { PlanSnapshot, SnapshotItem, SnapshotResponsable } from "../plans/plans.types.ts";

const OPGI = "Oficina de Planeación de Gestión Institucional – OPGI";
const OCI = "Oficina de Control Interno de Gestión – OCI";
const TALENTO = "Subsecretaría de Talento Humano";
const ALL = "Todas las dependencias";

type Period = SnapshotItem["periods"][number];
const on = (start: string, end: string): Period => ({ start, end, written: null });
const by = (written: string, ...names: string[]): SnapshotResponsable => ({ written, names });

function node(level: 1 | 2, key: string, code: string | null, text: string, children: SnapshotItem[]) {
  return leaf({ level, key, code, text, children });
}

function leaf(item: Partial<SnapshotItem> & Pick<SnapshotItem, "key" | "code" | "text">): SnapshotItem {
  return {
    level: 3,
    product: null,
    meta: null,
    metaQuantity: null,
    metaUnit: null,
    evidence: null,
    note: null,
    weight: null,
    responsables: [],
    periods: [],
    children: [],
    ...item,
  };
}

/** The tree of one version: version 2 moved 1.2, dropped 2.1 and added the third additional initiative. */
function itemsOf(version: 1 | 2): SnapshotItem[] {
  const evaluate = leaf({
    key: "c1/s1/1.2",
    code: "1.2",
    text: "Evaluar la implementación de la política de administración de riesgos de corrupción.",
    product:
      "Informe de evaluación de la implementación de la política de administración de riesgos de corrupción.",
    meta: "1 informe de evaluación.",
    metaQuantity: 1,
    metaUnit: "informe de evaluación",
    responsables: [by("OPGI", OPGI)],
    periods: [version === 1 ? on("2022-07-01", "2022-08-31") : on("2022-09-01", "2022-09-30")],
  });
  const update = leaf({
    key: "c1/s2/2.1",
    code: "2.1",
    text: "Actualizar los mapas de riesgos de corrupción de cada proceso.",
    product: "Mapas de riesgos de corrupción por procesos actualizados.",
    meta: "100% de mapas de riesgos de corrupción actualizados.",
    metaQuantity: 100,
    metaUnit: "%",
    responsables: [by("OPGI", OPGI)],
    periods: [on("2022-01-13", "2022-01-17")],
  });
  const initiatives = [
    leaf({
      key: "c6/-/1",
      code: "1",
      text: "Empoderar a todos los niveles de la Administración Municipal en el código de integridad, la ética y los valores.",
      product:
        "Niveles de la Administración Municipal apropiados del Código de integridad, la ética y los valores.",
      meta: "Al menos 1 nivel de la Administración Municipal empoderado.",
      metaQuantity: 1,
      metaUnit: "nivel de la Administración Municipal empoderado",
      responsables: [by("Subsecretaria de Talento Humano", TALENTO)],
      periods: [on("2022-02-01", "2022-11-30")],
    }),
  ];
  if (version === 2)
    initiatives.push(
      leaf({
        key: "c6/-/3",
        code: "3",
        text: "Divulgar el canal de denuncias de posibles actos de corrupción.",
        product: "Canal de denuncias divulgado.",
        meta: "2 campañas de divulgación.",
        metaQuantity: 2,
        metaUnit: "campañas de divulgación",
        responsables: [by("OPGI.", OPGI), by("Líderes de proceso", ALL)],
        periods: [on("2022-04-01", "2022-06-30"), on("2022-09-01", "2022-11-30")],
      }),
    );
  return [
    node(1, "c1", "1", "Gestión del riesgo de corrupción – Mapa de riesgos de corrupción", [
      node(2, "c1/s1", "1", "Política de Administración de Riesgos de Corrupción", [
        leaf({
          key: "c1/s1/1.1",
          code: "1.1",
          text: "Socializar la Política de administración de riesgos de corrupción a los líderes y equipos de cada proceso del SGC MIPG de la Alcaldía de Pasto.",
          product: "Política de administración de riesgos de corrupción socializada.",
          meta: "100% de líderes y equipos de proceso capacitados en Política de Riesgos de corrupción.",
          metaQuantity: 100,
          metaUnit: "%",
          responsables: [by(OPGI, OPGI)],
          periods: [on("2022-01-13", "2022-01-13")],
        }),
        evaluate,
      ]),
      node(2, "c1/s2", "2", "Gestión de riesgos de corrupción", [
        ...(version === 1 ? [update] : []),
        leaf({
          key: "c1/s2/2.2",
          code: "2.2",
          text: "Identificar los hechos y riesgos de corrupción materializados en la Alcaldía de Pasto y establecer controles para su seguimiento.",
          product: "Informe de análisis de riesgos de corrupción.",
          meta: "Un (1) informe de análisis de riesgos de corrupción.",
          metaQuantity: 1,
          metaUnit: "informe de análisis de riesgos de corrupción",
          responsables: [by("Todas las dependencias", ALL)],
          periods: [on("2022-02-01", "2022-12-30")],
        }),
      ]),
      node(2, "c1/s5", "5", "Seguimiento", [
        leaf({
          key: "c1/s5/5.1",
          code: "5.1",
          text: "Realizar seguimiento al PAAC incluyendo el mapa de riesgos de corrupción, conforme lo establece la ley.",
          product: "Informes de seguimiento de PAAC y riesgos de corrupción.",
          meta: "3 informes de seguimiento de PAAC y mapa de riesgos de corrupción.",
          metaQuantity: 3,
          metaUnit: "informes de seguimiento",
          responsables: [by("Oficina de Control Interno de Gestión", OCI)],
          // The source says 31/04/2022: kept as written, never moved to a real day.
          periods: [
            { start: "2022-04-01", end: null, written: "1/04/2022 - 31/04/2022" },
            on("2022-08-01", "2022-08-31"),
            on("2022-12-01", "2022-12-31"),
          ],
        }),
      ]),
    ]),
    leaf({
      level: 1,
      key: "c2",
      code: "2",
      text: "Racionalización de trámites",
      note: "Ver documento anexo “Estrategia de racionalización de trámites 2022”",
    }),
    node(1, "c6", "6", "Iniciativas adicionales", initiatives),
  ];
}

const TYPE: PlanSnapshot["type"] = {
  key: "paac",
  name: "Plan Anticorrupción y de Atención al Ciudadano (PAAC) – Programa de Transparencia y Ética Pública (PTEP)",
  shape: "paac",
  levelNames: ["Componente", "Subcomponente", "Actividad"],
};

const V1 = {
  number: 1,
  reason: "Versión inicial",
  approvedOn: "2022-01-28",
  publishedAt: "2022-01-31T15:00:00.000Z",
};
const V2 = {
  number: 2,
  reason:
    "Ajuste aprobado por el comité: nueva fecha de la evaluación de la política y una iniciativa adicional",
  approvedOn: "2022-03-14",
  publishedAt: "2022-03-15T16:00:00.000Z",
};

/** Versions 1 and 2 of the example, as the plans module would have frozen them at each publication. */
export function examplePlanSnapshots(
  overrides: { planId?: string; slug?: string } = {},
): [PlanSnapshot, PlanSnapshot] {
  const base = {
    planId: overrides.planId ?? "00000000-0000-4000-8000-000000000000",
    slug: overrides.slug ?? "paac-2022",
    title: "Plan Anticorrupción y de Atención al Ciudadano 2022",
    year: 2022,
    type: TYPE,
    owner: OPGI,
  };
  const committee = "Comité Institucional de Gestión y Desempeño";
  const first: PlanSnapshot = {
    ...base,
    version: 1,
    reason: V1.reason,
    approval: { committee, act: "Acta 01 de 2022", date: V1.approvedOn },
    publishedAt: V1.publishedAt,
    items: itemsOf(1),
    versions: [V1],
    changes: [],
  };
  const at = "2022-03-10T14:20:00.000Z";
  const second: PlanSnapshot = {
    ...base,
    version: 2,
    reason: V2.reason,
    approval: { committee, act: "Acta 03 de 2022", date: V2.approvedOn },
    publishedAt: V2.publishedAt,
    items: itemsOf(2),
    versions: [V1, V2],
    changes: [
      {
        version: 2,
        kind: "modificada",
        code: "1.2",
        label: "Evaluar la implementación de la política de administración de riesgos de corrupción.",
        fields: { periods: ["01/07/2022 – 31/08/2022", "01/09/2022 – 30/09/2022"] },
        at,
      },
      {
        version: 2,
        kind: "eliminada",
        code: "2.1",
        label: "Actualizar los mapas de riesgos de corrupción de cada proceso.",
        fields: {},
        at,
      },
      {
        version: 2,
        kind: "agregada",
        code: "3",
        label: "Divulgar el canal de denuncias de posibles actos de corrupción.",
        fields: { responsables: [null, "OPGI.; Líderes de proceso"] },
        at,
      },
    ],
  };
  return [first, second];
}
