// Time: stored in UTC, shown in America/Bogota. A Clock lets tests move time.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const TIME_ZONE = "America/Bogota";

const dateTimeFormat = new Intl.DateTimeFormat("es-CO", {
  timeZone: TIME_ZONE,
  dateStyle: "long",
  timeStyle: "short",
});
const timeFormat = new Intl.DateTimeFormat("es-CO", { timeZone: TIME_ZONE, timeStyle: "short" });
const dateFormat = new Intl.DateTimeFormat("es-CO", { timeZone: TIME_ZONE, dateStyle: "long" });

/** «enero» … «diciembre», from Intl (es-CO), for month filters and messages about dates. */
export const MONTH_NAMES: readonly string[] = Array.from({ length: 12 }, (_, month) =>
  new Intl.DateTimeFormat("es-CO", { month: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(2026, month, 1)),
  ),
);

/** "22 de noviembre de 2026, 9:15 a. m." in Bogotá time. */
export const formatDateTime = (date: Date) => dateTimeFormat.format(date);
export const formatTime = (date: Date) => timeFormat.format(date);
export const formatDate = (date: Date) => dateFormat.format(date);

/**
 * Ends a sentence with a period unless it already ends with one: a date-time ends in «a. m.» or «p. m.»,
 * and `${formatDateTime(d)}.` would print «p. m..».
 */
export const endSentence = (text: string) => (text.endsWith(".") ? text : `${text}.`);

/** «29 de noviembre de 2026 a las 10:42 a. m., hora de Colombia»: when something happened, for the public. */
export const formatDateTimeInColombia = (date: Date) => `${dateTimeFormat.format(date)}, hora de Colombia`;

/** Parses "yyyy-mm-dd" as the start of that day in Bogotá (UTC−5, no daylight saving). */
export function startOfBogotaDay(isoDate: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return undefined;
  // JavaScript rolls 31 February over to 3 March; the database would refuse it. Only real days pass.
  const noon = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(noon.getTime()) || noon.toISOString().slice(0, 10) !== isoDate) return undefined;
  return new Date(`${isoDate}T00:00:00-05:00`);
}

const isoDayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar day ("yyyy-mm-dd") it is in Bogotá at that instant. */
export const bogotaDay = (date: Date) => isoDayFormat.format(date);

/** "yyyy-mm-dd" as "dd/mm/yyyy", the way dates are printed on cards and in lists. */
export function formatIsoDay(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}/${month}/${year}`;
}
