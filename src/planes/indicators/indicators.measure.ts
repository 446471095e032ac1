// Recording a measurement of an indicator with its analysis and evidence, all or nothing (part of
// indicators.service.ts).
import { randomUUID } from "node:crypto";
import type { Deps } from "../../deps.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { AppError, forbidden, isUniqueViolation, notFound } from "../../shared/errors.ts";
import { bogotaDay, formatIsoDay } from "../../shared/time.ts";
import { type EvidenceUpload, withEvidence } from "../evidence/evidence.service.ts";
import * as repo from "./indicators.repository.ts";
import { findPeriod, formatDecimal, hasEnded, type IndicatorActor, mayMeasure } from "./indicators.rules.ts";
import type { MeasurementInput } from "./indicators.schemas.ts";
import type { PlanIndicatorMeasurement } from "./indicators.table.ts";

export type MeasureDeps = Pick<Deps, "database" | "storage" | "config" | "clock">;

const alreadyMeasured = (label: string, value: number) =>
  new AppError(
    "indicators.period_measured",
    409,
    `Ya hay una medición de ${label} (valor ${formatDecimal(value)}). Si quiere cambiarla, marque «Reemplazar la medición de este periodo» y envíe de nuevo.`,
  );

/**
 * Records the measurement of one period. A period already measured is replaced only when the form asks
 * for it (`replace`): its value and analysis change, and the evidence already attached stays with it.
 *
 * All or nothing, through the evidence service's `withEvidence`: it checks every file first (a refusal is
 * audited and thrown before anything is stored or written), stores the files, then opens ONE transaction
 * in which it inserts the evidence rows and runs our `within` — the measurement's insert or update and its
 * audit row. If anything in there fails (the period measured meanwhile, the database), the transaction
 * rolls back and the service deletes the stored files: no measurement without its evidence, no evidence
 * without its measurement. The measurement's id is chosen before (a new UUID, or the replaced one's) so the
 * files can be stored under their owner.
 */
export async function recordMeasurement(
  deps: MeasureDeps,
  audit: AuditContext,
  user: IndicatorActor,
  indicatorId: string,
  input: MeasurementInput,
  files: EvidenceUpload[],
): Promise<{ measurement: PlanIndicatorMeasurement; replaced: boolean; periodLabel: string }> {
  const db = deps.database.db;
  const row = await repo.findIndicatorRow(db, indicatorId);
  if (!row) throw notFound("El indicador");
  const { indicator } = row;
  if (!mayMeasure(user, indicator))
    throw forbidden("Solo puede registrar mediciones de los indicadores de su dependencia.");
  if (!indicator.active)
    throw new AppError(
      "indicators.inactive",
      409,
      "Este indicador está inactivo y ya no recibe mediciones. Planeación puede activarlo de nuevo.",
    );
  const period = findPeriod(indicator.frequency, indicator.year, input.periodKey);
  if (!period) throw new AppError("indicators.unknown_period", 422, "Elija un periodo de la lista.");
  const at = deps.clock.now();
  if (!hasEnded(period, bogotaDay(at)))
    throw new AppError(
      "indicators.period_open",
      422,
      `${period.label} todavía no ha terminado: se puede medir desde el ${formatIsoDay(period.endsOn)}.`,
    );
  const existing = await repo.findMeasurement(db, indicator.id, period.key);
  if (existing && !input.replace) throw alreadyMeasured(period.label, existing.value);
  const id = existing?.id ?? randomUUID();
  const owner = { type: "measurement" as const, id, planId: null, dependenciaId: indicator.dependenciaId };
  const values = { value: input.value, analysis: input.analysis, recordedBy: audit.actorId, recordedAt: at };
  try {
    const { result } = await withEvidence(deps, audit, owner, files, async (tx) => {
      // Read again inside the transaction: someone may have measured or replaced it since.
      const current = await repo.findMeasurement(tx, indicator.id, period.key);
      if ((current?.id ?? null) !== (existing?.id ?? null))
        throw alreadyMeasured(period.label, current?.value ?? input.value);
      const measurement = current
        ? await repo.updateMeasurement(tx, current.id, values)
        : await repo.insertMeasurement(tx, {
            id,
            indicatorId: indicator.id,
            periodKey: period.key,
            ...values,
          });
      await recordAudit(tx, at, audit, {
        action: current ? "plan_indicator.measurement_replaced" : "plan_indicator.measured",
        targetType: "plan_indicator",
        targetId: indicator.id,
        details: {
          measurementId: measurement.id,
          periodKey: period.key,
          value: current ? { before: current.value, after: input.value } : input.value,
          analysis: current ? { before: current.analysis, after: input.analysis } : input.analysis,
          evidenceFiles: files.length,
        },
      });
      return measurement;
    });
    return { measurement: result, replaced: Boolean(existing), periodLabel: period.label };
  } catch (error) {
    // Two people saving the same new period at once: the unique index refuses the second.
    if (isUniqueViolation(error)) throw alreadyMeasured(period.label, input.value);
    throw error;
  }
}
