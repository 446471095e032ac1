// OPGI's monitoring of a plan (docs/DOMAIN.md, «Planes»): the dashboard with its traffic lights per
// component and dependencia, what is late or unreported and what awaits validation, its export (audited),
// and the daily reminders to responsables (monitoring.reminders.ts).
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { bogotaDay } from "../../shared/time.ts";
import { leavesOf } from "../plans/tree.rules.ts";
import { loadPlanProgress } from "../progress/rollup.service.ts";
import * as repo from "./monitoring.repository.ts";
import { buildDashboard, type MonitoringFilters, monthsOf, namedDependencias } from "./monitoring.rules.ts";
import { monitoringWorkbook } from "./monitoring.xlsx.ts";

export { type RemindersSent, sendPlanReminders } from "./monitoring.reminders.ts";
export type { MonitoringFilters } from "./monitoring.rules.ts";

/** The dashboard of a plan as of `today` ("YYYY-MM-DD", Bogotá), narrowed by the filters; 404 for no plan. */
export async function monitoringDashboard(db: Db, planId: string, today: string, filters: MonitoringFilters) {
  const view = await loadPlanProgress(db, planId, today);
  const named = new Set(leavesOf(view.tree).flatMap(({ leaf }) => namedDependencias(leaf)));
  const names = await repo.dependenciaNames(db, [
    ...new Set([...named, ...view.reports.map((r) => r.dependenciaId)]),
  ]);
  const nameOf = (id: string) => names.get(id) ?? "Dependencia borrada";
  return {
    plan: view.plan,
    zones: view.zones,
    today,
    filters,
    dashboard: buildDashboard(view, today, filters, nameOf),
    dependencias: [...named]
      .map((id) => ({ value: id, label: nameOf(id) }))
      .sort((a, b) => a.label.localeCompare(b.label, "es")),
    months: monthsOf(view.plan.year),
  };
}
export type MonitoringView = Awaited<ReturnType<typeof monitoringDashboard>>;

/** The dashboard as a spreadsheet, the same tables and filters; the download is audited. */
export async function exportMonitoring(
  db: Db,
  at: Date,
  audit: AuditContext,
  planId: string,
  filters: MonitoringFilters,
): Promise<{ fileName: string; bytes: Buffer }> {
  const view = await monitoringDashboard(db, planId, bogotaDay(at), filters);
  const bytes = await monitoringWorkbook(view);
  await recordAudit(db, at, audit, {
    action: "plan_monitoring.exported",
    targetType: "plan",
    targetId: planId,
    details: { month: filters.month ?? null, dependenciaId: filters.dependenciaId ?? null },
  });
  return { fileName: `monitoreo-${view.plan.slug}-${view.today}.xlsx`, bytes };
}
