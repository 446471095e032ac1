// Planeación's review of the reports sent (part of progress.service.ts): the queue of a plan, oldest first,
// and the decision on each — validado (it counts in the roll-up from then) or devuelto with a comment that
// every responsable de plan of the dependencia receives by e-mail, each in their own message. Nobody reviews
// a report they wrote or sent (a person may be both planeación and responsable de plan), and nothing is
// decided once control interno's follow-up covers the period or the plan is no longer under way.
import { queueEmails } from "../../core/mail/mail.service.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { AppError, conflict, notFound } from "../../shared/errors.ts";
import { formatIsoDay } from "../../shared/time.ts";
import { formatPeriod } from "../plans/plans.rules.ts";
import * as repo from "./progress.repository.ts";
import { isUnderWay, lockingCut, reportPeriod } from "./progress.rules.ts";
import type { PlanReport } from "./progress.table.ts";

export const SELF_REVIEW =
  "Usted abrió o envió este reporte por su dependencia: otra persona de planeación debe validarlo o devolverlo.";

/** Whether this person wrote or sent the report, and so may not review it. */
export const reviewsOwnReport = (
  report: Pick<PlanReport, "createdBy" | "submittedBy">,
  actorId: string | null,
) => actorId !== null && (report.createdBy === actorId || report.submittedBy === actorId);

/** Why planeación cannot decide on the report now (other than its state), in plain Spanish; undefined when it can. */
export function reviewLock(
  report: Pick<PlanReport, "periodEndsOn">,
  plan: { title: string; status: string; version: number },
  latestCut: string | null,
): string | undefined {
  const cut = lockingCut(report.periodEndsOn, latestCut);
  if (cut)
    return `Control interno ya abrió el seguimiento del corte del ${formatIsoDay(cut)}, que cubre este periodo: el reporte quedó como estaba y ya no se puede validar ni devolver.`;
  if (!isUnderWay(plan))
    return `El plan «${plan.title}» ya no está en curso: sus reportes ya no se validan ni se devuelven.`;
  return undefined;
}

type Decision = { kind: "validar"; comment: string | null } | { kind: "devolver"; comment: string };

const activityLabel = (code: string | null, text: string) =>
  code && !text.startsWith(code) ? `${code} ${text}` : text;

async function decide(
  db: Db,
  at: Date,
  audit: AuditContext,
  reportId: string,
  decision: Decision,
  mail: { publicBaseUrl: string },
): Promise<PlanReport> {
  const row = await repo.findReport(db, reportId);
  if (!row) throw notFound("El reporte");
  const status = decision.kind === "validar" ? "validado" : "devuelto";
  try {
    return await decideLocked(db, at, audit, row, decision, status, mail);
  } catch (error) {
    // The refusal is kept after the transaction rolls back.
    if (error instanceof AppError && error.code === "plan_report.self_review")
      await recordAudit(db, at, audit, {
        action: "access.denied",
        targetType: "plan_report",
        targetId: row.report.id,
        details: {
          route: decision.kind === "validar" ? "reports.validate" : "reports.return",
          reason: "self_review",
        },
      });
    throw error;
  }
}

async function decideLocked(
  db: Db,
  at: Date,
  audit: AuditContext,
  row: repo.ReportRow,
  decision: Decision,
  status: "validado" | "devuelto",
  mail: { publicBaseUrl: string },
): Promise<PlanReport> {
  const reportId = row.report.id;
  return db.transaction(async (tx) => {
    const locked = await repo.lockReport(tx, reportId);
    if (!locked) throw notFound("El reporte");
    if (reviewsOwnReport(locked, audit.actorId))
      throw new AppError("plan_report.self_review", 403, SELF_REVIEW);
    if (locked.status !== "enviado")
      throw conflict(
        "plan_report.not_sent",
        locked.status === "validado" || locked.status === "devuelto"
          ? `Este reporte ya fue ${locked.status}: otra persona de planeación lo revisó antes.`
          : "Solo se revisa un reporte que la dependencia ya envió.",
      );
    // Read under the report's lock: a cut opened or a plan closed since the page was shown.
    const plan = (await repo.findPlan(tx, locked.planId))?.plan;
    const latestCut = (await repo.latestCuts(tx, [locked.planId])).get(locked.planId) ?? null;
    const refusal = plan ? reviewLock(locked, plan, latestCut) : "El plan de este reporte ya no existe.";
    if (refusal) throw conflict("plan_report.review_locked", refusal);
    const report = await repo.updateReport(tx, reportId, {
      status,
      reviewComment: decision.comment,
      reviewedBy: audit.actorId,
      reviewedAt: at,
      updatedAt: at,
    });
    await repo.insertEvents(tx, [
      {
        planId: report.planId,
        itemId: report.itemId,
        reportId: report.id,
        kind: decision.kind === "validar" ? "reporte_validado" : "reporte_devuelto",
        actorId: audit.actorId,
        dependenciaId: report.dependenciaId,
        percent: report.percent,
        comment: decision.comment,
        at,
      },
    ]);
    await recordAudit(tx, at, audit, {
      action: decision.kind === "validar" ? "plan_report.validated" : "plan_report.returned",
      targetType: "plan_report",
      targetId: report.id,
      details: {
        itemId: report.itemId,
        periodKey: report.periodKey,
        dependenciaId: report.dependenciaId,
        percent: report.percent,
        overMeta: report.overMeta,
        comment: decision.comment,
        status: { before: locked.status, after: status },
      },
    });
    if (decision.kind === "devolver") {
      const label = activityLabel(row.itemCode, row.itemText);
      const period = formatPeriod(reportPeriod(report));
      const recipients = (await repo.reportersOf(tx, report.dependenciaId)).filter((p) => p.email);
      await queueEmails(
        tx,
        at,
        recipients.map((person) => ({
          to: person.email as string,
          personId: person.id,
          kind: "plan_report_returned",
          subject: `Planeación devolvió el reporte de la actividad ${row.itemCode ?? ""}`.trim(),
          text: [
            `Hola, ${person.firstNames}:`,
            "",
            `La Oficina de Planeación revisó el reporte de avance de ${row.dependencia} y lo devolvió para que lo corrija.`,
            "",
            `Plan: ${row.plan.title}`,
            `Actividad: ${label}`,
            `Periodo: ${period}`,
            "",
            "Comentario de planeación:",
            decision.comment,
            "",
            `Corrija el reporte y envíelo de nuevo en ${mail.publicBaseUrl}/reportes/${report.id}`,
          ].join("\n"),
        })),
      );
    }
    return report;
  });
}

export function validateReport(
  db: Db,
  at: Date,
  audit: AuditContext,
  reportId: string,
  comment: string | null,
  mail: { publicBaseUrl: string },
) {
  return decide(db, at, audit, reportId, { kind: "validar", comment }, mail);
}

export function returnReport(
  db: Db,
  at: Date,
  audit: AuditContext,
  reportId: string,
  comment: string,
  mail: { publicBaseUrl: string },
) {
  return decide(db, at, audit, reportId, { kind: "devolver", comment }, mail);
}

/** The reports sent of a plan, oldest first, optionally of one dependencia; the filter's options. */
export async function reviewQueue(db: Db, planId: string, dependenciaId?: string) {
  const plan = await repo.findPlan(db, planId);
  if (!plan) throw notFound("El plan");
  const sent = await repo.listReports(db, { planId, status: "enviado" });
  const options = new Map(sent.map((r) => [r.report.dependenciaId, r.dependencia]));
  return {
    plan: plan.plan,
    levelNames: plan.levelNames,
    reports: dependenciaId ? sent.filter((r) => r.report.dependenciaId === dependenciaId) : sent,
    total: sent.length,
    dependencias: [...options]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label, "es")),
  };
}
