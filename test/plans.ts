// Plan factories: plans and a small PAAC-shaped tree written straight into the tables, so a test of the
// tree, the transitions, the publication or the imports' diff does not depend on reading a spreadsheet.
//
//   const { plan } = await createPlan(db, { year: 2022 });                 // borrador, version 1
//   const t = await createPlanWithItems(db, { status: "aprobado" });
//   t.items.activity11 / activity12 / activity31   (leaves), t.deps.opgi / t.deps.gobierno
//
// Tree of createPlanWithItems (itemKeys as the PAAC reader makes them):
//   c1  «Componente 1: Gestión del riesgo de corrupción»
//     c1/s1  «Política de administración de riesgos»
//       c1/s1/1.1  responsable «OPGI» → deps.opgi;      period 13/01 – 31/01 of the year
//       c1/s1/1.2  responsable «Todas las dependencias» → allDependencias;
//                  periods 01/02 – 28/02 and «01/04/Y - 31/04/Y» (impossible end: endsOn null, written kept)
//   c3  «Componente 3: Rendición de cuentas»  (no subcomponent: its activity hangs from the component, as the
//       PAAC's sixth component does)
//     c3/-/3.1  responsables «Secretaria de Gobierno» → deps.gobierno and «Equipo MIPG» → deps.opgi, team
//               «Equipo MIPG»; period 01/07 – 31/12 of the year
import { randomUUID } from "node:crypto";
import { dependencias } from "../src/core/dependencias/dependencias.table.ts";
import type { Db } from "../src/db/client.ts";
import {
  planItemPeriods,
  planItemResponsables,
  planItems,
  plans,
  planVersions,
} from "../src/planes/plans/plans.table.ts";
import type { PlanStatus } from "../src/planes/plans/plans.types.ts";

const suffix = () => randomUUID().slice(0, 8);

async function insertDependencia(db: Db, name: string, acronym: string | null = null) {
  const [row] = await db.insert(dependencias).values({ name, acronym }).returning();
  if (!row) throw new Error("dependencia not inserted");
  return row;
}

export interface CreatePlanOptions {
  typeKey?: string;
  year?: number;
  title?: string;
  /** Default borrador. Only the plans row changes: approval fields and snapshots are not filled. */
  status?: PlanStatus;
  /** Default a new dependencia made for the plan. */
  ownerDependenciaId?: string;
  /** Default `${typeKey}-${year}-<random>` so plans of the same type and year never collide in a test. */
  slug?: string;
  /** Default 1; versions 1…n get a plan_versions row each (reason «Versión inicial» for the first). */
  version?: number;
}

/** A plan row and its plan_versions rows, inserted directly (no audit, no service rules). */
export async function createPlan(db: Db, options: CreatePlanOptions = {}) {
  const typeKey = options.typeKey ?? "paac";
  const year = options.year ?? 2022;
  const version = options.version ?? 1;
  const ownerDependenciaId =
    options.ownerDependenciaId ?? (await insertDependencia(db, `Dueña del plan ${suffix()}`)).id;
  const [plan] = await db
    .insert(plans)
    .values({
      typeKey,
      year,
      ownerDependenciaId,
      title: options.title ?? `Plan de prueba ${year}`,
      slug: options.slug ?? `${typeKey}-${year}-${suffix()}`,
      status: options.status ?? "borrador",
      version,
    })
    .returning();
  if (!plan) throw new Error("plan not inserted");
  for (let number = 1; number <= version; number++)
    await db.insert(planVersions).values({
      planId: plan.id,
      number,
      reason: number === 1 ? "Versión inicial" : `Ajuste número ${number} del plan de prueba`,
      createdAt: new Date(`${year}-01-10T15:00:00Z`),
    });
  return { plan };
}

export interface CreatePlanWithItemsOptions extends CreatePlanOptions {
  /** Dependencias the responsables point to; default new ones («Oficina de Planeación … <random>», …). */
  opgiId?: string;
  gobiernoId?: string;
}

/** createPlan plus the small PAAC tree described at the top of this file. Returns every id. */
export async function createPlanWithItems(db: Db, options: CreatePlanWithItemsOptions = {}) {
  const { plan } = await createPlan(db, options);
  const y = plan.year;
  const opgi =
    options.opgiId ??
    (await insertDependencia(db, `Oficina de Planeación de Gestión Institucional ${suffix()}`, "OPGI")).id;
  const gobierno =
    options.gobiernoId ?? (await insertDependencia(db, `Secretaría de Gobierno ${suffix()}`)).id;

  const item = async (values: {
    parentId: string | null;
    level: 1 | 2 | 3;
    position: number;
    itemKey: string;
    code: string;
    text: string;
    product?: string;
    meta?: string;
    metaQuantity?: number;
    metaUnit?: string;
  }) => {
    const [row] = await db
      .insert(planItems)
      .values({ planId: plan.id, sourceRow: 10 + values.position, ...values })
      .returning();
    if (!row) throw new Error("item not inserted");
    return row.id;
  };
  const responsable = (
    itemId: string,
    position: number,
    written: string,
    target: { dependenciaId?: string; all?: boolean; team?: string },
  ) =>
    db.insert(planItemResponsables).values({
      itemId,
      position,
      written,
      dependenciaId: target.dependenciaId ?? null,
      allDependencias: target.all ?? false,
      team: target.team ?? null,
    });
  const period = (
    itemId: string,
    position: number,
    startsOn: string | null,
    endsOn: string | null,
    written?: string,
  ) => db.insert(planItemPeriods).values({ itemId, position, startsOn, endsOn, written: written ?? null });

  const component1 = await item({
    parentId: null,
    level: 1,
    position: 0,
    itemKey: "c1",
    code: "1",
    text: "Componente 1: Gestión del riesgo de corrupción",
  });
  const subcomponent11 = await item({
    parentId: component1,
    level: 2,
    position: 0,
    itemKey: "c1/s1",
    code: "1",
    text: "Política de administración de riesgos",
  });
  const activity11 = await item({
    parentId: subcomponent11,
    level: 3,
    position: 0,
    itemKey: "c1/s1/1.1",
    code: "1.1",
    text: "Socializar la política de administración del riesgo",
    product: "Política socializada",
    meta: "1 socialización",
    metaQuantity: 1,
    metaUnit: "socialización",
  });
  await responsable(activity11, 0, "OPGI", { dependenciaId: opgi });
  await period(activity11, 0, `${y}-01-13`, `${y}-01-31`);

  const activity12 = await item({
    parentId: subcomponent11,
    level: 3,
    position: 1,
    itemKey: "c1/s1/1.2",
    code: "1.2",
    text: "Actualizar el mapa de riesgos de corrupción",
    product: "Mapa de riesgos actualizado",
    meta: "100% de mapas actualizados",
    metaQuantity: 100,
    metaUnit: "%",
  });
  await responsable(activity12, 0, "Todas las dependencias", { all: true });
  await period(activity12, 0, `${y}-02-01`, `${y}-02-28`);
  await period(activity12, 1, `${y}-04-01`, null, `01/04/${y} - 31/04/${y}`);

  const component3 = await item({
    parentId: null,
    level: 1,
    position: 1,
    itemKey: "c3",
    code: "3",
    text: "Componente 3: Rendición de cuentas",
  });
  const activity31 = await item({
    parentId: component3,
    level: 3,
    position: 0,
    itemKey: "c3/-/3.1",
    code: "3.1",
    text: "Realizar la audiencia pública de rendición de cuentas",
    product: "Audiencia realizada",
    meta: "1 audiencia pública",
    metaQuantity: 1,
    metaUnit: "audiencia pública",
  });
  await responsable(activity31, 0, "Secretaria de Gobierno", { dependenciaId: gobierno });
  await responsable(activity31, 1, "Equipo MIPG", { dependenciaId: opgi, team: "Equipo MIPG" });
  await period(activity31, 0, `${y}-07-01`, `${y}-12-31`);

  return {
    plan,
    deps: { opgi, gobierno },
    items: { component1, subcomponent11, activity11, activity12, component3, activity31 },
  };
}
