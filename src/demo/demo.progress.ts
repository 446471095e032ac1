// How the demo's offices report progress, through the same services as the pages: the responsable opens the
// report of an activity's period, saves it (sometimes as a draft first) with its evidence, sends it; then
// planeación validates it or returns it with a comment. What each report says and when it happens is decided
// here from a hash of the activity (demo.evidence.ts), so every install tells the same story.
import type { Config } from "../config.ts";
import type { Storage } from "../core/storage/storage.types.ts";
import type { Database } from "../db/client.ts";
import type { EvidenceUpload } from "../planes/evidence/evidence.service.ts";
import { formatPeriod, type PeriodLike } from "../planes/plans/plans.rules.ts";
import type { TreeNode } from "../planes/plans/plans.service.ts";
import { leavesOf } from "../planes/plans/tree.rules.ts";
import { countsQuantity } from "../planes/progress/progress.rules.ts";
import {
  returnReport,
  saveReport,
  startReport,
  validateReport,
} from "../planes/progress/progress.service.ts";
import { periodKeyOf } from "../planes/progress/progress.types.ts";
import { bogotaDay } from "../shared/time.ts";
import { formatNumber } from "../shared/words.ts";
import { evidenceFiles, hashOf } from "./demo.evidence.ts";
import { ALL_DEPENDENCIAS_REPORTS, DONE_TEMPLATES, NARRATIVES, PENDING } from "./demo.progress.data.ts";
import type { PlanCast, Reporter } from "./demo.responsables.ts";

export interface ProgressSetting {
  database: Database;
  storage: Storage;
  config: Config;
  cast: PlanCast;
}

export interface DemoPlan {
  id: string;
  title: string;
  year: number;
}

/** One period of one activity that one dependencia reports. */
export interface Slot {
  /** «3:1.4»: component 3, activity 1.4 (codes start again in every component). */
  key: string;
  /** «componente 3, actividad 1.4», for file names. */
  label: string;
  leaf: TreeNode;
  reporter: Reporter;
  period: PeriodLike & { endsOn: string };
  periodKey: string;
  periodIndex: number;
  seed: number;
}

const DAY_MS = 86_400_000;
/** Activities several dependencias share whose reports the demo shows side by side (two of them). */
const SHARED = new Set(["3:1.6", "3:2.7", "3:2.8", "4:1.1", "4:4.3", "5:1.3", "5:1.7"]);
export const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
export const minDay = (a: string, b: string) => (a < b ? a : b);
export const maxDay = (a: string, b: string) => (a > b ? a : b);
const pad = (n: number) => String(n).padStart(2, "0");
/** A moment of a Bogotá day. */
export const bogotaAt = (iso: string, hour: number, minute = 0) =>
  new Date(`${iso}T${pad(hour)}:${pad(minute)}:00-05:00`);
export const pick = <T>(items: readonly T[], seed: number): T => items[seed % items.length] as T;

/**
 * Every period (with an end date) of every activity, once per dependencia that reports it: the dependencias
 * named as responsables that have a responsable de plan, and for «Todas las dependencias» only the few the
 * demo says did report.
 */
export function slotsOf(tree: readonly TreeNode[], cast: PlanCast, year: number): Slot[] {
  const idOf = new Map([...cast.names].map(([id, name]) => [name, id]));
  const slots: Slot[] = [];
  for (const [index, component] of tree.entries()) {
    const componentCode = component.code ?? String(index + 1);
    for (const { leaf } of leavesOf([component])) {
      const key = `${componentCode}:${leaf.code ?? ""}`;
      const named = leaf.responsables.flatMap((r) => r.dependenciaIds);
      const forAll = leaf.responsables.some((r) => r.all)
        ? (ALL_DEPENDENCIAS_REPORTS[key] ?? []).map((name) => idOf.get(name) ?? "")
        : [];
      // Of several dependencias named together, one reports (two where the demo shows a shared activity):
      // the others are late every time, as in the offices' real matrices.
      const reporters = [
        ...[...new Set(named)]
          .flatMap((id) => {
            const reporter = cast.reporters.get(id);
            return reporter ? [reporter] : [];
          })
          .sort((a, b) => hashOf(`${key}|${a.dependencia}`) - hashOf(`${key}|${b.dependencia}`))
          .slice(0, SHARED.has(key) ? 2 : 1),
        ...forAll.flatMap((id) => {
          const reporter = named.includes(id) ? undefined : cast.reporters.get(id);
          return reporter ? [reporter] : [];
        }),
      ];
      for (const [periodIndex, period] of leaf.periods.entries()) {
        const endsOn = period.endsOn;
        if (!endsOn) continue;
        for (const reporter of reporters)
          slots.push({
            key,
            label: `componente ${componentCode}, actividad ${leaf.code ?? ""}`,
            leaf,
            reporter,
            period: { ...period, endsOn },
            periodKey: periodKeyOf(period),
            periodIndex,
            seed: hashOf(`${year}|${key}|${reporter.dependencia}|${periodIndex}`),
          });
      }
    }
  }
  return slots;
}

/** When a report is opened, sent and reviewed. */
export interface ReportTimes {
  openedAt: Date;
  /** Saved as a draft (with its files) before sending. */
  draftAt?: Date;
  /** Sent to planeación; left out, the report stays a draft. */
  sentAt?: Date;
  reviewedAt?: Date;
}

/**
 * A report's moments: sent a few days after its period ends (never before `readyOn`, the day the plan could
 * take reports, nor after `lastDay`), opened a few days before, reviewed within three days (by `lastDay`).
 */
export function timesOf(slot: Slot, readyOn: string, lastDay: string): ReportTimes {
  const { seed } = slot;
  const start = slot.period.startsOn ?? slot.period.endsOn;
  const sentDay = maxDay(minDay(addDays(slot.period.endsOn, seed % 5), addDays(lastDay, -1)), readyOn);
  const openDay = maxDay(maxDay(addDays(sentDay, -(1 + (seed % 4))), start), readyOn);
  const reviewDay = maxDay(minDay(addDays(sentDay, 1 + ((seed >>> 3) % 3)), lastDay), sentDay);
  // Opened 8–10, saved as a draft within the hour, sent from 11: the same day keeps that order.
  const openedAt = bogotaAt(minDay(openDay, sentDay), 8 + (seed % 2), (seed >>> 5) % 60);
  const sentAt = bogotaAt(sentDay, 11 + ((seed >>> 2) % 6), (seed >>> 7) % 60);
  const reviewedAt =
    reviewDay === sentDay
      ? new Date(sentAt.getTime() + 2 * 3_600_000)
      : bogotaAt(reviewDay, 8 + ((seed >>> 4) % 9), (seed >>> 9) % 60);
  const draftAt = (seed >>> 11) % 12 === 0 ? new Date(openedAt.getTime() + 40 * 60_000) : undefined;
  return { openedAt, draftAt, sentAt, reviewedAt };
}

/** 100 % most of the time, 60–90 % now and then. */
export const percentOf = (seed: number) => (seed % 10 < 7 ? 100 : 60 + ((seed >>> 4) % 4) * 10);

/**
 * What the form receives: the percentage, or — when the meta counts something — the quantity achieved so
 * far (a meta spread over several periods is reported as it accumulates: 1, then 2, then 3 informes).
 */
export function figuresOf(slot: Slot, percent: number, extra = 0) {
  const { leaf } = slot;
  if (countsQuantity(leaf) && leaf.metaQuantity !== null) {
    const meta = leaf.metaQuantity;
    const due = Math.max(1, Math.round((meta * (slot.periodIndex + 1)) / Math.max(1, leaf.periods.length)));
    const partial = Math.floor((due * percent) / 100);
    const quantity = (percent === 100 || partial === 0 ? due : partial) + extra;
    return {
      percent: null,
      quantity,
      complete: quantity >= due,
      text: `${formatNumber(quantity)} de ${formatNumber(meta)} (${leaf.metaUnit ?? "unidades"})`,
    };
  }
  return { percent, quantity: null, complete: percent === 100, text: `${percent} %` };
}

/** The office's own words for an activity, when the demo has them; since Ley 2195 de 2022 the PAAC is the PTEP. */
export function ownWords(key: string, year: number): string | undefined {
  return NARRATIVES[key]?.replaceAll("{plan}", `${year < 2023 ? "PAAC" : "PTEP"} ${year}`);
}

/** What the office writes: its own words where the demo has them, else around the product. */
export function narrativeOf(slot: Slot, year: number, figures: ReturnType<typeof figuresOf>): string {
  const own = ownWords(slot.key, year);
  const product = (slot.leaf.product ?? slot.leaf.meta ?? slot.leaf.text).trim();
  const done = own ?? pick(DONE_TEMPLATES, slot.seed >>> 3).replace("{product}", product);
  const quantity = figures.quantity === null ? "" : ` Cantidad lograda a la fecha: ${figures.text}.`;
  if (figures.complete) return `${done}${quantity}`;
  const begun = own ?? `Se avanzó en la actividad; producto en elaboración: ${product}`;
  return `${begun}${quantity} Avance parcial: ${pick(PENDING, slot.seed >>> 6)}.`;
}

export interface ReportStory {
  times: ReportTimes;
  percent: number;
  /** A quantity above the meta (OPGI validates it with a comment). */
  extra?: number;
  review?: { kind: "validar" | "devolver"; comment: string | null };
  /** After a return: the office corrects and sends again, and planeación validates. */
  again?: { narrative: string; sentAt: Date; validatedAt: Date; files: EvidenceUpload[] };
}

/** One report from opening to planeación's decision, each step at its moment. */
export async function fileReport(
  s: ProgressSetting,
  plan: DemoPlan,
  slot: Slot,
  story: ReportStory,
): Promise<string> {
  const db = s.database.db;
  const { reporter } = slot;
  const { times } = story;
  const depsAt = (at: Date) => ({
    database: s.database,
    storage: s.storage,
    config: s.config,
    clock: { now: () => at },
  });
  const report = await startReport(db, times.openedAt, reporter.audit, reporter.user, {
    planId: plan.id,
    itemId: slot.leaf.id,
    periodKey: slot.periodKey,
  });
  const figures = figuresOf(slot, story.percent, story.extra);
  const input = {
    percent: figures.percent,
    quantity: figures.quantity,
    narrative: narrativeOf(slot, plan.year, figures),
  };
  const writtenAt = times.draftAt ?? times.sentAt ?? times.openedAt;
  const files = await evidenceFiles(
    {
      title: `Informe de avance – actividad ${slot.leaf.code ?? ""}`,
      entity: s.config.entity.name,
      plan: plan.title,
      activity: `${slot.leaf.code ?? ""} ${slot.leaf.text}`.trim(),
      dependencia: reporter.dependencia,
      period: formatPeriod(slot.period),
      figures: figures.text,
      narrative: input.narrative,
      author: reporter.name,
      writtenOn: bogotaDay(writtenAt),
    },
    slot.label,
    slot.seed,
  );
  const save = async (at: Date, submit: boolean, uploads: typeof files, narrative = input.narrative) => {
    const changes = { ...input, narrative };
    const saved = await saveReport(depsAt(at), reporter.audit, reporter.user, report.id, changes, uploads, {
      submit,
    });
    if (!saved.ok)
      throw new Error(`demo report ${slot.key} refused: ${Object.values(saved.errors).join(" ")}`);
  };
  const sentAt = times.sentAt;
  if (times.draftAt || !sentAt)
    await save(times.draftAt ?? new Date(times.openedAt.getTime() + 3_600_000), false, files);
  if (sentAt) await save(sentAt, true, times.draftAt ? [] : files);
  const mail = { publicBaseUrl: s.config.publicBaseUrl };
  const planner = s.cast.planner;
  if (story.review && times.reviewedAt) {
    const { kind, comment } = story.review;
    if (kind === "validar") await validateReport(db, times.reviewedAt, planner, report.id, comment, mail);
    else await returnReport(db, times.reviewedAt, planner, report.id, comment ?? "", mail);
  }
  if (story.again) {
    await save(story.again.sentAt, true, story.again.files, `${input.narrative} ${story.again.narrative}`);
    await validateReport(db, story.again.validatedAt, planner, report.id, null, mail);
  }
  return report.id;
}
