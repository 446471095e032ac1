// The PAAC 2022's year of progress, told in order: before each cut (30 April, 31 August, 31 December) the
// offices report the periods that ended in that stretch and planeación reviews them; a few days after the
// cut control interno runs its follow-up and publishes it — the December one a day late. One report is
// returned and never corrected, one is corrected the same week, some periods are never reported.
import { publicationDueOn } from "../planes/followups/cuts.rules.ts";
import { loadTree } from "../planes/plans/plans.service.ts";
import { formatIsoDay } from "../shared/time.ts";
import { progressPdf } from "./demo.evidence.ts";
import { type CutStory, runFollowup } from "./demo.followups.ts";
import { CORRECTED_2022, OVER_META, RETURNED_2022 } from "./demo.progress.data.ts";
import {
  addDays,
  bogotaAt,
  type DemoPlan,
  fileReport,
  type ProgressSetting,
  percentOf,
  type ReportStory,
  type Slot,
  slotsOf,
  timesOf,
} from "./demo.progress.ts";

/** The stretches of 2022: reports of periods ending after `after` and by `upTo`, all reviewed by `lastDay`. */
export const STRETCHES_2022 = [
  { after: "2021-12-31", upTo: "2022-04-30", readyOn: "2022-01-31", lastDay: "2022-05-03" },
  { after: "2022-04-30", upTo: "2022-08-31", readyOn: "2022-05-02", lastDay: "2022-09-02" },
  { after: "2022-08-31", upTo: "2022-12-31", readyOn: "2022-09-01", lastDay: "2023-01-04" },
] as const;

/** OCI's three follow-ups: the first two published before their due date, the last one a day after it. */
export const CUTS_2022: readonly CutStory[] = [
  {
    cutOn: "2022-04-30",
    openOn: "2022-05-04",
    closeOn: "2022-05-10",
    publishOn: "2022-05-12",
    publicFiles: 2,
  },
  {
    cutOn: "2022-08-31",
    openOn: "2022-09-05",
    closeOn: "2022-09-09",
    publishOn: "2022-09-13",
    publicFiles: 2,
  },
  {
    cutOn: "2022-12-31",
    openOn: "2023-01-05",
    closeOn: "2023-01-13",
    publishOn: addDays(publicationDueOn("2022-12-31"), 1),
    publicFiles: 1,
  },
];

/** The first period of that activity (its one reporting dependencia: see slotsOf). */
const isSpecial = (slot: Slot, special: { key: string }) =>
  slot.key === special.key && slot.periodIndex === 0;

/** How one report of 2022 goes; undefined for a period the office never reported. */
async function storyOf(
  slot: Slot,
  stretch: (typeof STRETCHES_2022)[number],
  plan: DemoPlan & { entity: string },
): Promise<ReportStory | undefined> {
  const times = timesOf(slot, stretch.readyOn, stretch.lastDay);
  const percent = percentOf(slot.seed);
  const validate = {
    kind: "validar" as const,
    comment: percent < 100 && slot.seed % 2 ? "Se valida el avance parcial reportado." : null,
  };
  if (isSpecial(slot, RETURNED_2022))
    return { times, percent: 100, review: { kind: "devolver", comment: RETURNED_2022.comment } };
  if (isSpecial(slot, CORRECTED_2022)) {
    const ends = slot.period.endsOn;
    const sentAt = bogotaAt(ends, 16);
    const again = addDays(ends, 3);
    return {
      times: { openedAt: bogotaAt(ends, 9), sentAt, reviewedAt: bogotaAt(addDays(ends, 3), 9, 30) },
      percent: 100,
      review: { kind: "devolver", comment: CORRECTED_2022.comment },
      again: {
        narrative: CORRECTED_2022.again,
        sentAt: bogotaAt(again, 15),
        validatedAt: bogotaAt(addDays(again, 1), 10),
        files: [
          {
            fileName: "Acta de apertura del buzón de sugerencias.pdf",
            bytes: await progressPdf({
              title: "Acta de apertura del buzón de sugerencias",
              entity: plan.entity,
              plan: plan.title,
              activity: `${slot.leaf.code ?? ""} ${slot.leaf.text}`,
              dependencia: slot.reporter.dependencia,
              period: formatIsoDay(ends),
              figures: "1 acta",
              narrative:
                "En presencia de la Oficina de Control Interno de Gestión se abrieron los buzones de sugerencias de los puntos de atención; se encontraron 14 sugerencias, 3 felicitaciones y 2 quejas, que se radicaron para su trámite.",
              author: slot.reporter.name,
              writtenOn: ends,
            }),
          },
        ],
      },
    };
  }
  if (slot.key === OVER_META.key)
    return {
      times,
      percent: 100,
      extra: OVER_META.extra,
      review: { kind: "validar", comment: OVER_META.comment },
    };
  if (slot.seed % 6 === 0) return undefined;
  return { times, percent, review: validate };
}

/** The reports of one stretch, in the order they were sent. */
export async function reportStretch(
  s: ProgressSetting,
  plan: DemoPlan,
  stretch: (typeof STRETCHES_2022)[number],
): Promise<number> {
  const tree = await loadTree(s.database.db, plan.id);
  const stories: { slot: Slot; story: ReportStory }[] = [];
  for (const slot of slotsOf(tree, s.cast, plan.year)) {
    if (slot.period.endsOn <= stretch.after || slot.period.endsOn > stretch.upTo) continue;
    const story = await storyOf(slot, stretch, { ...plan, entity: s.config.entity.name });
    if (story) stories.push({ slot, story });
  }
  stories.sort((a, b) => (a.story.times.sentAt?.getTime() ?? 0) - (b.story.times.sentAt?.getTime() ?? 0));
  for (const { slot, story } of stories) await fileReport(s, plan, slot, story);
  return stories.length;
}

/** The stretch up to a cut and, when control interno's account is there, the cut's follow-up. */
export async function tellStretch(s: ProgressSetting, plan: DemoPlan, index: 0 | 1 | 2) {
  const stretch = STRETCHES_2022[index];
  const cut = CUTS_2022[index];
  const filed = await reportStretch(s, plan, stretch);
  if (s.cast.oci && cut) await runFollowup(s, s.cast.oci, plan, cut);
  return filed;
}
