// The Programa de Transparencia y Ética Pública (PTEP) 2026 — the PAAC under Ley 2195 de 2022 — built from
// the shipped PAAC 2022 spreadsheet with its year changed, imported, approved in January and published; then
// this year's reports up to the day the demo is loaded: older periods mostly validated, the last month's
// waiting in planeación's queue, one report of the Secretaría de Salud returned and another in draft, some
// periods never reported. No follow-up: control interno's first cut is for whoever tries the demo.
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { createPlan, loadTree } from "../planes/plans/plans.service.ts";
import { bogotaDay } from "../shared/time.ts";
import { approve, day, importInto, type PlanSetting, publish } from "./demo.plans.steps.ts";
import { RETURNED_SALUD } from "./demo.progress.data.ts";
import {
  addDays,
  bogotaAt,
  type DemoPlan,
  fileReport,
  maxDay,
  minDay,
  type ProgressSetting,
  percentOf,
  type ReportStory,
  type Slot,
  slotsOf,
  timesOf,
} from "./demo.progress.ts";

export const PTEP_TITLE = "Programa de Transparencia y Ética Pública (PTEP) 2026";
const READY_ON = "2026-01-30";
/** Sent in the last month before the load day: still in planeación's queue. */
const QUEUE_DAYS = 30;

/** The shipped PAAC 2022 workbook with every 2022 (texts and dates) made 2026. */
export async function ptepWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(new URL("./plans/paac-2022.xlsx", import.meta.url))) as never);
  workbook.eachSheet((sheet) => {
    sheet.name = sheet.name.replaceAll("2022", "2026");
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const value = cell.value;
        if (typeof value === "string") cell.value = value.replaceAll("2022", "2026");
        else if (value instanceof Date && value.getUTCFullYear() === 2022)
          cell.value = new Date(Date.UTC(2026, value.getUTCMonth(), value.getUTCDate()));
      }),
    );
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The plan itself, as OPGI set it up in January. */
export async function createPtep(s: PlanSetting): Promise<DemoPlan> {
  const plan = await createPlan(s.database.db, day("2026-01-13"), s.audit, {
    typeKey: "paac",
    year: 2026,
    ownerDependenciaId: s.ownerId,
    title: PTEP_TITLE,
  });
  await importInto(s, plan.id, await ptepWorkbook(), "Anexo 1 PTEP 2026.xlsx", day("2026-01-20"));
  await approve(s, plan.id, "2026-01-27", "Acta 002 de 2026");
  await publish(s, plan.id, day(READY_ON), false);
  return { id: plan.id, title: plan.title, year: 2026 };
}

/**
 * How each period went by the load day `today`. Reports are never dated after it: loaded early in the year,
 * the plan has few reports; loaded in 2027, every 2026 period has ended and the queue holds the last ones.
 */
function storiesOf(slots: Slot[], today: string, saludId: string | undefined) {
  const horizon = minDay(today, "2027-01-15");
  const queueFrom = addDays(horizon, -QUEUE_DAYS);
  const lastDay = addDays(today, -1);
  const stories: { slot: Slot; story: ReportStory }[] = [];
  if (lastDay <= READY_ON) return stories;
  const started = slots.filter((s) => (s.period.startsOn ?? s.period.endsOn) < today);
  const salud = started
    .filter((s) => s.reporter.dependenciaId === saludId)
    .sort((a, b) => a.period.endsOn.localeCompare(b.period.endsOn));
  // Salud: one report returned (the earliest period), one in draft (one under way), the rest by the rule.
  const returned = salud.find((s) => addDays(s.period.startsOn ?? s.period.endsOn, 10) < today);
  const draft =
    salud.find((s) => s !== returned && s.period.endsOn >= today) ?? salud.find((s) => s !== returned);
  const saludEnded = salud.filter((s) => s !== returned && s !== draft && s.period.endsOn < queueFrom);
  for (const slot of started) {
    const ends = slot.period.endsOn;
    const percent = percentOf(slot.seed);
    if (slot === returned) {
      const sentDay = maxDay(minDay(addDays(ends, 2), addDays(today, -5)), READY_ON);
      const times = {
        openedAt: bogotaAt(addDays(sentDay, -2), 9),
        sentAt: bogotaAt(sentDay, 15),
        reviewedAt: bogotaAt(minDay(addDays(sentDay, 2), lastDay), 10),
      };
      const comment = RETURNED_SALUD.replace("{year}", "2026");
      stories.push({ slot, story: { times, percent: 100, review: { kind: "devolver", comment } } });
    } else if (slot === draft) {
      const openDay = maxDay(addDays(today, -2), maxDay(READY_ON, slot.period.startsOn ?? READY_ON));
      stories.push({
        slot,
        story: { times: { openedAt: bogotaAt(minDay(openDay, lastDay), 10) }, percent: 60 },
      });
    } else if (ends < queueFrom) {
      // Salud reported every other period that ended; the other dependencias three in four.
      const skip =
        slot.reporter.dependenciaId === saludId ? saludEnded.indexOf(slot) % 2 === 1 : slot.seed % 4 === 0;
      if (skip) continue;
      const times = timesOf(slot, READY_ON, minDay(addDays(ends, 8), lastDay));
      stories.push({ slot, story: { times, percent, review: { kind: "validar", comment: null } } });
    } else if (ends < today && slot.reporter.dependenciaId !== saludId) {
      const { openedAt, draftAt, sentAt } = timesOf(slot, READY_ON, lastDay);
      stories.push({ slot, story: { times: { openedAt, draftAt, sentAt }, percent } });
    }
  }
  return stories.sort(
    (a, b) =>
      (a.story.times.sentAt ?? a.story.times.openedAt).getTime() -
      (b.story.times.sentAt ?? b.story.times.openedAt).getTime(),
  );
}

/** This year's reports of the PTEP up to `at`; returns how many. */
export async function tellPtepProgress(s: ProgressSetting, plan: DemoPlan, at: Date): Promise<number> {
  const tree = await loadTree(s.database.db, plan.id);
  const saludId = [...s.cast.names].find(([, name]) => name === "Secretaría de Salud")?.[0];
  const stories = storiesOf(slotsOf(tree, s.cast, plan.year), bogotaDay(at), saludId);
  for (const { slot, story } of stories) await fileReport(s, plan, slot, story);
  return stories.length;
}
