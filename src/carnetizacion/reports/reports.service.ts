// What SSI and the liaisons read about cards: counts by state per dependencia, filtered lists, the
// lanyards still to hand out and the disabled cards still to recover, and their xlsx exports.
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { type CurrentUser, isSsiStaff } from "../../shared/auth/roles.ts";
import { forbidden } from "../../shared/errors.ts";
import { formatIsoDay } from "../../shared/time.ts";
import { type SheetColumn, writeSheet } from "../../shared/xlsx.ts";
import {
  CARD_STATE_LABELS,
  CARD_STATES,
  type CardState,
  DISABLE_REASON_LABELS,
} from "../cards/cards.rules.ts";
import * as repo from "./reports.repository.ts";

export type { CardListRow } from "./reports.repository.ts";
export const PAGE_SIZE = 50;
/** Exports stop here: a bigger list is better filtered first. */
export const MAX_EXPORT = 20_000;

export interface DashboardRow {
  dependencia: string;
  counts: Record<CardState, number>;
  total: number;
}

const emptyCounts = () => Object.fromEntries(CARD_STATES.map((s) => [s, 0])) as Record<CardState, number>;

export async function cardDashboard(
  db: Db,
  range: { from?: Date; to?: Date } = {},
): Promise<{ rows: DashboardRow[]; totals: DashboardRow }> {
  const byDependencia = new Map<string, DashboardRow>();
  const totals: DashboardRow = { dependencia: "Total", counts: emptyCounts(), total: 0 };
  for (const { dependencia, state, n } of await repo.countByDependenciaAndState(db, range)) {
    const name = dependencia ?? "Sin dependencia";
    let row = byDependencia.get(name);
    if (!row) {
      row = { dependencia: name, counts: emptyCounts(), total: 0 };
      byDependencia.set(name, row);
    }
    row.counts[state] += n;
    row.total += n;
    totals.counts[state] += n;
    totals.total += n;
  }
  const rows = [...byDependencia.values()].sort((a, b) => a.dependencia.localeCompare(b.dependencia, "es"));
  return { rows, totals };
}

export type ListKind = "cards" | "lanyards" | "toRecover";

/** Liaisons see only their own dependencia; SSI sees all (or filters). */
function scopeFilter(viewer: CurrentUser, filter: repo.CardFilter): repo.CardFilter {
  if (isSsiStaff(viewer.roles)) return filter;
  if (!viewer.dependenciaId) throw forbidden("Su cuenta no tiene una dependencia asignada.");
  return { ...filter, dependenciaId: viewer.dependenciaId };
}

function kindFilter(kind: ListKind, filter: repo.CardFilter): repo.CardFilter {
  if (kind === "lanyards") return { ...filter, state: "entregada", lanyardPending: true };
  if (kind === "toRecover") return { ...filter, state: "inhabilitada", recoverable: true };
  return filter;
}

/** A page of a card list; reading a list of people's cards is staff access, so it is audited. */
export async function listCards(
  db: Db,
  at: Date,
  audit: AuditContext,
  viewer: CurrentUser,
  kind: ListKind,
  filter: repo.CardFilter,
  page: number,
) {
  const scoped = kindFilter(kind, scopeFilter(viewer, filter));
  const rows = await repo.findCards(db, scoped, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
  await recordAudit(db, at, audit, { action: "cards.listed", details: { kind, ...scoped, page } });
  return {
    rows: rows.slice(0, PAGE_SIZE),
    hasMore: rows.length > PAGE_SIZE,
    dependenciaId: scoped.dependenciaId,
  };
}

const columns: SheetColumn<repo.CardListRow>[] = [
  { header: "Dependencia", width: 40, value: (r) => r.dependencia ?? "" },
  { header: "Tipo de documento", width: 10, value: (r) => r.documentType },
  { header: "Número de documento", width: 18, value: (r) => r.documentNumber },
  { header: "Nombres", width: 24, value: (r) => r.firstNames },
  { header: "Apellidos", width: 24, value: (r) => r.lastNames },
  { header: "Estado del carnet", width: 20, value: (r) => CARD_STATE_LABELS[r.state] },
  { header: "Código", width: 20, value: (r) => r.code },
  { header: "Vigente hasta", width: 14, value: (r) => (r.validUntil ? formatIsoDay(r.validUntil) : "") },
  { header: "Cinta", width: 12, value: (r) => r.lanyard ?? "" },
  {
    header: "Motivo de inhabilitación",
    width: 24,
    value: (r) => (r.disabledReason ? DISABLE_REASON_LABELS[r.disabledReason] : ""),
  },
  { header: "Reimpresiones", width: 12, value: (r) => r.misprints },
];

const SHEET_TITLES: Record<ListKind, string> = {
  cards: "Carnets",
  lanyards: "Cintas pendientes",
  toRecover: "Carnets por recuperar",
};

/** The whole filtered list as xlsx; every export is audited. */
export async function exportCards(
  db: Db,
  at: Date,
  audit: AuditContext,
  viewer: CurrentUser,
  kind: ListKind,
  filter: repo.CardFilter,
) {
  const scoped = kindFilter(kind, scopeFilter(viewer, filter));
  const rows = await repo.findCards(db, scoped, MAX_EXPORT);
  await recordAudit(db, at, audit, {
    action: "cards.exported",
    details: { kind, ...scoped, rows: rows.length },
  });
  return writeSheet(SHEET_TITLES[kind], columns, rows);
}
