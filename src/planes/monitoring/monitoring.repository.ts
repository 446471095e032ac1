// Queries of OPGI's monitoring: names of dependencias, the plans whose activities are under way with their
// type's reminder days, and the reminders already sent (each only once).
import { and, eq, gt, inArray, or } from "drizzle-orm";
import { dependencias } from "../../core/dependencias/dependencias.table.ts";
import type { Db } from "../../db/client.ts";
import { plans, planTypes } from "../plans/plans.table.ts";
import { planReminders } from "../progress/progress.table.ts";

export async function dependenciaNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: dependencias.id, name: dependencias.name })
    .from(dependencias)
    .where(inArray(dependencias.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Plans whose activities are under way (as «Actividades de mi dependencia» counts them, plans.mine.ts):
 * approved or published, or an approved plan being revised as a new version (borrador, version > 1).
 */
export function listUnderWayPlans(db: Db) {
  return db
    .select({
      id: plans.id,
      title: plans.title,
      before: planTypes.reminderDaysBefore,
      after: planTypes.reminderDaysAfter,
    })
    .from(plans)
    .innerJoin(planTypes, eq(planTypes.key, plans.typeKey))
    .where(
      or(
        inArray(plans.status, ["aprobado", "publicado"]),
        and(eq(plans.status, "borrador"), gt(plans.version, 1)),
      ),
    );
}

/** Inserts the reminders not sent before; returns those inserted (a rerun gets none back). */
export function insertReminders(db: Db, rows: (typeof planReminders.$inferInsert)[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return db.insert(planReminders).values(rows).onConflictDoNothing().returning({
    itemId: planReminders.itemId,
    dependenciaId: planReminders.dependenciaId,
    periodKey: planReminders.periodKey,
    kind: planReminders.kind,
  });
}

/** The (item, dependencia, period, kind) of every reminder already sent for these plans. */
export async function sentReminderKeys(db: Db, planIds: readonly string[]): Promise<Set<string>> {
  if (planIds.length === 0) return new Set();
  const rows = await db
    .select({
      itemId: planReminders.itemId,
      dependenciaId: planReminders.dependenciaId,
      periodKey: planReminders.periodKey,
      kind: planReminders.kind,
    })
    .from(planReminders)
    .where(inArray(planReminders.planId, [...planIds]));
  return new Set(rows.map(reminderKey));
}

export const reminderKey = (r: { itemId: string; dependenciaId: string; periodKey: string; kind: string }) =>
  `${r.itemId}|${r.dependenciaId}|${r.periodKey}|${r.kind}`;
