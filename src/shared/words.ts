// Spanish (es-CO) counts and numbers through Intl, so no page writes «1 carnets» or «2.5 MB».
const pluralRules = new Intl.PluralRules("es-CO");
const integers = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 0 });
const decimals = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 1 });

/** Formats a number the Colombian way: 1.234 and 2,5. */
export function formatNumber(value: number, fractionDigits: 0 | 1 = 0): string {
  return (fractionDigits === 0 ? integers : decimals).format(value);
}

/** «1 carnet», «3 carnets», «1.200 personas»: the count followed by the noun in the right number. */
export function countOf(count: number, singular: string, plural: string): string {
  return `${formatNumber(count)} ${pluralRules.select(count) === "one" ? singular : plural}`;
}

/** Picks the singular or plural form of any phrase for a count, without the number. */
export function pluralize(count: number, singular: string, plural: string): string {
  return pluralRules.select(count) === "one" ? singular : plural;
}

/** File sizes in megabytes with a decimal comma: «12,4 MB». */
export function formatMegabytes(bytes: number): string {
  return `${decimals.format(bytes / 1_000_000)} MB`;
}

/** A phrase without its closing stop, so a sentence built around it never reads «..» or «.:». */
export function withoutFinalStop(text: string): string {
  return text.replace(/[\s.;:]+$/u, "");
}
