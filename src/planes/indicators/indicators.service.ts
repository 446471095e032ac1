// Management indicators of each process (the MIPG policy's «medición de indicadores», docs/DOMAIN.md
// «Planes»): planeación defines them (formula, unit, direction, frequency, target, zones), the process's
// dependencia measures them each period (indicators.measure.ts), and the pages show their compliance.
import { findDependencia } from "../../core/dependencias/dependencias.service.ts";
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { AppError, forbidden, notFound } from "../../shared/errors.ts";
import { evidenceOf } from "../evidence/evidence.service.ts";
import type { PlanEvidence } from "../evidence/evidence.table.ts";
import type { ZoneKey, Zones } from "../progress/zones.rules.ts";
import * as repo from "./indicators.repository.ts";
import {
  compliance,
  complianceZone,
  type IndicatorActor,
  type IndicatorPeriod,
  indicatorZones,
  mayMeasure,
  mayReadIndicator,
  measurablePeriods,
  periodLabel,
  periodsOf,
  readsAllIndicators,
} from "./indicators.rules.ts";
import type { IndicatorInput } from "./indicators.schemas.ts";
import type { PlanIndicator, PlanIndicatorMeasurement } from "./indicators.table.ts";

export { recordMeasurement } from "./indicators.measure.ts";
export type { PlanIndicator, PlanIndicatorMeasurement } from "./indicators.table.ts";

/** A measurement as the pages show it: its period's name, compliance and zone against today's target. */
export interface MeasurementView {
  measurement: PlanIndicatorMeasurement;
  periodLabel: string;
  compliance: number | undefined;
  zone: ZoneKey | undefined;
}

const viewOf = (indicator: PlanIndicator, measurement: PlanIndicatorMeasurement): MeasurementView => {
  const percent = compliance(indicator.direction, measurement.value, indicator.target);
  return {
    measurement,
    periodLabel: periodLabel(measurement.periodKey),
    compliance: percent,
    zone: complianceZone(percent, indicatorZones(indicator)),
  };
};

export interface IndicatorListRow {
  indicator: PlanIndicator;
  dependencia: string;
  last: MeasurementView | undefined;
}

/**
 * The indicators a person may read: every one (with the filters) for planeación, control interno and
 * administrators; only those of own dependencia for a responsable de plan, whatever the filter says.
 */
export async function listIndicators(
  db: Db,
  user: IndicatorActor,
  filter: { dependenciaId?: string; year?: number },
) {
  const all = readsAllIndicators(user.roles);
  if (!all && !user.dependenciaId) return { rows: [] as IndicatorListRow[], years: [] as number[], all };
  const scope = all ? filter : { ...filter, dependenciaId: user.dependenciaId ?? undefined };
  const rows = await repo.listIndicatorRows(db, scope);
  const latest = new Map(
    (
      await repo.latestMeasurements(
        db,
        rows.map((r) => r.indicator.id),
      )
    ).map((m) => [m.indicatorId, m]),
  );
  const list: IndicatorListRow[] = rows.map((row) => {
    const last = latest.get(row.indicator.id);
    return { ...row, last: last ? viewOf(row.indicator, last) : undefined };
  });
  return { rows: list, years: await repo.indicatorYears(db), all };
}

async function indicatorOr404(db: Db, id: string) {
  const row = await repo.findIndicatorRow(db, id);
  if (!row) throw notFound("El indicador");
  return row;
}

export interface MeasurementDetail extends MeasurementView {
  by: string | null;
  evidence: PlanEvidence[];
}

export interface IndicatorDetail {
  indicator: PlanIndicator;
  dependencia: string;
  zones: Zones;
  periods: IndicatorPeriod[];
  /** The periods that can be measured today (the form's choices). */
  measurable: IndicatorPeriod[];
  measurements: MeasurementDetail[];
  canMeasure: boolean;
}

/** One indicator with its measurements and their evidence, as the person may see it (403 otherwise). */
export async function readIndicatorAs(
  db: Db,
  user: IndicatorActor,
  id: string,
  today: string,
): Promise<IndicatorDetail> {
  const { indicator, dependencia } = await indicatorOr404(db, id);
  if (!mayReadIndicator(user, indicator))
    throw forbidden("Este indicador es de otra dependencia: solo puede ver los de la suya.");
  const rows = await repo.listMeasurementRows(db, indicator.id);
  const evidence = await evidenceOf(
    db,
    "measurement",
    rows.map((r) => r.measurement.id),
  );
  const measurements = rows.map((row) => ({
    ...viewOf(indicator, row.measurement),
    by: row.firstNames ? `${row.firstNames} ${row.lastNames ?? ""}`.trim() : null,
    evidence: evidence.filter((e) => e.ownerId === row.measurement.id),
  }));
  return {
    indicator,
    dependencia,
    zones: indicatorZones(indicator),
    periods: periodsOf(indicator.frequency, indicator.year),
    measurable: measurablePeriods(indicator.frequency, indicator.year, today),
    measurements,
    canMeasure: indicator.active && mayMeasure(user, indicator),
  };
}

const FIELDS = [
  "dependenciaId",
  "process",
  "name",
  "formula",
  "unit",
  "direction",
  "frequency",
  "year",
  "target",
  "baseline",
  "zoneLowMax",
  "zoneMidMax",
] as const satisfies readonly (keyof IndicatorInput & keyof PlanIndicator)[];

async function checkDependencia(db: Db, id: string) {
  if (!(await findDependencia(db, id)))
    throw new AppError("indicators.unknown_dependencia", 422, "Elija una dependencia de la lista.");
}

export async function createIndicator(db: Db, at: Date, audit: AuditContext, input: IndicatorInput) {
  await checkDependencia(db, input.dependenciaId);
  return db.transaction(async (tx) => {
    const indicator = await repo.insertIndicator(tx, {
      ...input,
      active: true,
      createdBy: audit.actorId,
      createdAt: at,
      updatedAt: at,
    });
    await recordAudit(tx, at, audit, {
      action: "plan_indicator.created",
      targetType: "plan_indicator",
      targetId: indicator.id,
      details: Object.fromEntries(FIELDS.map((f) => [f, input[f]])),
    });
    return indicator;
  });
}

/**
 * Planeación edits an indicator. Once measured, its frequency and year stay (the measurements' periods are
 * theirs) and so does its dependencia (whose people may download the evidence already recorded): a
 * different one is a new indicator.
 */
export async function updateIndicator(
  db: Db,
  at: Date,
  audit: AuditContext,
  id: string,
  input: IndicatorInput,
) {
  const { indicator } = await indicatorOr404(db, id);
  await checkDependencia(db, input.dependenciaId);
  const details: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of FIELDS)
    if ((indicator[field] ?? null) !== (input[field] ?? null))
      details[field] = { before: indicator[field], after: input[field] };
  if (Object.keys(details).length === 0) return indicator;
  const locked = (["frequency", "year", "dependenciaId"] as const).find((f) => f in details);
  if (locked && (await repo.countMeasurements(db, id)) > 0)
    throw new AppError(
      `indicators.locked_${locked}`,
      422,
      "Este indicador ya tiene mediciones: su dependencia, su frecuencia y su vigencia ya no se pueden cambiar. Si cambiaron, cree un indicador nuevo.",
    );
  await db.transaction(async (tx) => {
    await repo.updateIndicator(tx, id, { ...input, updatedAt: at });
    await recordAudit(tx, at, audit, {
      action: "plan_indicator.updated",
      targetType: "plan_indicator",
      targetId: id,
      details,
    });
  });
  return { ...indicator, ...input };
}

/** An inactive indicator keeps its history and is still listed, but takes no new measurements. */
export async function setIndicatorActive(db: Db, at: Date, audit: AuditContext, id: string, active: boolean) {
  const { indicator } = await indicatorOr404(db, id);
  if (indicator.active === active) return indicator;
  await db.transaction(async (tx) => {
    await repo.updateIndicator(tx, id, { active, updatedAt: at });
    await recordAudit(tx, at, audit, {
      action: active ? "plan_indicator.activated" : "plan_indicator.deactivated",
      targetType: "plan_indicator",
      targetId: id,
      details: { active: { before: indicator.active, after: active } },
    });
  });
  return { ...indicator, active };
}

/** «Oportunidad en la respuesta a PQRD (2026)» for the audit page (planes.audit.ts may register it). */
export async function indicatorNames(db: Db, ids: string[]) {
  const rows = await repo.findIndicatorsByIds(db, ids);
  return rows.map((r) => [r.id, `«${r.name}» (${r.year})`] as const);
}
