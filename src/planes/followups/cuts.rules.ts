// OCI's follow-up calendar (docs/DOMAIN.md, «Planes», Progress): the cuts of a plan type within a year and
// the publication deadline of each report — the first ten business days of the month after the cut, with
// Colombia's holidays (Ley 51 de 1983, the «Ley Emiliani» Mondays included) from `colombian-holidays`.
import { isHoliday } from "colombian-holidays";
import { MONTH_NAMES } from "../../shared/time.ts";

/** Business days after the cut's month starts within which the report must be on the website. */
export const PUBLICATION_BUSINESS_DAYS = 10;

const iso = (date: Date) => date.toISOString().slice(0, 10);
const utc = (isoDay: string) => new Date(`${isoDay}T00:00:00Z`);

/** A weekday that is not a Colombian holiday. */
export function isBusinessDay(isoDay: string): boolean {
  const date = utc(isoDay);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !isHoliday(date);
}

/** The n-th business day of the month that follows the cut ("YYYY-MM-DD"). */
export function publicationDueOn(cutOn: string, businessDays = PUBLICATION_BUSINESS_DAYS): string {
  const cut = utc(cutOn);
  const day = new Date(Date.UTC(cut.getUTCFullYear(), cut.getUTCMonth() + 1, 1));
  let counted = 0;
  for (;;) {
    if (isBusinessDay(iso(day))) counted++;
    if (counted === businessDays) return iso(day);
    day.setUTCDate(day.getUTCDate() + 1);
  }
}

/**
 * Business days left from `today` to `dueOn`: those after today up to and including the due day (0 on the
 * due day itself, negative once it has passed, counting the business days since).
 */
export function businessDaysUntil(today: string, dueOn: string): number {
  if (today === dueOn) return 0;
  const [from, to, sign] = today < dueOn ? [today, dueOn, 1] : [dueOn, today, -1];
  const day = utc(from);
  let counted = 0;
  for (;;) {
    day.setUTCDate(day.getUTCDate() + 1);
    const current = iso(day);
    if (current > to) break;
    if (isBusinessDay(current)) counted++;
  }
  return sign * counted;
}

/** The cut dates of a year from the type's calendar ("MM-DD" values), in order. */
export function cutsOfYear(year: number, calendar: readonly string[]): string[] {
  return [...calendar].sort().map((monthDay) => `${year}-${monthDay}`);
}

/** A calendar an administrator typed ("04-30, 08-31, 12-31"): a problem in Spanish, or undefined. */
export function calendarProblem(calendar: readonly string[]): string | undefined {
  if (calendar.length === 0) return "Indique al menos una fecha de corte.";
  for (const monthDay of calendar) {
    const match = /^(\d{2})-(\d{2})$/.exec(monthDay);
    const date = match && utc(`2023-${monthDay}`);
    if (!match || !date || Number.isNaN(date.getTime()) || iso(date) !== `2023-${monthDay}`)
      return `«${monthDay}» no es una fecha de corte válida: escríbala como mes-día, por ejemplo 04-30.`;
  }
  if (new Set(calendar).size !== calendar.length) return "Hay fechas de corte repetidas.";
  return undefined;
}

/** The period a cut covers: from the day after the previous cut of the year (or 1 January) to the cut. */
export function cutPeriod(cutOn: string, calendar: readonly string[]): { from: string; to: string } {
  const year = Number(cutOn.slice(0, 4));
  const earlier = cutsOfYear(year, calendar).filter((c) => c < cutOn);
  const previous = earlier.at(-1);
  if (!previous) return { from: `${year}-01-01`, to: cutOn };
  const from = utc(previous);
  from.setUTCDate(from.getUTCDate() + 1);
  return { from: iso(from), to: cutOn };
}

/** «Enero a abril de 2022», as the follow-up's «Periodo» reads. */
export function cutPeriodLabel(cutOn: string, calendar: readonly string[]): string {
  const { from, to } = cutPeriod(cutOn, calendar);
  const first = MONTH_NAMES[Number(from.slice(5, 7)) - 1] ?? "";
  const last = MONTH_NAMES[Number(to.slice(5, 7)) - 1] ?? "";
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return first === last
    ? `${capital(first)} de ${to.slice(0, 4)}`
    : `${capital(first)} a ${last} de ${to.slice(0, 4)}`;
}
