// Queries of the roll-up: a plan with its type's settings, and its reports (every status, no narrative).
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { isUuid } from "../../shared/ids.ts";
import { plans, planTypes } from "../plans/plans.table.ts";
import { planReports } from "./progress.table.ts";

/** The plan with what the roll-up needs from its type (names of the levels, cuts, zones). */
export async function findPlanWithType(db: Db, planId: string) {
  if (!isUuid(planId)) return undefined;
  const [row] = await db
    .select({
      id: plans.id,
      title: plans.title,
      year: plans.year,
      status: plans.status,
      version: plans.version,
      slug: plans.slug,
      typeKey: plans.typeKey,
      typeName: planTypes.name,
      levelNames: planTypes.levelNames,
      cuts: planTypes.cuts,
      zoneLowMax: planTypes.zoneLowMax,
      zoneMidMax: planTypes.zoneMidMax,
    })
    .from(plans)
    .innerJoin(planTypes, eq(planTypes.key, plans.typeKey))
    .where(eq(plans.id, planId));
  return row;
}

/** Every report of the plan in one query, without its narrative (the pages that need it load it). */
export function listPlanReports(db: Db, planId: string) {
  return db
    .select({
      id: planReports.id,
      itemId: planReports.itemId,
      dependenciaId: planReports.dependenciaId,
      periodKey: planReports.periodKey,
      periodEndsOn: planReports.periodEndsOn,
      status: planReports.status,
      percent: planReports.percent,
      overMeta: planReports.overMeta,
      submittedAt: planReports.submittedAt,
    })
    .from(planReports)
    .where(eq(planReports.planId, planId))
    .orderBy(asc(planReports.itemId));
}
