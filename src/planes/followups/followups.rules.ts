// Pure rules of OCI's follow-up (seguimiento): the state of each cut of a plan's year, when a follow-up may
// be opened, the warnings about the publication deadline, which activities a cut covers, what the offices
// reported up to it, and the report frozen at closing. The services load the rows; nothing here reads them.

import { formatDate, startOfBogotaDay } from "../../shared/time.ts";
import { formatPeriod } from "../plans/plans.rules.ts";
import { headingOf, leavesOf, type TreeNode } from "../plans/tree.rules.ts";
import { periodKeyOf } from "../progress/progress.types.ts";
import { type CountedReport, periodProgress, rollUpLeaves } from "../progress/rollup.rules.ts";
import { type Zones, zoneOf } from "../progress/zones.rules.ts";
import { businessDaysUntil, cutPeriodLabel, cutsOfYear } from "./cuts.rules.ts";
import type {
  FollowupEvidence,
  FollowupReport,
  FollowupReportComponent,
  FollowupReportRow,
  FollowupStatus,
} from "./followups.types.ts";

/** Business days before the due date from which OCI is warned (and the page says «Vence el …»). */
export const DEADLINE_WARNING_BUSINESS_DAYS = 3;

/** A cut of the plan's year: before its day (pendiente), ready to open (disponible), or its follow-up's status. */
export type CutState = "pendiente" | "disponible" | FollowupStatus;

export const CUT_STATE_LABELS: Record<CutState, string> = {
  pendiente: "Aún no llega el corte",
  disponible: "Puede abrirse",
  abierto: "En curso",
  cerrado: "Cerrado, sin publicar",
  publicado: "Publicado",
};

/** «30 de abril de 2026». */
export function dayText(isoDay: string): string {
  const start = startOfBogotaDay(isoDay);
  return start ? formatDate(start) : isoDay;
}

export function cutState(cutOn: string, today: string, followup?: { status: FollowupStatus }): CutState {
  if (followup) return followup.status;
  return today < cutOn ? "pendiente" : "disponible";
}

/**
 * Why a follow-up of this cut cannot be opened, in Spanish; undefined when it can. `approved` says whether
 * any version of the plan was ever approved (a borrador that never was has nothing to follow up).
 */
export function openProblem(input: {
  cutOn: string;
  today: string;
  year: number;
  calendar: readonly string[];
  approved: boolean;
  taken: boolean;
}): string | undefined {
  if (!cutsOfYear(input.year, input.calendar).includes(input.cutOn))
    return "Esa fecha no es un corte del calendario de este tipo de plan. Elija un corte de la lista.";
  if (!input.approved)
    return "Este plan está en borrador y nunca ha sido aprobado: no hay nada que seguir todavía.";
  if (input.taken)
    return `Ya existe un seguimiento del corte del ${dayText(input.cutOn)}: no se abre otro del mismo corte.`;
  if (input.today < input.cutOn)
    return `El corte es el ${dayText(input.cutOn)}; podrá abrir el seguimiento desde ese día.`;
  return undefined;
}

/** Whether OCI must be warned: the due date is within three business days, or has passed. */
export function deadlineNear(dueOn: string, today: string): boolean {
  return today > dueOn || businessDaysUntil(today, dueOn) <= DEADLINE_WARNING_BUSINESS_DAYS;
}

/** «Vence el …» / «Venció el …» for a report not yet published; undefined when there is nothing to say. */
export function deadlineWarning(
  dueOn: string,
  today: string,
  status: FollowupStatus | "disponible" | "pendiente",
): { overdue: boolean; text: string } | undefined {
  if (status === "publicado" || status === "pendiente") return undefined;
  if (today > dueOn)
    return { overdue: true, text: `Venció el ${dayText(dueOn)}: publique el informe cuanto antes.` };
  if (!deadlineNear(dueOn, today)) return undefined;
  const left = businessDaysUntil(today, dueOn);
  const rest =
    left === 0
      ? "hoy es el último día hábil"
      : left === 1
        ? "queda 1 día hábil"
        : `quedan ${left} días hábiles`;
  return { overdue: false, text: `Vence el ${dayText(dueOn)}: ${rest} para publicar el informe.` };
}

/** Whether a period was scheduled to start by the cut (one with only an end date counts on that date). */
const startsBy = (period: TreeNode["periods"][number], cutOn: string) => {
  const start = period.startsOn ?? period.endsOn;
  return start !== null && start <= cutOn;
};

/** The tree narrowed to the activities scheduled up to the cut: a period starting on or before it. */
export function scheduledUpTo(nodes: readonly TreeNode[], cutOn: string): TreeNode[] {
  const prune = (list: readonly TreeNode[]): TreeNode[] =>
    list.flatMap((node) => {
      if (node.children.length === 0)
        return node.level > 1 && node.periods.some((p) => startsBy(p, cutOn)) ? [node] : [];
      const children = prune(node.children);
      return children.length > 0 ? [{ ...node, children }] : [];
    });
  return prune(nodes);
}

/**
 * What the offices reported (validated) for an activity up to the cut: the average of its periods that
 * started by the cut, each combining its dependencias as the roll-up does; null when nothing of those
 * periods was validated.
 */
export function reportedAtCut(leaf: TreeNode, validated: readonly CountedReport[], cutOn: string) {
  const periods = leaf.periods.filter((p) => startsBy(p, cutOn));
  const keys = new Set(periods.map(periodKeyOf));
  if (!validated.some((r) => keys.has(r.periodKey))) return null;
  const values = periods.map((period) =>
    periodProgress(
      leaf,
      validated.filter((r) => r.periodKey === periodKeyOf(period)),
    ),
  );
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** One decimal, as the pages and files show percentages. */
export const roundPercent = (value: number) => Math.round(value * 10) / 10;

export interface VerificationLike {
  itemId: string;
  verifiedPercent: number;
  realized: string | null;
  observations: string | null;
}

/** «1.1 Socializar la política…»: the activity with its code, as the matrix writes it. */
export const activityCell = (row: Pick<FollowupReportRow, "code" | "activity">) =>
  row.code ? `${row.code} ${row.activity}` : row.activity;

const unique = (values: string[]) => [...new Set(values.filter((v) => v.trim() !== ""))];

/**
 * The matrix OCI publishes, from the activities scheduled up to the cut and OCI's verification of each:
 * scores per component and for the plan rolled up from the verified percentages (weighted where weights
 * exist), zones from the plan type. An activity not verified counts 0 (closing requires all verified).
 */
export function buildFollowupReport(input: {
  entity: string;
  plan: FollowupReport["plan"];
  levelNames: readonly [string, string, string];
  cutOn: string;
  calendar: readonly string[];
  followupOn: string;
  zones: Zones;
  scheduled: readonly TreeNode[];
  verifications: ReadonlyMap<string, VerificationLike>;
  reported: ReadonlyMap<string, number | null>;
  evidence: FollowupEvidence[];
}): FollowupReport {
  const { zones, verifications } = input;
  const rolled = rollUpLeaves(
    input.scheduled,
    (leaf) => {
      const found = verifications.get(leaf.id);
      return found ? { progress: found.verifiedPercent, expected: null } : undefined;
    },
    zones,
  );
  const components: FollowupReportComponent[] = input.scheduled.map((component) => {
    const rows = leavesOf([component]).map(({ leaf, parents }): FollowupReportRow => {
      const verified = verifications.get(leaf.id);
      const middle = parents.find((p) => p.level === 2);
      const percent = roundPercent(verified?.verifiedPercent ?? 0);
      const reported = input.reported.get(leaf.id);
      return {
        itemId: leaf.id,
        code: leaf.code,
        subcomponent: middle ? headingOf(middle, input.levelNames[1]) : "",
        activity: leaf.text,
        realized: verified?.realized ?? "",
        meta: unique([leaf.product ?? "", leaf.meta ?? ""]).join(" / "),
        responsable: unique(leaf.responsables.flatMap((r) => r.names)).join(", "),
        scheduled: leaf.periods.map(formatPeriod).join("; "),
        percent,
        reported: reported === null || reported === undefined ? null : roundPercent(reported),
        zone: zoneOf(percent, zones),
        observations: verified?.observations ?? "",
      };
    });
    const score = roundPercent(rolled.byNode.get(component.id)?.progress ?? 0);
    return {
      code: component.code,
      name: headingOf(component, input.levelNames[0]),
      score,
      zone: zoneOf(score, zones),
      rows,
    };
  });
  const score = roundPercent(rolled.plan?.progress ?? 0);
  return {
    entity: input.entity,
    plan: input.plan,
    cutOn: input.cutOn,
    periodLabel: cutPeriodLabel(input.cutOn, input.calendar),
    followupOn: input.followupOn,
    zones,
    components,
    score,
    zone: zoneOf(score, zones),
    evidence: input.evidence,
  };
}

/** The activities of the cut without OCI's verification, in reading order: what keeps it from closing. */
export function unverified(scheduled: readonly TreeNode[], verified: ReadonlySet<string>): TreeNode[] {
  return leavesOf(scheduled)
    .map(({ leaf }) => leaf)
    .filter((leaf) => !verified.has(leaf.id));
}

/** Whether the report was published after its due date (both compared as Bogotá days). */
export const publishedLate = (publishedDay: string, dueOn: string) => publishedDay > dueOn;
